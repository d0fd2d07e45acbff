//! Render stage: the validated model in, every page of the site in memory out.
//!
//! Pure: no file is read or written here (the theme was loaded before), so
//! the same catalog always renders the same bytes, and tests can inspect a
//! whole site without touching disk. Pages are rendered in parallel and
//! collected in a fixed order.

mod codes;
mod codes_view;
mod compare_pages;
mod compare_view;
pub mod guide;
pub(crate) mod labels;
mod links;
mod pages;
mod search_pages;
mod sitemap;
mod theme;
mod view;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Catalog;
pub use compare_view::{cell_words, status_key, value_label};
pub use labels::CATEGORY_ORDER;
pub use links::Linker;
pub use theme::Theme;
use view::Layout;

/// One output file, by its `/`-separated path from the site root.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
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

/// A page to render: its folder, template and context.
pub(crate) struct PageJob {
    pub dir: String,
    pub template: &'static str,
    pub context: tera::Context,
}

#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    layout: &'a Layout,
    page: &'a T,
}

impl PageJob {
    pub fn new<T: Serialize>(dir: String, template: &'static str, layout: &Layout, page: &T) -> Result<PageJob> {
        let context = tera::Context::from_serialize(PageContext { layout, page })
            .map_err(|e| Error::Template { name: template.into(), message: theme::tera_message(&e) })?;
        Ok(PageJob { dir, template, context })
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
    let jobs = pages::jobs(catalog, base_url)?;
    progress.pages(jobs.len());
    let mut files: Vec<OutputFile> = jobs
        .par_iter()
        .map(|job| {
            let html = theme
                .tera
                .render(job.template, &job.context)
                .map_err(|e| Error::Template { name: job.template.into(), message: theme::tera_message(&e) })?;
            let path =
                if job.template == "404.html" { "404.html".to_string() } else { format!("{}index.html", job.dir) };
            progress.page_done();
            Ok(OutputFile { path, bytes: html.into_bytes() })
        })
        .collect::<Result<_>>()?;
    let html_paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).filter(|p| p.ends_with("index.html")).collect();
    let meta = sitemap::files(catalog, base_url, &html_paths);
    files.extend(meta);
    files.extend(codes::csv_files(catalog));
    files.extend(compare_pages::files(catalog)?);
    files.extend(crate::export::files(catalog)?);
    for (name, bytes) in &theme.static_files {
        files.push(OutputFile { path: format!("static/{name}"), bytes: bytes.clone() });
    }
    progress.stage(crate::Stage::Index);
    let index_start = std::time::Instant::now();
    files.extend(crate::search::build(catalog).files());
    let index_seconds = index_start.elapsed().as_secs_f64();
    if let Some(logo) = &catalog.site.logo {
        files.push(OutputFile { path: logo.out_path.clone(), bytes: logo.bytes.clone() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((Site { files }, index_seconds))
}
