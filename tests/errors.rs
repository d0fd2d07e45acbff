//! Invalid catalogs: every problem reported, located, with exact wording.

mod common;

use common::*;

#[test]
fn every_problem_in_a_catalog_is_reported_in_one_run() {
    assert_diagnostics("bad_several");
    let o = run(&repo(), &["check", "--catalog", "tests/fixtures/bad_several/catalog"]);
    let err = stderr(&o);
    // Fourteen problems in six files: typos, dangling references, bad codes,
    // dates, a duplicate id across files, a second h1 and a stray file.
    assert_eq!(err.matches(": error: ").count(), 14, "{err}");
    assert!(err.ends_with("error: the catalog has 14 problems\n"));
}

#[test]
fn yaml_problems_are_located_and_explained() {
    // The case includes a state folder with no state.yaml. Git keeps no empty
    // folders, so a fresh clone lacks it: make it here.
    std::fs::create_dir_all(repo().join("tests/fixtures/bad_yaml/catalog/states/wa")).unwrap();
    assert_diagnostics("bad_yaml");
}

#[test]
fn check_writes_nothing_and_build_writes_nothing_on_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = run(&repo(), &["build", "--catalog", "tests/fixtures/bad_several/catalog", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "an invalid catalog must not create the output folder");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "no staging folder left");
    let o = run(&repo(), &["check", "--catalog", "tests/fixtures/valid_minimal/catalog"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "tests/fixtures/valid_minimal/catalog: ok (1 states, 2 services)\n");
}

#[test]
fn missing_catalog_folder_is_a_located_catalog_error() {
    let o = run(&repo(), &["check", "--catalog", "tests/fixtures/does-not-exist"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("tests/fixtures/does-not-exist: error: cannot read the catalog folder"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn empty_catalog_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["check", "--catalog", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error: the catalog has no states"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&repo(), &["build", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&repo(), &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let o =
        run(&repo(), &["build", "--catalog", "tests/fixtures/valid_minimal/catalog", "--theme", "/nonexistent/theme"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the theme folder /nonexistent/theme does not exist"));
    let o = run(&repo(), &["--help"]);
    assert_eq!(o.status.code(), Some(0));
}

// The BOM, oversize files, alias bombs, deep nesting and symbolic links are
// hostile-input cases: tests/hostile.rs checks them with `build` over a
// previous output, which must stay intact.
