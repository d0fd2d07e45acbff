//! Hostile and broken input: each case is a catalog (or output folder) built
//! here from the `valid_minimal` fixture, or generated because it cannot live
//! in git (a 50 MB file, a symbolic-link loop, 10,000 levels of nesting).
//!
//! One helper, [`refuse`], runs `coverguide build` over an output folder that
//! holds a previous good build and asserts, for every case: the exit code, a
//! located diagnostic (`path:line:col` where there is a position), no panic,
//! and the previous output left byte-for-byte as it was, with no staging
//! folder left behind. Exact texts of the ordinary YAML errors are held by
//! `tests/errors.rs` (fixtures with `expected.stderr`); this file is about
//! input meant to break the build. Script payloads are checked in a browser
//! by `tests/hostile_browser.rs`.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_tree, fixture, run, stderr, tree};

/// A temp folder with a copy of `valid_minimal` at `catalog/` and a good
/// build of it at `site/`.
struct Case {
    tmp: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        copy_tree(&fixture("valid_minimal"), &tmp.path().join("catalog"));
        let o = run(tmp.path(), &["build", "--catalog", "catalog", "--out", "site"]);
        assert!(o.status.success(), "{}", stderr(&o));
        Case { tmp }
    }
    fn dir(&self) -> &Path {
        self.tmp.path()
    }
    fn cat(&self) -> PathBuf {
        self.dir().join("catalog")
    }
    fn site(&self) -> PathBuf {
        self.dir().join("site")
    }
    /// Writes `text` to a file of the catalog.
    fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.cat().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    /// Replaces `from` with `to` in a file of the catalog (which must hold it).
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let p = self.cat().join(rel);
        let t = std::fs::read_to_string(&p).unwrap();
        assert!(t.contains(from), "{rel} has no {from:?}");
        std::fs::write(p, t.replacen(from, to, 1)).unwrap();
    }

    /// Runs `build` with `catalog` and `out` and asserts it is refused with
    /// `code`, every `expect` text on stderr, no panic, and `site/` (the
    /// previous good build) byte-for-byte intact with no leftovers beside it.
    fn refuse_with(&self, catalog: &Path, out: &Path, code: i32, expect: &[&str]) -> String {
        let before = tree(&self.site());
        let siblings = names(self.dir());
        let o = run(self.dir(), &["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "wrong exit code; stderr:\n{err}");
        assert!(!err.contains("panicked"), "panic:\n{err}");
        assert!(!err.contains("RUST_BACKTRACE"), "panic:\n{err}");
        for e in expect {
            assert!(err.contains(e), "expected {e:?} in stderr:\n{err}");
        }
        assert_eq!(tree(&self.site()), before, "the previous output changed");
        assert_eq!(names(self.dir()), siblings, "a staging folder or file was left behind");
        err
    }

    /// [`Case::refuse_with`] on `catalog/` into `site/`, exit 1.
    fn refuse(&self, expect: &[&str]) -> String {
        self.refuse_with(&self.cat(), &self.site(), 1, expect)
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

const SVC: &str = "states/or/services/or-dyadic.yaml";
const SVC_PATH: &str = "catalog/states/or/services/or-dyadic.yaml";

#[test]
fn yaml_alias_bomb_is_refused_fast() {
    let c = Case::new();
    // A billion-laughs document: 10^12 strings if expanded.
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    c.write("states/or/services/or-bomb.yaml", bomb);
    // The same in fields the service file has: the alias budget stops it.
    let mut bomb = String::from("id: or-bomb2\nname: &n0 \"lol\"\nevidence_based_models: [");
    bomb.push_str(&vec!["*n0"; 200].join(", "));
    bomb.push_str("]\n");
    c.write("states/or/services/or-bomb2.yaml", bomb);
    c.refuse(&[
        "catalog/states/or/services/or-bomb.yaml:1:1: error: unknown field `a0`",
        "catalog/states/or/services/or-bomb2.yaml:3:525: error: the file uses more than 100 YAML aliases (`*name`)\n",
        "= help: a catalog file may use at most 100 aliases: write the repeated values out in full",
    ]);
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let c = Case::new();
    let seqs = "a: ".to_string() + &"[".repeat(10_000) + &"]".repeat(10_000) + "\n";
    c.write("states/or/services/or-deep-seq.yaml", seqs);
    let maps = "a: ".to_string() + &"{a: ".repeat(10_000) + "x" + &"}".repeat(10_000) + "\n";
    c.write("states/or/services/or-deep-map.yaml", maps);
    // Block nesting: 10,000 levels of one-space indentation is 50 MB of
    // spaces, over the size cap; 2,000 levels (2 MB) reaches the depth limit.
    let mut block = String::new();
    for i in 0..2_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    c.write("states/or/services/or-deep-block.yaml", block);
    c.refuse(&[
        "catalog/states/or/services/or-deep-seq.yaml:1:",
        "catalog/states/or/services/or-deep-map.yaml:1:",
        "catalog/states/or/services/or-deep-block.yaml:",
    ]);
}

#[test]
fn a_50_mb_file_is_refused_without_being_read() {
    let c = Case::new();
    let big = c.cat().join("states/or/services/or-big.yaml");
    // Real bytes, not a sparse file: a valid-looking YAML list 50 MB long.
    let line = "- \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc\"\n";
    let mut text = String::with_capacity(50 * 1024 * 1024 + line.len());
    text.push_str("id: or-big\nevidence_based_models:\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    std::fs::write(&big, &text).unwrap();
    let err = c.refuse(&["catalog/states/or/services/or-big.yaml: error: the file is 52428"]);
    assert!(err.contains("catalog files may be at most 4194304 bytes"), "{err}");
}

#[test]
fn invalid_utf8_is_located() {
    let c = Case::new();
    c.write("states/or/services/or-latin.yaml", b"id: or-latin\nname: ok\ndescription: caf\xe9 au lait\n");
    c.refuse(&["catalog/states/or/services/or-latin.yaml:3:17: error: the file is not valid UTF-8"]);
}

#[test]
fn a_utf8_bom_is_legal() {
    let c = Case::new();
    let p = c.cat().join(SVC);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&p).unwrap());
    std::fs::write(&p, bytes).unwrap();
    c.edit(SVC, "name: Child-parent psychotherapy", "name: Child-parent psychotherapy (BOM)");
    let o = run(c.dir(), &["build", "--catalog", "catalog", "--out", "site"]);
    assert!(o.status.success(), "a BOM is legal: {}", stderr(&o));
    let page = std::fs::read_to_string(c.site().join("or/services/or-dyadic/index.html")).unwrap();
    assert!(page.contains("Child-parent psychotherapy (BOM)"));
    assert!(!page.contains('\u{feff}'), "the BOM must not reach the page");
}

#[test]
fn tabs_for_indentation_are_located() {
    let c = Case::new();
    c.edit(SVC, "cites:\n  - source: cms-epsdt-guide", "cites:\n\t- source: cms-epsdt-guide");
    c.refuse(&[&format!("{SVC_PATH}:8:")]);
}

#[test]
fn duplicate_keys_are_located() {
    let c = Case::new();
    c.edit(SVC, "category: dyadic\n", "category: dyadic\ncategory: assessment\n");
    c.refuse(&[&format!("{SVC_PATH}:4:1: error: duplicate key `category`")]);
}

#[test]
fn unknown_fields_get_a_suggestion() {
    let c = Case::new();
    c.edit(SVC, "category: dyadic\n", "category: dyadic\ncatgory: x\n");
    c.refuse(&[&format!("{SVC_PATH}:4:1: error: unknown field `catgory`"), "category"]);
}

#[test]
fn wrong_types_are_located() {
    let c = Case::new();
    c.edit("states/or/services/or-assessment.yaml", "min_months: 0", "min_months: [zero]");
    c.edit(SVC, "after_units: 26", "after_units: many");
    c.refuse(&["catalog/states/or/services/or-assessment.yaml:6:", &format!("{SVC_PATH}:6:")]);
}

#[test]
fn duplicate_ids_across_files_name_both() {
    let c = Case::new();
    let text = std::fs::read_to_string(c.cat().join(SVC)).unwrap();
    c.write("states/or/services/or-dyadic-copy.yaml", text);
    // A crosswalk with a national id, again in a state folder.
    let xw = std::fs::read_to_string(c.cat().join("national/crosswalks/test-crosswalk.yaml")).unwrap();
    c.write("states/or/crosswalks/again.yaml", xw.replace("source: ztt-crosswalk", "source: or-ec"));
    c.refuse(&[
        &format!("{SVC_PATH}:1:5: error: duplicate service id `or-dyadic`"),
        "first defined at ",
        "catalog/states/or/services/or-dyadic-copy.yaml:1",
        "catalog/states/or/crosswalks/again.yaml:1:5: error: duplicate crosswalk id `test-crosswalk`",
        "catalog/national/crosswalks/test-crosswalk.yaml:1",
    ]);
}

#[test]
fn dangling_references_are_located() {
    let c = Case::new();
    let a = "states/or/services/or-assessment.yaml";
    c.edit(a, "delivery_systems: [ffs, cco]", "delivery_systems: [ffs, nowhere]");
    c.edit(a, "crosswalk: test-crosswalk", "crosswalk: no-such-crosswalk");
    c.edit(SVC, "source: cms-epsdt-guide", "source: no-such-source");
    c.refuse(&[
        "catalog/states/or/services/or-assessment.yaml:23:14: error: unknown crosswalk `no-such-crosswalk`",
        "catalog/states/or/services/or-assessment.yaml:36:25: error: unknown delivery system `nowhere`",
        &format!("{SVC_PATH}:8:13: error: unknown source `no-such-source`"),
    ]);
}

#[test]
fn ids_that_would_leave_the_output_folder_are_refused() {
    for (i, id) in ["../../escaped", "/etc/passwd", "..\\\\..\\\\win", "C:\\\\x", "a/../../b", "%2e%2e%2fx", "..", "."]
        .iter()
        .enumerate()
    {
        let c = Case::new();
        c.edit(SVC, "id: or-dyadic", &format!("id: \"{id}\""));
        c.edit("states/or/guidance/dyadic-billing.md", "title: Billing", "title: Billing");
        let err = c.refuse(&[&format!("{SVC_PATH}:1:5: error: invalid service id")]);
        assert!(err.contains("lower-case letters"), "case {i}: {err}");
        // Nothing was written anywhere near the catalog.
        assert!(!c.dir().join("escaped").exists() && !c.dir().parent().unwrap().join("escaped").exists());
    }
}

#[test]
fn windows_reserved_names_are_refused_as_ids_and_slugs() {
    for name in ["con", "nul", "aux", "prn", "com1", "lpt9"] {
        let c = Case::new();
        c.edit(SVC, "id: or-dyadic", &format!("id: {name}"));
        let err =
            c.refuse(&[&format!("{SVC_PATH}:1:5: error: invalid service id `{name}`: Windows reserves this name")]);
        assert!(!err.contains("panicked"));
    }
    // A guidance document's slug is its file name.
    let c = Case::new();
    std::fs::rename(c.cat().join("states/or/guidance/dyadic-billing.md"), c.cat().join("states/or/guidance/aux.md"))
        .unwrap();
    c.refuse(&["catalog/states/or/guidance/aux.md", "aux"]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_refused_not_followed() {
    let c = Case::new();
    let d = c.cat().join("states/or/guidance");
    std::os::unix::fs::symlink(d.join("b.md"), d.join("a.md")).unwrap();
    std::os::unix::fs::symlink(d.join("a.md"), d.join("b.md")).unwrap();
    std::os::unix::fs::symlink(c.cat(), c.cat().join("states/or/services/loop")).unwrap();
    std::os::unix::fs::symlink(c.cat().join("states/or/me"), c.cat().join("states/or/me")).unwrap();
    c.refuse(&[
        "catalog/states/or/guidance/a.md: error: symbolic links are not followed in a catalog",
        "catalog/states/or/guidance/b.md: error: symbolic links are not followed in a catalog",
        "catalog/states/or/services/loop: error: symbolic links are not followed in a catalog",
        "catalog/states/or/me: error: symbolic links are not followed in a catalog",
    ]);
}

#[test]
fn an_empty_catalog_is_refused() {
    let c = Case::new();
    let empty = c.dir().join("empty");
    std::fs::create_dir(&empty).unwrap();
    c.refuse_with(&empty, &c.site(), 1, &["empty"]);
}

#[test]
fn a_missing_catalog_folder_is_refused() {
    let c = Case::new();
    c.refuse_with(&c.dir().join("nope"), &c.site(), 1, &["nope: error: cannot read the catalog folder"]);
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let c = Case::new();
    let file = c.dir().join("site.txt");
    std::fs::write(&file, "not a folder").unwrap();
    c.refuse_with(&c.cat(), &file, 2, &["site.txt", "is not a folder"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

/// Whether this process can write into a folder whose permissions say it
/// cannot (true as root, where chmod stops nothing).
#[cfg(unix)]
fn permissions_are_bypassed(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).unwrap();
    set_mode(&probe, 0o555);
    let bypassed = std::fs::write(probe.join("x"), "x").is_ok();
    set_mode(&probe, 0o755);
    std::fs::remove_dir_all(&probe).unwrap();
    bypassed
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// An output folder that cannot be written. As an ordinary user: the previous
/// build's parent folder made read-only with chmod, so the staging folder
/// cannot be created, and the old output must stay. As root (CI here runs as
/// root), permissions stop nothing, so the output goes under `/proc`, which
/// no user can create anything in; there is no previous output to keep, and
/// the build must fail with the path named and nothing left anywhere.
#[cfg(unix)]
#[test]
fn an_output_folder_that_cannot_be_written_is_refused() {
    let c = Case::new();
    if permissions_are_bypassed(c.dir()) {
        let out = Path::new("/proc/coverguide-hostile-test/site");
        c.refuse_with(&c.cat(), out, 2, &["/proc/coverguide-hostile-test"]);
        assert!(!out.exists());
    } else {
        let ro = c.dir().join("ro");
        std::fs::create_dir(&ro).unwrap();
        let o = run(c.dir(), &["build", "--catalog", "catalog", "--out", "ro/site"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let before = tree(&ro);
        set_mode(&ro, 0o555);
        let o = run(c.dir(), &["build", "--catalog", "catalog", "--out", "ro/site"]);
        set_mode(&ro, 0o755);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("ro/"), "{}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
        assert_eq!(tree(&ro), before);
    }
}

#[test]
fn script_and_javascript_urls_in_url_fields_are_refused() {
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "JaVaScRiPt:alert(1)",
        "//evil.example/x",
        "vbscript:x",
    ] {
        let c = Case::new();
        c.edit("states/or/state.yaml", "url: \"https://www.oregon.gov/oha/ec\"", &format!("url: \"{url}\""));
        let err = c.refuse(&["catalog/states/or/state.yaml:26:10: error: invalid URL"]);
        assert!(err.contains("https"), "{err}");
    }
}

/// The in-memory entry point the fuzz target drives (`check_files`) reports
/// exactly what the file-system loader reports, for every fixture and the
/// sample catalog, so what the fuzzer proves holds for real catalogs.
#[test]
fn in_memory_loading_matches_loading_from_disk() {
    fn files(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> bool {
        let mut empty_dir = std::fs::read_dir(dir).unwrap().next().is_none();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                empty_dir |= files(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
        empty_dir
    }
    let summary = |r: Result<coverguide::model::Catalog, coverguide::diag::Diagnostics>, root: &Path| match r {
        Ok(c) => vec![format!("ok: {} states", c.states.len())],
        Err(d) => d
            .items
            .iter()
            .map(|d| {
                let f = d.file.strip_prefix(root).unwrap_or(&d.file).display().to_string();
                format!("{f}:{:?}: {}", d.pos.map(|p| (p.line, p.col)), d.message)
            })
            .collect(),
    };
    let mut roots = vec![common::repo().join("catalog")];
    for e in std::fs::read_dir(common::repo().join("tests/fixtures")).unwrap() {
        roots.push(e.unwrap().path().join("catalog"));
    }
    let mut compared = 0;
    for root in roots.into_iter().filter(|r| r.is_dir()) {
        let mut fs_files = Vec::new();
        // An empty folder exists only on disk (paths in memory imply their
        // folders); such a catalog cannot be the same in memory.
        if files(&root, &root, &mut fs_files) {
            continue;
        }
        let disk = summary(
            coverguide::check(&root).map_err(|e| match e {
                coverguide::Error::Invalid(d, _) => d,
                other => panic!("{other}"),
            }),
            &root,
        );
        let memory = summary(coverguide::check_files(&root, fs_files), &root);
        assert_eq!(memory, disk, "{}", root.display());
        compared += 1;
    }
    assert!(compared >= 7, "compared {compared} catalogs");
}

/// Every committed fuzz seed, including each crash input the fuzzer found
/// (kept in `fuzz/seeds/catalog/`), goes through the same split and checks
/// as the fuzz target: a model that renders, or diagnostics inside the
/// catalog, never a panic.
#[test]
fn fuzz_findings_stay_fixed() {
    let root = Path::new("/fuzz/catalog");
    let mut n = 0;
    for e in std::fs::read_dir(common::repo().join("fuzz/seeds/catalog")).unwrap() {
        let p = e.unwrap().path();
        let data = std::fs::read(&p).unwrap();
        let files = coverguide::split_files(&data);
        match coverguide::check_files(root, files) {
            Ok(catalog) => {
                let theme = coverguide::render::Theme::load(None).unwrap();
                coverguide::render::render(&catalog, &theme, None).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            }
            Err(d) => {
                assert!(!d.items.is_empty(), "{}", p.display());
                assert!(d.items.iter().all(|d| d.file.starts_with(root)), "{}", p.display());
            }
        }
        n += 1;
    }
    assert!(n >= 2, "the seeds are missing");
}
