//! The rebuild engine of `coverguide serve`: the last good site in memory,
//! and how an edit updates it.
//!
//! What an edit affects, and so what a rebuild redoes:
//! - load re-reads and re-parses only the files the watcher named, without
//!   walking the catalog; a created, removed or renamed path (or one the last
//!   walk did not see) walks it again, re-reading the files whose time or
//!   length changed ([`load::load_changed`]);
//! - validate re-checks the edited states and the national folder, and takes
//!   every other state from the last good validation
//!   ([`crate::validate::validate_changed`]); on any problem, and after a
//!   national, crosswalk or configuration edit, it checks the whole catalog;
//! - render renders the pages at the site root and in national folders, and
//!   the pages of the states whose files changed ([`render::Scope`]); the
//!   other states' pages are kept from the last good build. Of an edited
//!   state, the pages of services equal before and after are kept, and of the
//!   national code pages only those of the changed services' codes are
//!   rendered ([`narrow`]). A change to a national file or to the theme
//!   renders every page;
//! - the downloads, search data and side-by-side comparison data, made from
//!   the whole catalog, and `sitemap.xml` and `robots.txt`, which list every
//!   page, are made on a worker thread after the pages are served
//!   ([`DataJob`]); a request for one waits for it.
//!
//! The result is the same site, byte for byte, as `render::render` on a fresh
//! load (`tests/serve.rs` holds the engine to it).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::load;
use crate::model::Catalog;
use crate::render::{self, BaseUrl, OutputFile, Scope, Theme};

/// A file of the served site.
pub type Bytes = Arc<Vec<u8>>;

/// What changed since the last build, as the watcher reported it.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Changed paths (files or folders) under the catalog folder.
    pub catalog: Vec<PathBuf>,
    /// Whether anything in the theme folder changed.
    pub theme: bool,
    /// A path was created, removed or renamed (or the watcher could not say
    /// what happened): the catalog is walked again. Without it, the paths in
    /// `catalog` are files whose content changed, and only they are re-read
    /// (a path the last walk did not see still makes load walk again).
    pub structure: bool,
    /// The watcher lost track (or this is the first build): redo everything.
    pub everything: bool,
}

/// One problem for the terminal and the browser overlay.
#[derive(Debug, Clone)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// As the terminal shows it: the header, the source line and a caret.
    pub rendered: String,
}

