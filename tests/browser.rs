//! Builds the site from the real catalog with the compiled `coverguide`
//! binary, then checks it in a real browser with `tests/browser/check.mjs`
//! (Debian Chromium driven by playwright-core, axe-core for WCAG 2.1 A/AA,
//! links, file://, keyboard, 320 px reflow, screenshots).
//!
//! Screenshots land in `target/screenshots/` (not committed).

mod common;

use common::browser;

#[test]
fn built_site_passes_browser_checks() {
    if !browser::ready() {
        return;
    }
    let (_tmp, site) = browser::build_site(&common::repo().join("catalog"), &[]);
    let screenshots = common::repo().join("target").join("screenshots");
    browser::run_script(
        "check.mjs",
        &["--site".as_ref(), site.as_os_str(), "--screenshots".as_ref(), screenshots.as_os_str()],
    );
}
