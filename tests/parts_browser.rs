//! Pages made of parts in a real browser (`tests/browser/parts.mjs`): the
//! printable guide and a national code page that `coverguide serve` put
//! together from parts rendered at different times, and the same pages of
//! a full build, are whole documents in Chromium (every part an element, in
//! order, one table of every state's rows that sorts across them), the same
//! document in both, and pass axe.

mod common;

use common::browser;
use common::serve::*;
use coverguide::serve::engine::{Changes, Engine};

#[test]
fn pages_made_of_parts_are_whole_documents_in_a_browser() {
    if !browser::ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    common::copy_tree(&common::repo().join("catalog"), &catalog);
    let mut e = Engine::new(catalog.clone(), None, None);
    assert!(e.rebuild(&Changes { everything: true, ..Changes::default() }).problems.is_none());
    // Two edits, in two states that both bill 96110: each rebuild renders one
    // part of the national 96110 page and of the state's guide again.
    for (file, name) in [
        ("states/ma/services/ma-bh-screening.yaml", "Edited in Massachusetts: "),
        ("states/al/services/al-epsdt-intensive-developmental-assessment.yaml", "Edited in Alabama: "),
    ] {
        let path = catalog.join(file);
        replace_in(&path, "\nname: \"", &format!("\nname: \"{name}"));
        let o = e.rebuild(&written(&[&path]));
        assert!(o.problems.is_none() && o.parts_rendered > 0 && o.parts_kept > 0);
    }
    let served_dir = tmp.path().join("served");
    for (path, bytes) in served(&e) {
        let to = served_dir.join(&path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let (_built_tmp, built) = browser::build_site(&catalog, &[]);
    browser::run_script(
        "parts.mjs",
        &[
            "--built".as_ref(),
            built.as_os_str(),
            "--served".as_ref(),
            served_dir.as_os_str(),
            "--state".as_ref(),
            "ma".as_ref(),
            "--code".as_ref(),
            "96110".as_ref(),
            "--edited".as_ref(),
            "Edited in Massachusetts: ".as_ref(),
        ],
    );
}
