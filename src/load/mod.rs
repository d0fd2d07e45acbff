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

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Pos};
use raw::*;
pub use yaml::MAX_FILE_BYTES;

/// The text of every file read, for rendering diagnostics with source lines.
#[derive(Debug, Default, Clone)]
pub struct SourceTexts {
    pub files: Vec<(PathBuf, String)>,
}

impl SourceTexts {
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
    }
}

/// A parsed file: its value, its path, and how many lines precede the YAML
/// (front matter starts on line 2 of a Markdown file).
#[derive(Debug)]
pub struct Loaded<T> {
    pub path: PathBuf,
    pub line_offset: usize,
    pub value: T,
}

#[derive(Debug)]
pub struct RawGuidance {
    /// The file name without `.md`.
    pub slug: String,
    pub front: RawGuidanceFront,
    pub body: String,
    /// Line number (1-based) of the body's first line in the file.
    pub body_line: usize,
}

#[derive(Debug, Default)]
pub struct RawScope {
    pub facts: Option<Loaded<RawFactsFile>>,
    pub crosswalks: Vec<Loaded<RawCrosswalk>>,
    pub guidance: Vec<Loaded<RawGuidance>>,
}

#[derive(Debug, Default)]
pub struct RawNational {
    pub dir: PathBuf,
    pub sources: Option<Loaded<RawSourcesFile>>,
    pub scope: RawScope,
}

#[derive(Debug)]
pub struct RawStateDir {
    /// Folder name, e.g. `or`.
    pub folder: String,
    pub dir: PathBuf,
    pub state: Option<Loaded<RawState>>,
    pub services: Vec<Loaded<RawService>>,
    pub scope: RawScope,
}

#[derive(Debug, Default)]
pub struct RawCatalog {
    pub root: PathBuf,
    pub national: RawNational,
    pub states: Vec<RawStateDir>,
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
enum Parsed {
    NationalSources(Loaded<RawSourcesFile>),
    Facts(Option<String>, Loaded<RawFactsFile>),
    Crosswalk(Option<String>, Loaded<RawCrosswalk>),
    Guidance(Option<String>, Loaded<RawGuidance>),
    State(String, Loaded<RawState>),
    Service(String, Loaded<RawService>),
}

/// Reads the catalog at `root`. Returns the parsed files, the source texts for
/// diagnostics, and every problem found. A missing or unreadable root is a
/// diagnostic too, so `check` and `build` report it the same way.
pub fn load(root: &Path) -> (RawCatalog, SourceTexts, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut catalog = RawCatalog { root: root.to_path_buf(), ..Default::default() };
    catalog.national.dir = root.join("national");
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            diags.push(Diagnostic::at(root, None, "the catalog path is not a folder"));
            return (catalog, SourceTexts::default(), diags);
        }
        Err(e) => {
            diags.push(Diagnostic::at(root, None, format!("cannot read the catalog folder: {e}")));
            return (catalog, SourceTexts::default(), diags);
        }
    }

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

    // Parse in parallel; collect in walk order so output never depends on scheduling.
    let results: Vec<(PathBuf, Option<String>, Result<Parsed, Diagnostic>)> = files
        .into_par_iter()
        .map(|(path, kind)| {
            let (text, parsed) = match yaml::read_text(&path) {
                Ok(text) => {
                    let parsed = parse_kind(&path, &text, kind);
                    (Some(text), parsed)
                }
                Err(d) => (None, Err(d)),
            };
            (path, text, parsed)
        })
        .collect();
    assemble(catalog, &state_dirs, results, diags)
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
    for (rel, bytes) in files {
        let parts: Vec<&str> = rel.split('/').collect();
        let path = parts.iter().fold(root.to_path_buf(), |p, c| p.join(c));
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
                        (Some(text), parsed)
                    }
                    Err(d) => (None, Err(d)),
                };
                results.push((path, text, parsed));
            }
        }
    }
    state_dirs.sort();
    assemble(catalog, &state_dirs, results, diags)
}

/// Puts parsed files into their places in the raw catalog, in the order given.
fn assemble(
    mut catalog: RawCatalog,
    state_dirs: &[String],
    results: Vec<(PathBuf, Option<String>, Result<Parsed, Diagnostic>)>,
    mut diags: Diagnostics,
) -> (RawCatalog, SourceTexts, Diagnostics) {
    let root = catalog.root.clone();
    let mut texts = SourceTexts::default();
    let mut states: Vec<RawStateDir> = state_dirs
        .iter()
        .map(|s| RawStateDir {
            folder: s.clone(),
            dir: root.join("states").join(s),
            state: None,
            services: Vec::new(),
            scope: RawScope::default(),
        })
        .collect();
    for (path, text, parsed) in results {
        if let Some(t) = text {
            texts.files.push((path.clone(), t));
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
    (catalog, texts, diags)
}

fn scope_mut<'a>(national: &'a mut RawNational, states: &'a mut [RawStateDir], s: Option<String>) -> &'a mut RawScope {
    match s.and_then(|s| states.iter().position(|d| d.folder == s)) {
        Some(i) => &mut states[i].scope,
        None => &mut national.scope,
    }
}

fn parse_kind(path: &Path, text: &str, kind: Kind) -> Result<Parsed, Diagnostic> {
    fn loaded<T>(path: &Path, value: T, line_offset: usize) -> Loaded<T> {
        Loaded { path: path.to_path_buf(), line_offset, value }
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
