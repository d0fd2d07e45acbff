//! Raw catalog types: a faithful mirror of the YAML files, nothing derived.
//!
//! Every struct denies unknown fields so a misspelled key is an error with a
//! position, never a silently ignored value. Values that later checks must point
//! at (ids, references, codes, dates, URLs) are `Spanned` so the validate stage
//! can report `file:line:col` for problems serde cannot see. Nothing here is
//! interpreted: that is the validate stage's job, which turns these into
//! `model` types.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string together with where it was written.
pub type S = Spanned<String>;

/// `states/<st>/state.yaml`: one jurisdiction's identity and shared sources.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawState {
    /// Two-letter postal code, upper case; must match the folder name.
    pub state: S,
    pub name: S,
    pub medicaid_programs: Vec<RawProgram>,
    #[serde(default)]
    pub delivery_systems: Vec<RawDeliverySystem>,
    /// Plain-language summary of how EPSDT reaches young children here.
    pub epsdt_summary: Option<String>,
    #[serde(default)]
    pub epsdt_cites: Vec<RawCite>,
    /// Where to find the agency (shown in the footer of the state's pages).
    pub agency: Option<RawAgency>,
    /// Every source the state's files cite, by id.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Modifiers the state uses beyond the standard ones the tool ships
    /// (always U1-UD, which have no national meaning), with their meaning here.
    #[serde(default)]
    pub modifiers: Vec<RawStateModifier>,
}

/// A modifier as one state defines it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStateModifier {
    pub code: S,
    /// What the modifier means in this state, in the state's words.
    pub meaning: String,
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    pub name: String,
    pub url: Option<S>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    pub name: String,
    pub abbreviation: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryKind {
    FeeForService,
    ManagedCare,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeliverySystem {
    pub id: S,
    pub kind: DeliveryKind,
    pub name: String,
    pub note: Option<String>,
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

/// A cited public document. `as_of` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: S,
    pub title: String,
    pub publisher: Option<String>,
    pub url: S,
    pub as_of: S,
    /// When the page was last read by the catalog's editors.
    pub accessed: Option<S>,
}

/// A pointer from a statement to a source, with where in it to look.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCite {
    pub source: S,
    pub locator: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Screening,
    Assessment,
    Psychotherapy,
    Dyadic,
    Family,
    CaregiverScreening,
    Consultation,
    CaseManagement,
    Rehabilitation,
    HomeVisiting,
    Other,
}

