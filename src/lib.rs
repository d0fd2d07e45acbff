//! coverguide: static reference sites for state Medicaid EPSDT infant and
//! early childhood mental health services.
//!
//! The pipeline, in the only place its order is written:
//! load (files -> raw types) -> validate (raw -> model, or every problem)
//! -> render (model -> pages in memory) -> write (pages -> output folder).
//! See ARCHITECTURE.md for the invariants between stages.

pub mod cli;
pub mod codes;
pub mod compare;
pub mod config;
pub mod diag;
pub mod error;
pub mod export;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod validate;
pub mod write;

use std::path::PathBuf;
use std::time::Instant;

pub use error::{Error, Result};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub catalog: PathBuf,
    pub out: PathBuf,
    /// A user theme folder whose files override the default theme's.
    pub theme: Option<PathBuf>,
    pub base_url: Option<String>,
    pub minify: bool,
}

/// What a build produced, for the summary.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub states: usize,
    pub services: usize,
    pub pages: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// Seconds each stage took, in pipeline order.
    pub timings: Vec<(Stage, f64)>,
}

/// The stages of a build, in the order they run. Index (the search data)
/// runs inside render; its time is reported apart from render's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Validate,
    Render,
    Index,
    Write,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Validate => "validate",
            Stage::Render => "render",
            Stage::Index => "index",
            Stage::Write => "write",
        }
    }
}

/// Told how a build is going, for a progress display. Every method does
/// nothing unless overridden; render calls `page_done` from many threads.
pub trait Progress: Sync {
    /// A stage begins.
    fn stage(&self, _stage: Stage) {}
    /// Render is about to render this many pages.
    fn pages(&self, _total: usize) {}
    /// One page is rendered.
    fn page_done(&self) {}
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {}

/// Seconds since `t`, and restarts it.
fn lap(t: &mut Instant) -> f64 {
    let s = t.elapsed().as_secs_f64();
    *t = Instant::now();
    s
}

/// Loads and validates a catalog.
pub fn load_catalog(catalog: &std::path::Path) -> Result<model::Catalog> {
    let (raw, texts, diags) = load::load_deferred(catalog);
    validate::validate(raw, diags).map_err(|d| Error::Invalid(d, texts))
}

/// Splits a whole catalog held in one text into [`check_files`]'s pairs:
/// files follow lines `#file: <path relative to the catalog root>`, and bytes
/// before the first such line are `states/or/services/or-fuzz.yaml`. The fuzz
/// target's input format, shared with the tests that replay its seeds.
pub fn split_files(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    const MARK: &[u8] = b"#file: ";
    let mut files = Vec::new();
    let mut name = String::from("states/or/services/or-fuzz.yaml");
    let mut body: Vec<u8> = Vec::new();
    for line in data.split_inclusive(|b| *b == b'\n') {
        if let Some(rest) = line.strip_prefix(MARK) {
            if !body.is_empty() || !files.is_empty() {
                files.push((std::mem::take(&mut name), std::mem::take(&mut body)));
            }
            name = String::from_utf8_lossy(rest).trim().to_string();
        } else {
            body.extend_from_slice(line);
        }
    }
    files.push((name, body));
    files
}

/// Loads and validates a catalog held in memory: `(path relative to the
/// catalog root, bytes)` pairs. Reads and writes nothing; the fuzz target
/// drives the loader and validator through it.
pub fn check_files(
    root: &std::path::Path,
    files: Vec<(String, Vec<u8>)>,
) -> std::result::Result<model::Catalog, diag::Diagnostics> {
    let (raw, _texts, diags) = load::load_files(root, files);
    validate::validate(raw, diags)
}

/// Checks a catalog without writing anything.
pub fn check(catalog: &std::path::Path) -> Result<model::Catalog> {
    load_catalog(catalog)
}

/// Builds the site: validate everything, render every page in memory, then
/// write the output folder atomically. Nothing is written unless every
/// earlier stage succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &NoProgress)
}

/// [`build`], telling `progress` how it goes.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let start = Instant::now();
    let cli_base = parse_base_url(opts.base_url.as_deref())?;
    let (catalog, mut timings) = load_timed(&opts.catalog, progress)?;
    let base_url = base_url_for(cli_base, &catalog)?;
    let mut t = Instant::now();
    progress.stage(Stage::Render);
    let theme = render::Theme::load_with(opts.theme.as_deref(), opts.minify)?;
    // Render and write overlap: each page is minified and written by the
    // thread that rendered it. The write stage is then moving the finished
    // folder into place.
    let mut index = 0.0;
    let mut render = 0.0;
    let written = write::write_streamed(&opts.out, |sink| {
        index = render::render_each(&catalog, &theme, base_url.as_ref(), progress, sink)?;
        render = lap(&mut t);
        progress.stage(Stage::Write);
        Ok(())
    })?;
    timings.extend([(Stage::Render, render - index), (Stage::Index, index), (Stage::Write, lap(&mut t))]);
    Ok(BuildReport {
        states: catalog.states.len(),
        services: catalog.states.values().map(|s| s.services.len()).sum(),
        pages: written.pages,
        bytes: written.bytes,
        seconds: start.elapsed().as_secs_f64(),
        timings,
    })
}

/// Loads and validates, timing each.
fn parse_base_url(url: Option<&str>) -> Result<Option<render::BaseUrl>> {
    url.map(render::BaseUrl::parse).transpose().map_err(Error::Usage)
}

/// `--base-url` overrides `base_url` in coverguide.toml (checked when loaded).
fn base_url_for(cli: Option<render::BaseUrl>, catalog: &model::Catalog) -> Result<Option<render::BaseUrl>> {
    Ok(match cli {
        Some(b) => Some(b),
        None => parse_base_url(catalog.site.base_url.as_deref())?,
    })
}

fn load_timed(catalog: &std::path::Path, progress: &dyn Progress) -> Result<(model::Catalog, Vec<(Stage, f64)>)> {
    let mut t = Instant::now();
    progress.stage(Stage::Load);
    // Service files are read as validation reaches their state: their time is validate's.
    let (raw, texts, diags) = load::load_deferred(catalog);
    let load = lap(&mut t);
    progress.stage(Stage::Validate);
    let catalog = validate::validate(raw, diags).map_err(|d| Error::Invalid(d, texts))?;
    Ok((catalog, vec![(Stage::Load, load), (Stage::Validate, lap(&mut t))]))
}

/// What `check --links` found.
#[derive(Debug)]
pub struct LinkReport {
    pub pages: usize,
    pub links: usize,
    pub broken: Vec<linkcheck::Broken>,
}

/// Validates the catalog, renders the whole site in memory (nothing is
/// written) and checks that every internal link and anchor resolves.
pub fn check_links(
    catalog: &std::path::Path,
    theme: Option<&std::path::Path>,
    base_url: Option<&str>,
) -> Result<LinkReport> {
    let cli_base = parse_base_url(base_url)?;
    let catalog = load_catalog(catalog)?;
    let base_url = base_url_for(cli_base, &catalog)?;
    let theme = render::Theme::load(theme)?;
    let site = render::render(&catalog, &theme, base_url.as_ref())?;
    let (links, broken) = linkcheck::check(&site, base_url.as_ref().and_then(render::BaseUrl::root_path));
    Ok(LinkReport { pages: site.pages(), links, broken })
}
