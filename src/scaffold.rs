//! `coverguide new state <XX>`: a new state folder with a commented example of
//! every kind of file, which builds as it is.
//!
//! The examples invent no policy: every item that could be read as the
//! state's policy (the service, the fact, the crosswalk, the guidance) sets
//! `illustrative`, so every page that shows it says "Illustrative, not
//! policy", and the one source is a real federal page. The folder is written
//! beside its final place and renamed into it, so a failure leaves nothing.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{POSTAL_CODES, StateCode};

/// The 50 states, DC and the five inhabited territories, by postal code.
const NAMES: [(&str, &str); 56] = [
    ("al", "Alabama"),
    ("ak", "Alaska"),
    ("az", "Arizona"),
    ("ar", "Arkansas"),
    ("ca", "California"),
    ("co", "Colorado"),
    ("ct", "Connecticut"),
    ("de", "Delaware"),
    ("dc", "District of Columbia"),
    ("fl", "Florida"),
    ("ga", "Georgia"),
    ("hi", "Hawaii"),
    ("id", "Idaho"),
    ("il", "Illinois"),
    ("in", "Indiana"),
    ("ia", "Iowa"),
    ("ks", "Kansas"),
    ("ky", "Kentucky"),
    ("la", "Louisiana"),
    ("me", "Maine"),
    ("md", "Maryland"),
    ("ma", "Massachusetts"),
    ("mi", "Michigan"),
    ("mn", "Minnesota"),
    ("ms", "Mississippi"),
    ("mo", "Missouri"),
    ("mt", "Montana"),
    ("ne", "Nebraska"),
    ("nv", "Nevada"),
    ("nh", "New Hampshire"),
    ("nj", "New Jersey"),
    ("nm", "New Mexico"),
    ("ny", "New York"),
    ("nc", "North Carolina"),
    ("nd", "North Dakota"),
    ("oh", "Ohio"),
    ("ok", "Oklahoma"),
    ("or", "Oregon"),
    ("pa", "Pennsylvania"),
    ("ri", "Rhode Island"),
    ("sc", "South Carolina"),
    ("sd", "South Dakota"),
    ("tn", "Tennessee"),
    ("tx", "Texas"),
    ("ut", "Utah"),
    ("vt", "Vermont"),
    ("va", "Virginia"),
    ("wa", "Washington"),
    ("wv", "West Virginia"),
    ("wi", "Wisconsin"),
    ("wy", "Wyoming"),
    ("as", "American Samoa"),
    ("gu", "Guam"),
    ("mp", "Northern Mariana Islands"),
    ("pr", "Puerto Rico"),
    ("vi", "U.S. Virgin Islands"),
];

/// A jurisdiction's name by postal code.
pub fn state_name(code: &StateCode) -> &'static str {
    NAMES.iter().find(|(c, _)| *c == code.as_str()).map_or("", |(_, n)| n)
}

