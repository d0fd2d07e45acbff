//! Raw catalog types: a faithful mirror of the YAML files, nothing derived.
//!
//! Every struct denies unknown fields so a misspelled key is an error with a
//! position, never a silently ignored value. Values that later checks must point
//! at (ids, references, codes, dates, URLs) are `Spanned` so the validate stage
//! can report `file:line:col` for problems serde cannot see. Nothing here is
//! interpreted: that is the validate stage's job, which turns these into
//! `model` types.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

/// A string together with where it was written.
pub type S = Spanned<String>;

/// A value with the line and column where it was written (1-based; 0 when
/// unknown). `serde_saphyr::Spanned` keeps two locations of 28 bytes (where
/// a value is written and where an alias points); validation reports only
/// the first, and a large catalog holds millions of these (bench/RESULTS.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub line: u32,
    pub col: u32,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        // A catalog file is far shorter than 2^32 lines or columns.
        let (line, col) = (s.referenced.line(), s.referenced.column());
        Ok(Spanned {
            value: s.value,
            line: line.try_into().unwrap_or(u32::MAX),
            col: col.try_into().unwrap_or(u32::MAX),
        })
    }
}

/// The value alone (the schema's defaults are serialized).
impl<T: serde::Serialize> serde::Serialize for Spanned<T> {
    fn serialize<Z: serde::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        self.value.serialize(serializer)
    }
}

