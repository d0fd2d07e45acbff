//! Invalid catalogs: every problem reported, located, with exact wording.

mod common;

use common::*;

/// Compares stderr with the fixture's `expected.stderr`. Set
/// `COVERGUIDE_BLESS=1` to rewrite the expected files after a deliberate change.
fn assert_diagnostics(case: &str) {
    let catalog = format!("tests/fixtures/{case}/catalog");
    let o = run(&repo(), &["check", "--catalog", &catalog]);
    assert_eq!(o.status.code(), Some(1), "exit code for {case}");
    let expected_path = repo().join("tests/fixtures").join(case).join("expected.stderr");
    if std::env::var_os("COVERGUIDE_BLESS").is_some() {
        std::fs::write(&expected_path, &o.stderr).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(stderr(&o), expected, "stderr for {case}");
}

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
    // The fixture has a state folder with no state.yaml. Git keeps no empty
    // folders, so a fresh checkout lacks it: make it here.
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

#[test]
fn bom_is_accepted_and_oversized_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &cat);
    let state = cat.join("states/or/state.yaml");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&state).unwrap());
    std::fs::write(&state, bytes).unwrap();
    let o = run(tmp.path(), &["check", "--catalog", "catalog"]);
    assert!(o.status.success(), "a UTF-8 BOM is legal: {}", stderr(&o));

    let big = cat.join("states/or/services/or-big.yaml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(5 * 1024 * 1024).unwrap();
    let o = run(tmp.path(), &["check", "--catalog", "catalog"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("catalog/states/or/services/or-big.yaml: error: the file is 5242880 bytes; catalog files may be at most 4194304 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn alias_bombs_and_deep_nesting_fail_fast() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &cat);
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    std::fs::write(cat.join("states/or/services/or-bomb.yaml"), bomb).unwrap();
    let deep = "a: ".to_string() + &"[".repeat(10_000) + &"]".repeat(10_000) + "\n";
    std::fs::write(cat.join("states/or/services/or-deep.yaml"), deep).unwrap();
    let o = run(tmp.path(), &["check", "--catalog", "catalog"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("catalog/states/or/services/or-bomb.yaml:"), "{err}");
    assert!(err.contains("catalog/states/or/services/or-deep.yaml:1:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlinks_are_refused_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &cat);
    std::os::unix::fs::symlink(&cat, cat.join("states/or/services/loop")).unwrap();
    let o = run(tmp.path(), &["check", "--catalog", "catalog"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("catalog/states/or/services/loop: error: symbolic links are not followed in a catalog"),
        "{}",
        stderr(&o)
    );
}
