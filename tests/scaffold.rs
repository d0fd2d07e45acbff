//! `coverguide new state`: the scaffold builds as it is, is marked
//! illustrative on every page, and refuses to overwrite or guess.

mod common;

use common::*;

#[test]
fn a_scaffolded_state_builds_and_says_it_is_illustrative() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture("valid_minimal"), &tmp.path().join("catalog"));
    let o = run(tmp.path(), &["new", "state", "WA"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for f in [
        "state.yaml",
        "facts.yaml",
        "services/wa-example-service.yaml",
        "crosswalks/wa-example-crosswalk.yaml",
        "guidance/example-guidance.md",
    ] {
        assert!(out.contains(&format!("catalog/states/wa/{f}")), "{out}");
        assert!(tmp.path().join("catalog/states/wa").join(f).is_file(), "{f}");
    }
    let o = run(tmp.path(), &["build", "--catalog", "catalog", "--out", "site"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = tmp.path().join("site");
    for page in [
        "wa/index.html",
        "wa/services/wa-example-service/index.html",
        "wa/crosswalks/wa-example-crosswalk/index.html",
        "wa/guidance/example-guidance/index.html",
    ] {
        let html = read(&site, page);
        assert!(html.contains("Illustrative"), "{page} does not say it is illustrative");
        assert!(html.contains("not Washington policy"), "{page}");
    }
    assert!(read(&site, "wa/index.html").contains("Washington"));
}

#[test]
fn an_existing_folder_or_an_unknown_code_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture("valid_minimal"), &tmp.path().join("catalog"));
    let before = tree(&tmp.path().join("catalog"));
    let o = run(tmp.path(), &["new", "state", "or"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("catalog/states/or already exists; nothing was written"), "{}", stderr(&o));
    let o = run(tmp.path(), &["new", "state", "wx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error: `wx` is not a state's postal code"), "{}", stderr(&o));
    assert!(stderr(&o).contains("help: did you mean one of"), "{}", stderr(&o));
    assert_eq!(tree(&tmp.path().join("catalog")), before, "nothing written");
    let o = run(tmp.path(), &["new", "state", "wa", "--catalog", "missing"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!tmp.path().join("missing").exists());
}
