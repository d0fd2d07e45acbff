//! Building catalogs: pages, links, determinism, atomic output, themes.

mod common;

use common::*;
use std::path::Path;

fn build(catalog: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&repo(), &args)
}

#[test]
fn minimal_catalog_builds_every_page_type() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&fixture("valid_minimal"), &out, &[]);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    assert!(stdout(&o).starts_with("built 1 state, 2 services, 44 pages"), "{}", stdout(&o));
    for page in [
        "index.html",
        "404.html",
        "sources/index.html",
        "crosswalks/test-crosswalk/index.html",
        // The national crosswalk a service uses is part of the state's site too.
        "or/crosswalks/test-crosswalk/index.html",
        "or/index.html",
        "or/services/index.html",
        "or/services/or-assessment/index.html",
        "or/services/or-dyadic/index.html",
        "or/guidance/dyadic-billing/index.html",
        "or/sources/index.html",
        "or/search/index.html",
        "or/index/index.html",
        "search/index.html",
        "search/or.js",
        "static/style.css",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
}

#[test]
fn service_page_shows_billing_rules_and_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&fixture("valid_minimal"), &out, &["--no-minify"]).status.success());
    let html = read(&out, "or/services/or-assessment/index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>Mental health assessment for young children</h1>"));
    assert_eq!(main.matches("<h1").count(), 1, "one h1");
    assert!(
        main.contains(r#"<th scope="row" class="code"><a href="../../../or/codes/90791/index.html">90791</a></th>"#),
        "CPT code row"
    );
    assert!(main.contains(r#"<th scope="row" class="code"><a href="../../../or/codes/H2019/index.html">H2019</a></th><td class="code">HA: Child/adolescent program</td><td>per 15 minutes</td><td>$25.50 (as of 2025-07-01)</td>"#));
    assert!(main.contains("<dt>Assessment sessions before a diagnosis is required</dt><dd>5 per calendar year</dd>"));
    assert!(main.contains("<dt>Billed under</dt><dd>The child&#x27;s Medicaid ID</dd>"));
    // "Not documented" is not "No".
    assert!(main.contains(r#"<dt>Caregiver must be present</dt><dd class="undocumented">Not documented</dd>"#));
    assert!(main.contains("<dt>Caregiver must have Medicaid</dt><dd>No</dd>"));
    assert!(main.contains("0-71 months (birth through age 5)"));
    assert!(main.contains("<dt>Covered in the state plan</dt><dd>Yes</dd>"));
    assert!(main.contains("<dt>Covered only through EPSDT</dt><dd>No</dd>"));
    assert!(main.contains("https://www.oregon.gov/oha/ec") || main.contains("https://www.oregon.gov/oha/ec"));
    assert!(main.contains("As of 2024"));
    // The CPT notice appears where CPT codes do.
    assert!(html.contains("CPT® is a registered trademark of the American Medical Association"));
    // The crosswalk link is relative and resolves.
    assert!(main.contains("../../../or/crosswalks/test-crosswalk/index.html"), "{main}");
}

#[test]
fn illustrative_data_is_marked_on_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&fixture("valid_minimal"), &out, &["--no-minify"]).status.success());
    let main = read(&out, "or/services/or-dyadic/index.html");
    assert!(main.contains("<strong>Illustrative, not policy.</strong> Fixture service for tests."));
    assert!(main.contains("<dt>Prior authorization</dt><dd>Required after 26 units</dd>"));
    assert!(main.contains("<strong>Prior authorization:</strong> A plan reviews the case after 26 units."));
    let state = read(&out, "or/index.html");
    assert!(state.contains("Illustrative:</strong> Fixture data."));
}

#[test]
fn conflicting_facts_are_both_shown_with_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&fixture("valid_minimal"), &out, &["--no-minify"]).status.success());
    let main = main_of(&read(&out, "or/index.html")).to_string();
    assert!(main.contains(r#"id="fact-or-sessions-a""#) && main.contains(r#"id="fact-or-sessions-b""#));
    assert!(main.contains("As of 2021") && main.contains("As of 2025"));
    assert!(main.contains("<q>up to five sessions</q>"));
}

#[test]
fn guidance_renders_markdown_with_anchors_toc_tables_and_footnotes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&fixture("valid_minimal"), &out, &["--no-minify"]).status.success());
    let main = main_of(&read(&out, "or/guidance/dyadic-billing/index.html")).to_string();
    assert!(main.contains(r#"<h2 id="who-qualifies">Who qualifies</h2>"#), "{main}");
    assert!(main.contains(r#"<h3 id="ages">Ages</h3>"#));
    assert!(main.contains(r##"<a href="#who-qualifies">Who qualifies</a>"##), "table of contents");
    // A heading named like a layout landmark gets a different id.
    assert!(main.contains(r#"<h2 id="main-1">Main</h2>"#));
    assert!(main.contains("<table>"));
    assert!(main.contains("data-footnotes"));
}

/// Every relative link on every page points at a file that exists, and every
/// `#fragment` at an element id on that page.
#[test]
fn all_internal_links_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&fixture("valid_minimal"), &out, &[]).status.success());
    let mut checked = 0;
    for (rel, bytes) in tree(&out) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = Path::new(&rel).parent().unwrap().to_path_buf();
        for href in attr_values(&html, "href") {
            if href.starts_with("http://") || href.starts_with("https://") {
                continue;
            }
            let (path, frag) = href.split_once('#').unwrap_or((&href, ""));
            let target = if path.is_empty() { Path::new(&rel).to_path_buf() } else { normalize(&dir.join(path)) };
            assert!(out.join(&target).is_file(), "{rel}: broken link {href}");
            if !frag.is_empty() {
                let t = std::fs::read_to_string(out.join(&target)).unwrap();
                assert!(attr_values(&t, "id").iter().any(|id| id == frag), "{rel}: missing anchor {href}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

/// Attribute values in minified or plain HTML, entities for `/` and `&` decoded.
fn attr_values(html: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!(" {name}=");
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let (value, next) = match rest.as_bytes().first() {
            Some(b'"') => {
                let end = rest[1..].find('"').unwrap() + 1;
                (&rest[1..end], &rest[end..])
            }
            _ => {
                let end = rest.find(|c: char| c.is_whitespace() || c == '>').unwrap();
                (&rest[..end], &rest[end..])
            }
        };
        out.push(value.replace("&#x2F;", "/").replace("&amp;", "&"));
        rest = next;
    }
    out
}

fn normalize(p: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => assert!(out.pop(), "link leaves the site: {}", p.display()),
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn same_catalog_builds_byte_identical_output_from_any_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    let c = tmp.path().join("c");
    assert!(build(&repo().join("catalog"), &a, &[]).status.success());
    assert!(build(&repo().join("catalog"), &b, &[]).status.success());
    let copy = tmp.path().join("elsewhere/catalog");
    copy_tree(&repo().join("catalog"), &copy);
    assert!(build(&copy, &c, &[]).status.success());
    let (ta, tb, tc) = (tree(&a), tree(&b), tree(&c));
    assert!(ta.len() > 40);
    assert_eq!(ta, tb, "two builds differ");
    assert_eq!(ta, tc, "a copy of the catalog builds differently");

    // A copy made in reverse-sorted order, on another file system when there
    // is one (tmpfs at /dev/shm), so directory listings come back in another
    // order, built from another working directory with a relative path.
    let other =
        if Path::new("/dev/shm").is_dir() { tempfile::tempdir_in("/dev/shm") } else { tempfile::tempdir() }.unwrap();
    let reversed = other.path().join("cat");
    copy_tree_reversed(&repo().join("catalog"), &reversed);
    let listing = |d: &Path| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name()).collect::<Vec<_>>();
    let states = repo().join("catalog/states");
    if listing(&reversed.join("states")) == listing(&states) {
        eprintln!("note: the reversed copy lists states in the same order as the original on this file system");
    }
    let o = run(other.path(), &["build", "--catalog", "cat", "--out", "site"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        ta,
        tree(&other.path().join("site")),
        "a reverse-ordered copy on another file system builds differently"
    );
}

/// Copies a tree creating entries in reverse name order, so file systems
/// that list in creation order (tmpfs lists newest first, ext4 by hash) give
/// another order than the source.
fn copy_tree_reversed(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(from).unwrap().map(|e| e.unwrap()).collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.file_name()));
    for e in entries {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree_reversed(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&fixture("valid_minimal"), &out, &[]).status.success());
    let before = tree(&out);
    // An invalid catalog: nothing written.
    let o = build(&fixture("bad_several"), &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(tree(&out), before);
    // A broken theme template fails after validation: still nothing written.
    let theme = tmp.path().join("theme/templates");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("service.html"),
        "{% extends \"base.html\" %}{% block content %}{{ page.nope.deeper }}{% endblock content %}",
    )
    .unwrap();
    let o = build(&fixture("valid_minimal"), &out, &["--theme", tmp.path().join("theme").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("service.html"), "{}", stderr(&o));
    assert_eq!(tree(&out), before);
    // No staging folders are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("coverguide"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("precious");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("thesis.txt"), "keep me").unwrap();
    let o = build(&fixture("valid_minimal"), &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("was not written by coverguide"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("thesis.txt")).unwrap(), "keep me");
    // An output path that is a file is a usage error too.
    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let o = build(&fixture("valid_minimal"), &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a folder"), "{}", stderr(&o));
}

#[test]
fn user_theme_overrides_single_files() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(theme.join("static/style.css"), "body{color:#111}").unwrap();
    std::fs::write(theme.join("static/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Agency 404</h1>{% endblock content %}",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let o = build(&fixture("valid_minimal"), &out, &["--theme", theme.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read(&out, "static/style.css"), "body{color:#111}");
    assert!(out.join("static/logo.svg").is_file());
    assert!(read(&out, "404.html").contains("Agency 404"));
    // Templates not overridden still come from the default theme.
    assert!(read(&out, "or/index.html").contains("Skip to main content"));
}

#[test]
fn base_url_sets_canonical_links_but_keeps_links_relative() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&fixture("valid_minimal"), &out, &["--base-url", "https://example.gov/guides", "--no-minify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&out, "or/services/or-assessment/index.html");
    assert!(
        html.contains(r#"<link rel="canonical" href="https://example.gov/guides/or/services/or-assessment/">"#),
        "{html}"
    );
    assert!(html.contains(r#"href="../../../static/style.css""#));
    let o = build(&fixture("valid_minimal"), &out, &["--base-url", "java script:x"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn text_fields_cannot_inject_markup() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &cat);
    let svc = cat.join("states/or/services/or-dyadic.yaml");
    let text = std::fs::read_to_string(&svc)
        .unwrap()
        .replace("name: Child-parent psychotherapy", "name: \"<script>alert(1)</script><img src=x onerror=alert(2)>\"");
    std::fs::write(&svc, text).unwrap();
    let md = cat.join("states/or/guidance/dyadic-billing.md");
    let text = std::fs::read_to_string(&md).unwrap() + "\n<script>alert(3)</script>\n\n[x](javascript:alert(4))\n";
    std::fs::write(&md, text).unwrap();
    let out = tmp.path().join("site");
    let o = build(&cat, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The tokenizer itself sees a real injection.
    let probe = elements("<title><img></title><meta content=\"<img>\"><p><img src=x onerror=alert(1)></p>");
    assert_eq!(probe.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["title", "meta", "p", "img"]);
    assert!(probe[3].1.contains(&"onerror=alert(1)".to_string()));
    for (rel, bytes) in tree(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for (tag, attrs) in elements(&html) {
            // The only scripts are the theme's own files and the side-by-side
            // comparison's data file beside it, all loaded by src.
            let theme_script = tag == "script" && attrs.iter().any(|a| a.starts_with("src=") && a.contains("static/"));
            let compare_data = rel == "compare/side-by-side/index.html"
                && tag == "script"
                && matches!(attrs.as_slice(), [a] if a == "src=data.js");
            assert!(
                theme_script || compare_data || (tag != "script" && tag != "img"),
                "{rel}: injected <{tag}> {attrs:?}"
            );
            assert!(!attrs.iter().any(|a| a.starts_with("on")), "{rel}: event handler on <{tag}>: {attrs:?}");
            assert!(!attrs.iter().any(|a| a.contains("javascript:")), "{rel}: javascript: URL on <{tag}>");
        }
    }
}

/// An attribute, lower-cased, with the entity Tera writes for `/` decoded as
/// a browser decodes it.
fn decode_attr(a: &str) -> String {
    a.to_ascii_lowercase().replace("&#x2f;", "/")
}

/// The elements of an HTML page with their attributes (`name=value`), as a
/// browser would tokenize them: text inside `<title>` and inside quoted
/// attribute values is not markup, whatever characters it holds (the
/// minifier writes `<` unescaped there).
fn elements(html: &str) -> Vec<(String, Vec<String>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
            j += 1;
        }
        let tag = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut cur = String::new();
        let mut quote: Option<u8> = None;
        while j < b.len() {
            let c = b[j];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => cur.push(c as char),
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None if c.is_ascii_whitespace() => {
                    if !cur.is_empty() {
                        attrs.push(decode_attr(&std::mem::take(&mut cur)));
                    }
                }
                None => cur.push(c as char),
            }
            j += 1;
        }
        if !cur.is_empty() {
            attrs.push(decode_attr(&cur));
        }
        i = j;
        if tag == "title" {
            i = html[j..].find("</title").map_or(b.len(), |k| j + k);
        }
        out.push((tag, attrs));
    }
    out
}

#[test]
fn sample_catalog_is_valid_and_builds() {
    let o = run(&repo(), &["check", "--catalog", "catalog"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&repo().join("catalog"), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // At least 8 states and 25 services, per the sample catalog's brief.
    let home = read(&out, "index.html");
    let states = tree(&out).keys().filter(|k| k.len() == 13 && k.ends_with("/index.html")).count();
    assert!(states >= 8, "{states} states");
    let services = tree(&out).keys().filter(|k| k.contains("/services/") && k.matches('/').count() == 3).count();
    assert!(services >= 25, "{services} services");
    assert!(home.contains("Federal EPSDT facts"));
}

#[test]
fn a_state_with_facts_but_no_services_is_described() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&fixture("valid_facts_only"), &out, &["--no-minify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("built 1 state, 0 services"), "{}", stdout(&o));
    let main = main_of(&read(&out, "nm/index.html")).to_string();
    assert!(main.contains("This catalog holds no services for New Mexico yet"), "{main}");
    assert!(main.contains("Infant mental health teams deliver child-parent psychotherapy."));
    assert!(main.contains("<th scope=\"row\">Endorsement or credential required to bill</th>"));
    assert!(main.contains("<td>No</td>"), "a documented `false` reads No");
    assert!(read(&out, "nm/services/index.html").contains("This catalog holds no services for New Mexico yet."));
}