/// The schema of the value: where it is written is not part of the file.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// `states/<st>/state.yaml`: one jurisdiction's identity and shared sources.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawState {
    /// Two-letter postal code, upper case; must match the folder name.
    #[schemars(with = "String")]
    pub state: S,
    /// The state's name as people write it (`Washington`).
    #[schemars(with = "String")]
    pub name: S,
    /// The state's Medicaid and CHIP program names; at least one.
    pub medicaid_programs: Vec<RawProgram>,
    /// How services are delivered (fee-for-service, managed care); services name these by id.
    #[serde(default)]
    pub delivery_systems: Vec<RawDeliverySystem>,
    /// Plain-language summary of how EPSDT reaches young children here.
    pub epsdt_summary: Option<String>,
    /// Sources for `epsdt_summary`.
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStateModifier {
    /// The modifier, e.g. `U1`.
    #[schemars(with = "String")]
    pub code: S,
    /// What the modifier means in this state, in the state's words.
    pub meaning: String,
    /// The manual or fee schedule that defines it; at least one.
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    /// The agency's name, shown in the footer of the state's pages.
    pub name: String,
    /// The agency's web site, an absolute http(s) URL.
    #[schemars(with = "Option<String>")]
    pub url: Option<S>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    /// The program's name as the state publishes it.
    pub name: String,
    /// A short form, e.g. `OHP`.
    pub abbreviation: Option<String>,
    /// Anything a reader should know about the program (plain text).
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryKind {
    FeeForService,
    ManagedCare,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDeliverySystem {
    /// Id (a slug), unique in the state; services name it in `delivery_systems`.
    #[schemars(with = "String")]
    pub id: S,
    /// `fee_for_service` or `managed_care`.
    pub kind: DeliveryKind,
    /// The delivery system's name, e.g. "Coordinated care organizations".
    pub name: String,
    /// Plain-text note.
    pub note: Option<String>,
    /// Sources.
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

/// A cited public document. `as_of` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Id (a slug), unique in its file; cites name it in `source`.
    #[schemars(with = "String")]
    pub id: S,
    /// The document's title as the source prints it. Left out, pages show the
    /// URL's host and path.
    pub title: Option<String>,
    /// Who publishes it.
    pub publisher: Option<String>,
    /// The document's public address, an absolute http(s) URL.
    #[schemars(with = "String")]
    pub url: S,
    /// The date the source gives for its content: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    /// Leave out (or `null`) for an undated source: pages then say "undated".
    #[schemars(with = "Option<String>")]
    pub as_of: Option<S>,
    /// When the page was last read by the catalog's editors.
    #[schemars(with = "Option<String>")]
    pub accessed: Option<S>,
}

/// A pointer from a statement to a source, with where in it to look.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCite {
    /// The id of a source in this state's `state.yaml` or in `national/sources.yaml`.
    #[schemars(with = "String")]
    pub source: S,
    /// Where in the source to look: a page, section or table.
    pub locator: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    /// Id (a slug), unique in the catalog; the page is /<st>/services/<id>/.
    #[schemars(with = "String")]
    pub id: S,
    /// The service's name as the state uses it.
    pub name: String,
    /// What kind of service it is; groups services on the state's pages.
    pub category: Category,
    /// The state's own plain-language description; never CPT descriptor text.
    pub description: String,
    /// Set when a value here is an example rather than the state's policy;
    /// the text says why, and every page that shows the service says so.
    pub illustrative: Option<String>,
    /// Ages covered, in months.
    pub age: Option<RawAge>,
    /// How the service is billed: one line per code and modifier combination.
    #[serde(default)]
    pub billing: Vec<RawBillingLine>,
    /// Whose Medicaid ID the service is billed under: `child`, `caregiver` or `either`.
    pub billed_under: Option<BilledUnder>,
    /// Parent-child (dyadic) treatment rules.
    pub dyadic: Option<RawDyadic>,
    /// Diagnosis rules: when one is needed, DC:0-5, the crosswalk and accepted ICD-10-CM codes.
    pub diagnosis: Option<RawDiagnosis>,
    /// Who may deliver the service.
    #[serde(default)]
    pub providers: Vec<RawProvider>,
    /// Where the service may be delivered.
    #[serde(default)]
    pub settings: Vec<RawSetting>,
    /// Whether and how the service may be delivered by telehealth.
    pub telehealth: Option<RawTelehealth>,
    /// Whether prior authorization is needed.
    pub prior_authorization: Option<RawPriorAuth>,
    /// Limits on amount, per period.
    #[serde(default)]
    pub limits: Vec<RawLimit>,
    /// How the service relates to EPSDT.
    pub epsdt: Option<RawEpsdt>,
    /// Ids of the state's delivery systems that cover the service.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub delivery_systems: Vec<S>,
    /// Named evidence-based models delivered under this service.
    #[serde(default)]
    pub evidence_based_models: Vec<String>,
    /// When the service's description took effect or ends.
    pub effective: Option<RawEffective>,
    /// The sources for everything in the file; at least one.
    pub cites: Vec<RawCite>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAge {
    /// The youngest age covered, in months (0 = birth).
    #[schemars(with = "u32")]
    pub min_months: Spanned<u32>,
    /// The oldest age covered, in months (71 = through age five); at most 251.
    #[schemars(with = "u32")]
    pub max_months: Spanned<u32>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
pub enum CodeSystem {
    #[serde(rename = "CPT")]
    Cpt,
    #[serde(rename = "HCPCS")]
    Hcpcs,
    #[serde(rename = "LOCAL")]
    Local,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBillingLine {
    /// `CPT`, `HCPCS` or `LOCAL` (a state's own code).
    pub system: CodeSystem,
    /// The code, quoted (`"90791"`, `"H2019"`). Codes only, never CPT descriptor text.
    #[schemars(with = "String")]
    pub code: S,
    /// Modifiers billed with the code, e.g. `["HA"]`: standard ones, or ones `state.yaml` declares.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub modifiers: Vec<S>,
    /// The billing unit.
    pub unit: Option<Unit>,
    /// The published rate.
    pub rate: Option<RawRate>,
    /// When this billing line took effect or ends.
    pub effective: Option<RawEffective>,
    /// Plain-text note.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRate {
    /// Dollars, as published (e.g. `"123.45"`).
    #[schemars(with = "Option<String>")]
    pub amount: Option<S>,
    /// The fee schedule's address, an absolute http(s) URL.
    #[schemars(with = "Option<String>")]
    pub fee_schedule_url: Option<S>,
    /// The date the rate was published for.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<S>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEffective {
    /// First day: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(with = "Option<String>")]
    pub from: Option<S>,
    /// Last day, not before `from`.
    #[schemars(with = "Option<String>")]
    pub to: Option<S>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BilledUnder {
    Child,
    Caregiver,
    Either,
}

/// Parent-child (dyadic) treatment rules. `null` means "not documented".
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDyadic {
    /// Whether dyadic treatment is allowed.
    pub allowed: Option<bool>,
    /// Whether the caregiver must be present.
    pub caregiver_must_be_present: Option<bool>,
    /// Whether the caregiver must be enrolled in Medicaid.
    pub caregiver_medicaid_required: Option<bool>,
    /// Plain-text note.
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Dc05Status {
    Required,
    Allowed,
    NotAddressed,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    CalendarYear,
    FiscalYear,
    Episode,
    Lifetime,
    Month,
    Day,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDiagnosis {
    /// Whether a diagnosis is required before treatment.
    pub required_before_treatment: Option<bool>,
    /// Assessment sessions allowed before a diagnosis is required.
    #[schemars(with = "Option<u32>")]
    pub pre_diagnosis_sessions: Option<Spanned<u32>>,
    /// The period `pre_diagnosis_sessions` counts over.
    pub session_period: Option<Period>,
    /// How DC:0-5 is used: `required`, `allowed` or `not_addressed`.
    pub dc05: Option<Dc05Status>,
    /// Id of a crosswalk (this state's or a national one).
    #[schemars(with = "Option<String>")]
    pub crosswalk: Option<S>,
    /// ICD-10-CM diagnoses the source says the service accepts: codes
    /// (`F43.10`), families (`F43.1-`) or ranges (`Z69.010-Z69.020`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub icd10cm: Vec<S>,
    /// Plain-text note.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProvider {
    /// Who may deliver it, in the state's words (e.g. "Licensed mental health professional").
    /// May be left out when `credentials` names who: the page then shows them.
    pub kind: Option<String>,
    /// Licences or credentials, e.g. `LICSW`.
    #[serde(default)]
    pub credentials: Vec<String>,
    /// Whether an endorsement beyond licensure is required to bill.
    pub endorsement_required: Option<bool>,
    /// Supervision rules, in the state's words.
    pub supervision: Option<String>,
    /// Plain-text note.
    pub note: Option<String>,
}

/// What kind of place a setting is; `home` and `community` are what the
/// comparison of home and community services looks for.
#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSetting {
    /// The setting's name, e.g. "Family home".
    pub name: String,
    /// What kind of place it is.
    pub kind: Option<SettingKind>,
    /// CMS place-of-service codes (two digits).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub pos: Vec<S>,
    /// Whether travel to the setting is reimbursed.
    pub travel_reimbursed: Option<bool>,
    /// Plain-text note.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTelehealth {
    /// Whether telehealth is allowed.
    pub allowed: Option<bool>,
    /// Modifiers for telehealth claims, e.g. `95`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub modifiers: Vec<S>,
    /// Place-of-service codes for telehealth, e.g. `02`, `10`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub pos: Vec<S>,
    /// Plain-text note.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPriorAuth {
    /// Whether prior authorization is required.
    pub required: Option<bool>,
    /// Units allowed before prior authorization is required.
    pub after_units: Option<u32>,
    /// Plain-text note.
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    Soft,
    Hard,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLimit {
    /// How many units.
    pub amount: u32,
    /// The unit counted.
    pub unit: Unit,
    /// The period the limit counts over.
    pub period: Period,
    /// `soft` (can be exceeded with approval) or `hard`.
    pub kind: LimitKind,
    /// Whether EPSDT medical necessity can exceed the limit for under-21s.
    pub epsdt_exception: Option<bool>,
    /// Plain-text note.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEpsdt {
    /// Whether the service is in the state plan.
    pub state_plan_service: Option<bool>,
    /// Whether the service is covered only through EPSDT.
    pub epsdt_only: Option<bool>,
}

/// `states/<st>/crosswalks/*.yaml` or `national/crosswalks/*.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCrosswalk {
    /// Id (a slug), unique in the catalog; services name it in `diagnosis.crosswalk`.
    #[schemars(with = "String")]
    pub id: S,
    /// The crosswalk's title.
    pub title: String,
    /// Who publishes the crosswalk.
    pub publisher: String,
    /// The ICD-10-CM release the rows were checked against: a shipped
    /// release's name (`FY2026 (April 1, 2026 update)`) or date (`2026-04-01`).
    #[schemars(with = "String")]
    pub icd10cm_release: S,
    /// Plain-text note.
    pub note: Option<String>,
    /// Set only for example content, not policy; says why. Pages then say "Illustrative, not policy."
    pub illustrative: Option<String>,
    /// The publisher's crosswalk page and the ICD-10-CM files used; at least one.
    pub cites: Vec<RawCite>,
    /// One row per DC:0-5 diagnosis.
    pub rows: Vec<RawCrosswalkRow>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCrosswalkRow {
    /// DC:0-5 diagnosis name, as the publisher prints it. Names only, never criteria.
    pub dc05: String,
    /// The DC:0-5 category the publisher lists it under.
    pub dc05_category: Option<String>,
    /// DSM-5 diagnosis named nominatively.
    pub dsm5: Option<String>,
    /// The ICD-10 label the publisher prints, when it differs from the ICD-10-CM title.
    pub icd10_label: Option<String>,
    /// ICD-10-CM codes the publisher maps it to (`F43.10`), billable in the named release.
    #[schemars(with = "Vec<String>")]
    pub icd10cm: Vec<S>,
    /// Plain-text note.
    pub notes: Option<String>,
}

/// `states/<st>/facts.yaml` or `national/facts.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactsFile {
    /// The facts, in the order the page shows them.
    pub facts: Vec<RawFact>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// Social-emotional screening with a tool made for it covered (yes/no).
    SocialEmotionalScreening,
    /// Caregiver depression screening policy at well-child visits:
    /// `required`, `recommended` or `allowed`.
    CaregiverScreeningPolicy,
    /// A DC:0-5 to ICD-10 crosswalk in use by the state (yes/no).
    Dc05Crosswalk,
    /// Dyadic (parent-child) treatment covered (yes/no).
    DyadicTreatment,
    /// Child-specific IECMH consultation paid (yes/no).
    IecmhConsultation,
    /// IECMH-focused group parenting programs covered (yes/no).
    GroupParenting,
    /// Mental health services in child care or early education settings (yes/no).
    ChildCareSettings,
    /// EPSDT well-child screens required in the first year of life (number).
    WellChildVisitsFirstYear,
    /// Delivery system: free text such as "managed care" or "fee-for-service".
    DeliverySystem,
    /// Anything else worth citing; not compared across states.
    Other,
}

/// A fact's value: a number, yes/no, or a short text.
#[derive(Debug, Deserialize, JsonSchema, Clone, PartialEq)]
#[serde(untagged)]
pub enum RawFactValue {
    Bool(bool),
    Int(i64),
    Text(String),
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// Id (a slug), unique in the catalog; the row's anchor is #fact-<id>.
    #[schemars(with = "String")]
    pub id: S,
    /// What the fact answers; the compared dimensions feed /compare/.
    pub dimension: Dimension,
    /// The value: a number, true/false, or quoted text, as the dimension expects. Leave out when the source does not say.
    #[schemars(with = "Option<RawFactValue>")]
    pub value: Option<Spanned<RawFactValue>>,
    /// The fact in a plain sentence of our own.
    pub statement: String,
    /// A short verbatim fragment of the source, if any.
    pub quote: Option<String>,
    /// Which services, ages or programs the fact applies to.
    pub scope: Option<String>,
    /// The one source the fact is read in.
    pub cite: RawCite,
    /// The date the fact was current, as the source gives it. Leave out to take
    /// the cited source's `as_of`; a fact whose source is undated is undated.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<S>,
    /// The year or date range the policy applied, when it differs from `as_of`
    /// (for a survey's answer: the survey year).
    pub period: Option<RawEffective>,
    /// The id of a later fact (same state, same dimension) that replaces this one.
    /// The fact stays visible as history; comparisons answer with the current value.
    #[schemars(with = "Option<String>")]
    pub superseded_by: Option<S>,
    /// A later source that replaces this fact without restating it.
    pub superseded_by_source: Option<RawCite>,
    /// `H` read in the cited source, `M` secondary or older source, `L` not re-read.
    pub confidence: Confidence,
    /// Set only for example content, not policy; says why.
    pub illustrative: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// Read in the cited source.
    H,
    /// Secondary or older source; re-check.
    M,
    /// Not re-read in a primary source.
    L,
}

#[derive(Debug, Deserialize, JsonSchema, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Providers,
    Billers,
    Families,
    Agencies,
    Advocates,
}

/// Front matter of `guidance/*.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGuidanceFront {
    /// The page's title and its only level-1 heading.
    pub title: String,
    /// One or two sentences, shown in lists and as the page description.
    pub summary: Option<String>,
    /// Who the document is for; at least one.
    pub audience: Vec<Audience>,
    /// Subjects it covers.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub topics: Vec<S>,
    /// When the document was written or last revised.
    #[schemars(with = "String")]
    pub published: S,
    /// The date the content is current to.
    #[schemars(with = "String")]
    pub as_of: S,
    /// Sources, listed at the end of the page.
    #[serde(default)]
    pub cites: Vec<RawCite>,
    /// Set only for example content, not policy; says why.
    pub illustrative: Option<String>,
}

/// `national/sources.yaml`: sources cited by national files.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSourcesFile {
    /// Every national source, by id.
    pub sources: Vec<RawSource>,
}
