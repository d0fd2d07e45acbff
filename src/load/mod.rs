//! Load stage: walk the catalog folder and parse every file into `raw` types.
//!
//! Contract: every file under the catalog root is either recognised and parsed,
//! or reported. Nothing is skipped silently, symbolic links are never followed,
//! and each file passes a size cap and a UTF-8 check before the YAML parser
//! (with an explicit budget) sees it. Parse errors become diagnostics; parsing
//! goes on with the other files so one run reports everything it can.

pub mod raw;
mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Pos};
use raw::*;
pub use yaml::{MAX_FILE_BYTES, read_text, suggestion};

/// The texts of the files read, for rendering diagnostics with source lines.
/// A load from disk holds only the texts of files it could not parse (and of
/// the configuration): a catalog's texts are as large as the catalog, and a
/// problem found later is shown with its file read again ([`SourceTexts::text`]).
#[derive(Debug, Default, Clone)]
pub struct SourceTexts {
    /// Shared with the load cache of `coverguide serve` (and the list too,
    /// so handing it out costs nothing).
    pub files: Arc<Vec<(PathBuf, Arc<str>)>>,
    /// Whether the files are on disk, to be read again for their text.
    pub from_disk: bool,
}

impl SourceTexts {
    /// The text held for `path`.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.iter().find(|(p, _)| p == path).map(|(_, t)| &**t)
    }

    /// The text of `path`: held, or read again from disk.
    pub fn text(&self, path: &Path) -> Option<std::borrow::Cow<'_, str>> {
        match self.get(path) {
            Some(t) => Some(std::borrow::Cow::Borrowed(t)),
            None if self.from_disk => yaml::read_text(path).ok().map(std::borrow::Cow::Owned),
            None => None,
        }
    }
}

/// A parsed file as the raw catalog holds it: shared, so that the load cache
/// of `coverguide serve` hands the same value to every load without copying it.
pub type Shared<T> = Arc<Loaded<T>>;

/// A parsed file: its value, its path, and how many lines precede the YAML
/// (front matter starts on line 2 of a Markdown file).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub path: PathBuf,
    pub line_offset: usize,
    pub value: T,
}

#[derive(Debug, Clone)]
pub struct RawGuidance {
    /// The file name without `.md`.
    pub slug: String,
    pub front: RawGuidanceFront,
    pub body: String,
    /// Line number (1-based) of the body's first line in the file.
    pub body_line: usize,
}

#[derive(Debug, Default, Clone)]
pub struct RawScope {
    pub facts: Option<Shared<RawFactsFile>>,
    pub crosswalks: Vec<Shared<RawCrosswalk>>,
    pub guidance: Vec<Shared<RawGuidance>>,
}

#[derive(Debug, Default, Clone)]
pub struct RawNational {
    pub dir: PathBuf,
    pub sources: Option<Shared<RawSourcesFile>>,
    pub scope: RawScope,
}

#[derive(Debug, Clone)]
pub struct RawStateDir {
    /// Folder name, e.g. `or`.
    pub folder: String,
    pub dir: PathBuf,
    pub state: Option<Shared<RawState>>,
    pub services: Vec<Shared<RawService>>,
    /// Service files [`load_deferred`] found but left unread, in walk order:
    /// [`read_services`] reads them when validation reaches the state.
    pub unread: Vec<PathBuf>,
    pub scope: RawScope,
}

#[derive(Debug, Default, Clone)]
pub struct RawCatalog {
    pub root: PathBuf,
    pub national: RawNational,
    pub states: Vec<RawStateDir>,
    /// `coverguide.toml`, checked (the default when there is none).
    pub site: crate::config::SiteConfig,
}

/// What a path in the catalog is, decided from its place in the tree alone.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Dir,
    NationalSources,
    Facts(Option<String>),
    Crosswalk(Option<String>),
    Guidance(Option<String>),
    State(String),
    Service(String),
    StateDir(String),
}

