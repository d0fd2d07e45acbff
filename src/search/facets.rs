//! Facets: the groups a result can be filtered by, and their values.
//!
//! A value has a key (a slug, used in the URL: `?cat=assessment`) and a label
//! (what the page shows). Keys and labels come from the model here, so the
//! browser never derives them.

use serde::Serialize;

use crate::model::{AgeRange, BilledUnder, Category, CodeSystem};
use crate::render::labels::{CATEGORY_ORDER, category_id, category_label};

/// A facet group: its URL parameter and its label.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Group {
    pub key: &'static str,
    pub label: &'static str,
}

/// Every facet group, in the order the search page shows them.
pub const GROUPS: [Group; 8] = [
    Group { key: "st", label: "State" },
    Group { key: "type", label: "Result type" },
    Group { key: "cat", label: "Service category" },
    Group { key: "set", label: "Setting" },
    Group { key: "age", label: "Age band" },
    Group { key: "cred", label: "Provider credential" },
    Group { key: "sys", label: "Code system" },
    Group { key: "bill", label: "Billed under" },
];

/// What a document is; the `type` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Service,
    Crosswalk,
    Guidance,
    Fact,
    State,
}

pub const KINDS: [Kind; 5] = [Kind::Service, Kind::Crosswalk, Kind::Guidance, Kind::Fact, Kind::State];

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Crosswalk => "crosswalk",
            Kind::Guidance => "guidance",
            Kind::Fact => "fact",
            Kind::State => "state",
        }
    }

    /// The facet value's label (plural, a heading over a count).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Service => "Services",
            Kind::Crosswalk => "Crosswalk rows",
            Kind::Guidance => "Guidance sections",
            Kind::Fact => "Cited facts",
            Kind::State => "State overviews",
        }
    }

    /// One result's kind, as its result line names it.
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Service => "Service",
            Kind::Crosswalk => "Crosswalk row",
            Kind::Guidance => "Guidance",
            Kind::Fact => "Cited fact",
            Kind::State => "State overview",
        }
    }
}

/// Age bands a service's age range is sorted into; a range may cover several.
pub const AGE_BANDS: [(&str, &str, u32, u32); 4] = [
    ("under-1", "Under 1 year", 0, 11),
    ("1-2", "1 to 2 years", 12, 35),
    ("3-5", "3 to 5 years", 36, 71),
    ("6-plus", "6 years and older", 72, u32::MAX),
];

pub fn age_bands(age: AgeRange) -> impl Iterator<Item = &'static str> {
    AGE_BANDS.iter().filter(move |(_, _, lo, hi)| age.min_months <= *hi && age.max_months >= *lo).map(|b| b.0)
}

pub fn category(c: Category) -> &'static str {
    category_id(c)
}

/// Categories in page order, as (key, label).
pub fn categories() -> impl Iterator<Item = (&'static str, &'static str)> {
    CATEGORY_ORDER.iter().map(|c| (category_id(*c), category_label(*c)))
}

pub const SYSTEMS: [(&str, &str); 4] =
    [("cpt", "CPT"), ("hcpcs", "HCPCS Level II"), ("local", "Local code"), ("icd-10-cm", "ICD-10-CM")];

pub fn system(s: CodeSystem) -> &'static str {
    match s {
        CodeSystem::Cpt => "cpt",
        CodeSystem::Hcpcs => "hcpcs",
        CodeSystem::Local => "local",
    }
}

pub const ICD: &str = "icd-10-cm";

pub const BILLED: [(&str, &str); 3] =
    [("child", "Child's Medicaid ID"), ("caregiver", "Caregiver's Medicaid ID"), ("either", "Either ID")];

pub fn billed(b: BilledUnder) -> &'static str {
    match b {
        BilledUnder::Child => "child",
        BilledUnder::Caregiver => "caregiver",
        BilledUnder::Either => "either",
    }
}

/// A slug for a free-text value (a setting or credential): folded, runs of
/// anything but letters and digits become one hyphen. Empty if nothing is left.
pub fn slug(label: &str) -> String {
    let folded = super::normalize::fold(label);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_fall_into_every_band_they_touch() {
        let bands: Vec<_> = age_bands(AgeRange { min_months: 0, max_months: 71 }).collect();
        assert_eq!(bands, ["under-1", "1-2", "3-5"]);
        let bands: Vec<_> = age_bands(AgeRange { min_months: 36, max_months: 251 }).collect();
        assert_eq!(bands, ["3-5", "6-plus"]);
        let bands: Vec<_> = age_bands(AgeRange { min_months: 0, max_months: 6 }).collect();
        assert_eq!(bands, ["under-1"]);
    }

    #[test]
    fn free_text_values_get_url_safe_keys() {
        assert_eq!(slug("IMH-E®  (Infant Mental Health)"), "imh-e-infant-mental-health");
        assert_eq!(slug("Home"), "home");
        assert_eq!(slug("Clínica"), "clinica");
        assert_eq!(slug("®"), "");
    }
}
