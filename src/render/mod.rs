//! Render stage: the validated model in, every page of the site in memory out.
//!
//! Pure: no file is read or written here (the theme was loaded before), so
//! the same catalog always renders the same bytes, and tests can inspect a
//! whole site without touching disk. Pages are rendered in parallel and
//! collected in a fixed order.

mod codes;
mod codes_view;
pub mod compact;
mod compare_pages;
mod compare_view;
pub mod guide;
pub(crate) mod labels;
mod links;
mod pages;
mod parts;
mod reuse;
mod search_pages;
mod sitemap;
mod theme;
mod view;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Catalog, StateCode};
pub use compare_view::{cell_words, status_key, value_label};
pub use labels::CATEGORY_ORDER;
pub use links::Linker;
pub use reuse::Reuse;
pub use theme::Theme;
use view::Layout;

/// One output file, by its `/`-separated path from the site root.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go, from any rendering thread: the write stage's
/// sink, or a list in memory. Any `Fn(OutputFile) -> Result<()>` is one.
pub trait Emit: Sync {
    /// Takes one whole file.
    fn file(&self, file: OutputFile) -> Result<()>;

    /// Takes a file that `write` writes piece by piece. The write stage's
    /// sink puts the pieces straight into the file on disk, so a large
    /// download (hundreds of MB for a large catalog) is never whole in
    /// memory; anything else is given the whole file at the end.
    fn stream(
        &self,
        path: String,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Error::io("write", &path, e))?;
        self.file(OutputFile { path, bytes })
    }
}

impl<F: Fn(OutputFile) -> Result<()> + Sync> Emit for F {
    fn file(&self, file: OutputFile) -> Result<()> {
        self(file)
    }
}

/// The whole rendered site.
#[derive(Debug, Default)]
pub struct Site {
    pub files: Vec<OutputFile>,
}

impl Site {
    /// How many HTML pages the site has.
    pub fn pages(&self) -> usize {
        self.files.iter().filter(|f| f.path.ends_with(".html")).count()
    }

    pub fn get(&self, path: &str) -> Option<&OutputFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// Where the site is served, for canonical links: an absolute URL
/// (`https://example.gov/guides/`) or a root-relative path (`/guides/`).
#[derive(Debug, Clone)]
pub struct BaseUrl(String);

impl BaseUrl {
    pub fn parse(s: &str) -> std::result::Result<BaseUrl, String> {
        let ok_chars =
            !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
        let ok_form = s.starts_with('/') || s.starts_with("https://") || s.starts_with("http://");
        if !ok_chars || !ok_form {
            return Err(format!(
                "--base-url `{s}` must be a path starting with `/` or an http(s) URL, without spaces or quotes"
            ));
        }
        let mut v = s.to_string();
        if !v.ends_with('/') {
            v.push('/');
        }
        Ok(BaseUrl(v))
    }

    /// The base when it is a root-relative path (`/guides/`).
    pub fn root_path(&self) -> Option<&str> {
        self.0.starts_with('/').then_some(self.0.as_str())
    }

    /// True for an `http(s)` URL, false for a root-relative path.
    pub fn is_absolute(&self) -> bool {
        self.0.starts_with("https://") || self.0.starts_with("http://")
    }

    fn page(&self, dir: &str) -> String {
        format!("{}{}", self.0, dir)
    }
}

/// A page to render: its folder, template and context. The context is `None`
/// for a page outside the [`Scope`] of an incremental render: it is neither
/// serialized nor rendered.
pub(crate) struct PageJob {
    pub dir: String,
    pub template: &'static str,
    pub context: Option<tera::Context>,
    /// In an incremental render, the context as JSON instead: hashed to find
    /// an unchanged page, and made into a `tera::Context` only if it changed.
    pub json: Option<Vec<u8>>,
    /// Pieces of the page rendered on their own, before it (see [`parts`]).
    pub parts: Vec<parts::Part>,
    /// The slots of `parts` the page's template reads, present even when
    /// no part fills them.
    pub slots: &'static [&'static str],
}

/// A unit of rendering work: run, it makes the jobs of one page or of a few
/// pages that share an index (a state's code pages). See [`pages::deferred`].
pub(crate) struct Deferred<'a> {
    /// How many page jobs `make` returns, known before it runs (for the
    /// progress bar).
    pub pages: usize,
    pub make: Box<dyn FnOnce() -> Result<Vec<PageJob>> + Send + 'a>,
}