fn classify(rel: &[&str], is_dir: bool) -> Option<Kind> {
    let is_yaml = |n: &str| n.ends_with(".yaml") && n.len() > 5;
    let is_md = |n: &str| n.ends_with(".md") && n.len() > 3;
    let st = |s: &str| s.to_string();
    match (rel, is_dir) {
        (["national"] | ["states"], true) => Some(Kind::Dir),
        (["national", "crosswalks" | "guidance"], true) => Some(Kind::Dir),
        (["national", "sources.yaml"], false) => Some(Kind::NationalSources),
        (["national", "facts.yaml"], false) => Some(Kind::Facts(None)),
        (["national", "crosswalks", f], false) if is_yaml(f) => Some(Kind::Crosswalk(None)),
        (["national", "guidance", f], false) if is_md(f) => Some(Kind::Guidance(None)),
        (["states", s], true) if is_state_folder(s) => Some(Kind::StateDir(st(s))),
        (["states", s, "services" | "crosswalks" | "guidance"], true) if is_state_folder(s) => Some(Kind::Dir),
        (["states", s, "state.yaml"], false) if is_state_folder(s) => Some(Kind::State(st(s))),
        (["states", s, "facts.yaml"], false) if is_state_folder(s) => Some(Kind::Facts(Some(st(s)))),
        (["states", s, "services", f], false) if is_state_folder(s) && is_yaml(f) => Some(Kind::Service(st(s))),
        (["states", s, "crosswalks", f], false) if is_state_folder(s) && is_yaml(f) => {
            Some(Kind::Crosswalk(Some(st(s))))
        }
        (["states", s, "guidance", f], false) if is_state_folder(s) && is_md(f) => Some(Kind::Guidance(Some(st(s)))),
        _ => None,
    }
}

fn is_state_folder(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase())
}

const LAYOUT_HINT: &str = "a catalog holds national/{sources.yaml,facts.yaml,crosswalks/*.yaml,guidance/*.md} and \
states/<st>/{state.yaml,facts.yaml,services/*.yaml,crosswalks/*.yaml,guidance/*.md}, <st> a lower-case postal code";

#[allow(clippy::large_enum_variant)] // short-lived, one per file
#[derive(Clone)]
enum Parsed {
    NationalSources(Shared<RawSourcesFile>),
    Facts(Option<String>, Shared<RawFactsFile>),
    Crosswalk(Option<String>, Shared<RawCrosswalk>),
    Guidance(Option<String>, Shared<RawGuidance>),
    State(String, Shared<RawState>),
    Service(String, Shared<RawService>),
}

/// Reads the catalog at `root`. Returns the parsed files, the source texts for
/// diagnostics, and every problem found. A missing or unreadable root is a
/// diagnostic too, so `check` and `build` report it the same way.
pub fn load(root: &Path) -> (RawCatalog, SourceTexts, Diagnostics) {
    load_cached(root, &mut Cache::default())
}

/// [`load`], leaving every state's service files unread (they are most of a
/// catalog): validation reads a state's with [`read_services`] just before it
/// checks the state, and drops them once checked, so only one state's raw
/// services are ever in memory, and the memory they held is used again for
/// the next state's. Every other file is read and parsed here, as by [`load`];
/// the problems found are [`load`]'s, those of the service files coming from
/// [`read_services`]. `build` and `check` load this way.
pub fn load_deferred(root: &Path) -> (RawCatalog, SourceTexts, Diagnostics) {
    let walk = match walk(root) {
        Ok(w) => w,
        Err(failed) => {
            let (catalog, diags) = *failed;
            return (catalog, SourceTexts::default(), diags);
        }
    };
    let (later, now): (Vec<_>, Vec<_>) = walk.files.into_iter().partition(|(_, k)| matches!(k, Kind::Service(_)));
    let results: Vec<ParsedFile> = now
        .into_par_iter()
        .map(|(path, kind)| {
            let (text, parsed) = read_and_parse(&path, kind);
            (path, text, parsed)
        })
        .collect();
    let (mut catalog, mut texts, diags) =
        assemble(empty_catalog(root), walk.config.as_ref(), &walk.state_dirs, results, walk.diags);
    texts.from_disk = true;
    for (path, kind) in later {
        if let Kind::Service(s) = kind
            && let Some(dir) = catalog.states.iter_mut().find(|d| d.folder == s)
        {
            dir.unread.push(path);
        }
    }
    (catalog, texts, diags)
}

