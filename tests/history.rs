//! Facts through time: superseded facts, undated sources and facts, a fact's
//! period, and a multi-state source cited by a state (`tests/fixtures/history`),
//! and the mistakes `check` reports about them (`tests/fixtures/bad_history`).

mod common;

use common::html::*;
use common::*;
use std::path::PathBuf;

fn build_history() -> (tempfile::TempDir, PathBuf) {
    build_unminified("tests/fixtures/history/catalog")
}

/// The comparison cell of Oregon for `dim`: (status, the cell's text).
fn or_cell(html: &str, dim: &str) -> (String, String) {
    let cells = elements(main_of(html), "<td data-state=", "</td>");
    let (tag, inner) = cells
        .into_iter()
        .find(|(t, _)| attr(t, "data-state") == Some("or") && attr(t, "data-dimension") == Some(dim))
        .unwrap_or_else(|| panic!("no cell for {dim}"));
    (attr(tag, "data-status").unwrap().to_string(), text(inner))
}

#[test]
fn a_superseded_fact_is_history_and_the_cell_answers_with_the_current_value() {
    let (_tmp, out) = build_history();
    let html = read(&out, "compare/index.html");
    let (status, words) = or_cell(&html, "pre_diagnosis_sessions");
    assert_eq!(status, "documented", "{words}");
    assert!(words.starts_with("5 Source: Fixture page, 2025 edition (Billing), as of 2025"), "{words}");
    assert!(words.contains("Earlier, superseded: 3 to 5, as of 2021."), "{words}");
    // A fact replaced by a later source and nothing current: not documented.
    let (status, words) = or_cell(&html, "telehealth");
    assert_eq!(status, "not_documented", "{words}");
    assert!(words.contains("Earlier, superseded: No, as of 2021."), "{words}");
    // The state's facts table keeps both, the older one marked.
    let home = text(&read(&out, "or/index.html"));
    assert!(
        home.contains("The 2021 page allowed three to five sessions. Superseded by a later fact; kept as history."),
        "{home}"
    );
    assert!(home.contains("Superseded by Fixture page, 2025 edition, as of 2025; kept as history."), "{home}");
}

#[test]
fn undated_sources_and_facts_say_undated_and_a_fact_without_a_date_takes_its_sources() {
    let (_tmp, out) = build_history();
    let home = text(&read(&out, "or/index.html"));
    assert!(home.contains("Fixture page without a date. Undated."), "{home}");
    // or-sessions-2025 gives no date of its own: its source's 2025 is its date.
    assert!(home.contains("Fixture page, 2025 edition (Billing). As of 2025."), "{home}");
    let sources = text(&read(&out, "or/sources/index.html"));
    assert!(sources.contains("Fixture page without a date. Undated."), "{sources}");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "or/data/or.json")).unwrap();
    let st = &json["states"][0];
    let fact = |id: &str| st["facts"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap().clone();
    assert_eq!(fact("or-dyadic-undated")["as_of"], serde_json::Value::Null);
    assert_eq!(fact("or-sessions-2025")["as_of"], "2025");
    assert_eq!(fact("or-sessions-2021")["superseded_by"], "or-sessions-2025");
    assert_eq!(fact("or-telehealth-old")["superseded_by_source"]["source"], "or-new");
    let undated = st["sources"].as_array().unwrap().iter().find(|s| s["id"] == "or-undated").unwrap();
    assert_eq!(undated["as_of"], serde_json::Value::Null);
}

#[test]
fn a_survey_answer_is_reported_with_its_period_and_the_new_dimensions_compare() {
    let (_tmp, out) = build_history();
    let home = text(&read(&out, "or/index.html"));
    assert!(home.contains("Applied: 2018."), "{home}");
    assert!(home.contains("As reported in Fixture 50-state survey (Table 2). As of 2019-02."), "{home}");
    let html = read(&out, "compare/index.html");
    let (status, words) = or_cell(&html, "caregiver_screening_policy");
    assert_eq!((status.as_str(), words.split(" Source").next().unwrap()), ("documented", "Recommended"));
    let (status, words) = or_cell(&html, "well_child_visits_first_year");
    assert_eq!((status.as_str(), words.split(" Source").next().unwrap()), ("documented", "6"));
    let (status, words) = or_cell(&html, "dyadic_treatment");
    assert!(status == "documented" && words.contains("Fixture page without a date, undated"), "{words}");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "or/data/or.json")).unwrap();
    let fact = json["states"][0]["facts"].as_array().unwrap().iter().find(|f| f["id"] == "or-survey-visits").unwrap();
    assert_eq!(fact["period"], serde_json::json!({"from": "2018", "to": "2018"}));
    // The dimension's own page exists, with its legend.
    let page = text(&read(&out, "compare/caregiver-screening-policy/index.html"));
    assert!(page.contains("Screening recommended"), "{page}");
}

#[test]
fn mistakes_in_history_are_located_and_explained() {
    let err = assert_diagnostics("bad_history");
    assert!(err.ends_with("error: the catalog has 9 problems\n"), "{err}");
}
