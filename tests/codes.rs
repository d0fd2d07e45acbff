//! Code sets and crosswalks: bad codes reported exactly, and code pages,
//! ICD-10-CM pages, crosswalks both ways and CSV downloads built right.

mod common;

use common::*;
use std::path::Path;

fn build(catalog: &Path, out: &Path) {
    let o =
        run(&repo(), &["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-minify"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `<main>` as text: tags dropped, entities for `/`, `'`, `"` and `&` decoded,
/// whitespace collapsed.
fn text(html: &str) -> String {
    let main = main_of(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&#x2F;", "/").replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn bad_codes_are_reported_with_exact_diagnostics() {
    let err = assert_diagnostics("bad_codes");
    // The issue's own examples: header codes name their billable children,
    // and a D-code is refused.
    assert!(err.contains("`F43.8` (Other reactions to severe stress) is a header in ICD-10-CM FY2026 (April 1, 2026 update), not a billable code"));
    assert!(err.contains("a claim needs one of its billable subcodes: F43.81 (Prolonged grief disorder), F43.89"));
    assert!(err.contains("`F34.8-` to accept all of them"));
    assert!(err.contains("invalid HCPCS code `D0120`"));
    assert!(err.ends_with("error: the catalog has 22 problems\n"), "{err}");
}

#[test]
fn a_failed_code_check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = run(&repo(), &["build", "--catalog", "tests/fixtures/bad_codes/catalog", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn state_code_page_shows_services_modifiers_rates_and_diagnoses() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("codes_pages"), &out);
    let html = read(&out, "or/codes/H2019/index.html");
    let t = text(&html);
    assert!(t.contains("Oregon · HCPCS code H2019"), "{t}");
    assert!(t.contains("checks HCPCS codes for their format only"), "{t}");
    // Modifiers in words: the national descriptor, or the state's own definition.
    assert!(t.contains("HA : Child/adolescent program"), "{t}");
    assert!(t.contains(
        "U1 : Fixture meaning: delivered by a certified infant mental health specialist. (state's definition)"
    ));
    assert!(t.contains("per 15 minutes $31.00 (as of 2025-07-01)"), "{t}");
    // Diagnoses leading to the code: families and ranges expanded with titles.
    assert!(t.contains("Accepts F43.1- : F43.10 Post-traumatic stress disorder, unspecified ; F43.11"), "{t}");
    assert!(t.contains("Accepts Z69.010-Z69.020 : Z69.010 Encounter for mental health services for victim of parental child abuse ; Z69.011"), "{t}");
    assert!(t.contains("Diagnoses read through Test crosswalk"), "{t}");
    assert!(html.contains(r#"href="../../../or/icd10cm/F43.10/index.html""#));
    assert!(html.contains(r#"href="../../../codes/H2019/index.html""#), "link to national page");
    // No CPT on the page, so no AMA notice; the CPT code's page has it.
    assert!(!html.contains("American Medical Association"));
    let cpt = read(&out, "or/codes/90791/index.html");
    assert!(cpt.contains("CPT® is a registered trademark of the American Medical Association"));
    assert!(text(&cpt).contains("is not shown here"));
    // Local codes get their own, collision-free folder.
    assert!(text(&read(&out, "or/codes/local-or-iecmh-1/index.html")).contains("A local code defined by Oregon"));
    // The service page links each code to its page and explains modifiers.
    let svc = read(&out, "or/services/or-therapy/index.html");
    assert!(svc.contains(r#"<a href="../../../or/codes/H2019/index.html">H2019</a>"#), "{svc}");
    assert!(svc.contains("HA: Child/adolescent program; U1: Fixture meaning"));
}

#[test]
fn national_code_page_puts_states_side_by_side() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("codes_pages"), &out);
    let t = text(&read(&out, "codes/H2019/index.html"));
    assert!(t.contains("States side by side"), "{t}");
    let or = t.find("Oregon Dyadic therapy").expect("Oregon row");
    let wa = t.find("Washington Assessment for young children").expect("Washington row");
    assert!(or < wa, "states in order");
    assert!(t.contains("HE : Mental health program per 15 minutes $27.10"), "{t}");
    // Local codes have no national page; national codes are indexed.
    assert!(!out.join("codes/local-or-iecmh-1").exists());
    let index = text(&read(&out, "codes/index.html"));
    assert!(index.contains("H2019 HCPCS 2 OR, WA"), "{index}");
}

#[test]
fn crosswalks_are_navigable_both_ways() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("codes_pages"), &out);
    // DC:0-5 -> ICD-10-CM: the crosswalk links each code to its page, with its title.
    let x = read(&out, "or/crosswalks/test-crosswalk/index.html");
    assert!(x.contains(r#"<tr id="row-1"><th scope="row">Global Developmental Delay</th>"#), "{x}");
    assert!(x.contains(r#"<a class="code" href="../../../or/icd10cm/F88/index.html">F88</a> <span class="code-title">Other disorders of psychological development</span>"#));
    assert!(text(&x).contains("ICD-10-CM codes checked against ICD-10-CM FY2026 (April 1, 2026 update)"));
    // ICD-10-CM -> services that accept it, and -> DC:0-5 diagnoses mapped to it.
    let f88 = read(&out, "or/icd10cm/F88/index.html");
    let t = text(&f88);
    assert!(t.contains("F88 Other disorders of psychological development Billable code"), "{t}");
    assert!(t.contains("Global Developmental Delay Neurodevelopmental Test crosswalk"), "{t}");
    assert!(t.contains("Dyadic therapy Lists this code H2019-HA-U1"), "{t}");
    assert!(t.contains("Dyadic therapy Through the crosswalk it names (Test crosswalk)"), "{t}");
    assert!(f88.contains(r#"href="../../../or/crosswalks/test-crosswalk/index.html#row-2""#));
    // A family accepts its billable codes only.
    let t = text(&read(&out, "or/icd10cm/F43.11/index.html"));
    assert!(t.contains("Dyadic therapy Lists F43.1-"), "{t}");
    assert!(t.contains("No crosswalk in this guide maps a DC:0-5 diagnosis to F43.11"), "{t}");
    assert!(!out.join("or/icd10cm/F43.1").exists(), "headers get no page");
    // Nationally, every state's services are listed with their state.
    let t = text(&read(&out, "icd10cm/F84.0/index.html"));
    assert!(t.contains("Oregon Dyadic therapy Through the crosswalk"), "{t}");
    assert!(t.contains("Washington Assessment for young children Lists this code"), "{t}");
}

#[test]
fn each_crosswalk_has_a_csv_download() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("codes_pages"), &out);
    let csv = read(&out, "crosswalks/test-crosswalk/test-crosswalk.csv");
    let expected = "dc05_diagnosis,dc05_category,dsm5_diagnosis,icd10_label_as_published,icd10cm_code,icd10cm_title,icd10cm_release,publisher,notes\r\n\
        Global Developmental Delay,Neurodevelopmental,,,F88,Other disorders of psychological development,\"FY2026 (April 1, 2026 update)\",ZERO TO THREE,\r\n\
        \"Autism Spectrum Disorder, \"\"early\"\" = test\",Neurodevelopmental,,\"'-Childhood, autism\",F84.0,Autistic disorder,\"FY2026 (April 1, 2026 update)\",ZERO TO THREE,\r\n\
        \"Autism Spectrum Disorder, \"\"early\"\" = test\",Neurodevelopmental,,\"'-Childhood, autism\",F88,Other disorders of psychological development,\"FY2026 (April 1, 2026 update)\",ZERO TO THREE,\r\n";
    assert_eq!(csv, expected);
    // The state's copy has its own file, and the page links the file next to it.
    assert_eq!(read(&out, "or/crosswalks/test-crosswalk/test-crosswalk.csv"), expected);
    assert!(read(&out, "or/crosswalks/test-crosswalk/index.html").contains(r#"href="test-crosswalk.csv" download"#));
}

#[test]
fn sample_catalog_codes_validate_and_link() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&repo().join("catalog"), &out);
    // Oregon's line-125 range, as OHA wrote it, reaches its codes.
    let t = text(&read(&out, "or/icd10cm/Z69.011/index.html"));
    assert!(
        t.contains(
            "Behavioral health services after child abuse or neglect (Prioritized List line 125) Lists Z69.010-Z69.020"
        ),
        "{t}"
    );
    // Washington's assessment points at the national crosswalk.
    let t = text(&read(&out, "wa/icd10cm/F84.0/index.html"));
    assert!(t.contains("Autism Spectrum Disorder Neurodevelopmental"), "{t}");
    assert!(t.contains("Through the crosswalk it names"), "{t}");
    // Retired CPT codes keep the notes their sources give, on their code pages.
    assert!(text(&read(&out, "al/codes/96111/index.html")).contains("has since been deleted from CPT"));
    let t = text(&read(&out, "codes/96110/index.html"));
    assert!(t.contains("Alabama") && t.contains("Massachusetts"), "{t}");
    assert!(read(&out, "codes/96110/index.html").contains("CPT® is a registered trademark"));
}
