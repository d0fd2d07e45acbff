//! The downloads: CSV and JSON parsed back and compared with the catalog
//! they came from (loaded through the library), and every JSON file
//! validated against the published JSON Schema by an independent validator.

mod common;

use common::*;
use coverguide::model::{Catalog, CodeSystem, FactValue};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn build(catalog: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = run(&repo(), &["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

fn fixture_catalog() -> (PathBuf, Catalog) {
    let path = fixture("compare");
    let catalog = coverguide::load_catalog(&path).expect("fixture is valid");
    (path, catalog)
}

/// Header and rows of a CSV file, checking the encoding rules on the way.
fn csv_table(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "{}: UTF-8 byte-order mark", path.display());
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "{}: CRLF line ends", path.display());
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("well-formed CSV row")).collect();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{}: every row has the header's width", path.display());
    }
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn schema(out: &Path) -> jsonschema::Validator {
    let schema = json(&out.join("data/coverguide-data.schema.json"));
    jsonschema::draft202012::new(&schema).expect("the published schema is a valid draft 2020-12 schema")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not follow the schema:\n{}", errors.join("\n"));
}

#[test]
fn services_csv_has_one_row_per_billing_line_and_round_trips() {
    let (path, catalog) = fixture_catalog();
    let (_tmp, out) = build(&path);
    let (h, rows) = csv_table(&out.join("data/all-states-services.csv"));
    let expected: usize =
        catalog.states.values().flat_map(|s| s.services.values()).map(|s| s.billing.len().max(1)).sum();
    assert_eq!(rows.len(), expected);
    assert_eq!(rows.len(), 4, "or-assessment has two lines, or-caregiver one, or-dyadic none");
    for st in catalog.states.values() {
        for s in st.services.values() {
            let mine: Vec<&csv::StringRecord> =
                rows.iter().filter(|r| &r[col(&h, "service_id")] == s.id.as_str()).collect();
            assert_eq!(mine.len(), s.billing.len().max(1), "{}", s.id);
            for r in &mine {
                assert_eq!(&r[col(&h, "state")], st.code.upper());
                assert_eq!(&r[col(&h, "service_name")], s.name, "names with markup, quotes and ampersands survive");
            }
            if s.billing.is_empty() {
                assert_eq!(&mine[0][col(&h, "code")], "");
                assert_eq!(&mine[0][col(&h, "code_system")], "");
            }
            for (b, r) in s.billing.iter().zip(&mine) {
                assert_eq!(&r[col(&h, "code")], b.code);
                assert_eq!(&r[col(&h, "modifiers")], b.modifiers.join(" "));
                let system = match b.system {
                    CodeSystem::Cpt => "CPT",
                    CodeSystem::Hcpcs => "HCPCS",
                    CodeSystem::Local => "LOCAL",
                };
                assert_eq!(&r[col(&h, "code_system")], system);
                assert_eq!(&r[col(&h, "line_note")], b.note.as_deref().unwrap_or(""));
                assert_eq!(&r[col(&h, "rate_amount")], b.rate.as_ref().and_then(|x| x.amount.as_deref()).unwrap_or(""));
            }
        }
    }
    let h2019 = rows.iter().find(|r| &r[col(&h, "code")] == "H2019").unwrap();
    assert_eq!(&h2019[col(&h, "line_note")], "Bill \"per unit\", not per visit; see the manual, section 4.");
    assert_eq!(&h2019[col(&h, "unit")], "per_15_min");
    assert_eq!(&h2019[col(&h, "rate_as_of")], "2025-07-01");
    assert_eq!(&h2019[col(&h, "line_effective_to")], "2025-12-31");
    assert_eq!(&h2019[col(&h, "pre_diagnosis_sessions")], "5");
    assert_eq!(&h2019[col(&h, "dc05")], "required");
    assert_eq!(&h2019[col(&h, "prior_authorization_required")], "false", "a source's no is `false`");
    assert_eq!(&h2019[col(&h, "diagnosis_required_before_treatment")], "", "not documented is empty");
    assert_eq!(&h2019[col(&h, "sources")], "or:or-manual national:nat-guide");
    // The raw file quotes exactly the fields that need it.
    let raw = read(&out, "data/all-states-services.csv");
    assert!(raw.contains(",\"Bill \"\"per unit\"\", not per visit; see the manual, section 4.\","));
    // The state's file is the same rows for that state.
    let (_, or_rows) = csv_table(&out.join("or/data/or-services.csv"));
    assert_eq!(or_rows, rows.iter().filter(|r| &r[0] == "OR").cloned().collect::<Vec<_>>());
    let (_, wa_rows) = csv_table(&out.join("wa/data/wa-services.csv"));
    assert!(wa_rows.is_empty(), "a state with no services has a header and no rows");
}

