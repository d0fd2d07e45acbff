//! Site-wide files and checks: sitemap.xml, robots.txt, canonical links,
//! titles and descriptions, the 404 page, the build summary and
//! `check --links`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

fn build(catalog: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&repo(), &args)
}

/// `(tag name, attributes)` of every start tag, through the HTML tokenizer
/// the link checker uses, so attribute values are decoded.
fn tags(html: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut out = Vec::new();
    for t in html5gum::Tokenizer::new(html).flatten() {
        if let html5gum::Token::StartTag(t) = t {
            let attrs = t
                .attributes
                .iter()
                .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(&v.value).into_owned()))
                .collect();
            out.push((String::from_utf8_lossy(&t.name).into_owned(), attrs));
        }
    }
    out
}

fn canonical(html: &str) -> Option<String> {
    tags(html)
        .into_iter()
        .find(|(n, a)| n == "link" && a.get("rel").is_some_and(|r| r == "canonical"))
        .map(|(_, a)| a["href"].clone())
}

fn head_text(html: &str, open: &str, close: &str) -> String {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    html[start..start + html[start..].find(close).unwrap()].to_string()
}

fn description(html: &str) -> Option<String> {
    tags(html)
        .into_iter()
        .find(|(n, a)| n == "meta" && a.get("name").is_some_and(|x| x == "description"))
        .map(|(_, a)| a["content"].clone())
}

#[test]
fn sitemap_lists_exactly_the_pages_that_are_their_own_canonical() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&repo().join("catalog"), &out, &["--base-url", "https://example.gov/guides"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = tree(&out);
    let xml = String::from_utf8(files["sitemap.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
    let mut listed = BTreeSet::new();
    for url in root.children().filter(|n| n.is_element()) {
        assert_eq!(url.tag_name().name(), "url");
        let loc = url.children().find(|n| n.has_tag_name("loc")).and_then(|n| n.text()).expect("every url has a loc");
        assert!(loc.starts_with("https://example.gov/guides/") && loc.ends_with('/'), "{loc}");
        if let Some(m) = url.children().find(|n| n.has_tag_name("lastmod")).and_then(|n| n.text()) {
            // W3C datetime: YYYY, YYYY-MM or YYYY-MM-DD.
            let ok = [4, 7, 10].contains(&m.len()) && m.chars().all(|c| c.is_ascii_digit() || c == '-');
            assert!(ok, "{loc}: lastmod {m}");
        }
        assert!(listed.insert(loc.to_string()), "{loc} listed twice");
    }
    // Every built page whose canonical link names itself, and nothing else.
    let mut expected = BTreeSet::new();
    let mut elsewhere = 0;
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        if rel == "404.html" {
            assert_eq!(canonical(&html), None, "the 404 page has no canonical URL");
            continue;
        }
        let own = format!("https://example.gov/guides/{}", rel.strip_suffix("index.html").unwrap());
        let c = canonical(&html).unwrap_or_else(|| panic!("{rel} has no canonical link"));
        if c == own {
            expected.insert(own);
        } else {
            elsewhere += 1;
        }
    }
    assert_eq!(listed, expected);
    assert!(elsewhere > 0, "state copies of national crosswalks name the national page");
    assert!(xml.contains("<lastmod>"), "dated pages carry lastmod");
    let robots = String::from_utf8(files["robots.txt"].clone()).unwrap();
    assert!(robots.contains("User-agent: *\nDisallow:\n"), "{robots}");
    assert!(robots.contains("\nSitemap: https://example.gov/guides/sitemap.xml\n"), "{robots}");

    // The same catalog builds the same sitemap, byte for byte.
    let again = tmp.path().join("again");
    assert!(build(&repo().join("catalog"), &again, &["--base-url", "https://example.gov/guides"]).status.success());
    assert_eq!(tree(&again)["sitemap.xml"], files["sitemap.xml"]);
}

#[test]
fn without_an_absolute_base_url_there_is_no_sitemap() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, extra) in [("none", &[][..]), ("path", &["--base-url", "/guides/"][..])] {
        let out = tmp.path().join(name);
        let o = build(&fixture("valid_minimal"), &out, extra);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!out.join("sitemap.xml").exists(), "{name}: a sitemap needs absolute URLs");
        let robots = read(&out, "robots.txt");
        assert_eq!(robots, "# Every page of this guide may be crawled.\nUser-agent: *\nDisallow:\n");
        let with_canonical = tree(&out)
            .iter()
            .filter(|(k, v)| k.ends_with(".html") && canonical(&String::from_utf8_lossy(v)).is_some())
            .count();
        assert_eq!(with_canonical, if name == "none" { 0 } else { 43 }, "{name}: every page but 404.html");
    }
}

#[test]
fn every_page_has_a_unique_title_and_a_description() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&repo().join("catalog"), &out, &[]).status.success());
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    let mut pages = 0;
    for (rel, bytes) in tree(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(&bytes);
        let title = head_text(&html, "<title>", "</title>");
        assert!(!title.trim().is_empty(), "{rel}: empty title");
        if let Some(other) = titles.insert(title.clone(), rel.clone()) {
            panic!("{rel} and {other} share the title {title:?}");
        }
        let d = description(&html).unwrap_or_else(|| panic!("{rel}: no meta description"));
        assert!(d.len() >= 20, "{rel}: description {d:?}");
    }
    assert!(pages > 100, "{pages}");
    let nf = read(&out, "404.html");
    assert!(nf.contains("<h1>Page not found</h1>"), "a 404 page is built");
    assert!(head_text(&nf, "<title>", "</title>").starts_with("Page not found"));
}

