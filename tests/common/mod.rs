//! Shared test harness: run the binary on fixture catalogs in temp folders.
#![allow(dead_code)]

pub mod browser;
pub mod html;
pub mod serve;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name).join("catalog")
}

/// Runs `coverguide` with `args` in `cwd`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coverguide")).args(args).current_dir(cwd).output().expect("run coverguide")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Copies a folder tree (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A copy of the catalog folder `catalog` in a new temporary folder, as
/// `<tmp>/catalog`; the folder goes when the returned guard is dropped.
pub fn copy_of(catalog: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join("catalog");
    copy_tree(catalog, &to);
    (tmp, to)
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// The text inside `<main ...>` ... `</main>` of a page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes </main>");
    &html[start..end]
}

pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// Runs `check` on fixture `case` and compares its stderr with the fixture's
/// `expected.stderr`, which `COVERGUIDE_BLESS=1` rewrites after a deliberate
/// change. Returns the expected text.
/// Builds a catalog (a path relative to the repository) into a temporary
/// folder's `site/` with `--no-minify`, so pages read as their templates.
pub fn build_unminified(catalog: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = run(&repo(), &["build", "--catalog", catalog, "--out", out.to_str().unwrap(), "--no-minify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

pub fn assert_diagnostics(case: &str) -> String {
    let catalog = format!("tests/fixtures/{case}/catalog");
    let o = run(&repo(), &["check", "--catalog", &catalog]);
    assert_eq!(o.status.code(), Some(1), "exit code for {case}");
    let expected_path = repo().join("tests/fixtures").join(case).join("expected.stderr");
    if std::env::var_os("COVERGUIDE_BLESS").is_some() {
        std::fs::write(&expected_path, &o.stderr).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(stderr(&o), expected, "stderr for {case}");
    expected
}
