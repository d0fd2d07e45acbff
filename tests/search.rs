//! The search data files, search pages and A-Z indexes that a build writes.
//! (The browser side is tested in `search_browser.rs`.)

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde_json::Value;

fn build_into(catalog: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = run(&repo(), &["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

/// The JSON inside a data file's `(self.coverguideSearchData=...).push(...);`.
fn data(out: &Path, rel: &str) -> Value {
    let text = read(out, rel);
    let json = text
        .strip_prefix("(self.coverguideSearchData=self.coverguideSearchData||[]).push(")
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{rel} is not a data script: {}", &text[..text.len().min(80)]));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn docs(v: &Value) -> &Vec<Value> {
    v["docs"].as_array().expect("docs")
}

fn doc<'a>(v: &'a Value, url: &str) -> &'a Value {
    docs(v).iter().find(|d| d["u"] == url).unwrap_or_else(|| panic!("no document for {url}"))
}

fn terms(d: &Value, field: usize) -> Vec<&str> {
    d["x"][field].as_str().unwrap().split(' ').filter(|t| !t.is_empty()).collect()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

#[test]
fn services_are_indexed_with_codes_aliases_and_facets() {
    let (_tmp, out) = build_into(&fixture("search"));
    let or = data(&out, "search/or.js");
    assert_eq!(or["v"], 1);
    assert_eq!(or["key"], "or");
    assert_eq!(or["name"], "Oregon");
    let svc = doc(&or, "or/services/or-assessment/index.html");
    assert_eq!(svc["t"], "service");
    assert_eq!(svc["n"], "Mental health assessment for young children");
    assert_eq!(strs(&svc["c"]), ["90791", "H2019-HA"]);
    assert_eq!(svc["il"], true);
    // Codes field: each code, and each code with each modifier.
    assert_eq!(terms(svc, 1), ["90791", "h2019", "h2019ha"]);
    // Diagnoses field: the crosswalk's ICD-10-CM codes and their families.
    let dx = terms(svc, 3);
    for t in ["f4310", "f431", "f43", "f4312", "f4320", "f432"] {
        assert!(dx.contains(&t), "{t} not in {dx:?}");
    }
    assert!(terms(svc, 2).contains(&"dc05"), "DC:0-5 required is a keyword: {:?}", terms(svc, 2));
    let f = &svc["f"];
    assert_eq!(strs(&f["type"]), ["service"]);
    assert_eq!(strs(&f["cat"]), ["assessment"]);
    assert_eq!(strs(&f["set"]), ["home", "clinic"]);
    assert_eq!(strs(&f["age"]), ["under-1", "1-2", "3-5"]);
    assert_eq!(strs(&f["cred"]), ["lcsw", "lpc"]);
    assert_eq!(strs(&f["sys"]), ["cpt", "hcpcs"]);
    assert_eq!(strs(&f["bill"]), ["child"]);
    // Free-text facet values get labels, sorted; fixed ones keep their order.
    assert_eq!(
        or["labels"]["set"],
        serde_json::json!([["clinic", "Clinic"], ["community", "Community"], ["home", "Home"]])
    );
    assert_eq!(or["labels"]["age"][0], serde_json::json!(["under-1", "Under 1 year"]));
    let plain = doc(&or, "or/services/or-behavioral-services/index.html");
    assert_eq!(terms(plain, 1), ["h2019"], "a line without modifiers has no modifier terms");
    assert_eq!(strs(&plain["f"]["age"]), ["6-plus"]);
}

#[test]
fn crosswalk_rows_guidance_sections_and_facts_are_documents() {
    let (_tmp, out) = build_into(&fixture("search"));
    let or = data(&out, "search/or.js");
    let national = data(&out, "search/national.js");
    // A state's copy of a national crosswalk is marked, so national search
    // shows the row once, from the national file.
    let copy = doc(&or, "or/crosswalks/fixture-trauma/index.html#row-1");
    assert_eq!(copy["n"], "Post-traumatic Stress Disorder");
    assert_eq!(copy["dup"], true);
    assert_eq!(terms(copy, 1), ["f4310", "f431", "f43"]);
    assert_eq!(strs(&copy["f"]["sys"]), ["icd-10-cm"]);
    let row = doc(&national, "crosswalks/fixture-trauma/index.html#row-1");
    assert!(row.get("dup").is_none());
    assert_eq!(row["m"], "ICD-10-CM F43.10");
    // Guidance: the text before the first heading, then one document per
    // level-2 or level-3 section, linked by the heading's id.
    let intro = doc(&national, "guidance/billing-codes/index.html");
    assert_eq!(intro["n"], "Billing codes for early childhood services");
    assert_eq!(intro["m"], "Where the codes in this fixture come from.");
    let modifiers = doc(&national, "guidance/billing-codes/index.html#modifiers");
    assert_eq!(modifiers["n"], "Modifiers");
    assert_eq!(modifiers["p"], "Billing codes for early childhood services");
    let tbs = doc(&national, "guidance/billing-codes/index.html#therapeutic-behavioral-services");
    assert!(terms(tbs, 4).contains(&"h2019ha"), "codes in text are normalized: {:?}", terms(tbs, 4));
    // Facts, from the sample catalog.
    let (_tmp2, sample) = build_into(&repo().join("catalog"));
    let wa = data(&sample, "search/wa.js");
    let fact = doc(&wa, "wa/index.html#fact-wa-mhayc-sessions-2025");
    assert_eq!(fact["t"], "fact");
    assert_eq!(fact["n"], "Assessment sessions before a diagnosis is required");
    assert_eq!(fact["p"], "As of 2025");
    let overview = doc(&wa, "wa/index.html");
    assert_eq!(overview["t"], "state");
    assert_eq!(overview["n"], "Washington (WA)");
}

/// Every result link names a file of the site, and every `#fragment` an id
/// on that page, in the sample catalog and the fixture.
#[test]
fn every_search_document_links_to_a_page_and_anchor() {
    for catalog in [repo().join("catalog"), fixture("search")] {
        let (_tmp, out) = build_into(&catalog);
        let dir = data(&out, "search/directory.js");
        let mut checked = 0;
        for shard in dir["shards"].as_array().unwrap() {
            let v = data(&out, shard["file"].as_str().unwrap());
            assert_eq!(docs(&v).len() as u64, shard["docs"].as_u64().unwrap());
            for d in docs(&v) {
                let u = d["u"].as_str().unwrap();
                let (file, frag) = u.split_once('#').unwrap_or((u, ""));
                let page = std::fs::read_to_string(out.join(file)).unwrap_or_else(|_| panic!("{u}: no file {file}"));
                if !frag.is_empty() {
                    assert!(
                        page.contains(&format!("id={frag}>")) || page.contains(&format!("id=\"{frag}\"")),
                        "{u}: no id {frag}"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= 20, "{checked} documents");
    }
}

#[test]
fn the_directory_lists_the_files_holding_each_term() {
    let (_tmp, out) = build_into(&fixture("search"));
    let dir = data(&out, "search/directory.js");
    let keys: Vec<&str> = dir["shards"].as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["or", "wa", "national"]);
    let terms: Vec<&str> = dir["terms"].as_str().unwrap().split(' ').collect();
    let lists: Vec<&str> = dir["shard_lists"].as_str().unwrap().split(' ').collect();
    assert_eq!(terms.len(), lists.len());
    let mut sorted = terms.clone();
    sorted.sort();
    assert_eq!(terms, sorted, "terms are sorted");
    let list = |t: &str| lists[terms.iter().position(|x| *x == t).unwrap_or_else(|| panic!("{t} missing"))];
    assert_eq!(list("96161"), "1", "only Washington bills 96161");
    assert_eq!(list("h2019ha"), "02", "Oregon's line and the national guidance");
    assert_eq!(list("90791"), "*", "every file");
    let groups: Vec<&str> = dir["groups"].as_array().unwrap().iter().map(|g| g["key"].as_str().unwrap()).collect();
    assert_eq!(groups, ["st", "type", "cat", "set", "age", "cred", "sys", "bill"]);
}

#[test]
fn search_pages_work_without_javascript_through_the_az_index() {
    let (_tmp, out) = build_into(&fixture("search"));
    let page = read(&out, "or/search/index.html");
    assert!(page.contains("<div id=search-nojs "), "{page}");
    assert!(page.contains("Search needs JavaScript"));
    assert!(page.contains("<a href=\"../../or/index/index.html\">A-Z index of Oregon</a>"));
    assert!(page.contains("../../search/or.js"), "the state's data file");
    assert!(page.contains("../../static/minisearch/minisearch.js"));
    assert!(page.contains("../../static/search.js"));
    // The search page has its own box, not the header's.
    assert!(!page.contains("site-search-q"));
    let national = read(&out, "search/index.html");
    assert!(national.contains("../search/directory.js"));
    for st in ["or", "wa"] {
        assert!(national.contains(&format!("../{st}/index/index.html")), "A-Z link for {st}");
    }
    // The A-Z index lists every service and every code, with where it is used.
    let az = main_of(&read(&out, "or/index/index.html")).to_string();
    for text in
        ["Child-parent psychotherapy", "Mental health assessment for young children", "Therapeutic behavioral services"]
    {
        assert!(az.contains(text), "{text} missing");
    }
    for id in ["code-90791", "code-90847", "code-h2019", "code-f43-10", "code-f43-12", "code-f43-20"] {
        assert!(az.contains(&format!("id=\"{id}\">")), "{id} missing from {az}");
    }
    assert!(az.contains("with modifier HA"));
    assert!(az.contains("DC:0-5: Post-traumatic Stress Disorder"));
    assert!(az.contains("../../or/crosswalks/fixture-trauma/index.html#row-1"));
    assert!(az.contains("accepts this diagnosis through its crosswalk"));
    // Codes sorted by system: CPT, then HCPCS, then ICD-10-CM.
    let (cpt, hcpcs, icd) =
        (az.find("codes-cpt").unwrap(), az.find("codes-hcpcs").unwrap(), az.find("codes-icd-10-cm").unwrap());
    assert!(cpt < hcpcs && hcpcs < icd);
    // Letters link to their groups.
    assert!(az.contains("href=\"#letter-c\"") && az.contains("id=\"letter-c\""));
}

#[test]
fn every_page_has_a_search_box_for_its_scope() {
    let (_tmp, out) = build_into(&fixture("search"));
    let mut seen = 0;
    for (rel, bytes) in tree(&out) {
        if !rel.ends_with("index.html") || rel.contains("/search/") || rel.starts_with("search/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let depth = rel.matches('/').count();
        let root = "../".repeat(depth);
        let scope = match rel.split_once('/') {
            Some((st, _)) if st.len() == 2 => format!("{st}/"),
            _ => String::new(),
        };
        let action = format!("action=\"{root}{scope}search/index.html\"");
        assert!(html.contains(&action), "{rel}: no search box with {action}");
        seen += 1;
    }
    assert!(seen > 10);
}

#[test]
fn minisearch_is_vendored_with_its_licence() {
    let (_tmp, out) = build_into(&fixture("search"));
    let licence = read(&out, "static/minisearch/LICENSE.txt");
    assert!(licence.contains("Permission is hereby granted, free of charge"));
    let js = read(&out, "static/minisearch/minisearch.js");
    assert!(js.contains("global.MiniSearch = factory()"));
    assert!(!js.contains("sourceMappingURL"), "no map is shipped, so none is named");
    // The update script pins the version it vendors.
    let script = read(&repo(), "tools/update-minisearch.sh");
    assert!(script.lines().any(|l| l.starts_with("PINNED=") && l.len() > "PINNED=".len()));
}

#[test]
fn data_files_change_only_with_the_catalog() {
    let (_a, one) = build_into(&fixture("search"));
    let (_b, two) = build_into(&fixture("search"));
    let pick =
        |t: BTreeMap<String, Vec<u8>>| t.into_iter().filter(|(k, _)| k.starts_with("search/")).collect::<Vec<_>>();
    let (x, y) = (pick(tree(&one)), pick(tree(&two)));
    assert_eq!(x.len(), 5, "or, wa, national, directory, the page");
    assert_eq!(x, y);
}

/// A build makes each shard, writes it and drops it (`search::each`), and
/// the directory from what it kept of each: the same files as the search
/// data made whole in memory (`search::build`), byte for byte.
#[test]
fn search_data_made_shard_by_shard_is_the_data_made_whole() {
    for dir in ["catalog", "tests/fixtures/search/catalog"] {
        let catalog = coverguide::load_catalog(&repo().join(dir)).unwrap();
        let whole: BTreeMap<String, Vec<u8>> =
            coverguide::search::build(&catalog).files().into_iter().map(|f| (f.path, f.bytes)).collect();
        let streamed = std::sync::Mutex::new(BTreeMap::new());
        coverguide::search::each(&catalog, &|f: coverguide::render::OutputFile| {
            assert!(streamed.lock().unwrap().insert(f.path.clone(), f.bytes).is_none(), "{} twice", f.path);
            Ok(())
        })
        .unwrap();
        let streamed = streamed.into_inner().unwrap();
        assert!(whole.len() > 2, "{dir}");
        assert!(streamed == whole, "{dir}: {:?} against {:?}", streamed.keys(), whole.keys());
    }
}