/// How one rebuild went.
#[derive(Debug)]
pub struct Outcome {
    pub millis: f64,
    /// Catalog files read and parsed again.
    pub files_parsed: usize,
    /// Whether load walked the catalog (otherwise it re-read only the files
    /// the watcher named).
    pub walked: bool,
    /// Whether validation checked every state (otherwise only the edited ones,
    /// with the national files and the catalog-wide ids).
    pub validated_all: bool,
    /// Pages in the render's scope whose context changed, rendered by Tera.
    pub pages_rendered: usize,
    /// Pages in the render's scope whose context did not change, kept as they were.
    pub pages_kept: usize,
    /// Parts of the rendered pages (a guide's sections, a national code
    /// page's rows of one state) whose view changed, rendered by Tera.
    pub parts_rendered: usize,
    /// Parts of the rendered pages whose view did not change, kept as they were.
    pub parts_kept: usize,
    /// `None` when every state's pages were rendered.
    pub states_rendered: Option<BTreeSet<String>>,
    /// The catalog or theme problems, if the build failed.
    pub problems: Option<Vec<Problem>>,
    /// Milliseconds spent in each step: load, validate, render, merge.
    pub stages: Vec<(&'static str, f64)>,
}

/// A successful build's pages and the catalog they came from.
pub struct Built {
    /// Pages, the small files beside them, and static files, by site path.
    pub pages: HashMap<String, Bytes>,
    pub catalog: Arc<Catalog>,
    base_url: Option<BaseUrl>,
}

impl Built {
    /// What the worker thread needs to make this build's data files.
    pub fn data_job(&self) -> DataJob {
        let mut html_paths: Vec<String> = self.pages.keys().filter(|p| p.ends_with("index.html")).cloned().collect();
        html_paths.sort_unstable();
        DataJob { catalog: self.catalog.clone(), base_url: self.base_url.clone(), html_paths }
    }
}

/// A build's data files to make: the downloads, the search data, the
/// side-by-side comparison's data, and `sitemap.xml` and `robots.txt` (which
/// list every page).
pub struct DataJob {
    catalog: Arc<Catalog>,
    base_url: Option<BaseUrl>,
    html_paths: Vec<String>,
}

impl DataJob {
    pub fn run(&self) -> Result<HashMap<String, Bytes>, Vec<Problem>> {
        let paths: Vec<&str> = self.html_paths.iter().map(String::as_str).collect();
        let meta = render::site_meta(&self.catalog, self.base_url.as_ref(), &paths);
        match render::render_data(&self.catalog) {
            Ok(files) => Ok(files.into_iter().chain(meta).map(|f| (f.path, Arc::new(f.bytes))).collect()),
            Err(e) => Err(problems(&e)),
        }
    }
}

pub struct Engine {
    /// The catalog folder as the user named it: diagnostics show paths under it.
    catalog_dir: PathBuf,
    /// The same folder as an absolute path, as the watcher reports changes.
    watch_root: PathBuf,
    theme_dir: Option<PathBuf>,
    base_url: Option<BaseUrl>,
    cache: load::Cache,
    /// Catalog files changed since the last load, as `catalog_dir` paths;
    /// `None`: walk the whole catalog.
    changed: Option<Vec<PathBuf>>,
    theme: Option<Arc<Theme>>,
    /// States whose pages must be rendered by the next successful build
    /// (edits pile up here while the catalog is broken); `None`: all.
    pending: Option<BTreeSet<String>>,
    theme_dirty: bool,
    last: Option<Built>,
    /// Rendered pages with the hash of their context, to skip unchanged ones.
    reuse: render::Reuse,
    /// The last good validation's state models, to re-check only edited states.
    memo: crate::validate::Memo,
}

impl Engine {
    pub fn new(catalog_dir: PathBuf, theme_dir: Option<PathBuf>, base_url: Option<BaseUrl>) -> Engine {
        let watch_root = std::path::absolute(&catalog_dir).unwrap_or_else(|_| catalog_dir.clone());
        Engine {
            catalog_dir,
            watch_root,
            theme_dir,
            base_url,
            cache: load::Cache::default(),
            changed: None,
            theme: None,
            pending: None,
            theme_dirty: true,
            last: None,
            reuse: render::Reuse::default(),
            memo: crate::validate::Memo::default(),
        }
    }

    /// The last good build, if any.
    pub fn last(&self) -> Option<&Built> {
        self.last.as_ref()
    }

    /// Rebuilds after `changes`. On success the new pages replace the last
    /// good build; on failure it is kept and the problems are returned.
    pub fn rebuild(&mut self, changes: &Changes) -> Outcome {
        let start = Instant::now();
        self.note(changes);
        let mut outcome = Outcome {
            millis: 0.0,
            files_parsed: 0,
            walked: false,
            validated_all: false,
            pages_rendered: 0,
            parts_rendered: 0,
            parts_kept: 0,
            pages_kept: 0,
            states_rendered: None,
            problems: None,
            stages: Vec::new(),
        };
        match self.try_rebuild(&mut outcome) {
            Ok(()) => {}
            Err(e) => outcome.problems = Some(problems(&e)),
        }
        outcome.millis = start.elapsed().as_secs_f64() * 1000.0;
        outcome
    }

    fn note(&mut self, changes: &Changes) {
        if changes.everything {
            self.cache.clear();
            self.pending = None;
            self.theme_dirty = true;
        }
        if changes.everything || changes.structure {
            self.changed = None;
        }
        if changes.theme {
            self.theme_dirty = true;
            self.pending = None;
        }
        for path in &changes.catalog {
            let rel = path.strip_prefix(&self.watch_root).unwrap_or(path);
            let path = self.catalog_dir.join(rel);
            self.cache.forget(&path);
            if let Some(c) = self.changed.as_mut()
                && !c.contains(&path)
            {
                c.push(path);
            }
            match state_of(rel) {
                Some(st) => {
                    if let Some(p) = self.pending.as_mut() {
                        p.insert(st);
                    }
                }
                None => self.pending = None,
            }
        }
    }

