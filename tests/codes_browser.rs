//! Code pages and crosswalks in a real browser (`tests/browser/codes.mjs`):
//! sortable tables by mouse and keyboard, the same tables without
//! JavaScript, the CSV download, and navigation both ways by clicking.

mod common;

use common::browser;

#[test]
fn code_pages_and_crosswalks_work_in_a_browser() {
    if !browser::ready() {
        return;
    }
    let (_tmp, site) = browser::build_site(&common::fixture("codes_pages"), &[]);
    browser::run_script("codes.mjs", &["--site".as_ref(), site.as_os_str()]);
}
