//! The printable guide in a real browser (`tests/browser/guide.mjs`): contents
//! links, print media, page breaks, a PDF, the print buttons with and
//! without script, axe and 320 px.

mod common;

use common::browser;

#[test]
fn printable_guide_prints_in_a_browser() {
    if !browser::ready() {
        return;
    }
    let (_tmp, site) = browser::build_site(&common::fixture("valid_minimal"), &[]);
    browser::run_script("guide.mjs", &["--site".as_ref(), site.as_os_str(), "--state".as_ref(), "or".as_ref()]);
}