impl PageJob {
    /// Where the page is written, from the site root.
    fn path(&self) -> String {
        if self.template == "404.html" { "404.html".to_string() } else { format!("{}index.html", self.dir) }
    }

    /// Renders the page and hands it to `emit`; returns its path, or `None`
    /// for a page outside the scope (nothing rendered).
    ///
    /// A page made of parts is written through [`Emit::stream`], each part
    /// rendered as the page reaches it and dropped after its last use, so a
    /// large page (a state's printable guide: tens of MB for a state of 3,000
    /// services) is never whole in memory, nor are its parts. The page's
    /// template is rendered first with a marker in each part's place
    /// ([`parts::marker`]), and the markers are replaced as the page is
    /// written: the bytes are those of the page rendered with its parts' HTML
    /// in `parts` (as `coverguide serve` renders it, `tests/streaming.rs`).
    fn emit(mut self, theme: &Theme, emit: &dyn Emit) -> Result<Option<String>> {
        let Some(mut context) = self.context.take() else { return Ok(None) };
        let path = self.path();
        let template = self.template;
        if !self.slots.is_empty() {
            let markers = self.parts.iter().enumerate().map(|(i, p)| (p.slot, parts::marker(i)));
            context.extend(parts::context(self.slots, markers));
        }
        let page = theme
            .tera
            .render(template, &context)
            .map_err(|e| Error::Template { name: template.into(), message: theme::tera_message(&e) })?;
        drop(context);
        if self.parts.is_empty() {
            drop(self);
            emit.file(OutputFile { path: path.clone(), bytes: page.into_bytes() })?;
            return Ok(Some(path));
        }
        let pieces = parts::split(&page, self.parts.len());
        // How many times each part is still to be written.
        let mut uses = vec![0usize; self.parts.len()];
        for i in pieces.iter().filter_map(|(_, i)| *i) {
            uses[i] += 1;
        }
        let mut parts: Vec<Option<parts::Part>> = std::mem::take(&mut self.parts).into_iter().map(Some).collect();
        let mut failed = None;
        let written = emit.stream(path.clone(), &mut |w| {
            for (text, i) in &pieces {
                w.write_all(text.as_bytes())?;
                let Some(i) = *i else { continue };
                let html = match parts[i].as_ref().map(|p| p.render(theme)) {
                    Some(Ok(html)) => html,
                    Some(Err(e)) => {
                        failed = Some(e);
                        return Err(std::io::Error::other("a part of the page did not render"));
                    }
                    None => String::new(),
                };
                uses[i] -= 1;
                if uses[i] == 0 {
                    parts[i] = None;
                }
                w.write_all(html.as_bytes())?;
            }
            Ok(())
        });
        match failed {
            Some(e) => Err(e),
            None => written.map(|()| Some(path)),
        }
    }
}

/// Which pages an incremental render (`coverguide serve`) renders: the pages
/// at the site root and in national folders always, and the pages of a state
/// (`<st>/...`) only if `states` names it. A state's pages are made from that
/// state's files and the national ones only, so a state that did not change
/// renders to the same bytes as before and can be skipped.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// `None` for every state.
    pub states: Option<std::collections::BTreeSet<String>>,
    /// The national code and ICD-10-CM pages (`codes/<code>/`,
    /// `icd10cm/<code>/`) to render, by folder; `None` for all. Each lists
    /// every state's use of its code, so an edit changes only those of the
    /// codes the edited services used before or use now ([`service_code_dirs`]).
    pub national_codes: Option<std::collections::BTreeSet<String>>,
    /// Folders of a state's pages known to render as before (a service page
    /// whose service and state did not change): not rendered, and kept.
    pub kept: std::collections::BTreeSet<String>,
}

impl Scope {
    pub fn all() -> Scope {
        Scope { states: None, national_codes: None, kept: std::collections::BTreeSet::new() }
    }

