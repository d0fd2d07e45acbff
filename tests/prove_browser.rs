//! Accessibility beyond the page as loaded (`tests/browser/prove.mjs`): axe
//! WCAG 2.1 A/AA on every kind of page of the sample site after interaction
//! (search with results, tables sorted, a comparison pair chosen) at 375 and
//! 1280 px, keyboard-only focus order and visible focus on the state home and
//! the search page, and screenshots of every kind of page at both widths in
//! `target/screenshots/pages/` (not committed).

mod common;

use common::browser;

#[test]
fn every_kind_of_page_is_accessible_in_use_and_by_keyboard() {
    if !browser::ready() {
        return;
    }
    let (_tmp, site) = browser::build_site(&common::repo().join("catalog"), &[]);
    let shots = common::repo().join("target").join("screenshots").join("pages");
    browser::run_script(
        "prove.mjs",
        &["--site".as_ref(), site.as_os_str(), "--screenshots".as_ref(), shots.as_os_str()],
    );
    for kind in ["state-home", "search-state-results", "compare-side-by-side", "not-found", "code"] {
        for width in [375, 1280] {
            let png = shots.join(format!("{kind}-{width}.png"));
            assert!(std::fs::metadata(&png).is_ok_and(|m| m.len() > 1000), "no screenshot {}", png.display());
        }
    }
}
