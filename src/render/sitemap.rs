//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap protocol wants absolute URLs, so `sitemap.xml` is written
//! only when the base URL is an absolute `http(s)` URL (`--base-url
//! https://example.gov/guides/`); with a root-relative base (`/guides/`) or
//! none, no sitemap is written, as in Zola and Hugo, which need a base URL
//! for one. `robots.txt` is always written; it names the sitemap when there
//! is one. (Crawlers read `robots.txt` only at a host's root, so under a
//! sub-path it is a template to copy there.)
//!
//! The sitemap lists every HTML page whose canonical URL is its own: all of
//! them but `404.html` and a state's copies of national crosswalks, whose
//! canonical link names the national page. URLs are the canonical ones
//! (folders, ending in `/`). `lastmod` is given where the catalog dates the
//! page's content: a guidance document's as-of date; for a service or a
//! crosswalk, the latest as-of date of the sources it cites; for a state's
//! home and printable guide, the latest of all of these for the state. It is
//! never the build time, so rebuilds are byte-identical.

use std::collections::BTreeMap;

use super::{BaseUrl, OutputFile};
use crate::model::*;

pub(super) fn files(catalog: &Catalog, base_url: Option<&BaseUrl>, html_paths: &[&str]) -> Vec<OutputFile> {
    let absolute = base_url.filter(|b| b.is_absolute());
    let mut robots = String::from("# Every page of this guide may be crawled.\nUser-agent: *\nDisallow:\n");
    let mut out = Vec::new();
    if let Some(b) = absolute {
        robots.push_str(&format!("\nSitemap: {}\n", b.page("sitemap.xml")));
        out.push(OutputFile { path: "sitemap.xml".into(), bytes: sitemap(catalog, b, html_paths).into_bytes() });
    }
    out.push(OutputFile { path: "robots.txt".into(), bytes: robots.into_bytes() });
    out
}

fn sitemap(catalog: &Catalog, base: &BaseUrl, html_paths: &[&str]) -> String {
    let lastmod = lastmod(catalog);
    let copies: Vec<String> = catalog
        .states
        .values()
        .flat_map(|s| {
            catalog
                .crosswalks_for(s)
                .into_iter()
                .filter(|x| x.scope == Scope::National)
                .map(|x| format!("{}/crosswalks/{}/", s.code.as_str(), x.id))
        })
        .collect();
    let mut dirs: Vec<&str> = html_paths
        .iter()
        .filter_map(|p| p.strip_suffix("index.html"))
        .filter(|d| !copies.iter().any(|c| c == d))
        .collect();
    dirs.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for d in dirs {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&base.page(d)));
        xml.push_str("</loc>");
        if let Some(date) = lastmod.get(d) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The pages the catalog dates, by folder.
fn lastmod(catalog: &Catalog) -> BTreeMap<String, PartialDate> {
    let latest = |cites: &[Cite]| cites.iter().filter_map(|c| catalog.source(c)).filter_map(|s| s.as_of).max();
    let mut out = BTreeMap::new();
    let mut put = |dir: String, date: Option<PartialDate>| {
        if let Some(d) = date {
            out.insert(dir, d);
        }
    };
    for g in catalog.national.content.guidance.values() {
        put(format!("guidance/{}/", g.slug), Some(g.as_of));
    }
    for x in catalog.national.content.crosswalks.values() {
        put(format!("crosswalks/{}/", x.id), latest(&x.cites));
    }
    for s in catalog.states.values() {
        let st = s.code.as_str();
        let mut state_latest: Vec<PartialDate> = Vec::new();
        for svc in s.services.values() {
            let d = latest(&svc.cites);
            state_latest.extend(d);
            put(format!("{st}/services/{}/", svc.id), d);
        }
        for g in s.content.guidance.values() {
            state_latest.push(g.as_of);
            put(format!("{st}/guidance/{}/", g.slug), Some(g.as_of));
        }
        for x in catalog.crosswalks_for(s) {
            let d = latest(&x.cites);
            state_latest.extend(d);
            put(format!("{st}/crosswalks/{}/", x.id), d);
        }
        state_latest.extend(s.content.facts.iter().filter_map(|f| f.as_of));
        state_latest.extend(latest(&s.epsdt_cites));
        let d = state_latest.into_iter().max();
        put(format!("{st}/"), d);
        put(super::guide::dir(&s.code), d);
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_xml() {
        assert_eq!(escape("https://x.gov/a?b=1&c='d'"), "https://x.gov/a?b=1&amp;c=&apos;d&apos;");
    }
}
