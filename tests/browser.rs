//! Builds the site from the real catalog with the compiled `coverguide`
//! binary, then checks it in a real browser with `tests/browser/check.mjs`
//! (Debian Chromium driven by playwright-core, axe-core for WCAG 2.1 A/AA,
//! links, file://, keyboard, 320 px reflow, screenshots).
//!
//! Needs /usr/bin/chromium, `node` and `tests/browser/node_modules`
//! (`npm ci --prefix tests/browser`); `.ci/run` installs all of them. Without
//! them the test is skipped with a notice, except under `CI=true`, where a
//! missing prerequisite is a failure so CI can never pass by not looking.
//!
//! Screenshots land in `target/screenshots/` (not committed).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const CHROMIUM: &str = "/usr/bin/chromium";

/// What is missing for the browser check to run, if anything.
fn missing_prerequisites(harness: &Path) -> Vec<String> {
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
        if !harness.join("node_modules").join(package).is_dir() {
            missing.push(format!("tests/browser/node_modules/{package} (npm ci --prefix tests/browser)"));
        }
    }
    missing
}

#[test]
fn built_site_passes_browser_checks() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let harness = repo.join("tests").join("browser");

    let missing = missing_prerequisites(&harness);
    if !missing.is_empty() {
        let list = missing.join("\n  - ");
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "browser test cannot run, and CI=true makes that a failure, not a skip.\n\
                 Missing:\n  - {list}\n(.ci/run installs these.)"
            );
        }
        // Straight to stderr, not eprintln!: libtest captures eprintln!
        // output of passing tests, and this notice must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "notice: skipping browser test (set CI=true to make this fail). Missing:\n  - {list}"
        );
        return;
    }

    let tmp = tempfile::tempdir().expect("create temporary directory");
    let site = tmp.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_coverguide"))
        .arg("build")
        .arg("--catalog")
        .arg(repo.join("catalog"))
        .arg("--out")
        .arg(&site)
        .output()
        .expect("run coverguide");
    assert!(
        build.status.success(),
        "coverguide build failed ({}):\n{}{}",
        build.status,
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr),
    );

    // The harness takes a while on a few hundred pages, so its output is
    // streamed straight to the terminal (inherited, so libtest does not hold
    // it back) rather than captured and replayed at the end.
    let screenshots = repo.join("target").join("screenshots");
    let status = Command::new("node")
        .arg(harness.join("check.mjs"))
        .arg("--site")
        .arg(&site)
        .arg("--screenshots")
        .arg(&screenshots)
        .current_dir(&harness)
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .expect("run node tests/browser/check.mjs");
    assert!(
        status.success(),
        "browser checks failed ({status}); each failure is listed in the output above, \
         ending with the `browser: N passed, M failed` line"
    );
}
