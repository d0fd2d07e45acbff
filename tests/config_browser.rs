//! Branding from coverguide.toml in a real browser (`tests/browser/config.mjs`):
//! the logo loads with its alt text, the accent colour is applied, the footer
//! shows the configured text, and axe still finds no WCAG 2.1 AA violation.

mod common;

use common::browser;

#[test]
fn branding_works_and_stays_accessible_in_a_browser() {
    if !browser::ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    common::copy_tree(&common::fixture("valid_minimal"), &catalog);
    let branded = common::repo().join("tests/fixtures/branded");
    std::fs::copy(branded.join("coverguide.toml"), catalog.join("coverguide.toml")).unwrap();
    std::fs::create_dir_all(catalog.join("assets")).unwrap();
    std::fs::copy(branded.join("logo.svg"), catalog.join("assets/logo.svg")).unwrap();
    let (_out, site) = browser::build_site(&catalog, &[]);
    browser::run_script("config.mjs", &["--site".as_ref(), site.as_os_str()]);
}
