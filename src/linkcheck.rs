//! `check --links`: every internal link and anchor of a rendered site
//! resolves.
//!
//! Pages are read with html5gum, a WHATWG HTML tokenizer, so attribute values
//! are decoded as a browser decodes them (`&#x2F;` is `/`) and text inside
//! `<script>`, `<style>` or `<title>` is never taken for markup. Each `href`
//! (`<a>`, `<area>`, `<link>`), `src` (`<img>`, `<script>`, `<iframe>`,
//! `<source>`, ...) and form `action` is resolved against its page as a
//! browser would: relative to the page's folder, `..` and `.` removed, query
//! dropped, `%XX` decoded; a folder (`or/`) means its `index.html`. The
//! target must be a file of the site; a `#fragment` must name an element `id`
//! (or an `<a name>`) of the target page. URLs with a scheme (`https:`,
//! `mailto:`) and protocol-relative ones (`//host`) are external and not
//! checked; `<link rel="canonical">` names the published URL, not a file, and
//! is not checked either. A root-relative URL (`/guides/x/`) resolves against
//! the base path when the site has one (`--base-url /guides/`), else against
//! the site root.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::render::Site;

/// One link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The page that holds the link, from the site root.
    pub page: String,
    /// The link as written (decoded).
    pub link: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No file of the site at this path.
    NoFile(String),
    /// The file exists but has no element with this id.
    NoAnchor { file: String, id: String },
    /// The path climbs above the site root, or a root-relative path is
    /// outside the base path.
    OutsideSite,
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::NoFile(file) => write!(f, "{}: broken link `{}`: no file {file}", self.page, self.link),
            Problem::NoAnchor { file, id } => {
                write!(f, "{}: broken anchor `{}`: {file} has no element with id `{id}`", self.page, self.link)
            }
            Problem::OutsideSite => write!(f, "{}: broken link `{}`: outside the site", self.page, self.link),
        }
    }
}

/// What one page holds: its element ids and the links to check.
#[derive(Default)]
struct PageLinks {
    ids: BTreeSet<String>,
    links: Vec<String>,
}

/// Checks every HTML page of `site`; returns how many links were checked
/// and the broken ones, in page order then document order. `base_path` is
/// the path part of a root-relative base URL (`/guides/`), if any.
pub fn check(site: &Site, base_path: Option<&str>) -> (usize, Vec<Broken>) {
    let files: BTreeSet<&str> = site.files.iter().map(|f| f.path.as_str()).collect();
    let pages: BTreeMap<&str, PageLinks> =
        site.files.iter().filter(|f| f.path.ends_with(".html")).map(|f| (f.path.as_str(), scan(&f.bytes))).collect();
    let base = base_path.unwrap_or("/");
    let mut count = 0;
    let mut broken = Vec::new();
    for (page, links) in &pages {
        for link in &links.links {
            let target = resolve(page, link, base);
            if !matches!(target, Target::External) {
                count += 1;
            }
            let problem = match target {
                Target::External => continue,
                Target::Outside => Some(Problem::OutsideSite),
                Target::Internal { file, fragment } => {
                    if !files.contains(file.as_str()) {
                        Some(Problem::NoFile(file))
                    } else {
                        match (fragment, pages.get(file.as_str())) {
                            (Some(id), Some(target)) if !anchor_ok(&target.ids, &id) => {
                                Some(Problem::NoAnchor { file, id })
                            }
                            _ => None,
                        }
                    }
                }
            };
            if let Some(problem) = problem {
                broken.push(Broken { page: page.to_string(), link: link.clone(), problem });
            }
        }
    }
    (count, broken)
}

/// An empty fragment and `#top` scroll to the top of any page.
fn anchor_ok(ids: &BTreeSet<String>, id: &str) -> bool {
    id.is_empty() || id.eq_ignore_ascii_case("top") || ids.contains(id)
}

fn scan(html: &[u8]) -> PageLinks {
    let mut emitter = DefaultEmitter::default();
    // Text inside <script>, <style>, <title> and <textarea> is not markup.
    emitter.naively_switch_states(true);
    let mut out = PageLinks::default();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        let Token::StartTag(tag) = token else { continue };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let attr = |key: &str| {
            tag.attributes.iter().find(|(k, _)| k.eq_ignore_ascii_case(key.as_bytes())).map(|(_, v)| {
                let v: &[u8] = &v.value;
                String::from_utf8_lossy(v).into_owned()
            })
        };
        if let Some(id) = attr("id") {
            out.ids.insert(id);
        }
        if name == "a"
            && let Some(n) = attr("name")
        {
            out.ids.insert(n);
        }
        let canonical = name == "link"
            && attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|x| x.eq_ignore_ascii_case("canonical")));
        let key = match name.as_str() {
            "a" | "area" | "link" if !canonical => "href",
            "img" | "script" | "iframe" | "source" | "audio" | "video" | "track" | "embed" | "input" => "src",
            "form" => "action",
            _ => continue,
        };
        if let Some(v) = attr(key) {
            out.links.push(v.trim().to_string());
        }
    }
    out
}

