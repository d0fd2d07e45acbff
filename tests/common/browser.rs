//! Browser tests: prerequisites, skip-or-fail policy, and running a script.
//!
//! Needs /usr/bin/chromium, `node` and `tests/browser/node_modules`
//! (`npm ci --prefix tests/browser`); `.ci/run` installs all of them. Without
//! them a browser test is skipped with a notice, except under `CI=true`, where
//! a missing prerequisite is a failure so CI can never pass by not looking.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const CHROMIUM: &str = "/usr/bin/chromium";

pub fn harness() -> PathBuf {
    super::repo().join("tests").join("browser")
}

/// What is missing for browser tests to run, if anything.
fn missing_prerequisites() -> Vec<String> {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!("{CHROMIUM} (apt-get install -y chromium chromium-driver)"));
    }
    let node_ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !node_ok {
        missing.push("`node` on PATH (Node.js 20+)".to_owned());
    }
    for package in ["playwright-core", "axe-core"] {
        if !harness().join("node_modules").join(package).is_dir() {
            missing.push(format!("tests/browser/node_modules/{package} (npm ci --prefix tests/browser)"));
        }
    }
    missing
}

/// True when browser tests can run. Otherwise prints a notice and returns
/// false, or panics under `CI=true`.
pub fn ready() -> bool {
    let missing = missing_prerequisites();
    if missing.is_empty() {
        return true;
    }
    let list = missing.join("\n  - ");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "browser test cannot run, and CI=true makes that a failure, not a skip.\n\
             Missing:\n  - {list}\n(.ci/run installs these.)"
        );
    }
    // Straight to stderr, not eprintln!: libtest captures eprintln! output of
    // passing tests, and this notice must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "notice: skipping browser test (set CI=true to make this fail). Missing:\n  - {list}"
    );
    false
}

/// Builds `catalog` into a new temp folder; returns the folder and the site path.
pub fn build_site(catalog: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("create temporary directory");
    let site = tmp.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_coverguide"))
        .arg("build")
        .arg("--catalog")
        .arg(catalog)
        .arg("--out")
        .arg(&site)
        .args(extra)
        .output()
        .expect("run coverguide");
    assert!(
        build.status.success(),
        "coverguide build failed ({}):\n{}{}",
        build.status,
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr),
    );
    (tmp, site)
}

/// Runs `node tests/browser/<script> <args>`, output streamed to the terminal
/// (inherited, so libtest does not hold it back), and asserts it succeeded.
pub fn run_script(script: &str, args: &[&std::ffi::OsStr]) {
    let status = Command::new("node")
        .arg(harness().join(script))
        .args(args)
        .current_dir(harness())
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .unwrap_or_else(|e| panic!("run node tests/browser/{script}: {e}"));
    assert!(
        status.success(),
        "browser checks in {script} failed ({status}); each failure is listed in the output above, \
         ending with the `browser: N passed, M failed` line"
    );
}
