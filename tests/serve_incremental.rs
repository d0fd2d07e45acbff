//! The incremental paths of `coverguide serve`'s engine, each held to a full
//! build byte for byte: an edit to one state's file re-reads that file only
//! (no walk), re-checks that state only and renders that state's pages and
//! the national pages it takes part in; an edit to a national file checks
//! and renders everything; a new or deleted file walks the catalog again; an
//! edit that adds or drops a code adds or drops its code pages; a clash
//! between an edited state and another one is reported exactly as `check`
//! reports it; an edited file put in the last load gives what a fresh load
//! gives.

mod common;

use std::path::Path;

use common::serve::*;
use coverguide::render::BaseUrl;
use coverguide::serve::engine::{self, Changes, Engine, Outcome};

/// Paths created, removed or renamed.
fn moved(paths: &[&Path]) -> Changes {
    Changes { structure: true, ..written(paths) }
}

fn start(catalog: &Path) -> Engine {
    let mut e = Engine::new(catalog.to_path_buf(), None, None);
    let first = e.rebuild(&Changes { everything: true, ..Changes::default() });
    assert!(first.problems.is_none(), "{:?}", first.problems);
    assert!(first.walked && first.validated_all);
    e
}

fn ok(o: Outcome) -> Outcome {
    assert!(o.problems.is_none(), "{:?}", o.problems.map(|p| p.into_iter().map(|p| p.rendered).collect::<Vec<_>>()));
    o
}

fn states(o: &Outcome) -> Option<Vec<String>> {
    o.states_rendered.as_ref().map(|s| s.iter().cloned().collect())
}

#[test]
fn an_edit_in_one_state_reads_checks_and_renders_that_state_only() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("catalog"));
    let mut e = start(&catalog);
    let all_pages = e.last().unwrap().pages.len();

    let svc = catalog.join("states/wa/services/wa-iecmh-treatment.yaml");
    replace_in(&svc, "Infant-early childhood mental health treatment", "Infant and early childhood treatment, edited");
    let o = ok(e.rebuild(&written(&[&svc])));
    assert!(!o.walked, "a save in place does not walk the catalog");
    assert_eq!(o.files_parsed, 1);
    assert!(!o.validated_all, "only the edited state is checked again");
    assert_eq!(states(&o), Some(vec!["wa".to_string()]));
    assert!(o.pages_rendered + o.pages_kept < all_pages / 2, "{} + {} of {all_pages}", o.pages_rendered, o.pages_kept);
    let page = &e.last().unwrap().pages["wa/services/wa-iecmh-treatment/index.html"];
    assert!(String::from_utf8_lossy(page).contains("Infant and early childhood treatment, edited"));
    assert_same_site(&e, &catalog, "after a service edit");

    // The state's own file, then two states at once.
    let state = catalog.join("states/or/state.yaml");
    replace_in(&state, "name: \"Oregon\"", "name: \"Oregon (edited)\"");
    let other = catalog.join("states/wa/services/wa-mhayc-assessment.yaml");
    replace_in(&other, "\nname: \"", "\nname: \"Edited ");
    let o = ok(e.rebuild(&written(&[&state, &other])));
    assert!(!o.walked && !o.validated_all);
    assert_eq!(o.files_parsed, 2);
    assert_eq!(states(&o), Some(vec!["or".to_string(), "wa".to_string()]));
    assert_same_site(&e, &catalog, "after editing two states");
}

#[test]
fn an_edit_to_a_national_file_checks_and_renders_every_state() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("catalog"));
    let mut e = start(&catalog);
    let guide = catalog.join("national/guidance/reading-a-dc05-crosswalk.md");
    replace_in(&guide, "reading a crosswalk\"", "reading a crosswalk (edited)\"");
    let o = ok(e.rebuild(&written(&[&guide])));
    assert!(!o.walked, "the file was known: it is re-read, the catalog is not walked");
    assert!(o.validated_all, "a national file may change any state's check");
    assert_eq!(states(&o), None);
    assert_same_site(&e, &catalog, "after a national edit");

    // A state's crosswalk may be named by any state's service: everything too.
    let sources = catalog.join("national/sources.yaml");
    replace_in(&sources, "title: \"", "title: \"Edited ");
    let o = ok(e.rebuild(&written(&[&sources])));
    assert!(o.validated_all);
    assert_eq!(states(&o), None);
    assert_same_site(&e, &catalog, "after a national sources edit");
}

