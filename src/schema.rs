//! `coverguide schema`: the JSON Schema of every catalog file kind.
//!
//! Derived with schemars from the same `Raw*` serde types the loader parses
//! with (`src/load/raw.rs`, `src/config.rs`), so the schema cannot drift from
//! the loader: `deny_unknown_fields` becomes `additionalProperties: false`,
//! `Option` fields are optional and may be `null`, lists with a default are
//! optional, enums list their spellings, and doc comments become
//! descriptions. What the schema cannot say (ids are slugs, dates are
//! partial dates, citations resolve, codes exist) is checked by `validate`
//! and reported by `coverguide check`.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::load::raw::*;

/// One exported schema.
pub struct SchemaFile {
    /// File name, e.g. `service.schema.json`.
    pub name: &'static str,
    /// The catalog paths it describes.
    pub applies_to: &'static str,
    pub json: Value,
}

/// Every catalog file kind's schema, in a fixed order.
pub fn schemas() -> Vec<SchemaFile> {
    vec![
        file::<RawState>("state.schema.json", "states/<st>/state.yaml", "A state's identity, programs and sources"),
        file::<RawService>("service.schema.json", "states/<st>/services/*.yaml", "One covered service"),
        file::<RawFactsFile>("facts.schema.json", "states/<st>/facts.yaml, national/facts.yaml", "Cited facts"),
        file::<RawCrosswalk>(
            "crosswalk.schema.json",
            "states/<st>/crosswalks/*.yaml, national/crosswalks/*.yaml",
            "A DC:0-5 to ICD-10-CM crosswalk",
        ),
        file::<RawGuidanceFront>(
            "guidance.schema.json",
            "the front matter of states/<st>/guidance/*.md and national/guidance/*.md",
            "Guidance document front matter",
        ),
        file::<RawSourcesFile>("sources.schema.json", "national/sources.yaml", "National sources"),
        file::<crate::config::RawConfig>("coverguide-toml.schema.json", "coverguide.toml", "Site configuration"),
    ]
}

fn file<T: JsonSchema>(name: &'static str, applies_to: &'static str, title: &str) -> SchemaFile {
    let schema = SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>();
    let mut json = schema.to_value();
    if let Value::Object(m) = &mut json {
        m.insert("title".into(), Value::String(format!("coverguide: {title} ({applies_to})")));
    }
    loosen_text(&mut json);
    SchemaFile { name, applies_to, json }
}

/// The loader reads an unquoted `2025` or `90791` into a text field as the
/// text written, so a text field's schema accepts numbers and booleans too
/// (the convention is still to quote them; docs/catalog-format.md). Schemas
/// with `enum` or `const` are spellings and stay strings.
fn loosen_text(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let fixed = m.contains_key("enum") || m.contains_key("const");
            if !fixed {
                let widen = |t: &mut Value| {
                    if let Value::Array(list) = t {
                        if list.iter().any(|x| x == "string") {
                            for extra in ["number", "boolean"] {
                                if !list.iter().any(|x| x == extra) {
                                    list.push(Value::String(extra.into()));
                                }
                            }
                        }
                    } else if t == "string" {
                        *t = serde_json::json!(["string", "number", "boolean"]);
                    }
                };
                if let Some(t) = m.get_mut("type") {
                    widen(t);
                }
            }
            for (_, child) in m.iter_mut() {
                loosen_text(child);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(loosen_text),
        _ => {}
    }
}

/// Writes every schema into `out` (created if missing); returns the paths written.
pub fn write(out: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).map_err(|e| Error::io("create folder", out, e))?;
    let mut written = Vec::new();
    for s in schemas() {
        let path = out.join(s.name);
        let mut text = serde_json::to_string_pretty(&s.json).unwrap_or_default();
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
        written.push(path);
    }
    Ok(written)
}
