//! The printable guide (`/<st>/guide/`): what it holds, its ids and links.
//! Print media, page breaks and the PDF are checked in a browser
//! (`tests/guide_browser.rs`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn build(catalog: &Path, out: &Path) {
    let o =
        run(&repo(), &["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-minify"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Every element id of a page, with how often it occurs, through a real
/// HTML tokenizer.
fn ids(html: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for t in html5gum::Tokenizer::new(html).flatten() {
        if let html5gum::Token::StartTag(t) = t
            && let Some(v) = t.attributes.get(b"id".as_slice())
        {
            *out.entry(String::from_utf8_lossy(&v.value).into_owned()).or_insert(0) += 1;
        }
    }
    out
}

fn hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in html5gum::Tokenizer::new(html).flatten() {
        if let html5gum::Token::StartTag(t) = t
            && let Some(v) = t.attributes.get(b"href".as_slice())
        {
            out.push(String::from_utf8_lossy(&v.value).into_owned());
        }
    }
    out
}

#[test]
fn the_guide_holds_every_service_crosswalk_and_guidance_document() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid_minimal"), &out);
    let html = read(&out, "or/guide/index.html");
    let main = main_of(&html);
    // Each part: a section with its anchor, in order: overview, services by
    // category then name, crosswalks (the national one Oregon's services use
    // included, as on Oregon's site), guidance, sources.
    let order: Vec<usize> = [
        "id=\"overview\"",
        "id=\"svc-or-assessment\"",
        "id=\"svc-or-dyadic\"",
        "id=\"xw-test-crosswalk\"",
        "id=\"doc-dyadic-billing\"",
        "id=\"guide-sources\"",
    ]
    .iter()
    .map(|a| main.find(a).unwrap_or_else(|| panic!("{a} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(main.matches("class=\"guide-part\"").count(), 6);
    // Service sections come from the service page's own macro, with ids
    // prefixed by the part and headings one level down.
    assert!(main.contains("<h3 id=\"svc-or-assessment--billing-h\">Billing</h3>"), "{main}");
    assert!(main.contains("<h3 id=\"svc-or-dyadic--glance-h\">At a glance</h3>"));
    let service = read(&out, "or/services/or-assessment/index.html");
    assert!(service.contains("<h2 id=\"billing-h\">Billing</h2>"), "the service page keeps its ids");
    // The service's crosswalk link points at the crosswalk's part of the guide.
    assert!(main.contains("Crosswalk: <a href=\"#xw-test-crosswalk\">"), "{main}");
    // Guidance headings and footnotes get per-document ids; levels shift by one.
    assert!(main.contains("<h3 id=\"doc-dyadic-billing--who-qualifies\">Who qualifies</h3>"), "{main}");
    assert!(main.contains("<h4 id=\"doc-dyadic-billing--ages\">Ages</h4>"));
    assert!(main.contains("id=\"fn-doc-dyadic-billing--1\""));
    assert!(main.contains("href=\"#doc-dyadic-billing--who-qualifies\""), "guidance headings are in the contents");
    // No id twice, and every in-page link names an id of the page.
    let ids = ids(&html);
    let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "{twice:?}");
    for h in hrefs(&html).iter().filter_map(|h| h.strip_prefix('#')) {
        assert!(ids.contains_key(h), "#{h} names no element");
    }
    // Illustrative markings, as-of dates, the notices where their codes appear.
    let dyadic = &main[main.find("id=\"svc-or-dyadic\"").unwrap()..main.find("id=\"xw-test-crosswalk\"").unwrap()];
    assert!(dyadic.contains("Illustrative, not policy.</strong> Fixture service for tests."), "{dyadic}");
    assert!(main.contains("Parts of this guide are illustrative, not policy."));
    assert!(main.contains("class=\"undocumented\""), "Not documented keeps its class");
    let sources = &main[main.find("id=\"guide-sources\"").unwrap()..];
    assert!(sources.matches("<li>").count() >= 2 && sources.contains("As of "), "{sources}");
    assert!(main.contains("the most recent information is <span class=\"as-of\">as of "), "{main}");
    assert!(html.contains("CPT® is a registered trademark of the American Medical Association"));
    assert!(html.contains("DC:0-5™ is a trademark of ZERO TO THREE"));
    assert!(html.contains("<title>Printable guide: Oregon (OR) | IECMH coverage guide</title>"));
    assert!(html.contains("src=\"../../static/print.js\" defer>"), "the print script is a file, not inline");
    // The state home links to it, with and without script.
    let home = read(&out, "or/index.html");
    assert!(home.contains("<a href=\"guide/index.html\">Printable guide</a>"), "{home}");
    assert!(home.contains("data-print-guide=\"guide/index.html?print\" hidden>Print this guide</button>"));
}

#[test]
fn a_state_without_services_still_has_a_guide() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid_facts_only"), &out);
    let main = main_of(&read(&out, "nm/guide/index.html")).to_string();
    assert!(main.contains("This catalog holds no services for New Mexico yet"), "{main}");
    assert!(main.contains("Cited policy facts"));
    assert!(!main.contains("id=\"svc-"));
    assert!(!read(&out, "nm/guide/index.html").contains("CPT®"), "no CPT notice without CPT codes");
}

#[test]
fn every_state_of_the_sample_catalog_has_a_guide_with_all_its_services() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&repo().join("catalog"), &out);
    let files = tree(&out);
    let states: Vec<&str> =
        files.keys().filter(|k| k.len() == 13 && k.ends_with("/index.html")).map(|k| &k[..2]).collect();
    assert!(states.len() >= 8);
    for st in states {
        let guide = String::from_utf8_lossy(&files[&format!("{st}/guide/index.html")]).into_owned();
        let prefix = format!("{st}/services/");
        let services: Vec<&str> = files
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix)?.strip_suffix("/index.html"))
            .filter(|id| !id.is_empty())
            .collect();
        for id in &services {
            assert!(guide.contains(&format!("<section class=\"guide-part\" id=\"svc-{id}\"")), "{st}: {id} missing");
        }
        let gprefix = format!("{st}/guidance/");
        for slug in files.keys().filter_map(|k| k.strip_prefix(&gprefix)?.strip_suffix("/index.html")) {
            assert!(
                guide.contains(&format!("<section class=\"guide-part\" id=\"doc-{slug}\"")),
                "{st}: {slug} missing"
            );
        }
    }
}