    fn try_rebuild(&mut self, outcome: &mut Outcome) -> Result<(), Error> {
        if self.theme_dirty || self.theme.is_none() {
            self.theme = Some(Arc::new(Theme::load(self.theme_dir.as_deref())?));
            self.theme_dirty = false;
            self.pending = None;
            self.reuse.clear();
        }
        let theme = self.theme.clone().expect("theme loaded above");
        let mut t = Instant::now();
        let mut lap = |outcome: &mut Outcome, name: &'static str| {
            outcome.stages.push((name, t.elapsed().as_secs_f64() * 1000.0));
            t = Instant::now();
        };
        let changed = self.changed.replace(Vec::new());
        let (raw, texts, diags) = load::load_changed(&self.catalog_dir, &mut self.cache, changed.as_deref());
        outcome.files_parsed = self.cache.parsed;
        outcome.walked = self.cache.walked;
        lap(outcome, "load");
        let catalog = crate::validate::validate_changed(raw, diags, self.pending.as_ref(), &mut self.memo)
            .map_err(|d| Error::Invalid(d, texts))?;
        outcome.validated_all = !self.memo.partial;
        lap(outcome, "validate");
        // Without a previous build there is nothing to keep: render every state.
        let states = if self.last.is_some() { self.pending.clone() } else { None };
        let scope = match (&states, &self.last) {
            (Some(st), Some(last)) => narrow(&last.catalog, &catalog, st),
            _ => Scope::all(),
        };
        let files =
            render::render_pages_reusing(&catalog, &theme, self.base_url.as_ref(), &scope, Some(&mut self.reuse))?;
        outcome.pages_rendered = self.reuse.rendered.len();
        outcome.pages_kept = self.reuse.kept.len();
        (outcome.parts_rendered, outcome.parts_kept) = self.reuse.part_counts();
        lap(outcome, "render");
        outcome.states_rendered = states;
        let mut pages = match self.last.take() {
            Some(last) => last.pages,
            None => HashMap::new(),
        };
        // Drop what this render replaces, and the pages of states that are gone.
        let live: std::collections::HashSet<&str> = catalog.states.keys().map(|k| k.as_str()).collect();
        pages.retain(|path, _| !scope.contains(path) && render::state_of_path(path).is_none_or(|st| live.contains(st)));
        for (path, bytes) in self.reuse.kept.drain(..).chain(self.reuse.rendered.drain(..)) {
            pages.insert(path, bytes);
        }
        for OutputFile { path, bytes } in files {
            pages.insert(path, Arc::new(bytes));
        }
        // The sitemap and robots.txt list every page: they are made with the
        // data files, after the merge.
        self.last = Some(Built { pages, catalog: Arc::new(catalog), base_url: self.base_url.clone() });
        self.pending = Some(BTreeSet::new());
        lap(outcome, "merge");
        Ok(())
    }
}

/// What to render after an edit to the files of `states` only (no national
/// file, crosswalk, configuration or theme changed since `old` was built):
/// those states' pages, except the pages of services equal in `old` and `new`
/// in a state whose other parts are equal too; and of the national code
/// pages, those of the codes of the services that differ (of every service
/// of a state whose other parts differ), before and after.
fn narrow(old: &Catalog, new: &Catalog, states: &BTreeSet<String>) -> Scope {
    let mut codes = BTreeSet::new();
    let mut kept = BTreeSet::new();
    let find = |c: &'_ Catalog, st: &str| c.states.iter().find(|(k, _)| k.as_str() == st).map(|(_, s)| s.clone());
    for st in states {
        let (o, n) = (find(old, st), find(new, st));
        match (&o, &n) {
            (Some(o), Some(n)) if same_but_services(o, n) => {
                for id in o.services.keys().chain(n.services.keys()) {
                    match (o.services.get(id), n.services.get(id)) {
                        (Some(a), Some(b)) if a == b => {
                            kept.insert(format!("{st}/services/{id}/"));
                        }
                        (a, b) => {
                            a.into_iter().for_each(|a| render::service_code_dirs(old, a, &mut codes));
                            b.into_iter().for_each(|b| render::service_code_dirs(new, b, &mut codes));
                        }
                    }
                }
            }
            _ => {
                o.iter().flat_map(|s| s.services.values()).for_each(|a| render::service_code_dirs(old, a, &mut codes));
                n.iter().flat_map(|s| s.services.values()).for_each(|b| render::service_code_dirs(new, b, &mut codes));
            }
        }
    }
    Scope { states: Some(states.clone()), national_codes: Some(codes), kept }
}

