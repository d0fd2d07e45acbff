//! Search in a real browser (`tests/browser/search.mjs`): the queries the
//! search issue names, facets and their counts, shared URLs, the back
//! button, keyboard-only use, accessibility with results showing, and the
//! no-JavaScript A-Z index, from a local HTTP server and from `file://`.
//!
//! Two sites are built: the search fixture (`tests/fixtures/search`), which
//! bills the codes the issue names, and the sample catalog.

mod common;

use common::browser;

#[test]
fn search_works_in_a_real_browser() {
    if !browser::ready() {
        return;
    }
    let (_fixture_tmp, fixture) = browser::build_site(&common::fixture("search"), &[]);
    let (_sample_tmp, sample) = browser::build_site(&common::repo().join("catalog"), &[]);
    browser::run_script(
        "search.mjs",
        &["--fixture".as_ref(), fixture.as_os_str(), "--sample".as_ref(), sample.as_os_str()],
    );
}
