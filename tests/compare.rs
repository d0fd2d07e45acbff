//! The comparison pages: matrix cells, the tile map's SVG, the state home's
//! "at a glance" table, built from a fixture catalog with known answers
//! (`tests/fixtures/compare`): Oregon with services, a conflicting pair of
//! DC:0-5 facts and services that differ on telehealth; Washington with
//! facts and no services; New Mexico with nothing to compare.

mod common;

use common::html::*;
use common::*;
use std::path::PathBuf;

fn build_fixture(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut args = vec!["build", "--catalog", "tests/fixtures/compare/catalog", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = run(&repo(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

/// (state, dimension) -> (status, the answer's first line of text).
fn matrix(html: &str) -> Vec<(String, String, String, String)> {
    elements(main_of(html), "<td data-state=", "</td>")
        .into_iter()
        .map(|(tag, inner)| {
            let answer = elements(inner, "<p class=\"cmp-answer\"", "</p>").first().map(|(_, i)| text(i)).unwrap();
            (
                attr(tag, "data-state").unwrap().to_string(),
                attr(tag, "data-dimension").unwrap().to_string(),
                attr(tag, "data-status").unwrap().to_string(),
                answer,
            )
        })
        .collect()
}

const EXPECTED: &[(&str, &str, &str, &str)] = &[
    ("nm", "pre_diagnosis_sessions", "not_documented", "Not documented"),
    ("nm", "telehealth", "not_documented", "Not documented"),
    ("nm", "delivery_system", "not_documented", "Not documented"),
    ("or", "pre_diagnosis_sessions", "documented", "5 Source: Oregon fixture manual (Assessment), as of 2024-03"),
    ("or", "dc05", "sources_disagree", "Sources disagree:"),
    ("or", "dyadic_under_child", "documented", "Yes Source: Oregon fixture bulletin (Dyadic), as of 2023"),
    ("or", "caregiver_screening_under_child", "documented", "Yes Source: Oregon fixture bulletin, as of 2023"),
    ("or", "home_community_settings", "documented", "Yes Source: Oregon fixture manual (Assessment), as of 2024-03"),
    ("or", "travel_reimbursed", "documented", "Yes Source: Oregon fixture manual (Assessment), as of 2024-03"),
    ("or", "endorsement_required", "documented", "No Source: Oregon fixture manual (Assessment), as of 2024-03"),
    ("or", "prior_authorization", "documented", "No Source: Oregon fixture manual (Assessment), as of 2024-03"),
    ("or", "telehealth", "varies_by_service", "Varies by service:"),
    (
        "or",
        "delivery_system",
        "documented",
        "Managed care and fee-for-service Source: Oregon fixture manual (Delivery), as of 2024-03; \
         Source: Oregon fixture bulletin, as of 2023",
    ),
    ("wa", "pre_diagnosis_sessions", "documented", "3 to 5 Source: Washington fixture page, as of 2021"),
    ("wa", "dc05", "not_documented", "Not documented"),
    ("wa", "dyadic_under_child", "documented", "No Source: Washington fixture page, as of 2022"),
    ("wa", "home_community_settings", "documented", "Yes Source: Washington fixture page, as of 2022"),
    ("wa", "telehealth", "documented", "Yes Source: Washington fixture page, as of 2025"),
    ("wa", "delivery_system", "documented", "managed care Source: National fixture guide, as of 2022"),
];

#[test]
fn matrix_cells_hold_the_catalogs_answers_with_sources_and_dates() {
    let (_tmp, out) = build_fixture(&["--no-minify"]);
    let cells = matrix(&read(&out, "compare/index.html"));
    assert_eq!(cells.len(), 3 * 18, "three states by eighteen dimensions");
    for &(st, dim, status, answer) in EXPECTED {
        let c = cells.iter().find(|c| c.0 == st && c.1 == dim).unwrap_or_else(|| panic!("no cell {st} {dim}"));
        assert_eq!((c.2.as_str(), c.3.as_str()), (status, answer), "{st} {dim}");
    }
    // Every New Mexico cell is "Not documented": a state with nothing to compare.
    assert!(cells.iter().filter(|c| c.0 == "nm").all(|c| c.2 == "not_documented"));

    let html = read(&out, "compare/index.html");
    let cell = |st: &str, dim: &str| {
        elements(main_of(&html), "<td data-state=", "</td>")
            .into_iter()
            .find(|(t, _)| attr(t, "data-state") == Some(st) && attr(t, "data-dimension") == Some(dim))
            .map(|(_, inner)| inner.to_string())
            .unwrap()
    };
    // The disagreement shows both values, each with its own source and date, newest first.
    let dc05 = text(&cell("or", "dc05"));
    assert_eq!(
        dc05,
        "Sources disagree: Required Source: Oregon fixture manual (Assessment), as of 2024-03 \
         Allowed Source: Oregon fixture manual, older edition, as of 2019 Illustrative"
    );
    assert!(cell("or", "dc05").contains("href=\"https://example.gov/or/manual-2019\""));
    // Services that differ are "varies by service", with both answers.
    assert!(text(&cell("or", "telehealth")).starts_with("Varies by service: Yes Source"));
    assert!(text(&cell("or", "telehealth")).contains(" No Source: Oregon fixture bulletin (Dyadic), as of 2023"));
    // "Not documented" is styled apart from "No".
    assert!(cell("nm", "telehealth").contains("class=\"cmp-value undocumented\""));
    assert!(!cell("or", "endorsement_required").contains("undocumented"));
    // A free-text delivery fact beside state.yaml's delivery systems is context, not the answer.
    assert!(text(&cell("or", "delivery_system")).contains("Also stated: managed care and fee-for-service."));
    // Fixture data is marked on the page.
    assert!(cell("wa", "telehealth").contains("Illustrative"));
    let documented = cells.iter().filter(|c| c.2 != "not_documented").count();
    assert!(html.contains(&format!("{documented} of 54 answers are documented")));
}

struct Tile {
    state: String,
    class: String,
    title: String,
    mark: Option<String>,
}

fn tiles(html: &str) -> Vec<Tile> {
    elements(html, "<g class=\"tile ", "</g>")
        .into_iter()
        .filter(|(t, _)| attr(t, "data-state").is_some())
        .map(|(tag, inner)| Tile {
            state: attr(tag, "data-state").unwrap().to_string(),
            class: attr(tag, "data-class").unwrap().to_string(),
            title: text(elements(inner, "<title>", "</title>")[0].1),
            mark: elements(inner, "<text class=\"tile-mark\"", "</text>").first().map(|(_, m)| text(m)),
        })
        .collect()
}

#[test]
fn each_map_tile_has_its_value_a_mark_and_a_text_alternative() {
    let (_tmp, out) = build_fixture(&["--no-minify"]);
    let html = read(&out, "compare/telehealth/index.html");
    let svg = &html[html.find("<svg class=\"tile-svg\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\" aria-labelledby=\"map-title map-desc\""));
    assert!(svg.contains("<title id=\"map-title\">Map of the United States: Telehealth</title>"));
    let desc = text(elements(svg, "<desc id=\"map-desc\">", "</desc>")[0].1);
    assert_eq!(
        desc,
        "Yes: 1 (WA); Varies by service: 1 (OR); Not documented in this catalog: 1 (NM). \
         53 other states and territories are not in this catalog."
    );
    let tiles = tiles(svg);
    assert_eq!(tiles.len(), 56, "50 states, DC and five territories");
    let tile = |st: &str| tiles.iter().find(|t| t.state == st).unwrap();
    let or = tile("or");
    assert_eq!((or.class.as_str(), or.mark.as_deref()), ("varies", Some("Varies")));
    assert_eq!(or.title, "Oregon (OR): Varies by service (Yes / No), as of 2024-03.");
    let wa = tile("wa");
    assert_eq!((wa.class.as_str(), wa.mark.as_deref()), ("yes", Some("Yes")));
    assert_eq!(wa.title, "Washington (WA): Yes, as of 2025.");
    let nm = tile("nm");
    assert_eq!((nm.class.as_str(), nm.mark.as_deref()), ("nd", Some("—")));
    assert_eq!(nm.title, "New Mexico (NM): Not documented.");
    let tx = tile("tx");
    assert_eq!((tx.class.as_str(), tx.mark.as_deref()), ("absent", None));
    assert_eq!(tx.title, "Texas (TX): not in this catalog.");
    assert_eq!(tile("pr").title, "Puerto Rico (PR): not in this catalog.");
    // Not documented and the two mixed answers carry a pattern, not only a colour.
    let css = read(&out, "static/style.css");
    for (class, pattern) in [("nd", "pat-nd"), ("disagree", "pat-disagree"), ("varies", "pat-varies")] {
        assert!(css.contains(&format!(".t-{class} rect {{ fill: url(#{pattern})")), "{class}");
        assert!(svg.contains(&format!("<pattern id=\"{pattern}\"")), "{pattern}");
    }

    // The legend counts each class, and the table beneath has the same answers.
    let legend: Vec<(String, String)> = elements(main_of(&html), "<li data-class=", "</li>")
        .into_iter()
        .map(|(t, inner)| (attr(t, "data-class").unwrap().to_string(), text(inner)))
        .collect();
    assert_eq!(
        legend,
        [
            ("yes", "Yes Yes: 1 (WA)"),
            ("no", "No No: 0"),
            ("disagree", "≠ Sources disagree: 0"),
            ("varies", "Varies Varies by service: 1 (OR)"),
            ("nd", "— Not documented in this catalog: 1 (NM)"),
            ("absent", "Not in this catalog: 53"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let rows: Vec<(String, String)> = elements(main_of(&html), "<tr id=\"state-", "</tr>")
        .into_iter()
        .map(|(t, _)| (attr(t, "data-state").unwrap().to_string(), attr(t, "data-status").unwrap().to_string()))
        .collect();
    assert_eq!(
        rows,
        [("nm", "not_documented"), ("or", "varies_by_service"), ("wa", "documented")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // The evidence column names each service and its own answer.
    assert!(text(main_of(&html)).contains(
        "No. Service: Fixture dyadic <img src=x onerror=\"window.__injected=1\"> therapy & more. \
         Oregon fixture bulletin (Dyadic). As of 2023."
    ));

    // DC:0-5: the disagreement's tile lists both values.
    let dc05 = read(&out, "compare/dc05/index.html");
    let tiles = self::tiles(&dc05);
    let or = tiles.iter().find(|t| t.state == "or").unwrap();
    assert_eq!((or.class.as_str(), or.mark.as_deref()), ("disagree", Some("≠")));
    assert_eq!(or.title, "Oregon (OR): Sources disagree (Required / Allowed), as of 2024-03.");
    // Sessions: the tile shows the value itself.
    let sessions = read(&out, "compare/pre-diagnosis-sessions/index.html");
    let tiles = self::tiles(&sessions);
    let wa = tiles.iter().find(|t| t.state == "wa").unwrap();
    assert_eq!((wa.class.as_str(), wa.mark.as_deref()), ("value", Some("3 to 5")));
    let or = tiles.iter().find(|t| t.state == "or").unwrap();
    assert_eq!((or.class.as_str(), or.mark.as_deref()), ("value", Some("5")));
}

#[test]
fn state_homes_show_the_same_answers_at_a_glance() {
    let (_tmp, out) = build_fixture(&["--no-minify"]);
    let glance = |st: &str| -> Vec<(String, String)> {
        let html = read(&out, &format!("{st}/index.html"));
        let table = &html[html.find("<table class=\"glance\">").expect("glance table")..];
        elements(&table[..table.find("</table>").unwrap()], "<tr data-dimension=", "</tr>")
            .into_iter()
            .map(|(t, _)| (attr(t, "data-dimension").unwrap().to_string(), attr(t, "data-status").unwrap().to_string()))
            .collect()
    };
    let or = glance("or");
    assert_eq!(or.len(), 18);
    assert!(or.contains(&("dc05".into(), "sources_disagree".into())));
    assert!(or.contains(&("telehealth".into(), "varies_by_service".into())));
    // A state with facts and no services still gets its answers.
    let wa = glance("wa");
    assert_eq!(wa.iter().filter(|(_, s)| s == "documented").count(), 5);
    assert!(glance("nm").iter().all(|(_, s)| s == "not_documented"));

    let html = read(&out, "wa/index.html");
    assert!(text(&html).contains("5 of the 18 policies compared across states are documented for Washington."));
    // Links into the comparison: this state's map row and the side-by-side page with it picked.
    assert!(html.contains("href=\"../compare/telehealth/index.html#state-wa\""));
    assert!(html.contains("href=\"../compare/side-by-side/index.html#with-wa\""));
    let pair = read(&out, "compare/side-by-side/index.html");
    assert!(pair.contains("id=\"with-wa\""), "the link's fragment names an element");
    // The downloads of the state are linked from its home.
    for f in ["wa-services.csv", "wa-facts.csv", "wa-crosswalks.csv", "wa-sources.csv", "wa-comparison.csv", "wa.json"]
    {
        assert!(html.contains(&format!("href=\"../wa/data/{f}\"")), "{f}");
        assert!(out.join("wa/data").join(f).is_file(), "{f}");
    }
    let home = read(&out, "index.html");
    assert!(home.contains("href=\"compare/index.html\""));
    assert!(home.contains("href=\"data/all-states.json\""));
}

#[test]
fn side_by_side_page_works_without_script_and_embeds_its_data_as_a_script() {
    let (_tmp, out) = build_fixture(&["--no-minify"]);
    let html = read(&out, "compare/side-by-side/index.html");
    // Without script: the first two states, New Mexico and Oregon.
    assert!(html.contains("<option value=\"nm\" id=\"with-nm\" selected>"));
    assert!(html.contains("<option value=\"or\" selected>"));
    assert!(text(&html).contains("Showing New Mexico and Oregon."));
    let rows = elements(main_of(&html), "<tr data-dimension=", "</tr>");
    assert_eq!(rows.len(), 18);
    let tele = rows.iter().find(|(t, _)| attr(t, "data-dimension") == Some("telehealth")).unwrap().1;
    assert!(text(tele).starts_with("Telehealth Not documented Varies by service:"), "{}", text(tele));
    // Categories with a service on either side, each side listing its own.
    let cats: Vec<&str> = elements(main_of(&html), "<tr data-category=", "</tr>")
        .iter()
        .map(|(t, _)| attr(t, "data-category").unwrap())
        .collect();
    assert_eq!(cats, ["caregiver-screening", "assessment", "dyadic"]);
    // The data file is a script beside the page, with every state's cells.
    let js = read(&out, "compare/side-by-side/data.js");
    let json = js.trim_end().strip_suffix(';').unwrap().split_once(" = ").unwrap().1;
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let states = data["states"].as_array().unwrap();
    assert_eq!(states.iter().map(|s| s["code"].as_str().unwrap()).collect::<Vec<_>>(), ["nm", "or", "wa"]);
    let or_tele = &states[1]["cells"][16];
    assert_eq!(or_tele["dimension"], "telehealth");
    assert_eq!(or_tele["status"], "varies_by_service");
    assert_eq!(or_tele["groups"].as_array().unwrap().len(), 2);
    assert_eq!(states[1]["categories"][2]["services"][0]["href"], "../../or/services/or-dyadic/index.html");
    assert!(out.join("static/compare.js").is_file());
}

#[test]
fn a_misspelled_setting_kind_is_an_error_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("catalog");
    copy_tree(&repo().join("tests/fixtures/compare/catalog"), &cat);
    let svc = cat.join("states/or/services/or-assessment.yaml");
    let yaml = std::fs::read_to_string(&svc).unwrap().replace("kind: home,", "kind: house,");
    std::fs::write(&svc, yaml).unwrap();
    let o = run(tmp.path(), &["check", "--catalog", "catalog"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "catalog/states/or/services/or-assessment.yaml:33:26: error: unknown variant `house`, \
             expected one of home, community, school, child_care, clinic, hospital, other\n"
        ),
        "{err}"
    );
    assert!(err.contains("= help: did you mean `home`?"), "{err}");
    // And `build` writes nothing.
    let o = run(tmp.path(), &["build", "--catalog", "catalog"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!tmp.path().join("output").exists());
}