/// Reads and parses, in parallel, the service files [`load_deferred`] left
/// unread in `dir`, and puts them in `dir.services` in walk order (where
/// [`load`] puts them). Returns the problems found, as [`load`] reports them;
/// a file that does not parse is read again if a diagnostic needs its text
/// ([`SourceTexts::text`]).
pub fn read_services(dir: &mut RawStateDir) -> Diagnostics {
    let unread = std::mem::take(&mut dir.unread);
    let folder = &dir.folder;
    let parsed: Vec<Result<Parsed, Diagnostic>> =
        unread.par_iter().map(|path| read_and_parse(path, Kind::Service(folder.clone())).1).collect();
    let mut diags = Diagnostics::default();
    for p in parsed {
        match p {
            Ok(Parsed::Service(_, l)) => dir.services.push(l),
            Ok(_) => {}
            Err(d) => diags.push(d),
        }
    }
    diags
}

/// What one file held the last time it was read: its text and what parsing it gave.
#[derive(Clone)]
struct CachedFile {
    stamp: Stamp,
    text: Option<Arc<str>>,
    parsed: Result<Parsed, Diagnostic>,
}

/// A file's modification time and length. A file whose stamp is unchanged is
/// not read again; an editor that saves writes a new time, or a new length.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
}

/// Parsed files kept between loads (`coverguide serve`): a load re-reads and
/// re-parses only the files whose stamp changed, and drops files that are gone.
/// Classification, the walk and every diagnostic are the same as a fresh load.
/// It also keeps the last walk, so that a load told which files changed
/// ([`load_changed`]) need not walk or stat the catalog again.
#[derive(Default)]
pub struct Cache {
    files: std::collections::HashMap<PathBuf, CachedFile>,
    /// How many files the last load parsed (for the serve summary and tests).
    pub parsed: usize,
    /// Whether the last load walked the catalog (for tests).
    pub walked: bool,
    /// Whether the last load put the changed files' values in the load
    /// before it, without assembling the catalog again (for tests).
    pub patched: bool,
    walk: Option<Walk>,
    /// The last load's result, when it found no problem: an edit of files
    /// the walk knows replaces their values in it (see [`load_changed`]).
    assembled: Option<(RawCatalog, SourceTexts)>,
}

/// What walking the catalog found: the configuration, the files to parse with
/// their kinds (in walk order), the state folders, and the problems of the
/// walk itself (with those of the configuration file).
struct Walk {
    config: Option<crate::config::ReadConfig>,
    files: Vec<(PathBuf, Kind)>,
    state_dirs: Vec<String>,
    diags: Diagnostics,
}

impl Cache {
    /// Drops what the cache holds for `path` (a file the watcher saw change),
    /// so it is read again even if its time and length look the same.
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }

    /// Empties the cache.
    pub fn clear(&mut self) {
        self.files.clear();
        self.walk = None;
        self.assembled = None;
    }
}

/// A file's path, text and parse result.
type ParsedFile = (PathBuf, Option<Arc<str>>, Result<Parsed, Diagnostic>);

/// A file's path, text, parse result, stamp, and whether it was parsed now.
type ReadFile = (PathBuf, Option<Arc<str>>, Result<Parsed, Diagnostic>, Option<Stamp>, bool);

/// [`load`], re-using what `cache` holds for files that did not change.
pub fn load_cached(root: &Path, cache: &mut Cache) -> (RawCatalog, SourceTexts, Diagnostics) {
    load_changed(root, cache, None)
}

/// [`load_cached`] when the caller knows which files changed since the last
/// load (`coverguide serve`'s watcher reports them): with `changed` naming
/// only files the last walk found, each still a regular file, the catalog is
/// not walked again and no other file is looked at; those files are re-read
/// and the others come from the cache. Anything else (`changed` is `None`, a
/// path is new, gone, a folder, a link, the configuration or the logo) walks
/// the whole catalog as [`load_cached`] does. The result is the same as a
/// fresh load's when `changed` names every file that changed.
pub fn load_changed(
    root: &Path,
    cache: &mut Cache,
    changed: Option<&[PathBuf]>,
) -> (RawCatalog, SourceTexts, Diagnostics) {
    cache.patched = false;
    if let (Some(changed), Some(walk)) = (changed, cache.walk.take()) {
        let known = |p: &PathBuf| {
            walk.files.iter().any(|(f, _)| f.as_os_str() == p.as_os_str())
                && std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file())
        };
        if changed.iter().all(known) {
            if let Some(out) = patch(cache, &walk, changed) {
                cache.walk = Some(walk);
                cache.walked = false;
                return out;
            }
            for p in changed {
                cache.files.remove(p);
            }
            let out = parse_all(root, cache, &walk, false);
            cache.walk = Some(walk);
            cache.walked = false;
            return out;
        }
    }
    let walk = match walk(root) {
        Ok(w) => w,
        Err(failed) => {
            let (catalog, diags) = *failed;
            cache.walk = None;
            cache.walked = true;
            return (catalog, SourceTexts::default(), diags);
        }
    };
    let out = parse_all(root, cache, &walk, true);
    cache.walk = Some(walk);
    cache.walked = true;
    out
}

