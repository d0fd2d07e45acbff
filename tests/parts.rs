//! Pages made of parts (`render::parts`): a state's printable guide (a part
//! per service, crosswalk and guidance document) and the national code and
//! ICD-10-CM pages (a part per state's rows). After a one-service edit, an
//! incremental render renders again only the parts that changed, the parts
//! of a page survive renders that did not touch it, and the result is a full
//! build's, byte for byte. A user theme can override a part's template, and
//! a part's template error names that template.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::serve::*;
use coverguide::render::{self, Reuse, Scope, Theme};
use coverguide::serve::engine::{Changes, Engine};

/// Renders every page of `catalog` through `reuse`, as serve does, and
/// returns the pages (kept and rendered) by path.
fn render_reusing(catalog: &Path, theme: &Theme, reuse: &mut Reuse) -> BTreeMap<String, Vec<u8>> {
    let c = coverguide::load_catalog(catalog).unwrap_or_else(|e| panic!("catalog is valid: {e}"));
    render::render_pages_reusing(&c, theme, None, &Scope::all(), Some(reuse)).unwrap();
    reuse.kept.iter().chain(&reuse.rendered).map(|(p, b)| (p.clone(), b.to_vec())).collect()
}

/// The HTML pages of a full build.
fn full_pages(catalog: &Path) -> BTreeMap<String, Vec<u8>> {
    full_build(catalog, None, None).into_iter().filter(|(p, _)| p.ends_with(".html")).collect()
}

/// Of the last render's pages made of parts: page path to (rendered, kept).
fn parts(reuse: &Reuse) -> BTreeMap<String, (usize, usize)> {
    reuse.parts.iter().map(|(p, r, k)| (p.clone(), (*r, *k))).collect()
}

/// How many parts the guide page holds: its `guide-part` sections but the
/// overview and the sources list, which are the page's own.
fn guide_parts(html: &[u8]) -> usize {
    String::from_utf8_lossy(html).matches("<section class=\"guide-part\"").count() - 2
}

#[test]
fn a_one_service_edit_renders_one_part_of_each_page_it_changes() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("catalog"));
    let theme = Theme::load(None).unwrap();
    let mut reuse = Reuse::default();
    let first = render_reusing(&catalog, &theme, &mut reuse);
    assert_eq!(first, full_pages(&catalog), "a first render through the cache is a full build's");
    // The first render renders every part of every page.
    let all = parts(&reuse);
    assert!(all.values().all(|&(r, k)| r >= 1 && k == 0), "{all:?}");
    let ma_guide = guide_parts(&first["ma/guide/index.html"]);
    assert!(ma_guide >= 3, "Massachusetts' guide has {ma_guide} parts");
    assert_eq!(all["ma/guide/index.html"], (ma_guide, 0));
    // The national 96110 page has one part per state that bills it.
    let c = coverguide::load_catalog(&catalog).unwrap();
    let bill_96110 =
        c.states.values().filter(|s| s.services.values().any(|v| v.billing.iter().any(|b| b.code == "96110"))).count();
    assert!(bill_96110 >= 2, "{bill_96110} states bill 96110");
    assert_eq!(all["codes/96110/index.html"], (bill_96110, 0));

    // Massachusetts' screening service gets a new name: of its guide, only
    // its section is rendered; of the national 96110 page, only
    // Massachusetts' rows; of each other page made of parts that changed, one.
    replace_in(
        &catalog.join("states/ma/services/ma-bh-screening.yaml"),
        "name: \"Standardized behavioral-health screen at well-child visits\"",
        "name: \"Standardized behavioral-health screen (edited)\"",
    );
    let second = render_reusing(&catalog, &theme, &mut reuse);
    let changed = parts(&reuse);
    assert_eq!(changed["ma/guide/index.html"], (1, ma_guide - 1));
    assert_eq!(changed["codes/96110/index.html"], (1, bill_96110 - 1));
    assert!(changed.values().all(|&(r, _)| r == 1), "one part of each changed page: {changed:?}");
    assert!(!changed.contains_key("al/guide/index.html"), "Alabama's guide is kept whole: {changed:?}");
    assert!(String::from_utf8_lossy(&second["ma/guide/index.html"]).contains("screen (edited)"));
    assert!(String::from_utf8_lossy(&second["codes/96110/index.html"]).contains("screen (edited)"));
    assert_eq!(second, full_pages(&catalog), "after the edit in Massachusetts");

    // Then a service in Alabama: its guide was not rendered by the last
    // render, and its parts are still those of the first.
    let al_guide = guide_parts(&second["al/guide/index.html"]);
    replace_in(
        &catalog.join("states/al/services/al-epsdt-intensive-developmental-assessment.yaml"),
        "\nname: \"",
        "\nname: \"Edited: ",
    );
    let third = render_reusing(&catalog, &theme, &mut reuse);
    let changed = parts(&reuse);
    assert_eq!(changed["al/guide/index.html"], (1, al_guide - 1));
    assert_eq!(changed["codes/96110/index.html"], (1, bill_96110 - 1));
    assert!(changed.values().all(|&(r, _)| r == 1), "{changed:?}");
    assert_eq!(third, full_pages(&catalog), "after the edit in Alabama");

    // Nothing changed: every page is kept, and no part is rendered.
    render_reusing(&catalog, &theme, &mut reuse);
    assert!(reuse.rendered.is_empty() && reuse.parts.is_empty(), "{:?}", parts(&reuse));
}