enum Target {
    External,
    Outside,
    Internal { file: String, fragment: Option<String> },
}

fn resolve(page: &str, link: &str, base: &str) -> Target {
    let has_scheme = link.find(':').is_some_and(|i| {
        let s = &link[..i];
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme || link.starts_with("//") {
        return Target::External;
    }
    let (rest, fragment) = match link.split_once('#') {
        Some((r, f)) => (r, Some(percent_decode(f))),
        None => (link, None),
    };
    let path = rest.split('?').next().unwrap_or("");
    let mut parts: Vec<String> = Vec::new();
    let joined: String = if path.is_empty() {
        page.to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        match format!("/{abs}").strip_prefix(base) {
            Some(r) => r.to_string(),
            // `/guides` for base `/guides/` is the site root.
            None if format!("/{abs}/") == base => String::new(),
            None => return Target::Outside,
        }
    } else {
        let dir = page.rfind('/').map_or("", |i| &page[..=i]);
        format!("{dir}{path}")
    };
    let folder = joined.is_empty() || joined.ends_with('/');
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            s => parts.push(percent_decode(s)),
        }
    }
    if folder {
        parts.push("index.html".into());
    }
    Target::Internal { file: parts.join("/"), fragment }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (b.get(i + 1).and_then(|&c| hex(c)), b.get(i + 2).and_then(|&c| hex(c)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn site(files: &[(&str, &str)]) -> Site {
        Site {
            files: files
                .iter()
                .map(|(p, b)| OutputFile { path: p.to_string(), bytes: b.as_bytes().to_vec() })
                .collect(),
        }
    }

    fn file(r: Target) -> String {
        match r {
            Target::Internal { file, fragment } => format!("{file}#{}", fragment.unwrap_or_default()),
            Target::External => "external".into(),
            Target::Outside => "outside".into(),
        }
    }

    #[test]
    fn resolves_like_a_browser() {
        let p = "or/services/x/index.html";
        assert_eq!(file(resolve(p, "../../index.html", "/")), "or/index.html#");
        assert_eq!(file(resolve(p, "../../", "/")), "or/index.html#");
        assert_eq!(file(resolve(p, "./a%20b.csv?x=1#r-1", "/")), "or/services/x/a b.csv#r-1");
        assert_eq!(file(resolve(p, "#billing-h", "/")), "or/services/x/index.html#billing-h");
        assert_eq!(file(resolve(p, "../../../../x.html", "/")), "outside");
        assert_eq!(file(resolve(p, "https://example.gov/", "/")), "external");
        assert_eq!(file(resolve(p, "mailto:a@b.gov", "/")), "external");
        assert_eq!(file(resolve(p, "//cdn.example/x.js", "/")), "external");
        assert_eq!(file(resolve("404.html", "/guides/static/s.css", "/guides/")), "static/s.css#");
        assert_eq!(file(resolve("404.html", "/guides", "/guides/")), "index.html#");
        assert_eq!(file(resolve("404.html", "/other/x", "/guides/")), "outside");
        assert_eq!(file(resolve("index.html", "", "/")), "index.html#");
    }

    #[test]
    fn finds_broken_links_and_anchors_and_ignores_script_text() {
        let s = site(&[
            (
                "index.html",
                "<title><a href=nope.html></title><a href=\"a&#x2F;index.html#x\">ok</a> <a href='a/#y'>bad anchor</a> \
                 <img src=missing.png><script>var s = '<a href=\"gone.html\">';</script><a name=n></a><a href=#n>n</a>\
                 <link rel=canonical href=/elsewhere/>",
            ),
            ("a/index.html", "<h2 id=x>X</h2><a href=\"../data.csv#r\">csv</a>"),
            ("data.csv", "a,b"),
        ]);
        let (count, broken) = check(&s, None);
        let lines: Vec<String> = broken.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "index.html: broken anchor `a/#y`: a/index.html has no element with id `y`",
                "index.html: broken link `missing.png`: no file missing.png",
            ],
            "{lines:#?}"
        );
        assert_eq!(count, 5);
    }
}