    /// Whether the page or file at `path` (from the site root) is rendered.
    pub fn contains(&self, path: &str) -> bool {
        // The cheap tests first: serve asks this of every page it holds.
        match state_of_path(path) {
            Some(st) => {
                self.states.as_ref().is_none_or(|states| states.contains(st))
                    && (self.kept.is_empty() || !self.kept.contains(&path[..path.rfind('/').map_or(0, |i| i + 1)]))
            }
            // Kept folders are a state's; national code pages are named one by one.
            None => match (&self.national_codes, national_code_dir(path)) {
                (Some(dirs), Some(dir)) => dirs.contains(dir),
                _ => true,
            },
        }
    }
}

/// The folder of a national code or ICD-10-CM page that `path` is in.
fn national_code_dir(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("codes/").or_else(|| path.strip_prefix("icd10cm/"))?;
    let (segment, _) = rest.split_once('/')?;
    Some(&path[..path.len() - rest.len() + segment.len() + 1])
}

pub use codes::service_code_dirs;

/// The state a site path belongs to: its first segment, if that is a
/// two-letter folder (national folders have longer names).
pub fn state_of_path(path: &str) -> Option<&str> {
    let (first, _) = path.split_once('/')?;
    (first.len() == 2 && first.bytes().all(|b| b.is_ascii_lowercase())).then_some(first)
}

thread_local! {
    /// The scope of the render running on this thread; page jobs are made on
    /// the calling thread, so this reaches `PageJob::new` without threading
    /// it through every page function.
    static SCOPE: std::cell::RefCell<std::sync::Arc<Scope>> = std::cell::RefCell::new(std::sync::Arc::new(Scope::all()));
    /// Whether page jobs hold their context as JSON (`PageJob::json`).
    static AS_JSON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with `scope` and `as_json` as this thread's render settings, then
/// puts back the thread's own.
fn with_scope<T>(scope: &std::sync::Arc<Scope>, as_json: bool, f: impl FnOnce() -> T) -> T {
    let previous = SCOPE.with(|s| s.replace(std::sync::Arc::clone(scope)));
    let previous_json = AS_JSON.replace(as_json);
    let out = f();
    SCOPE.with(|s| s.replace(previous));
    AS_JSON.set(previous_json);
    out
}

/// Whether the render running on this thread renders the pages of state
/// `code`. Page functions test it before building a state's views, so an
/// incremental render spends nothing on states outside its scope.
pub(crate) fn state_in_scope(code: &StateCode) -> bool {
    SCOPE.with(|s| s.borrow().states.as_ref().is_none_or(|set| set.contains(code.as_str())))
}

/// Whether the render running on this thread renders the page in folder `dir`.
pub(crate) fn dir_in_scope(dir: &str) -> bool {
    SCOPE.with(|s| s.borrow().contains(dir))
}

#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    layout: &'a Layout,
    page: &'a T,
}

impl PageJob {
    pub fn new<T: Serialize>(dir: String, template: &'static str, layout: &Layout, page: &T) -> Result<PageJob> {
        if !SCOPE.with(|s| s.borrow().contains(&dir)) {
            return Ok(PageJob { dir, template, context: None, json: None, parts: Vec::new(), slots: &[] });
        }
        if AS_JSON.get() {
            let json = serde_json::to_vec(&PageContext { layout, page })
                .map_err(|e| Error::Template { name: template.into(), message: e.to_string() })?;
            return Ok(PageJob { dir, template, context: None, json: Some(json), parts: Vec::new(), slots: &[] });
        }
        let context = tera::Context::from_serialize(PageContext { layout, page })
            .map_err(|e| Error::Template { name: template.into(), message: theme::tera_message(&e) })?;
        Ok(PageJob { dir, template, context: Some(context), json: None, parts: Vec::new(), slots: &[] })
    }

    /// [`PageJob::new`] for a page made of parts: `parts()` makes them, and
    /// runs only for a page in the render's scope. The page's template sees
    /// each part's HTML in `parts.<slot>`, for each of `slots` (see [`parts`]).
    pub fn with_parts<T: Serialize>(
        dir: String,
        template: &'static str,
        layout: &Layout,
        page: &T,
        slots: &'static [&'static str],
        parts: impl FnOnce() -> Vec<parts::Part>,
    ) -> Result<PageJob> {
        let mut job = PageJob::new(dir, template, layout, page)?;
        job.slots = slots;
        if job.context.is_some() || job.json.is_some() {
            job.parts = parts();
        }
        Ok(job)
    }
}