#[test]
fn facts_crosswalks_sources_and_comparison_csv_round_trip() {
    let (path, catalog) = fixture_catalog();
    let (_tmp, out) = build(&path);

    let (h, rows) = csv_table(&out.join("data/all-states-facts.csv"));
    let facts: Vec<_> = catalog
        .national
        .content
        .facts
        .iter()
        .map(|f| ("national".to_string(), f))
        .chain(
            catalog.states.values().flat_map(|s| s.content.facts.iter().map(move |f| (s.code.as_str().to_string(), f))),
        )
        .collect();
    assert_eq!(rows.len(), facts.len());
    for ((scope, f), r) in facts.iter().zip(&rows) {
        assert_eq!(&r[col(&h, "scope")], scope);
        assert_eq!(&r[col(&h, "fact_id")], f.id.as_str());
        assert_eq!(&r[col(&h, "statement")], f.statement);
        assert_eq!(&r[col(&h, "as_of")], f.as_of.map(|d| d.to_string()).unwrap_or_default());
        let (value, ty) = match &f.value {
            None => (String::new(), ""),
            Some(FactValue::Bool(b)) => (b.to_string(), "bool"),
            Some(FactValue::Int(i)) => (i.to_string(), "int"),
            Some(FactValue::Text(t)) => (t.clone(), "text"),
        };
        assert_eq!((&r[col(&h, "value")], &r[col(&h, "value_type")]), (value.as_str(), ty), "{}", f.id);
        assert_eq!(&r[col(&h, "source_url")], catalog.source(&f.cite).unwrap().url);
    }
    // A state's facts file holds its own facts only.
    let (_, wa) = csv_table(&out.join("wa/data/wa-facts.csv"));
    assert_eq!(wa.len(), catalog.states.values().find(|s| s.code.as_str() == "wa").unwrap().content.facts.len());

    let (h, rows) = csv_table(&out.join("data/all-states-crosswalks.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][col(&h, "icd10cm")], "F88 F84.9");
    assert_eq!(&rows[1][col(&h, "row")], "2");
    // Oregon's site uses the national crosswalk, so Oregon's download has it; New Mexico's does not.
    assert_eq!(csv_table(&out.join("or/data/or-crosswalks.csv")).1.len(), 2);
    assert_eq!(csv_table(&out.join("nm/data/nm-crosswalks.csv")).1.len(), 0);

    let (h, rows) = csv_table(&out.join("data/all-states-sources.csv"));
    let n = catalog.national.sources.len() + catalog.states.values().map(|s| s.sources.len()).sum::<usize>();
    assert_eq!(rows.len(), n);
    // Washington cites one national source; its file lists it beside its own.
    let (_, wa) = csv_table(&out.join("wa/data/wa-sources.csv"));
    let ids: Vec<(String, String)> =
        wa.iter().map(|r| (r[col(&h, "scope")].into(), r[col(&h, "source_id")].into())).collect();
    assert_eq!(ids, [("national".into(), "nat-guide".into()), ("wa".into(), "wa-page".into())]);

    let (h, rows) = csv_table(&out.join("data/all-states-comparison.csv"));
    let cell = |st: &str, dim: &str| -> Vec<&csv::StringRecord> {
        rows.iter().filter(|r| &r[col(&h, "state")] == st && &r[col(&h, "dimension")] == dim).collect()
    };
    let dc05 = cell("OR", "dc05");
    assert_eq!(dc05.len(), 3);
    assert!(dc05.iter().all(|r| &r[col(&h, "status")] == "sources_disagree"));
    assert_eq!(
        dc05.iter()
            .map(|r| (&r[col(&h, "evidence_value")], &r[col(&h, "basis_id")], &r[col(&h, "as_of")]))
            .collect::<Vec<_>>(),
        [
            ("Required", "or-assessment", "2024-03"),
            ("Required", "or-dc05-2024", "2024"),
            ("Allowed", "or-dc05-2019", "2019")
        ]
    );
    let nm = cell("NM", "telehealth");
    assert_eq!(nm.len(), 1);
    assert_eq!((&nm[0][col(&h, "answer")], &nm[0][col(&h, "evidence_value")]), ("Not documented", ""));
    let delivery = cell("OR", "delivery_system");
    assert_eq!(&delivery[0][col(&h, "source_id")], "or-manual or-bulletin");
    assert_eq!(&delivery[1][col(&h, "compared")], "false");
    // Every state has a row for every dimension.
    for st in ["NM", "OR", "WA"] {
        let dims: std::collections::BTreeSet<&str> =
            rows.iter().filter(|r| &r[0] == st).map(|r| r.get(col(&h, "dimension")).unwrap()).collect();
        assert_eq!(dims.len(), 18, "{st}");
    }
}

#[test]
fn json_follows_the_published_schema_and_matches_the_catalog() {
    let (path, catalog) = fixture_catalog();
    let (_tmp, out) = build(&path);
    let v = schema(&out);
    let all = json(&out.join("data/all-states.json"));
    assert_valid(&v, &all, "all-states.json");
    for code in ["nm", "or", "wa"] {
        assert_valid(&v, &json(&out.join(format!("{code}/data/{code}.json"))), code);
    }
    assert_eq!(all["format"], "coverguide-data");
    assert_eq!(all["scope"], "all");
    let states = all["states"].as_array().unwrap();
    assert_eq!(states.len(), catalog.states.len());
    for (s, j) in catalog.states.values().zip(states) {
        assert_eq!(j["state"], s.code.upper());
        let services = j["services"].as_array().unwrap();
        assert_eq!(services.len(), s.services.len());
        for (svc, js) in s.services.values().zip(services) {
            assert_eq!(js["id"], svc.id.as_str());
            assert_eq!(js["name"], svc.name.as_str());
            assert_eq!(js["description"], svc.description.as_str());
            let codes: Vec<&str> =
                js["billing"].as_array().unwrap().iter().map(|b| b["code"].as_str().unwrap()).collect();
            assert_eq!(codes, svc.billing.iter().map(|b| b.code.as_str()).collect::<Vec<_>>());
        }
        let facts = j["facts"].as_array().unwrap();
        assert_eq!(facts.len(), s.content.facts.len());
        for (f, jf) in s.content.facts.iter().zip(facts) {
            assert_eq!(jf["id"], f.id.as_str());
            let expected = match &f.value {
                None => Value::Null,
                Some(FactValue::Bool(b)) => Value::Bool(*b),
                Some(FactValue::Int(i)) => Value::from(*i),
                Some(FactValue::Text(t)) => Value::from(t.as_str()),
            };
            assert_eq!(jf["value"], expected, "{}", f.id);
        }
        assert_eq!(j["comparison"].as_array().unwrap().len(), 18);
    }
    let or = &states[1];
    let h2019 = &or["services"][0]["billing"][1];
    assert_eq!(h2019["modifiers"], serde_json::json!(["HA", "U1"]));
    assert_eq!(h2019["rate"]["amount"], "25.50");
    assert_eq!(or["services"][0]["settings"][0]["kind"], "home");
    assert_eq!(or["services"][0]["diagnosis"]["session_period"], "calendar_year");
    assert_eq!(or["services"][0]["epsdt"], Value::Null, "absent is null, not left out");
    let tele = &or["comparison"][16];
    assert_eq!((tele["dimension"].as_str(), tele["status"].as_str()), (Some("telehealth"), Some("varies_by_service")));
    assert_eq!(tele["value"], Value::Null);
    assert_eq!(or["comparison"][4]["value"], 5, "a count is a number");
    assert_eq!(or["comparison"][17]["value"], "managed_care_and_fee_for_service");
    assert_eq!(states[2]["comparison"][4]["value"], "3 to 5");
    assert_eq!(all["national"]["crosswalks"][0]["rows"][1]["icd10cm"], serde_json::json!(["F88", "F84.9"]));

    // A state's file: the state, and from outside its folder only what it uses.
    let wa = json(&out.join("wa/data/wa.json"));
    assert_eq!(wa["scope"], "wa");
    assert_eq!(wa["national"]["sources"].as_array().unwrap().len(), 1, "the one national source it cites");
    assert_eq!(wa["national"]["facts"], serde_json::json!([]));
    assert_eq!(wa["national"]["crosswalks"], serde_json::json!([]));
    let or = json(&out.join("or/data/or.json"));
    assert_eq!(or["national"]["crosswalks"][0]["id"], "fixture-crosswalk", "the crosswalk its service uses");
}

#[test]
fn the_schema_rejects_what_it_should() {
    let (path, _) = fixture_catalog();
    let (_tmp, out) = build(&path);
    let v = schema(&out);
    let good = json(&out.join("or/data/or.json"));
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut d = good.clone();
        f(&mut d);
        d
    };
    for (what, doc) in [
        ("unknown category", broken(&|d| d["states"][0]["services"][0]["category"] = "therapy".into())),
        ("missing field", broken(&|d| _ = d["states"][0]["services"][0].as_object_mut().unwrap().remove("billing"))),
        ("extra field", broken(&|d| d["states"][0]["services"][0]["colour"] = "blue".into())),
        ("bad date", broken(&|d| d["states"][0]["sources"][0]["as_of"] = "2024-13".into())),
        (
            "documented without a value",
            broken(&|d| {
                let cells = d["states"][0]["comparison"].as_array_mut().unwrap();
                let documented = cells.iter_mut().find(|c| c["status"] == "documented").unwrap();
                documented["value"] = Value::Null;
            }),
        ),
        (
            "disagreement with one piece of evidence",
            broken(&|d| {
                let cells = d["states"][0]["comparison"].as_array_mut().unwrap();
                let disagree = cells.iter_mut().find(|c| c["status"] == "sources_disagree").unwrap();
                disagree["evidence"].as_array_mut().unwrap().truncate(1);
            }),
        ),
        (
            "nineteen dimensions",
            broken(&|d| {
                let c = d["states"][0]["comparison"][0].clone();
                d["states"][0]["comparison"].as_array_mut().unwrap().push(c);
            }),
        ),
    ] {
        assert!(!v.is_valid(&doc), "the schema accepts a document with {what}");
    }
    assert!(v.is_valid(&good));
}

#[test]
fn the_sample_catalogs_downloads_follow_the_schema() {
    let (_tmp, out) = build(&repo().join("catalog"));
    let v = schema(&out);
    assert_valid(&v, &json(&out.join("data/all-states.json")), "all-states.json");
    let catalog = coverguide::load_catalog(&repo().join("catalog")).unwrap();
    for s in catalog.states.values() {
        let code = s.code.as_str();
        assert_valid(&v, &json(&out.join(format!("{code}/data/{code}.json"))), code);
        let (_, rows) = csv_table(&out.join(format!("{code}/data/{code}-services.csv")));
        assert_eq!(rows.len(), s.services.values().map(|x| x.billing.len().max(1)).sum::<usize>(), "{code}");
    }
    // Every download the pages link to exists.
    for page in ["index.html", "data/index.html", "wa/index.html"] {
        let html = read(&out, page);
        let dir = Path::new(page).parent().unwrap();
        for ext in [".csv\"", ".json\""] {
            let mut rest = html.as_str();
            while let Some(i) = rest.find(ext) {
                let start = rest[..i].rfind('"').unwrap() + 1;
                let href = rest[start..i + ext.len() - 1].replace("&#x2F;", "/");
                assert!(out.join(dir).join(&href).is_file(), "{page}: {href}");
                rest = &rest[i + ext.len()..];
            }
        }
    }
}