/// The fast path of [`load_changed`]: the last load found no problem, and
/// each changed file (one the walk knows) still parses. Its new value takes
/// the place of the old one in the last load's result, which is the result a
/// full load would give. `None` (nothing changed in `cache` but what it
/// no longer holds) when that cannot be done; the caller then parses as usual.
fn patch(cache: &mut Cache, walk: &Walk, changed: &[PathBuf]) -> Option<(RawCatalog, SourceTexts, Diagnostics)> {
    cache.assembled.as_ref()?;
    let mut fresh = Vec::with_capacity(changed.len());
    for path in changed {
        // Compared as bytes: `Path`'s `==` compares component by component.
        let (_, kind) = walk.files.iter().find(|(f, _)| f.as_os_str() == path.as_os_str())?;
        let stamp = stamp_of(path)?;
        let (_, parsed) = read_and_parse(path, kind.clone());
        fresh.push((path, stamp, parsed.ok()?));
    }
    // The last result holds no text of a file that parses (see `SourceTexts`).
    let (catalog, _) = cache.assembled.as_mut()?;
    for (path, stamp, parsed) in fresh {
        if !replace(catalog, parsed.clone()) {
            // The last result does not hold the file where the walk put it:
            // build a new one.
            cache.assembled = None;
            return None;
        }
        cache.files.insert(path.clone(), CachedFile { stamp, text: None, parsed: Ok(parsed) });
    }
    cache.parsed = changed.len();
    cache.patched = true;
    let (catalog, texts) = cache.assembled.as_ref()?;
    Some((catalog.clone(), texts.clone(), walk.diags.clone()))
}

/// Puts `parsed` in the place of the value read from the same file in
/// `catalog`; false if `catalog` holds no value from that file there.
fn replace(catalog: &mut RawCatalog, parsed: Parsed) -> bool {
    fn swap<T>(slot: Option<&mut Shared<T>>, new: Shared<T>) -> bool {
        match slot {
            Some(old) if old.path == new.path => {
                *old = new;
                true
            }
            _ => false,
        }
    }
    fn in_list<T>(list: &mut [Shared<T>], new: Shared<T>) -> bool {
        swap(list.iter_mut().find(|old| old.path == new.path), new)
    }
    let state = |catalog: &mut RawCatalog, s: &str| catalog.states.iter_mut().position(|d| d.folder == s);
    match parsed {
        Parsed::NationalSources(l) => swap(catalog.national.sources.as_mut(), l),
        Parsed::State(s, l) => match state(catalog, &s) {
            Some(i) => swap(catalog.states[i].state.as_mut(), l),
            None => false,
        },
        Parsed::Service(s, l) => match state(catalog, &s) {
            Some(i) => in_list(&mut catalog.states[i].services, l),
            None => false,
        },
        Parsed::Facts(s, l) => swap(scope_mut(&mut catalog.national, &mut catalog.states, s).facts.as_mut(), l),
        Parsed::Crosswalk(s, l) => in_list(&mut scope_mut(&mut catalog.national, &mut catalog.states, s).crosswalks, l),
        Parsed::Guidance(s, l) => in_list(&mut scope_mut(&mut catalog.national, &mut catalog.states, s).guidance, l),
    }
}

/// A file's stamp, `None` if it cannot be read.
fn stamp_of(path: &Path) -> Option<Stamp> {
    std::fs::symlink_metadata(path).ok().map(|m| Stamp { modified: m.modified().ok(), len: m.len() })
}