#[test]
fn build_summary_lists_stages_and_is_plain_outside_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&fixture("valid_minimal"), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("built 1 state, 2 services, 44 pages ("), "{text}");
    let stages: Vec<&str> = lines[1]
        .strip_prefix("stages: ")
        .unwrap_or_else(|| panic!("{text}"))
        .split(", ")
        .map(|s| s.split(' ').next().unwrap())
        .collect();
    assert_eq!(stages, ["load", "validate", "render", "index", "write"], "{text}");
    for s in lines[1].strip_prefix("stages: ").unwrap().split(", ") {
        let ms = s.split(' ').nth(1).unwrap();
        assert!(ms.parse::<u64>().is_ok() && s.ends_with(" ms"), "{s}");
    }
    // Neither a progress bar nor colour when stderr is not a terminal.
    assert_eq!(stderr(&o), "", "nothing on stderr");
    assert!(!text.contains('\x1b') && !text.contains('\r'), "{text:?}");

    for args in [&["--quiet", "build"][..], &["build", "-q"][..]] {
        let mut a = args.to_vec();
        let (c, d) = (fixture("valid_minimal"), out.clone());
        a.extend(["--catalog", c.to_str().unwrap(), "--out", d.to_str().unwrap()]);
        let o = run(&repo(), &a);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!((stdout(&o), stderr(&o)), (String::new(), String::new()), "{args:?} prints nothing");
    }
    // --quiet silences the summary, not the errors.
    let o = run(&repo(), &["build", "--quiet", "--catalog", "no-such-folder", "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(!stderr(&o).is_empty());
}

#[test]
fn a_terminal_gets_a_progress_bar_and_the_same_summary() {
    // `script` (util-linux, in every Debian) runs the build on a pseudo-terminal.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let cmd = format!(
        "'{}' build --catalog '{}' --out '{}'",
        env!("CARGO_BIN_EXE_coverguide"),
        fixture("valid_minimal").display(),
        out.display()
    );
    let o = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run script(1)");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let screen = stdout(&o);
    assert!(screen.contains("   render [") && screen.contains("/44 pages"), "a bar of pages rendered: {screen:?}");
    assert!(screen.contains("\x1b[2K"), "the bar redraws in place: {screen:?}");
    // The bar is cleared before the summary, which is the same as in a pipe.
    let summary = &screen[screen.rfind("\x1b[2K").unwrap() + 4..];
    assert!(summary.starts_with("built 1 state, 2 services, 44 pages ("), "{summary:?}");
    assert!(summary.contains("\nstages: load "), "{summary:?}");
    assert!(out.join("or/guide/index.html").is_file());
}

#[test]
fn check_links_passes_the_sample_catalog_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["check", "--links", "--catalog", repo().join("catalog").to_str().unwrap()]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains(": ok; all ") && stdout(&o).contains(" internal links and anchors in "),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "check --links writes nothing");
    let o = run(
        tmp.path(),
        &["check", "--links", "--base-url", "/guides/", "--catalog", repo().join("catalog").to_str().unwrap()],
    );
    assert!(o.status.success(), "root-relative links on the 404 page resolve under the base path: {}", stderr(&o));
    let o = run(tmp.path(), &["check", "--links", "-q", "--catalog", repo().join("catalog").to_str().unwrap()]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), String::new()));
}

#[test]
fn check_links_lists_each_broken_link_and_anchor_with_its_page() {
    let theme = repo().join("tests/fixtures/links_theme");
    let o = run(
        &repo(),
        &[
            "check",
            "--links",
            "--catalog",
            fixture("valid_minimal").to_str().unwrap(),
            "--theme",
            theme.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "404.html: broken link `or/servcies/index.html`: no file or/servcies/index.html\n\
         404.html: broken anchor `or/index.html#no-such-section`: or/index.html has no element with id `no-such-section`\n\
         error: 2 broken links in 1 page\n"
    );
    assert_eq!(stdout(&o), "");

    // Links written in a guidance document are checked where they appear:
    // on its own page and in the state's printable guide, where they are
    // rebased so the good ones still resolve.
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &cat);
    let md = cat.join("states/or/guidance/dyadic-billing.md");
    let text = std::fs::read_to_string(&md).unwrap()
        + "\nSee [the assessment](../../services/or-assessment/index.html), [a gone page](../../services/gone/index.html) and [a section](#who-qualifies).\n";
    std::fs::write(&md, text).unwrap();
    let o = run(&repo(), &["check", "--links", "--catalog", cat.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "or/guidance/dyadic-billing/index.html: broken link `../../services/gone/index.html`: no file or/services/gone/index.html\n\
         or/guide/index.html: broken link `../guidance/dyadic-billing/../../services/gone/index.html`: no file or/services/gone/index.html\n\
         error: 2 broken links in 2 pages\n"
    );
}