#[test]
fn adding_and_deleting_a_service_file_walks_the_catalog() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("catalog"));
    let mut e = start(&catalog);
    let svc = catalog.join("states/wa/services/wa-iecmh-treatment.yaml");
    let copy = catalog.join("states/wa/services/wa-iecmh-treatment-copy.yaml");
    std::fs::copy(&svc, &copy).unwrap();
    replace_in(&copy, "id: \"wa-iecmh-treatment\"", "id: \"wa-iecmh-treatment-copy\"");
    let o = ok(e.rebuild(&moved(&[&copy])));
    assert!(o.walked, "a new file is found by walking");
    assert!(!o.validated_all, "only its state is checked again");
    assert_eq!(states(&o), Some(vec!["wa".to_string()]));
    assert!(e.last().unwrap().pages.contains_key("wa/services/wa-iecmh-treatment-copy/index.html"));
    assert_same_site(&e, &catalog, "after adding a service");

    // A later save in place of the new file needs no walk.
    replace_in(&copy, "\nname: \"", "\nname: \"Copy of ");
    let o = ok(e.rebuild(&written(&[&copy])));
    assert!(!o.walked && o.files_parsed == 1);
    assert_same_site(&e, &catalog, "after editing the added service");

    std::fs::remove_file(&copy).unwrap();
    let o = ok(e.rebuild(&moved(&[&copy])));
    assert!(o.walked);
    assert!(!e.last().unwrap().pages.contains_key("wa/services/wa-iecmh-treatment-copy/index.html"));
    assert_same_site(&e, &catalog, "after deleting a service");

    // Even reported as a plain write, a path that is gone walks the catalog.
    let removed = catalog.join("states/wa/services/wa-maternal-depression-screening.yaml");
    std::fs::remove_file(&removed).unwrap();
    let o = ok(e.rebuild(&written(&[&removed])));
    assert!(o.walked);
    assert_same_site(&e, &catalog, "after deleting a service reported as a write");
}

#[test]
fn an_edit_that_adds_or_drops_a_code_changes_the_code_pages() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("tests/fixtures/codes_pages/catalog"));
    let mut e = start(&catalog);
    let has = |e: &Engine, p: &str| e.last().unwrap().pages.contains_key(p);
    assert!(has(&e, "codes/H2019/index.html") && !has(&e, "codes/H0031/index.html"));
    assert!(has(&e, "icd10cm/F84.0/index.html") && !has(&e, "icd10cm/F94.1/index.html"));

    // Washington bills H0031 instead of H2019 (Oregon still bills H2019), and
    // accepts F94.1 (which no one named) instead of F84.0 (still in a crosswalk).
    let svc = catalog.join("states/wa/services/wa-assessment.yaml");
    replace_in(&svc, "code: \"H2019\"", "code: \"H0031\"");
    replace_in(&svc, "[\"F84.0\"]", "[\"F94.1\"]");
    let o = ok(e.rebuild(&written(&[&svc])));
    assert!(!o.walked && !o.validated_all);
    assert_eq!(states(&o), Some(vec!["wa".to_string()]));
    assert!(has(&e, "codes/H0031/index.html") && has(&e, "wa/codes/H0031/index.html"));
    assert!(has(&e, "codes/H2019/index.html") && !has(&e, "wa/codes/H2019/index.html"));
    assert!(has(&e, "icd10cm/F94.1/index.html") && has(&e, "icd10cm/F84.0/index.html"));
    assert_same_site(&e, &catalog, "after changing Washington's codes");

    // Oregon's therapy also names a range that overlaps its family: the
    // family's codes list the service twice, nationally too.
    let or = catalog.join("states/or/services/or-therapy.yaml");
    replace_in(&or, "\"F88\"]", "\"F88\", \"F43.0-F43.12\"]");
    let o = ok(e.rebuild(&written(&[&or])));
    assert!(!o.validated_all);
    assert_same_site(&e, &catalog, "after Oregon names a range");

    // The state's own file: its name is on the national page of every code
    // its services bill, edited service or not.
    let national = e.last().unwrap().pages["codes/H0031/index.html"].clone();
    let state = catalog.join("states/wa/state.yaml");
    replace_in(&state, "name: Washington\n", "name: Washington State\n");
    let o = ok(e.rebuild(&written(&[&state])));
    assert!(!o.validated_all);
    assert_ne!(e.last().unwrap().pages["codes/H0031/index.html"], national);
    assert_same_site(&e, &catalog, "after renaming Washington");

    // And back: the pages of codes no state uses any more are gone.
    replace_in(&svc, "code: \"H0031\"", "code: \"H2019\"");
    replace_in(&svc, "[\"F94.1\"]", "[\"F84.0\"]");
    replace_in(&or, "\"F88\", \"F43.0-F43.12\"]", "\"F88\"]");
    ok(e.rebuild(&written(&[&svc, &or])));
    assert!(!has(&e, "codes/H0031/index.html") && !has(&e, "icd10cm/F94.1/index.html"));
    assert_same_site(&e, &catalog, "after changing the codes back");
}

