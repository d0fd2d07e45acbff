//! The comparison pages in headless Chromium (`tests/browser/compare.mjs`):
//! the side-by-side page from file:// and over HTTP, with and without its
//! script, the tile map, and axe-core on the comparison pages of the
//! comparison fixture.

mod common;

use common::browser;

#[test]
fn comparison_pages_work_in_a_real_browser() {
    if !browser::ready() {
        return;
    }
    let (_tmp, site) = browser::build_site(&common::fixture("compare"), &[]);
    browser::run_script("compare.mjs", &["--site".as_ref(), site.as_os_str()]);
}