/// Whether two versions of a state differ in their services at most.
fn same_but_services(a: &crate::model::State, b: &crate::model::State) -> bool {
    // Every field named, so that a new one cannot be forgotten here.
    let crate::model::State {
        code,
        name,
        programs,
        delivery_systems,
        epsdt_summary,
        epsdt_cites,
        agency,
        sources,
        services: _,
        content,
        modifiers,
        // Derived from the services.
        billing_index: _,
    } = a;
    *code == b.code
        && *name == b.name
        && *programs == b.programs
        && *delivery_systems == b.delivery_systems
        && *epsdt_summary == b.epsdt_summary
        && *epsdt_cites == b.epsdt_cites
        && *agency == b.agency
        && *sources == b.sources
        && *content == b.content
        && *modifiers == b.modifiers
}

/// The data files of a build (see the module documentation and [`DataJob`]).
pub fn data_files(built: &Built) -> Result<HashMap<String, Bytes>, Vec<Problem>> {
    built.data_job().run()
}

/// The state whose pages alone a change to `rel` (a path relative to the
/// catalog) can affect: `states/<st>/...`, except a state's crosswalks, which
/// any state's services may name (crosswalk ids are global). `None`: the
/// change may affect every state.
fn state_of(rel: &Path) -> Option<String> {
    let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
    match parts.as_slice() {
        ["states", st, rest @ ..] if st.len() == 2 && st.bytes().all(|b| b.is_ascii_lowercase()) => {
            (rest.first() != Some(&"crosswalks")).then(|| st.to_string())
        }
        _ => None,
    }
}

/// An error as a list of problems, for the terminal and the overlay.
pub fn problems(e: &Error) -> Vec<Problem> {
    match e {
        Error::Invalid(diags, texts) => {
            diags.items.iter().map(|d| problem(d, texts.text(&d.file).as_deref())).collect()
        }
        Error::Template { name, message } => vec![Problem {
            file: format!("template {name}"),
            line: None,
            col: None,
            message: message.clone(),
            hint: None,
            rendered: format!("error: {e}\n"),
        }],
        other => vec![Problem {
            file: String::new(),
            line: None,
            col: None,
            message: other.to_string(),
            hint: None,
            rendered: format!("error: {other}\n"),
        }],
    }
}

fn problem(d: &Diagnostic, source: Option<&str>) -> Problem {
    Problem {
        file: d.file.display().to_string(),
        line: d.pos.map(|p| p.line),
        col: d.pos.map(|p| p.col),
        message: d.message.clone(),
        hint: d.hint.clone(),
        rendered: d.render(source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_concerns_one_state_or_all() {
        let st = |p: &str| state_of(Path::new(p));
        assert_eq!(st("states/or/services/x.yaml").as_deref(), Some("or"));
        assert_eq!(st("states/or/state.yaml").as_deref(), Some("or"));
        assert_eq!(st("states/or/guidance/g.md").as_deref(), Some("or"));
        // A new or removed state folder.
        assert_eq!(st("states/or").as_deref(), Some("or"));
        // Another state's services may name this crosswalk.
        assert_eq!(st("states/or/crosswalks/x.yaml"), None);
        assert_eq!(st("national/facts.yaml"), None);
        assert_eq!(st("states"), None);
        assert_eq!(st("stray.txt"), None);
        assert_eq!(st("states/orx/services/x.yaml"), None);
    }
}