#[test]
fn a_clash_with_another_state_is_reported_as_check_reports_it() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("catalog"));
    let mut e = start(&catalog);
    let before = served(&e);
    // A Washington service takes the id of an Oregon one: the duplicate is
    // reported at the later file, as a full check reports it.
    let svc = catalog.join("states/wa/services/wa-iecmh-treatment.yaml");
    replace_in(&svc, "id: \"wa-iecmh-treatment\"", "id: \"or-child-parent-psychotherapy\"");
    let o = e.rebuild(&written(&[&svc]));
    let problems = o.problems.expect("the clash is reported");
    let coverguide::Error::Invalid(diags, texts) = coverguide::check(&catalog).unwrap_err() else {
        panic!("check finds the clash")
    };
    let expected: Vec<String> = diags.items.iter().map(|d| d.render(texts.text(&d.file).as_deref())).collect();
    let got: Vec<String> = problems.iter().map(|p| p.rendered.clone()).collect();
    assert_eq!(got, expected);
    assert!(got.iter().any(|p| p.contains("duplicate service id")), "{got:?}");
    assert_eq!(served(&e), before, "the last good site is kept");

    // Fixed: the next build is good again and equals a full build.
    replace_in(&svc, "id: \"or-child-parent-psychotherapy\"", "id: \"wa-iecmh-treatment\"");
    let o = ok(e.rebuild(&written(&[&svc])));
    assert!(o.validated_all, "after a failed build every state is checked");
    assert_same_site(&e, &catalog, "after fixing the clash");
    let o = ok(e.rebuild(&written(&[&svc])));
    assert!(!o.validated_all, "then edits are checked state by state again");
}

#[test]
fn the_sitemap_follows_the_pages() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("catalog"));
    // Served at an address, as serve does: the site has a sitemap.
    let base = BaseUrl::parse("http://127.0.0.1:1111/").unwrap();
    let mut e = Engine::new(catalog.clone(), None, Some(base.clone()));
    ok(e.rebuild(&Changes { everything: true, ..Changes::default() }));
    assert_same_site_with(&e, &catalog, None, Some(&base), "first build");
    let svc = catalog.join("states/wa/services/wa-iecmh-treatment.yaml");
    let copy = catalog.join("states/wa/services/wa-iecmh-treatment-copy.yaml");
    std::fs::copy(&svc, &copy).unwrap();
    replace_in(&copy, "id: \"wa-iecmh-treatment\"", "id: \"wa-iecmh-treatment-copy\"");
    ok(e.rebuild(&moved(&[&copy])));
    let data = engine::data_files(e.last().unwrap()).unwrap_or_else(|_| panic!("data files"));
    let sitemap = String::from_utf8_lossy(&data["sitemap.xml"]).into_owned();
    assert!(sitemap.contains("http://127.0.0.1:1111/wa/services/wa-iecmh-treatment-copy/"), "{sitemap}");
    assert_same_site_with(&e, &catalog, None, Some(&base), "after adding a service");
}

/// An edit of each kind of file, loaded by putting its new value in the
/// last load, gives what a fresh load of the edited catalog gives.
#[test]
fn an_edited_file_takes_its_place_in_the_last_load() {
    use coverguide::load::{Cache, load, load_changed};
    let (_tmp, root) = common::copy_of(&common::repo().join("catalog"));
    let mut cache = Cache::default();
    let (_, _, diags) = load_changed(&root, &mut cache, None);
    assert!(diags.is_empty(), "{diags:?}");
    let edits = [
        "national/sources.yaml",
        "national/facts.yaml",
        "national/crosswalks/ztt-dc05-neurodevelopmental.yaml",
        "national/guidance/caregiver-depression-screening.md",
        "states/or/state.yaml",
        "states/or/facts.yaml",
        "states/or/services/or-child-parent-psychotherapy.yaml",
    ];
    for rel in edits {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        // A YAML file moves down a line (every position in its value
        // changes); a Markdown body gains a paragraph.
        let edited = if rel.ends_with(".md") { format!("{text}\nEdited.\n") } else { format!("# edited\n{text}") };
        std::fs::write(&path, edited).unwrap();
        let (raw, texts, diags) = load_changed(&root, &mut cache, Some(std::slice::from_ref(&path)));
        assert!(cache.patched && !cache.walked, "{rel}: not patched");
        assert_eq!(cache.parsed, 1);
        let (fresh, fresh_texts, fresh_diags) = load(&root);
        // (Compared as text: the raw types have no `PartialEq`.)
        assert!(format!("{raw:?}") == format!("{fresh:?}"), "{rel}: the catalog differs from a fresh load's");
        assert!(format!("{texts:?}") == format!("{fresh_texts:?}"), "{rel}: the texts differ from a fresh load's");
        assert!(format!("{diags:?}") == format!("{fresh_diags:?}"), "{rel}: {diags:?}");
    }

    // A file that no longer parses: the usual path, which reports it.
    let path = root.join("states/or/state.yaml");
    std::fs::write(&path, "name: [\n").unwrap();
    let (_, _, diags) = load_changed(&root, &mut cache, Some(std::slice::from_ref(&path)));
    assert!(!cache.patched);
    assert!(!diags.is_empty());
    // Fixed again: nothing to patch (the last load had a problem), so the
    // usual path again, which gives the fresh load's result.
    std::fs::write(&path, std::fs::read(common::repo().join("catalog/states/or/state.yaml")).unwrap()).unwrap();
    let (raw, _, diags) = load_changed(&root, &mut cache, Some(std::slice::from_ref(&path)));
    assert!(!cache.patched && diags.is_empty());
    assert!(format!("{raw:?}") == format!("{:?}", load(&root).0), "differs from a fresh load");
}