/// Walks the catalog: the configuration, every path classified or reported.
/// `Err` when the root itself is missing or not a folder.
fn walk(root: &Path) -> Result<Walk, Box<(RawCatalog, Diagnostics)>> {
    let mut diags = Diagnostics::default();
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            diags.push(Diagnostic::at(root, None, "the catalog path is not a folder"));
            return Err(Box::new((empty_catalog(root), diags)));
        }
        Err(e) => {
            diags.push(Diagnostic::at(root, None, format!("cannot read the catalog folder: {e}")));
            return Err(Box::new((empty_catalog(root), diags)));
        }
    }

    let config = crate::config::read(root, &mut diags);
    let logo_rel = config.as_ref().and_then(crate::config::ReadConfig::logo_rel);
    let mut files: Vec<(PathBuf, Kind)> = Vec::new();
    let mut state_dirs: Vec<String> = Vec::new();
    let mut walker = WalkDir::new(root).min_depth(1).follow_links(false).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                diags.push(Diagnostic::at(&path, None, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let ft = entry.file_type();
        if ft.is_symlink() {
            diags.push(
                Diagnostic::at(path, None, "symbolic links are not followed in a catalog")
                    .with_hint("copy the file or folder into the catalog instead"),
            );
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path);
        let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
        if parts.len() != rel.iter().count() {
            diags.push(Diagnostic::at(path, None, "file name is not valid UTF-8"));
            if ft.is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if parts == [crate::config::FILE_NAME] && !ft.is_dir() {
            continue; // read above
        }
        // The configured logo, and the folders holding it, belong to the catalog.
        if let Some(l) = &logo_rel
            && if ft.is_dir() {
                parts.len() < l.len() && l.iter().zip(&parts).all(|(a, b)| a == b)
            } else {
                parts == *l
            }
        {
            continue;
        }
        match classify(&parts, ft.is_dir()) {
            Some(Kind::Dir) => {}
            Some(Kind::StateDir(s)) => state_dirs.push(s),
            Some(kind) => files.push((path.to_path_buf(), kind)),
            None => {
                let what = if ft.is_dir() { "folder" } else { "file" };
                diags.push(
                    Diagnostic::at(path, None, format!("this {what} is not part of the catalog"))
                        .with_hint(LAYOUT_HINT),
                );
                if ft.is_dir() {
                    walker.skip_current_dir();
                }
            }
        }
    }

    Ok(Walk { config, files, state_dirs, diags })
}

fn empty_catalog(root: &Path) -> RawCatalog {
    RawCatalog {
        root: root.to_path_buf(),
        national: RawNational { dir: root.join("national"), ..Default::default() },
        ..Default::default()
    }
}

/// Parses the walked `files`, re-using what `cache` holds. With `stat`, a
/// cached file is re-used only if its stamp is unchanged; without, every
/// cached file is re-used (the caller removed the changed ones).
fn parse_all(root: &Path, cache: &mut Cache, walk: &Walk, stat: bool) -> (RawCatalog, SourceTexts, Diagnostics) {
    let files = &walk.files;
    // Parse in parallel; collect in walk order so output never depends on scheduling.
    let old = std::mem::take(&mut cache.files);
    let results: Vec<ReadFile> = if stat {
        files
            .par_iter()
            .map(|(path, kind)| {
                let stamp = stamp_of(path);
                if let (Some(stamp), Some(hit)) = (stamp, old.get(path))
                    && hit.stamp == stamp
                {
                    return (path.clone(), hit.text.clone(), hit.parsed.clone(), Some(stamp), false);
                }
                let (text, parsed) = read_and_parse(path, kind.clone());
                (path.clone(), text, parsed, stamp, true)
            })
            .collect()
    } else {
        files
            .iter()
            .map(|(path, kind)| match old.get(path) {
                Some(hit) => (path.clone(), hit.text.clone(), hit.parsed.clone(), Some(hit.stamp), false),
                None => {
                    let stamp = stamp_of(path);
                    let (text, parsed) = read_and_parse(path, kind.clone());
                    (path.clone(), text, parsed, stamp, true)
                }
            })
            .collect()
    };
    cache.parsed = results.iter().filter(|r| r.4).count();
    let mut kept = old;
    if stat {
        kept.clear();
    }
    for (path, text, parsed, stamp, fresh) in &results {
        if let Some(stamp) = stamp
            && (stat || *fresh)
        {
            kept.insert(path.clone(), CachedFile { stamp: *stamp, text: text.clone(), parsed: parsed.clone() });
        }
    }
    cache.files = kept;
    let results = results.into_iter().map(|(path, text, parsed, _, _)| (path, text, parsed)).collect();
    let mut out = assemble(empty_catalog(root), walk.config.as_ref(), &walk.state_dirs, results, walk.diags.clone());
    out.1.from_disk = true;
    cache.assembled = out.2.is_empty().then(|| (out.0.clone(), out.1.clone()));
    out
}

/// Reads and parses a file; its text is kept only if it does not parse (see
/// [`SourceTexts`]).
fn read_and_parse(path: &Path, kind: Kind) -> (Option<Arc<str>>, Result<Parsed, Diagnostic>) {
    match yaml::read_text(path) {
        Ok(text) => {
            let parsed = parse_kind(path, &text, kind);
            let text = parsed.is_err().then(|| text.into());
            (text, parsed)
        }
        Err(d) => (None, Err(d)),
    }
}

/// The load stage on files held in memory: `(path relative to the catalog
/// root, bytes)` pairs, classified, decoded and parsed exactly as files read
/// from `root` would be. Reads nothing; the fuzz target and tests use it to
/// drive the loader and validator without a file system. Folders are implied
/// by the paths; a path that is not part of the catalog is reported.
pub fn load_files(root: &Path, files: Vec<(String, Vec<u8>)>) -> (RawCatalog, SourceTexts, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut catalog = RawCatalog { root: root.to_path_buf(), ..Default::default() };
    catalog.national.dir = root.join("national");
    let mut files = files;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    let mut state_dirs: Vec<String> = Vec::new();
    let mut results = Vec::new();
    // coverguide.toml first, as on disk: it says which file is the logo.
    let config = files.iter().position(|(rel, _)| rel == crate::config::FILE_NAME).and_then(|i| {
        let (rel, bytes) = files.remove(i);
        let path = root.join(rel);
        match yaml::decode(&path, bytes) {
            Ok(text) => Some(crate::config::parse(path, text, &mut diags)),
            Err(d) => {
                diags.push(d);
                None
            }
        }
    });
    let logo_rel = config.as_ref().and_then(crate::config::ReadConfig::logo_rel);
    for (rel, bytes) in files {
        let parts: Vec<&str> = rel.split('/').collect();
        let path = parts.iter().fold(root.to_path_buf(), |p, c| p.join(c));
        if logo_rel.as_ref().is_some_and(|l| parts == *l) {
            continue;
        }
        if parts.iter().any(|c| c.is_empty() || *c == "." || *c == "..") {
            diags.push(Diagnostic::at(&path, None, "this file is not part of the catalog").with_hint(LAYOUT_HINT));
            continue;
        }
        for depth in 1..parts.len() {
            if let Some(Kind::StateDir(s)) = classify(&parts[..depth], true)
                && !state_dirs.contains(&s)
            {
                state_dirs.push(s);
            }
        }
        match classify(&parts, false) {
            Some(Kind::Dir | Kind::StateDir(_)) | None => {
                diags.push(Diagnostic::at(&path, None, "this file is not part of the catalog").with_hint(LAYOUT_HINT));
            }
            Some(kind) => {
                let (text, parsed) = match yaml::decode(&path, bytes) {
                    Ok(text) => {
                        let parsed = parse_kind(&path, &text, kind);
                        (Some(text.into()), parsed)
                    }
                    Err(d) => (None, Err(d)),
                };
                results.push((path, text, parsed));
            }
        }
    }
    state_dirs.sort();
    assemble(catalog, config.as_ref(), &state_dirs, results, diags)
}

/// Puts parsed files into their places in the raw catalog, in the order given.
fn assemble(
    mut catalog: RawCatalog,
    config: Option<&crate::config::ReadConfig>,
    state_dirs: &[String],
    results: Vec<ParsedFile>,
    mut diags: Diagnostics,
) -> (RawCatalog, SourceTexts, Diagnostics) {
    let root = catalog.root.clone();
    let mut texts = Vec::new();
    if let Some(c) = config {
        catalog.site = crate::config::resolve(&root, c, state_dirs, &mut diags);
        texts.push((c.path.clone(), c.text.as_str().into()));
    }
    let mut states: Vec<RawStateDir> = state_dirs
        .iter()
        .map(|s| RawStateDir {
            folder: s.clone(),
            dir: root.join("states").join(s),
            state: None,
            services: Vec::new(),
            unread: Vec::new(),
            scope: RawScope::default(),
        })
        .collect();
    for (path, text, parsed) in results {
        if let Some(t) = text {
            texts.push((path.clone(), t));
        }
        let parsed = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let state_of = |states: &[RawStateDir], s: &str| states.iter().position(|d| d.folder == s);
        match parsed {
            Parsed::NationalSources(l) => catalog.national.sources = Some(l),
            Parsed::State(s, l) => {
                if let Some(i) = state_of(&states, &s) {
                    states[i].state = Some(l);
                }
            }
            Parsed::Service(s, l) => {
                if let Some(i) = state_of(&states, &s) {
                    states[i].services.push(l);
                }
            }
            Parsed::Facts(s, l) => scope_mut(&mut catalog.national, &mut states, s).facts = Some(l),
            Parsed::Crosswalk(s, l) => scope_mut(&mut catalog.national, &mut states, s).crosswalks.push(l),
            Parsed::Guidance(s, l) => scope_mut(&mut catalog.national, &mut states, s).guidance.push(l),
        }
    }
    for st in &states {
        if st.state.is_none() && !diags.items.iter().any(|d| d.file == st.dir.join("state.yaml")) {
            diags.push(
                Diagnostic::at(&st.dir, None, "this state folder has no state.yaml")
                    .with_hint("every states/<st>/ folder needs a state.yaml naming the state"),
            );
        }
    }
    catalog.states = states;
    (catalog, SourceTexts { files: Arc::new(texts), from_disk: false }, diags)
}

fn scope_mut<'a>(national: &'a mut RawNational, states: &'a mut [RawStateDir], s: Option<String>) -> &'a mut RawScope {
    match s.and_then(|s| states.iter().position(|d| d.folder == s)) {
        Some(i) => &mut states[i].scope,
        None => &mut national.scope,
    }
}

fn parse_kind(path: &Path, text: &str, kind: Kind) -> Result<Parsed, Diagnostic> {
    fn loaded<T>(path: &Path, value: T, line_offset: usize) -> Shared<T> {
        Arc::new(Loaded { path: path.to_path_buf(), line_offset, value })
    }
    Ok(match kind {
        Kind::NationalSources => Parsed::NationalSources(loaded(path, yaml::parse(path, text, 0)?, 0)),
        Kind::Facts(s) => Parsed::Facts(s, loaded(path, yaml::parse(path, text, 0)?, 0)),
        Kind::Crosswalk(s) => Parsed::Crosswalk(s, loaded(path, yaml::parse(path, text, 0)?, 0)),
        Kind::State(s) => Parsed::State(s, loaded(path, yaml::parse(path, text, 0)?, 0)),
        Kind::Service(s) => Parsed::Service(s, loaded(path, yaml::parse(path, text, 0)?, 0)),
        Kind::Guidance(s) => {
            let (front, body, body_line) = split_front_matter(path, text)?;
            let front: RawGuidanceFront = yaml::parse(path, front, 1)?;
            let slug = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            let g = RawGuidance { slug, front, body: body.to_string(), body_line };
            Parsed::Guidance(s, loaded(path, g, 1))
        }
        Kind::Dir | Kind::StateDir(_) => unreachable!("folders are not parsed"),
    })
}

/// Splits `---\n<yaml>\n---\n<markdown>`; returns the YAML, the body and the
/// body's first line number.
fn split_front_matter<'t>(path: &Path, text: &'t str) -> Result<(&'t str, &'t str, usize), Diagnostic> {
    let missing = || {
        Diagnostic::at(
            path,
            Some(Pos { line: 1, col: 1, len: 3 }),
            "a guidance document must start with YAML front matter",
        )
        .with_hint("begin the file with a line `---`, the front matter fields, and another line `---`")
    };
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")).ok_or_else(missing)?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end_matches(['\n', '\r']) == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((front, body, i + 3));
        }
        offset += line.len();
    }
    let last = text.lines().count().max(1);
    Err(Diagnostic::at(path, Some(Pos { line: last, col: 1, len: 1 }), "the front matter is not closed")
        .with_hint("end the front matter with a line `---`"))
}