/// `states/<st>/services/*.yaml`: one covered service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    pub id: S,
    pub name: String,
    pub category: Category,
    /// The state's own plain-language description; never CPT descriptor text.
    pub description: String,
    /// Set when a value here is an example rather than the state's policy;
    /// the text says why, and every page that shows the service says so.
    pub illustrative: Option<String>,
    pub age: Option<RawAge>,
    #[serde(default)]
    pub billing: Vec<RawBillingLine>,
    pub billed_under: Option<BilledUnder>,
    pub dyadic: Option<RawDyadic>,
    pub diagnosis: Option<RawDiagnosis>,
    #[serde(default)]
    pub providers: Vec<RawProvider>,
    #[serde(default)]
    pub settings: Vec<RawSetting>,
    pub telehealth: Option<RawTelehealth>,
    pub prior_authorization: Option<RawPriorAuth>,
    #[serde(default)]
    pub limits: Vec<RawLimit>,
    pub epsdt: Option<RawEpsdt>,
    /// Ids of the state's delivery systems that cover the service.
    #[serde(default)]
    pub delivery_systems: Vec<S>,
    #[serde(default)]
    pub evidence_based_models: Vec<String>,
    pub effective: Option<RawEffective>,
    pub cites: Vec<RawCite>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAge {
    pub min_months: Spanned<u32>,
    pub max_months: Spanned<u32>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum CodeSystem {
    #[serde(rename = "CPT")]
    Cpt,
    #[serde(rename = "HCPCS")]
    Hcpcs,
    #[serde(rename = "LOCAL")]
    Local,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[serde(rename = "per_15_min")]
    Per15Min,
    Session,
    Encounter,
    Day,
    Month,
    Screen,
    Hour,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBillingLine {
    pub system: CodeSystem,
    pub code: S,
    #[serde(default)]
    pub modifiers: Vec<S>,
    pub unit: Option<Unit>,
    pub rate: Option<RawRate>,
    pub effective: Option<RawEffective>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRate {
    /// Dollars, as published (e.g. `"123.45"`).
    pub amount: Option<S>,
    pub fee_schedule_url: Option<S>,
    pub as_of: Option<S>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffective {
    pub from: Option<S>,
    pub to: Option<S>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BilledUnder {
    Child,
    Caregiver,
    Either,
}

/// Parent-child (dyadic) treatment rules. `null` means "not documented".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDyadic {
    pub allowed: Option<bool>,
    pub caregiver_must_be_present: Option<bool>,
    pub caregiver_medicaid_required: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Dc05Status {
    Required,
    Allowed,
    NotAddressed,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    CalendarYear,
    FiscalYear,
    Episode,
    Lifetime,
    Month,
    Day,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDiagnosis {
    pub required_before_treatment: Option<bool>,
    /// Assessment sessions allowed before a diagnosis is required.
    pub pre_diagnosis_sessions: Option<Spanned<u32>>,
    pub session_period: Option<Period>,
    pub dc05: Option<Dc05Status>,
    /// Id of a crosswalk (this state's or a national one).
    pub crosswalk: Option<S>,
    /// ICD-10-CM diagnoses the source says the service accepts: codes
    /// (`F43.10`), families (`F43.1-`) or ranges (`Z69.010-Z69.020`).
    #[serde(default)]
    pub icd10cm: Vec<S>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvider {
    /// Who may deliver it, in the state's words (e.g. "Licensed mental health professional").
    pub kind: String,
    #[serde(default)]
    pub credentials: Vec<String>,
    pub endorsement_required: Option<bool>,
    pub supervision: Option<String>,
    pub note: Option<String>,
}

/// What kind of place a setting is; `home` and `community` are what the
/// comparison of home and community services looks for.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SettingKind {
    Home,
    Community,
    School,
    ChildCare,
    Clinic,
    Hospital,
    Other,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSetting {
    pub name: String,
    pub kind: Option<SettingKind>,
    /// CMS place-of-service codes (two digits).
    #[serde(default)]
    pub pos: Vec<S>,
    pub travel_reimbursed: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTelehealth {
    pub allowed: Option<bool>,
    #[serde(default)]
    pub modifiers: Vec<S>,
    #[serde(default)]
    pub pos: Vec<S>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPriorAuth {
    pub required: Option<bool>,
    pub after_units: Option<u32>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    Soft,
    Hard,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimit {
    pub amount: u32,
    pub unit: Unit,
    pub period: Period,
    pub kind: LimitKind,
    /// Whether EPSDT medical necessity can exceed the limit for under-21s.
    pub epsdt_exception: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEpsdt {
    pub state_plan_service: Option<bool>,
    pub epsdt_only: Option<bool>,
}

/// `states/<st>/crosswalks/*.yaml` or `national/crosswalks/*.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCrosswalk {
    pub id: S,
    pub title: String,
    pub publisher: String,
    /// The ICD-10-CM release the rows were checked against: a shipped
    /// release's name (`FY2026 (April 1, 2026 update)`) or date (`2026-04-01`).
    pub icd10cm_release: S,
    pub note: Option<String>,
    pub illustrative: Option<String>,
    pub cites: Vec<RawCite>,
    pub rows: Vec<RawCrosswalkRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCrosswalkRow {
    /// DC:0-5 diagnosis name, as the publisher prints it. Names only, never criteria.
    pub dc05: String,
    pub dc05_category: Option<String>,
    /// DSM-5 diagnosis named nominatively.
    pub dsm5: Option<String>,
    /// The ICD-10 label the publisher prints, when it differs from the ICD-10-CM title.
    pub icd10_label: Option<String>,
    pub icd10cm: Vec<S>,
    pub notes: Option<String>,
}

/// `states/<st>/facts.yaml` or `national/facts.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFactsFile {
    pub facts: Vec<RawFact>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Assessment sessions allowed before a diagnosis is required (number).
    PreDiagnosisSessions,
    /// DC:0-5 use: `required`, `allowed` or `not_addressed`.
    Dc05,
    /// Dyadic treatment billed under the child's Medicaid ID (yes/no).
    DyadicUnderChild,
    /// Caregiver depression screening billed under the child's ID (yes/no).
    CaregiverScreeningUnderChild,
    /// Services delivered in home and community settings (yes/no).
    HomeCommunitySettings,
    /// Travel to home or community settings reimbursed (yes/no).
    TravelReimbursed,
    /// An endorsement or credential beyond licensure required to bill (yes/no).
    EndorsementRequired,
    /// Prior authorization required for outpatient IECMH services (yes/no).
    PriorAuthorization,
    /// Telehealth allowed (yes/no).
    Telehealth,
    /// Delivery system: free text such as "managed care" or "fee-for-service".
    DeliverySystem,
    /// Anything else worth citing; not compared across states.
    Other,
}

/// A fact's value: a number, yes/no, or a short text.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(untagged)]
pub enum RawFactValue {
    Bool(bool),
    Int(i64),
    Text(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub id: S,
    pub dimension: Dimension,
    pub value: Option<Spanned<RawFactValue>>,
    /// The fact in a plain sentence of our own.
    pub statement: String,
    /// A short verbatim fragment of the source, if any.
    pub quote: Option<String>,
    pub scope: Option<String>,
    pub cite: RawCite,
    pub as_of: S,
    pub confidence: Confidence,
    pub illustrative: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// Read in the cited source.
    H,
    /// Secondary or older source; re-check.
    M,
    /// Not re-read in a primary source.
    L,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Providers,
    Billers,
    Families,
    Agencies,
    Advocates,
}

/// Front matter of `guidance/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuidanceFront {
    pub title: String,
    pub summary: Option<String>,
    pub audience: Vec<Audience>,
    #[serde(default)]
    pub topics: Vec<S>,
    pub published: S,
    pub as_of: S,
    #[serde(default)]
    pub cites: Vec<RawCite>,
    pub illustrative: Option<String>,
}

/// `national/sources.yaml`: sources cited by national files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSourcesFile {
    pub sources: Vec<RawSource>,
}
