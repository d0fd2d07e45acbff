//! `coverguide schema`: every file of the sample catalog validates against the
//! exported schemas with an independent validator (the `jsonschema` crate),
//! the schemas refuse what the loader refuses, and accept what it accepts.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

fn export() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("schema");
    let o = run(&repo(), &["schema", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

fn validator(dir: &Path, name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

/// YAML as an editor's language server sees it (YAML 1.2: `yes` is text, not
/// a boolean): plain JSON values.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str_with_options(text, serde_saphyr::options! { strict_booleans: true }).unwrap()
}

fn front_matter(md: &str) -> &str {
    let rest = md.strip_prefix("---\n").unwrap();
    &rest[..rest.find("\n---\n").unwrap()]
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// Which schema a catalog path is checked against.
fn schema_for(rel: &str) -> Option<&'static str> {
    let parts: Vec<&str> = rel.split('/').collect();
    Some(match parts.as_slice() {
        ["coverguide.toml"] => "coverguide-toml.schema.json",
        ["national", "sources.yaml"] => "sources.schema.json",
        [.., "facts.yaml"] => "facts.schema.json",
        ["states", _, "state.yaml"] => "state.schema.json",
        ["states", _, "services", _] => "service.schema.json",
        [.., "crosswalks", _] => "crosswalk.schema.json",
        [.., "guidance", _] => "guidance.schema.json",
        _ => return None,
    })
}

#[test]
fn every_file_of_the_sample_catalog_validates() {
    let (_tmp, dir) = export();
    let catalog = repo().join("catalog");
    let mut checked = 0;
    for (rel, bytes) in tree(&catalog) {
        let name = schema_for(&rel).unwrap_or_else(|| panic!("no schema for {rel}"));
        let text = String::from_utf8(bytes).unwrap();
        let doc = if rel.ends_with(".toml") {
            serde_json::to_value(toml::from_str::<toml::Table>(&text).unwrap()).unwrap()
        } else if rel.ends_with(".md") {
            yaml(front_matter(&text))
        } else {
            yaml(&text)
        };
        let errs = errors(&validator(&dir, name), &doc);
        assert!(errs.is_empty(), "{rel} against {name}: {errs:?}");
        checked += 1;
    }
    assert!(checked > 40, "only {checked} files checked");
}

#[test]
fn a_misspelled_field_and_a_wrong_enum_value_are_refused() {
    let (_tmp, dir) = export();
    let v = validator(&dir, "service.schema.json");
    let good = "id: x\nname: X\ncategory: other\ndescription: d\ncites: [{source: s}]\n";
    assert!(errors(&v, &yaml(good)).is_empty());
    let typo = good.replace("category:", "categry:");
    assert!(!errors(&v, &yaml(&typo)).is_empty(), "misspelled field accepted");
    let nested = format!("{good}billing: [{{system: CPT, code: '90791', unt: session}}]\n");
    assert!(!errors(&v, &yaml(&nested)).is_empty(), "misspelled nested field accepted");
    let bad_enum = good.replace("category: other", "category: dyadik");
    assert!(!errors(&v, &yaml(&bad_enum)).is_empty(), "wrong enum value accepted");
    let toml = validator(&dir, "coverguide-toml.schema.json");
    let doc = serde_json::json!({"title": "x", "acent_color": "#000000"});
    assert!(!errors(&toml, &doc).is_empty(), "misspelled config key accepted");
}

/// The schema and the loader agree: each variant is accepted by both or refused by both.
#[test]
fn the_schema_is_neither_looser_nor_stricter_than_the_loader() {
    let (tmp, dir) = export();
    let v = validator(&dir, "service.schema.json");
    let base = "id: or-x\nname: X\ndescription: d\ncites: [{source: or-ec}]\n";
    let cases = [
        ("category: other\n", true),
        ("category: Other\n", false),
        ("category: null\n", false),
        ("", false),                                     // a required field missing
        ("category: other\nillustrative: null\n", true), // optional fields may be null
        ("category: other\nbilling: null\n", false),     // lists with a default may not
        ("category: other\nbilling: []\n", true),
        ("category: other\nage: {min_months: 0, max_months: 5}\n", true),
        ("category: other\nage: {min_months: -1, max_months: 5}\n", false),
        ("category: other\nage: {min_months: 0}\n", false),
        ("category: other\nextra: 1\n", false),
        ("category: other\nevidence_based_models: [2025]\n", true), // unquoted scalars are text
        ("category: other\nevidence_based_models: [1.5, true]\n", true),
        ("category: other\nevidence_based_models: [{a: 1}]\n", false),
        ("category: other\ndyadic: {allowed: yes}\n", false), // strict booleans
        ("category: other\ndyadic: {allowed: true}\n", true),
    ];
    let catalog = tmp.path().join("catalog");
    copy_tree(&fixture("valid_minimal"), &catalog);
    let svc = catalog.join("states/or/services/or-x.yaml");
    for (extra, want) in cases {
        let text = format!("{base}{extra}");
        let schema_ok = errors(&v, &yaml(&text)).is_empty();
        std::fs::write(&svc, &text).unwrap();
        let o = run(tmp.path(), &["check"]);
        // Only parse errors matter here: the loader's verdict on the file's shape.
        let loader_ok = !stderr(&o).contains("or-x.yaml:");
        assert_eq!(schema_ok, want, "schema on {extra:?}");
        assert_eq!(loader_ok, want, "loader on {extra:?}: {}", stderr(&o));
    }
}

/// Every property of every exported schema says what it is, so an editor's
/// hover explains each field.
#[test]
fn every_field_has_a_description() {
    fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(props)) = m.get("properties") {
                    for (k, p) in props {
                        if p.get("description").and_then(Value::as_str).is_none_or(str::is_empty) {
                            missing.push(format!("{at}.{k}"));
                        }
                    }
                }
                for (k, c) in m {
                    walk(c, &format!("{at}/{k}"), missing);
                }
            }
            Value::Array(l) => l.iter().for_each(|c| walk(c, at, missing)),
            _ => {}
        }
    }
    let (_tmp, dir) = export();
    let mut missing = Vec::new();
    for name in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()) {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(&name)).unwrap()).unwrap();
        walk(&v, &name, &mut missing);
    }
    assert!(missing.is_empty(), "fields without a description: {missing:?}");
    // Enums list their spellings.
    let service = std::fs::read_to_string(dir.join("service.schema.json")).unwrap();
    assert!(service.contains("\"caregiver_screening\"") && service.contains("\"per_15_min\""));
}