/// Renders every page and copies the theme's static files.
pub fn render(catalog: &Catalog, theme: &Theme, base_url: Option<&BaseUrl>) -> Result<Site> {
    render_with(catalog, theme, base_url, &crate::NoProgress).map(|(site, _)| site)
}

/// [`render`], telling `progress` about each page, and returning the seconds
/// the search stage (index) took apart from the site.
pub fn render_with(
    catalog: &Catalog,
    theme: &Theme,
    base_url: Option<&BaseUrl>,
    progress: &dyn crate::Progress,
) -> Result<(Site, f64)> {
    let files = std::sync::Mutex::new(Vec::new());
    let index_seconds = render_each(catalog, theme, base_url, progress, &|f: OutputFile| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((Site { files }, index_seconds))
}

/// Renders every file of the site and hands each to `emit` as soon as it is
/// made, from the rendering threads, in no fixed order (no file's bytes depend
/// on the order). A build passes the write stage's sink, so a page is
/// written and dropped while others still render: the site is never
/// whole in memory, and neither are the pages' views. Stops at the first
/// error, from rendering or from `emit`. Returns the seconds the search data
/// (the index stage) took.
pub fn render_each(
    catalog: &Catalog,
    theme: &Theme,
    base_url: Option<&BaseUrl>,
    progress: &dyn crate::Progress,
    emit: &dyn Emit,
) -> Result<f64> {
    let units = pages::deferred(catalog, base_url);
    progress.pages(units.iter().map(|u| u.pages).sum());
    let html_paths = std::sync::Mutex::new(Vec::new());
    // One unit per piece of work: rayon splits a list only while threads
    // steal from each other, so a run of units could otherwise go to one
    // thread in one piece and leave the other idle (a quarter of the pages
    // rendered on one thread, at 10,000 services).
    units.into_par_iter().with_max_len(1).try_for_each(|unit| {
        for job in (unit.make)()? {
            let Some(path) = job.emit(theme, emit)? else { continue };
            html_paths.lock().unwrap_or_else(|e| e.into_inner()).push(path);
            progress.page_done();
        }
        Ok::<(), Error>(())
    })?;
    // The other files, one group at a time, so at most one group (the
    // downloads: tens of MB for 50,000 services) is in memory at once.
    let mut html_paths = html_paths.into_inner().unwrap_or_else(|e| e.into_inner());
    html_paths.retain(|p| p.ends_with("index.html"));
    html_paths.sort_unstable();
    let html_paths: Vec<&str> = html_paths.iter().map(String::as_str).collect();
    site_meta(catalog, base_url, &html_paths).into_iter().try_for_each(|f| emit.file(f))?;
    drop(html_paths);
    side_files(catalog, theme, &Scope::all()).into_par_iter().try_for_each(|f| emit.file(f))?;
    data_each(catalog, progress, emit)
}

/// The pages in `scope`, the small files beside them (crosswalk CSVs) and the
/// theme's static files, in no particular order.
/// [`render`] is this with every state, plus [`render_data`].
pub fn render_pages(
    catalog: &Catalog,
    theme: &Theme,
    base_url: Option<&BaseUrl>,
    scope: &Scope,
) -> Result<Vec<OutputFile>> {
    render_pages_reusing(catalog, theme, base_url, scope, None)
}

/// [`render_pages`], except that the pages are not returned but put in
/// `reuse`: in `reuse.kept` a page whose template and context are those of a
/// page `reuse` held (not rendered again), in `reuse.rendered` the others.
/// `reuse` then holds this render's pages.
pub fn render_pages_reusing(
    catalog: &Catalog,
    theme: &Theme,
    base_url: Option<&BaseUrl>,
    scope: &Scope,
    reuse: Option<&mut Reuse>,
) -> Result<Vec<OutputFile>> {
    render_pages_inner(catalog, theme, base_url, scope, reuse, &crate::NoProgress)
}

/// `sitemap.xml` and `robots.txt` for a site whose HTML pages are `html_paths`.
pub fn site_meta(catalog: &Catalog, base_url: Option<&BaseUrl>, html_paths: &[&str]) -> Vec<OutputFile> {
    sitemap::files(catalog, base_url, html_paths)
}

fn render_pages_inner(
    catalog: &Catalog,
    theme: &Theme,
    base_url: Option<&BaseUrl>,
    scope: &Scope,
    mut reuse: Option<&mut Reuse>,
    progress: &dyn crate::Progress,
) -> Result<Vec<OutputFile>> {
    // The scope (and whether contexts are kept as JSON) is read by the page
    // functions from their thread, as they list the units (here) and as the
    // units make their jobs (on the pool, each with the same settings).
    let shared = std::sync::Arc::new(scope.clone());
    let as_json = reuse.is_some();
    let units = with_scope(&shared, as_json, || pages::deferred(catalog, base_url));
    let jobs: Vec<Vec<PageJob>> =
        units.into_par_iter().map(|unit| with_scope(&shared, as_json, unit.make)).collect::<Result<_>>()?;
    let jobs: Vec<PageJob> = jobs.into_iter().flatten().collect();
    progress.pages(jobs.len());
    let old = reuse.as_deref();
    let rendered: Vec<Rendered> = jobs
        .par_iter()
        .filter(|job| job.context.is_some() || job.json.is_some())
        .map(|job| {
            let page = render_job(job, theme, old);
            if matches!(page, Ok(Rendered { page: Ok(_), .. })) {
                progress.page_done();
            }
            page
        })
        .collect::<Result<_>>()?;
    let mut files = Vec::with_capacity(rendered.len());
    if let Some(r) = reuse.as_deref_mut() {
        r.kept.clear();
        r.rendered.clear();
        r.parts.clear();
    }
    for Rendered { path, hash, page, parts, parts_rendered } in rendered {
        match (page, reuse.as_deref_mut()) {
            (Ok(bytes), Some(r)) => {
                let bytes = std::sync::Arc::new(bytes);
                if !parts.is_empty() {
                    r.parts.push((path.clone(), parts_rendered, parts.len() - parts_rendered));
                }
                r.put(path.clone(), hash, bytes.clone(), parts.into_iter().collect());
                r.rendered.push((path, bytes));
            }
            (Ok(bytes), None) => files.push(OutputFile { path, bytes }),
            (Err(kept), Some(r)) => r.kept.push((path, kept)),
            (Err(_), None) => unreachable!("pages are kept only with a reuse cache"),
        }
    }
    files.extend(side_files(catalog, theme, scope));
    Ok(files)
}

/// A page of an incremental render.
struct Rendered {
    path: String,
    /// The hash of its template, context and parts (0 without a reuse cache).
    hash: u128,
    /// Its new bytes, or (Err) the kept ones.
    page: std::result::Result<Vec<u8>, std::sync::Arc<Vec<u8>>>,
    /// Its parts' hashes and HTML, when it was rendered.
    parts: Vec<(u128, std::sync::Arc<str>)>,
    /// How many of `parts` were rendered (the others were kept).
    parts_rendered: usize,
}

/// Renders a page in scope, unless `old` holds it with the same hash; of its
/// parts, renders those `old` does not hold for it.
fn render_job(job: &PageJob, theme: &Theme, old: Option<&Reuse>) -> Result<Rendered> {
    use std::sync::Arc;
    let path = job.path();
    let template_error = |message: String| Error::Template { name: job.template.into(), message };
    let part_hashes: Vec<u128> = match old {
        Some(_) => job.parts.par_iter().map(parts::Part::hash).collect(),
        None => Vec::new(),
    };
    let hash = match (&job.json, &job.context, old) {
        (Some(json), _, Some(_)) => reuse::hash_json(job.template, json),
        (None, Some(context), Some(_)) => reuse::hash(job.template, context),
        _ => 0,
    };
    let hash = if job.slots.is_empty() {
        hash
    } else {
        reuse::with_parts(hash, job.parts.iter().map(|p| p.slot).zip(part_hashes.iter().copied()))
    };
    if let Some(bytes) = old.and_then(|r| r.get(&path, hash)) {
        return Ok(Rendered { path, hash, page: Err(bytes), parts: Vec::new(), parts_rendered: 0 });
    }
    let previous = old.and_then(|r| r.parts(&path));
    let parts: Vec<(u128, Arc<str>, bool)> = job
        .parts
        .par_iter()
        .enumerate()
        .map(|(i, part)| {
            let hash = part_hashes.get(i).copied().unwrap_or(0);
            match previous.and_then(|p| p.get(&hash)) {
                Some(html) => Ok((hash, Arc::clone(html), false)),
                None => Ok((hash, Arc::from(part.render(theme)?), true)),
            }
        })
        .collect::<Result<_>>()?;
    let mut context = match (&job.context, &job.json) {
        (Some(context), _) if job.slots.is_empty() => std::borrow::Cow::Borrowed(context),
        (Some(context), _) => std::borrow::Cow::Owned(context.clone()),
        (None, Some(json)) => {
            let value = serde_json::from_slice(json).map_err(|e| template_error(e.to_string()))?;
            std::borrow::Cow::Owned(
                tera::Context::from_value(value).map_err(|e| template_error(theme::tera_message(&e)))?,
            )
        }
        // Not reached: pages outside the scope are filtered out before.
        (None, None) => return Err(template_error("the page is outside the render's scope".into())),
    };
    if !job.slots.is_empty() {
        let html = job.parts.iter().zip(&parts).map(|(part, (_, html, _))| (part.slot, html.to_string()));
        context.to_mut().extend(parts::context(job.slots, html));
    }
    let html = theme.tera.render(job.template, &context).map_err(|e| template_error(theme::tera_message(&e)))?;
    let parts_rendered = parts.iter().filter(|(.., new)| *new).count();
    let parts = parts.into_iter().map(|(hash, html, _)| (hash, html)).collect();
    Ok(Rendered { path, hash, page: Ok(html.into_bytes()), parts, parts_rendered })
}

/// The small files beside the pages: crosswalk CSVs in `scope`, the theme's
/// static files and the site's logo.
fn side_files(catalog: &Catalog, theme: &Theme, scope: &Scope) -> Vec<OutputFile> {
    let mut files = codes::csv_files(catalog, scope);
    for (name, bytes) in &theme.static_files {
        files.push(OutputFile { path: format!("static/{name}"), bytes: bytes.clone() });
    }
    if let Some(logo) = &catalog.site.logo {
        files.push(OutputFile { path: logo.out_path.clone(), bytes: logo.bytes.clone() });
    }
    files
}

/// The downloads, the search data and the side-by-side comparison's data:
/// files made from the whole catalog, which pages link to but do not embed.
/// In no particular order.
pub fn render_data(catalog: &Catalog) -> Result<Vec<OutputFile>> {
    let files = std::sync::Mutex::new(Vec::new());
    data_each(catalog, &crate::NoProgress, &|f: OutputFile| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// [`render_data`]'s files, each handed to `emit` as soon as it is made (the
/// downloads scope by scope, in parallel). Returns the seconds the search
/// data (the index stage) took.
fn data_each(catalog: &Catalog, progress: &dyn crate::Progress, emit: &dyn Emit) -> Result<f64> {
    // Every state's comparison cells, worked out once for both.
    let all = crate::compare::compare(catalog);
    compare_pages::files(catalog, &all)?.into_iter().try_for_each(|f| emit.file(f))?;
    crate::export::each(catalog, &all, emit)?;
    drop(all);
    progress.stage(crate::Stage::Index);
    let index_start = std::time::Instant::now();
    crate::search::each(catalog, emit)?;
    Ok(index_start.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The progress bar's total is the units' declared page counts: each
    /// unit must make exactly as many jobs as it declares.
    #[test]
    fn units_make_the_pages_they_declare() {
        for dir in ["catalog", "tests/fixtures/valid_minimal/catalog"] {
            let catalog = crate::load_catalog(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap();
            let units = pages::deferred(&catalog, None);
            assert!(units.iter().any(|u| u.pages > 1), "{dir}: a state's code pages are one unit");
            let mut total = 0;
            for unit in units {
                let declared = unit.pages;
                let made = (unit.make)().unwrap().len();
                assert_eq!(made, declared, "{dir}");
                total += made;
            }
            let site = render(&catalog, &Theme::load(None).unwrap(), None).unwrap();
            assert_eq!(
                total,
                site.files.iter().filter(|f| f.path.ends_with("index.html") || f.path == "404.html").count()
            );
        }
    }
}
