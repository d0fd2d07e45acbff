//! A format that forgives newcomers (`tests/fixtures/forgiving`): a source
//! known only by its URL, a provider known only by a credential; and the
//! teaching messages for their mistakes (`tests/fixtures/bad_forgiving`): a
//! near-miss key, a bad source reported once however often it is cited, the
//! article before a dimension, a provider with nothing to name it, and a
//! YAML alias bomb in plain words.

mod common;

use common::html::*;
use common::*;

#[test]
fn a_source_without_a_title_and_a_provider_without_a_kind_build() {
    let (_tmp, out) = build_unminified("tests/fixtures/forgiving/catalog");
    // The source is shown by its URL's host and path, not by a placeholder.
    let sources = text(&read(&out, "or/sources/index.html"));
    assert!(sources.contains("oregon.gov/oha/HSD/OHP/Pages/Policy-BH.aspx. Undated."), "{sources}");
    let page = text(&read(&out, "or/services/or-therapy/index.html"));
    assert!(page.contains("LCSW, LPC"), "{page}");
}

#[test]
fn newcomers_mistakes_are_explained_once_each() {
    let err = assert_diagnostics("bad_forgiving");
    assert!(err.contains("the field is `cites`"), "{err}");
    assert!(err.contains("an `endorsement_required` fact"), "{err}");
    assert!(!err.contains("unknown source"), "a bad source is reported once, not at each cite:\n{err}");
    assert!(!err.contains("budget breached") && !err.contains("Aliases {"), "no parser debug text:\n{err}");
    assert!(err.ends_with("error: the catalog has 5 problems\n"), "{err}");
}