/// Scaffolds `catalog/states/<xx>/`; returns the files written.
pub fn new_state(catalog: &Path, code: &str) -> Result<Vec<PathBuf>> {
    let Some(st) = StateCode::parse(code) else {
        let lower = code.to_ascii_lowercase();
        let near: Vec<&str> = POSTAL_CODES
            .iter()
            .copied()
            .filter(|c| lower.len() == 2 && c.chars().zip(lower.chars()).any(|(a, b)| a == b))
            .collect();
        let hint = if near.is_empty() {
            "a state is its two-letter postal code: one of the 50 states, DC, AS, GU, MP, PR or VI".to_string()
        } else {
            format!("did you mean one of {}?", near.join(", "))
        };
        return Err(Error::Refused { message: format!("`{code}` is not a state's postal code"), hint });
    };
    if !catalog.is_dir() {
        return Err(Error::Refused {
            message: format!("the catalog folder {} does not exist", catalog.display()),
            hint: "run this in the folder that holds catalog/, or name it with --catalog".into(),
        });
    }
    let states = catalog.join("states");
    let dir = states.join(st.as_str());
    if fs::symlink_metadata(&dir).is_ok() {
        return Err(Error::Refused {
            message: format!("{} already exists; nothing was written", dir.display()),
            hint: "edit the files there, or remove the folder first to scaffold it again".into(),
        });
    }
    fs::create_dir_all(&states).map_err(|e| Error::io("create folder", &states, e))?;
    let staging = states.join(format!(".{}.coverguide-new-{}", st.as_str(), std::process::id()));
    let result = write_files(&staging, &st).and_then(|files| {
        fs::rename(&staging, &dir).map_err(|e| Error::io("move into place", &staging, e))?;
        Ok(files.into_iter().map(|f| dir.join(f)).collect())
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_files(dir: &Path, st: &StateCode) -> Result<Vec<String>> {
    let files = files(st);
    for sub in ["services", "crosswalks", "guidance"] {
        let d = dir.join(sub);
        fs::create_dir_all(&d).map_err(|e| Error::io("create folder", &d, e))?;
    }
    for (name, text) in &files {
        let path = dir.join(name);
        fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
    }
    Ok(files.into_iter().map(|(n, _)| n).collect())
}

/// The scaffold's files, by path inside the state folder.
fn files(st: &StateCode) -> Vec<(String, String)> {
    let year = current_year().to_string();
    let fill = |t: &str| {
        t.replace("ILLUSTRATIVE", ILLUSTRATIVE)
            .replace("{YEAR}", &year)
            .replace("{xx}", st.as_str())
            .replace("{XX}", &st.upper())
            .replace("{NAME}", state_name(st))
    };
    vec![
        ("state.yaml", fill(STATE)),
        ("facts.yaml", fill(FACTS)),
        ("services/{xx}-example-service.yaml", fill(SERVICE)),
        ("crosswalks/{xx}-example-crosswalk.yaml", fill(CROSSWALK)),
        ("guidance/example-guidance.md", fill(GUIDANCE)),
    ]
    .into_iter()
    .map(|(n, t)| (n.replace("{xx}", st.as_str()), t))
    .collect()
}

/// This year (UTC), for the example dates: the scaffold is written now.
fn current_year() -> i64 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Civil year from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    yoe + era * 400 + i64::from(mp >= 10)
}

const ILLUSTRATIVE: &str = "Scaffolded by `coverguide new state`: an example of the file format, not {NAME} policy.";

const STATE: &str = r#"# {NAME}: the state's identity, programs and sources.
# Scaffolded by `coverguide new state {xx}`. Every field is described in
# docs/catalog-format.md, section 3.1. Replace the examples with what the
# state's own published documents say, and cite them under `sources`.
# Leave a field out (or null) when no source says it: pages then show
# "Not documented", which is different from "No".

state: "{XX}"            # upper-case postal code; must match the folder name
name: "{NAME}"

# At least one program. Use the program's own name as the state publishes it.
medicaid_programs:
  - name: "{NAME} Medicaid"
    # abbreviation: "..."
    # note: "..."

# How services are delivered; services name these by id.
delivery_systems: []
#  - id: ffs
#    kind: fee_for_service      # or managed_care
#    name: "Fee-for-service"
#    cites:
#      - source: "{xx}-provider-manual"

# A plain-language summary of how EPSDT reaches young children here, from a
# cited source (then list it under epsdt_cites).
epsdt_summary: null
# epsdt_cites:
#   - source: "{xx}-provider-manual"
#     locator: "Section 2"

# The Medicaid agency, shown in the footer of the state's pages.
agency: null
#  name: "..."
#  url: "https://..."

# Every source the state's files cite, by id. This one is the federal EPSDT
# page, so the scaffold builds; add the state's own manuals and fee schedules.
sources:
  - id: "{xx}-cms-epsdt"
    title: "Early and Periodic Screening, Diagnostic, and Treatment"
    publisher: "Centers for Medicare & Medicaid Services"
    url: "https://www.medicaid.gov/medicaid/benefits/early-and-periodic-screening-diagnostic-and-treatment"
    as_of: "{YEAR}"          # the date the source gives for its content; leave out if it gives none ("undated")
    # accessed: "{YEAR}-01-31"  # when you read it
    # A 50-state survey is defined once in national/sources.yaml and cited
    # from here by its id, with the table or page as the cite's locator.

# Modifiers the state defines beyond the standard ones (U1-UD mean what each
# state says), with the state's meaning and a citation.
modifiers: []
#  - code: "U1"
#    meaning: "..."
#    cites:
#      - source: "{xx}-provider-manual"
"#;

const FACTS: &str = r#"# {NAME}: cited facts, compared across states (docs/catalog-format.md, section 4).
# Scaffolded by `coverguide new state {xx}`: the fact below is an example and
# says so on the page (`illustrative`). Replace it with facts read in the
# state's sources, or delete it.

facts:
  - id: "{xx}-example-fact"
    # One of: social_emotional_screening, caregiver_screening_policy,
    # caregiver_screening_under_child, well_child_visits_first_year,
    # pre_diagnosis_sessions, dc05, dc05_crosswalk, dyadic_treatment,
    # dyadic_under_child, group_parenting, iecmh_consultation,
    # home_community_settings, child_care_settings, travel_reimbursed,
    # endorsement_required, prior_authorization, telehealth,
    # delivery_system, other.
    dimension: other
    # value: 3              # a number, true/false, or quoted text; leave out if the source does not say
    statement: "This is an example fact; it states no {NAME} policy."
    # quote: "a short verbatim fragment of the source"
    # scope: "which services or ages it applies to"
    cite:
      source: "{xx}-cms-epsdt"
      # locator: "page or section"
    as_of: "{YEAR}"           # the date the source gives; leave out to take the source's
    # period: {from: "2018", to: "2018"}    # the year or range the policy applied (a survey's year)
    # superseded_by: "{xx}-newer-fact"     # a later fact, same dimension, that replaces this one
    confidence: L           # H read in the cited source, M secondary or older, L not re-read
    illustrative: "ILLUSTRATIVE"
"#;

const SERVICE: &str = r#"# {NAME}: one covered service (docs/catalog-format.md, section 3.2).
# Scaffolded by `coverguide new state {xx}`: an example of the format, marked
# illustrative, so its page says "Illustrative, not policy." Fill it in from
# the state's provider manual and fee schedule, cite them, then delete the
# `illustrative` line. Never copy CPT descriptor text: codes only.

id: "{xx}-example-service"   # unique in the catalog; becomes /{xx}/services/{xx}-example-service/
name: "Example service"
# One of: screening, assessment, psychotherapy, dyadic, family,
# caregiver_screening, consultation, case_management, rehabilitation,
# home_visiting, other.
category: other
description: >-
  An example service scaffolded to show the file format. It describes no
  {NAME} service.
illustrative: "ILLUSTRATIVE"

# Every field below is optional. Leave a field out when no source says it.
# age: {min_months: 0, max_months: 71}
# billing:
#   - system: HCPCS          # CPT, HCPCS or LOCAL
#     code: "H0000"
#     modifiers: ["HA"]
#     unit: per_15_min       # per_15_min, session, encounter, day, month, screen, hour
#     rate: {amount: "0.00", fee_schedule_url: "https://...", as_of: "2026"}
#     effective: {from: "2026-01-01"}
#     note: "..."
# billed_under: child        # child, caregiver or either
# dyadic: {allowed: true, caregiver_must_be_present: true, caregiver_medicaid_required: false}
# diagnosis:
#   required_before_treatment: true
#   pre_diagnosis_sessions: 3
#   session_period: episode  # calendar_year, fiscal_year, episode, lifetime, month, day
#   dc05: allowed            # required, allowed or not_addressed
#   crosswalk: "{xx}-example-crosswalk"
#   icd10cm: ["F43.10"]
# providers:
#   - kind: "Licensed mental health professional"
#     credentials: ["LICSW"]
#     endorsement_required: false
# settings:
#   - name: "Family home"
#     kind: home             # home, community, school, child_care, clinic, hospital, other
#     pos: ["12"]
#     travel_reimbursed: false
# telehealth: {allowed: true, modifiers: ["95"], pos: ["10"]}
# prior_authorization: {required: false}
# limits:
#   - {amount: 10, unit: session, period: calendar_year, kind: soft, epsdt_exception: true}
# epsdt: {state_plan_service: true, epsdt_only: false}
# delivery_systems: ["ffs"]  # ids from state.yaml
# evidence_based_models: ["Child-Parent Psychotherapy"]
# effective: {from: "2026-01-01"}

cites:
  - source: "{xx}-cms-epsdt"
"#;

const CROSSWALK: &str = r#"# {NAME}: a DC:0-5 to ICD-10-CM crosswalk (docs/catalog-format.md, section 3.4).
# Scaffolded by `coverguide new state {xx}`: an example of the format, marked
# illustrative. Copy the rows of the crosswalk the state publishes (DC:0-5
# diagnosis names only, never criteria), cite it, then delete `illustrative`.

id: "{xx}-example-crosswalk"
title: "Example crosswalk"
publisher: "Example publisher"
# A shipped ICD-10-CM release, by name or date.
icd10cm_release: "FY2026 (April 1, 2026 update)"
illustrative: "ILLUSTRATIVE"
# note: "..."
cites:
  - source: "{xx}-cms-epsdt"
rows:
  # The one example row, as ZERO TO THREE's published crosswalk maps it.
  - dc05: "Global Developmental Delay"
    dc05_category: "Neurodevelopmental Disorders"
    # dsm5: "..."
    # icd10_label: "the publisher's ICD-10 label, when it differs"
    icd10cm: ["F88"]
    # notes: "..."
"#;

const GUIDANCE: &str = r#"---
# {NAME}: a guidance document (docs/catalog-format.md, section 3.5).
# Scaffolded by `coverguide new state {xx}`: marked illustrative until it is
# rewritten from the state's sources. The file name is the page's URL.
title: "Example guidance document"
summary: "An example of a guidance document; it states no {NAME} policy."
audience: [providers]        # providers, billers, families, agencies, advocates
# topics: [billing_codes]
published: "{YEAR}"
as_of: "{YEAR}"
cites:
  - source: "{xx}-cms-epsdt"
illustrative: "ILLUSTRATIVE"
---
This document shows the format of a guidance page. Write in plain Markdown:
headings from level 2 down, lists, tables and footnotes.

## A section

Each level-2 and level-3 heading gets an anchor and a line in the table of
contents, and search finds the document section by section.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_plausible() {
        assert!((2025..2200).contains(&current_year()));
    }

    #[test]
    fn every_postal_code_has_a_name() {
        for c in POSTAL_CODES {
            assert!(!state_name(&StateCode::parse(c).unwrap()).is_empty(), "{c}");
        }
    }
}
