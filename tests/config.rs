//! `coverguide.toml`: branding on every page, which states are built, the
//! base URL, and located errors for every kind of mistake.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// valid_minimal (Oregon) plus a scaffolded Washington, with the branded
/// fixture's `coverguide.toml` and logo. Returns the temp dir and the catalog.
pub fn branded_catalog() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &catalog);
    let o = run(tmp.path(), &["new", "state", "wa"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let branded = repo().join("tests/fixtures/branded");
    std::fs::copy(branded.join("coverguide.toml"), catalog.join("coverguide.toml")).unwrap();
    std::fs::create_dir_all(catalog.join("assets")).unwrap();
    std::fs::copy(branded.join("logo.svg"), catalog.join("assets/logo.svg")).unwrap();
    (tmp, catalog)
}

fn build(cwd: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", "--catalog", "catalog", "--out", "site"];
    args.extend_from_slice(extra);
    let o = run(cwd, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    cwd.join("site")
}

#[test]
fn branding_is_on_every_page() {
    let (tmp, _) = branded_catalog();
    let site = build(tmp.path(), &[]);
    let files = tree(&site);
    assert_eq!(
        files.get("brand/logo.svg").map(Vec::as_slice),
        Some(&std::fs::read(repo().join("tests/fixtures/branded/logo.svg")).unwrap()[..])
    );
    let pages: Vec<_> = files.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 20);
    for p in pages {
        let html = String::from_utf8_lossy(&files[p]);
        let depth = p.matches('/').count();
        let logo = format!("src=\"{}brand/logo.svg\"", "../".repeat(depth));
        if p != "404.html" {
            assert!(html.contains(&logo), "{p}: no relative logo ({logo})");
        }
        assert!(html.contains(r#"alt="Example Health Authority logo""#), "{p}: no logo alt");
        assert!(html.contains("Test state IECMH guide"), "{p}: no title");
        assert!(html.contains("--primary: #7a2e0e;"), "{p}: no accent");
        assert!(html.contains("Published for tests only.") && html.contains("A second footer paragraph."), "{p}");
        assert!(html.contains("href=\"mailto:iecmh@example.gov\""), "{p}: no email");
        assert!(html.contains("href=\"tel:+15550100100\""), "{p}: no phone link");
        assert!(html.contains("href=\"https://example.gov/contact\""), "{p}: no contact URL");
        assert!(html.contains("Example Health Authority"), "{p}: no agency");
    }
    // The 404 page is served from any depth: its logo follows the base URL.
    assert!(
        String::from_utf8_lossy(&files["404.html"]).contains("src=\"https://guides.example.gov/iecmh/brand/logo.svg\"")
    );
    let home = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(home.contains("<title>Test state IECMH guide</title>"), "home title");
    let state = String::from_utf8_lossy(&files["or/index.html"]).into_owned();
    assert!(state.contains("<title>Oregon (OR) | Test state IECMH guide</title>"), "state title");
}

#[test]
fn only_the_listed_states_are_built_and_base_url_comes_from_the_file() {
    let (tmp, _) = branded_catalog();
    let site = build(tmp.path(), &[]);
    assert!(site.join("or/index.html").is_file());
    assert!(!site.join("wa").exists(), "wa is not in `states`");
    let home = read(&site, "index.html");
    assert!(!home.contains("Washington"), "the home page lists only built states");
    assert!(
        read(&site, "or/index.html").contains("<link rel=canonical href=\"https://guides.example.gov/iecmh/or/\">")
    );
    // --base-url overrides the file.
    std::fs::remove_dir_all(&site).unwrap();
    let site = build(tmp.path(), &["--base-url", "/other/"]);
    assert!(read(&site, "or/index.html").contains("<link rel=canonical href=\"/other/or/\">"));
}

#[test]
fn without_a_config_file_the_defaults_hold() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture("valid_minimal"), &tmp.path().join("catalog"));
    let site = build(tmp.path(), &[]);
    let page = read(&site, "or/index.html");
    assert!(page.contains("<title>Oregon (OR) | IECMH coverage guide</title>"));
    assert!(!page.contains("--primary"), "no accent override");
    assert!(!page.contains("site-logo"));
    assert!(!site.join("brand").exists());
}

#[test]
fn every_bad_value_is_located_and_explained() {
    let err = assert_diagnostics("bad_config");
    for want in [
        "coverguide.toml:2:16: error: the accent colour #73b3e7 has a contrast ratio of 1.97:1 against #f0f0f0",
        "help: a darker shade of the same hue passes: `#",
        "coverguide.toml:3:8: error: the logo path `../logo.png` must be relative to the catalog folder and stay inside it",
        "coverguide.toml:5:12: error: base_url `guides` must be a path starting with `/` or an http(s) URL",
        "error: `wx` is not a state's postal code",
        "did you mean one of",
        "error: the catalog has no folder states/tx/",
        "error: `or` is listed twice",
        "error: `not an address` is not an email address",
        "error: `call us` is not a telephone number",
        "error: `example.gov` is not an absolute http(s) URL",
        "error: the catalog has 9 problems",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn unknown_keys_and_wrong_types_are_errors_with_hints() {
    let err = assert_diagnostics("bad_config_key");
    assert!(err.contains("coverguide.toml:2:1: error: unknown field `acent_color`"), "{err}");
    assert!(err.contains("= help: did you mean `accent_color`?"), "{err}");
    let err = assert_diagnostics("bad_config_type");
    assert!(err.contains("coverguide.toml:2:10: error: invalid type: string \"or\", expected a sequence"), "{err}");
    assert!(err.contains("`states` is a list"), "{err}");
}

#[test]
fn a_logo_needs_alt_text_and_must_be_an_image() {
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &catalog);
    std::fs::write(catalog.join("logo.png"), "not a png").unwrap();
    std::fs::write(catalog.join("coverguide.toml"), "logo = \"logo.png\"\n").unwrap();
    let o = run(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("coverguide.toml:1:8: error: a logo needs a text alternative: `logo_alt` is missing"),
        "{}",
        stderr(&o)
    );
    std::fs::write(catalog.join("coverguide.toml"), "logo = \"logo.png\"\nlogo_alt = \"Logo\"\n").unwrap();
    let o = run(tmp.path(), &["check"]);
    assert!(stderr(&o).contains("does not hold PNG image data"), "{}", stderr(&o));
    // Nothing else about the file is reported: the logo belongs to the catalog.
    assert!(!stderr(&o).contains("not part of the catalog"), "{}", stderr(&o));
}

#[test]
fn a_kept_state_may_not_use_a_crosswalk_of_a_state_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &catalog);
    assert!(run(tmp.path(), &["new", "state", "wa"]).status.success());
    // Oregon's assessment points at Washington's scaffolded crosswalk.
    let svc = catalog.join("states/or/services/or-assessment.yaml");
    let text = std::fs::read_to_string(&svc).unwrap();
    let text = text.replace("crosswalk: test-crosswalk", "crosswalk: wa-example-crosswalk");
    assert!(text.contains("wa-example-crosswalk"), "fixture changed: {text}");
    std::fs::write(&svc, text).unwrap();
    std::fs::write(catalog.join("coverguide.toml"), "states = [\"or\"]\n").unwrap();
    let o = run(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "`states` leaves out WA, but the service `or-assessment` of OR uses its crosswalk `wa-example-crosswalk`"
        ),
        "{}",
        stderr(&o)
    );
}