#[test]
fn a_national_icd10cm_page_renders_the_edited_states_rows_only() {
    // Washington lists F84.0; Oregon accepts it through the crosswalk it names.
    let (_tmp, catalog) = common::copy_of(&common::repo().join("tests/fixtures/codes_pages/catalog"));
    let theme = Theme::load(None).unwrap();
    let mut reuse = Reuse::default();
    render_reusing(&catalog, &theme, &mut reuse);
    assert_eq!(parts(&reuse)["icd10cm/F84.0/index.html"], (2, 0));
    assert_eq!(parts(&reuse)["codes/H2019/index.html"], (2, 0));
    replace_in(
        &catalog.join("states/wa/services/wa-assessment.yaml"),
        "name: Assessment for young children",
        "name: Edited assessment",
    );
    let pages = render_reusing(&catalog, &theme, &mut reuse);
    let changed = parts(&reuse);
    assert_eq!(changed["icd10cm/F84.0/index.html"], (1, 1));
    assert_eq!(changed["codes/H2019/index.html"], (1, 1));
    // A state's own code pages are one part: all of its rows.
    assert_eq!(changed["wa/codes/H2019/index.html"], (1, 0));
    assert_eq!(pages, full_pages(&catalog));
}

#[test]
fn serve_reports_the_parts_it_rendered_and_kept() {
    let (_tmp, catalog) = common::copy_of(&common::repo().join("catalog"));
    let mut e = Engine::new(catalog.clone(), None, None);
    let first = e.rebuild(&Changes { everything: true, ..Changes::default() });
    assert!(first.problems.is_none());
    assert!(first.parts_rendered > 50 && first.parts_kept == 0, "{} {}", first.parts_rendered, first.parts_kept);
    let svc = catalog.join("states/ma/services/ma-bh-screening.yaml");
    replace_in(&svc, "\nname: \"", "\nname: \"Edited: ");
    let o = e.rebuild(&written(&[&svc]));
    assert!(o.problems.is_none());
    // The guide's section and the 96110 page's Massachusetts rows, and one
    // part of each of Massachusetts' code pages that list the service.
    assert!((2..=6).contains(&o.parts_rendered), "{} parts rendered", o.parts_rendered);
    assert!(o.parts_kept >= 3, "{} parts kept", o.parts_kept);
    assert_same_site(&e, &catalog, "after a service edit");
}

#[test]
fn a_user_theme_overrides_a_part_template_and_its_errors_name_it() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("guide_service.html"),
        "<section class=\"guide-part\" id=\"{{ part.anchor }}\"><h2>Custom: {{ part.view.name }}</h2></section>",
    )
    .unwrap();
    let catalog = coverguide::load_catalog(&common::fixture("codes_pages")).unwrap();
    let theme = Theme::load(Some(tmp.path())).unwrap();
    let site = render::render(&catalog, &theme, None).unwrap();
    let guide = String::from_utf8_lossy(&site.get("wa/guide/index.html").unwrap().bytes).into_owned();
    assert!(guide.contains("<h2>Custom: Assessment for young children</h2>"), "{guide}");

    // A part's template that fails names itself, in a full build and in serve.
    std::fs::write(templates.join("code_uses.html"), "{{ part.no_such_field }}").unwrap();
    let theme = Theme::load(Some(tmp.path())).unwrap();
    let err = render::render(&catalog, &theme, None).unwrap_err().to_string();
    assert!(err.contains("code_uses.html"), "{err}");
    let mut reuse = Reuse::default();
    let err = render::render_pages_reusing(&catalog, &theme, None, &Scope::all(), Some(&mut reuse))
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("code_uses.html"), "{err}");
}
