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
pub mod diag;
pub mod error;
pub mod export;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod search;
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

/// What a build produced, for the one-line summary.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub states: usize,
    pub services: usize,
    pub pages: usize,
    pub bytes: u64,
    pub seconds: f64,
}

/// Loads and validates a catalog.
pub fn load_catalog(catalog: &std::path::Path) -> Result<model::Catalog> {
    let (raw, texts, diags) = load::load(catalog);
    validate::validate(raw, diags).map_err(|d| Error::Invalid(d, texts))
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
    let start = Instant::now();
    let base_url = opts.base_url.as_deref().map(render::BaseUrl::parse).transpose().map_err(Error::Usage)?;
    let catalog = load_catalog(&opts.catalog)?;
    let theme = render::Theme::load(opts.theme.as_deref())?;
    let site = render::render(&catalog, &theme, base_url.as_ref())?;
    let bytes = write::write_site(&opts.out, &site, opts.minify)?;
    Ok(BuildReport {
        states: catalog.states.len(),
        services: catalog.states.values().map(|s| s.services.len()).sum(),
        pages: site.pages(),
        bytes,
        seconds: start.elapsed().as_secs_f64(),
    })
}
