//! View structs for code pages, ICD-10-CM pages and code indexes: the only
//! data their templates see. Links are already relative, values in words.

use serde::Serialize;

use super::view::{CiteView, Link};
use crate::model::Text;

/// An ICD-10-CM code with its title, linked to its page when it has one.
#[derive(Serialize, Clone)]
pub struct IcdLink {
    pub code: String,
    pub title: String,
    pub href: Option<String>,
}

/// A modifier as used on a billing line, with what it means.
#[derive(Serialize, Clone)]
pub struct ModifierView {
    pub code: String,
    pub meaning: String,
    /// `state` when the state's own definition applies, else `national`.
    pub origin: &'static str,
}

/// One billing line on a code page: which service bills the code, and how.
#[derive(Serialize)]
pub struct CodeUseView {
    pub state: Option<Link>,
    pub service: Link,
    pub modifiers: Vec<ModifierView>,
    pub unit: String,
    pub rate: String,
    pub rate_url: Option<Text>,
    pub effective: String,
    pub note: Option<Text>,
    pub illustrative: bool,
}

/// What leads to a code: one service's accepted diagnoses.
#[derive(Serialize)]
pub struct DiagnosisRoute {
    pub service: Link,
    /// Accepted codes, families and ranges as written, with the codes they cover.
    pub specs: Vec<SpecView>,
    pub crosswalk: Option<Link>,
}

#[derive(Serialize)]
pub struct SpecView {
    pub label: String,
    pub codes: Vec<IcdLink>,
}

/// Rows of a code page's table of uses, a part of the page
/// (`code_uses.html`): one state's on the national page, all on a state's.
#[derive(Serialize)]
pub struct CodeUseRows {
    pub uses: Vec<CodeUseView>,
}

/// Rows of an ICD-10-CM page's table of services, a part of the page
/// (`icd10cm_services.html`): one state's on the national page, all on a
/// state's.
#[derive(Serialize)]
pub struct AcceptRows {
    pub services: Vec<AcceptView>,
}

/// `/<st>/codes/<code>/` and `/codes/<code>/`. Its rows of uses are parts
/// ([`CodeUseRows`]).
#[derive(Serialize)]
pub struct CodeView {
    pub system: &'static str,
    pub code: String,
    /// What the code is, in words we may publish.
    pub about: String,
    pub scope_name: String,
    pub routes: Vec<DiagnosisRoute>,
    pub national: Option<Link>,
    pub states: Vec<Link>,
    pub is_cpt: bool,
    pub index: Link,
}

/// Where a DC:0-5 diagnosis maps to a code.
#[derive(Serialize)]
pub struct Dc05View {
    pub dc05: String,
    pub category: Option<String>,
    pub crosswalk: Link,
    pub publisher: String,
}

/// How one service accepts a diagnosis.
#[derive(Serialize)]
pub struct AcceptView {
    pub state: Option<Link>,
    pub service: Link,
    /// "Lists F43.1-" or "Through its crosswalk".
    pub how: String,
    pub codes: Vec<Link>,
}

/// `/<st>/icd10cm/<code>/` and `/icd10cm/<code>/`.
#[derive(Serialize)]
pub struct IcdView {
    pub code: String,
    pub title: String,
    pub billable: bool,
    pub parent: Option<IcdLink>,
    pub release: String,
    pub release_url: String,
    pub scope_name: String,
    pub dc05: Vec<Dc05View>,
    /// How many services accept the code; their rows are parts
    /// (`icd10cm_services.html`, [`AcceptRows`]).
    pub service_count: usize,
    /// Whether the rows name their state (the national page).
    pub by_state: bool,
    pub national: Option<Link>,
    pub index: Link,
}

#[derive(Serialize)]
pub struct CodeIndexRow {
    pub href: String,
    pub system: &'static str,
    pub code: String,
    pub services: usize,
    pub states: String,
}

#[derive(Serialize)]
pub struct IcdIndexRow {
    pub link: IcdLink,
    pub dc05: usize,
    pub services: usize,
}

#[derive(Serialize)]
pub struct StateModifierView {
    pub code: String,
    pub meaning: String,
    pub national: Option<String>,
    pub cites: Vec<CiteView>,
}

/// `/<st>/codes/` and `/codes/`.
#[derive(Serialize)]
pub struct CodeIndexView {
    pub scope_name: String,
    pub codes: Vec<CodeIndexRow>,
    pub icd: Vec<IcdIndexRow>,
    pub release: String,
    pub modifiers: Vec<StateModifierView>,
    pub has_cpt: bool,
    pub national: Option<Link>,
}
