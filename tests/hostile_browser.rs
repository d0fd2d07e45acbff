//! Script payloads come out inert: the `hostile_payloads` fixture puts
//! `<script>`, event handlers, `javascript:`, `vbscript:` and `data:` URLs
//! and template syntax into every free-text field, into Markdown (raw HTML,
//! links, images, headings, tables, footnotes) and into front matter. It
//! must build, and `tests/browser/hostile.mjs` opens every page in Chromium
//! (and runs searches that show the payloads as results) asserting that no
//! script ran, no dialog opened, and no `href` or `src` holds a
//! `javascript:` or `data:` URL.

mod common;

use common::browser;

#[test]
fn payloads_in_every_field_stay_inert_in_a_browser() {
    if !browser::ready() {
        return;
    }
    let (_tmp, site) = browser::build_site(&common::fixture("hostile_payloads"), &[]);
    browser::run_script("hostile.mjs", &["--site".as_ref(), site.as_os_str()]);
}
