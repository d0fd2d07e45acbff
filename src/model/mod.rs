//! Model: the validated catalog, typed, with relations held as ids.
//!
//! Invariant: a `Catalog` exists only if validation found no problem. Every id
//! is a safe slug, every reference resolves (a service's delivery systems and
//! crosswalk, every citation's source), and every code has the right syntax.
//! Later stages may rely on that and never re-check it. Leaf value types with
//! no references (limits, dyadic rules, ...) are shared with `load::raw`.

mod date;
mod ids;
mod text;

use std::collections::BTreeMap;

pub use date::PartialDate;
pub use ids::{
    CrosswalkId, DeliveryId, FactId, POSTAL_CODES, ServiceId, Slug, SourceId, StateCode, is_reserved_name, is_slug,
};
pub use text::{Interner, Text};

pub use crate::load::raw::{
    Audience, BilledUnder, Category, CodeSystem, Confidence, Dc05Status, DeliveryKind, Dimension, LimitKind, Period,
    RawDyadic as Dyadic, RawEpsdt as Epsdt, RawPriorAuth as PriorAuth, RawProgram as Program, SettingKind, Unit,
};

/// Where a file lives: the national folder or one state's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    National,
    State(StateCode),
}

#[derive(Debug)]
pub struct Catalog {
    pub national: National,
    /// Keyed and so ordered by postal code. Shared, so that `coverguide
    /// serve` keeps the model of a state whose files did not change.
    pub states: BTreeMap<StateCode, std::sync::Arc<State>>,
    /// `coverguide.toml`: branding, and which states the site has (already applied to `states`).
    pub site: crate::config::SiteConfig,
}

#[derive(Debug, Default, PartialEq)]
pub struct National {
    pub sources: BTreeMap<SourceId, Source>,
    pub content: ScopeContent,
}

/// What both the national folder and a state folder may hold.
#[derive(Debug, Default, PartialEq)]
pub struct ScopeContent {
    pub facts: Vec<Fact>,
    pub crosswalks: BTreeMap<CrosswalkId, Crosswalk>,
    pub guidance: BTreeMap<Slug, Guidance>,
}

#[derive(Debug, PartialEq)]
pub struct State {
    pub code: StateCode,
    pub name: String,
    pub programs: Vec<Program>,
    pub delivery_systems: Vec<DeliverySystem>,
    pub epsdt_summary: Option<String>,
    pub epsdt_cites: Vec<Cite>,
    pub agency: Option<Agency>,
    pub sources: BTreeMap<SourceId, Source>,
    pub services: BTreeMap<ServiceId, Service>,
    pub content: ScopeContent,
    /// Modifiers the state defines (U1-UD and any beyond the shipped ones).
    pub modifiers: Vec<StateModifier>,
    /// The state's billing lines grouped by code, made on first use
    /// ([`State::billing_index`]).
    pub billing_index: BillingIndex,
}

impl State {
    /// The state's billing lines grouped by code, in code order (CPT, then
    /// HCPCS, then local codes; by code within each), each code's lines in
    /// service and line order. Made once per `State` value and kept with it:
    /// `coverguide serve` keeps the states an edit did not touch (the same
    /// `Arc<State>`), so the national code pages, which group every state's
    /// lines, do not walk the lines of unchanged states again.
    pub fn billing_index(&self) -> &[CodeLines] {
        self.billing_index.0.get_or_init(|| {
            let mut by_code: std::collections::HashMap<(u8, &Text), Vec<(u32, u32)>> = std::collections::HashMap::new();
            for (s, service) in self.services.values().enumerate() {
                for (l, line) in service.billing.iter().enumerate() {
                    // Positions fit: a catalog file holds far fewer than 2^32 services or lines.
                    by_code.entry((code_order(line.system), &line.code)).or_default().push((s as u32, l as u32));
                }
            }
            let mut out: Vec<_> = by_code.into_iter().collect();
            out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            // The code's text is the lines' own, shared rather than copied.
            out.into_iter().map(|((order, code), lines)| CodeLines { order, code: code.clone(), lines }).collect()
        })
    }
}

/// Where a code system's codes come in code order: CPT, HCPCS, local.
pub fn code_order(system: CodeSystem) -> u8 {
    match system {
        CodeSystem::Cpt => 0,
        CodeSystem::Hcpcs => 1,
        CodeSystem::Local => 2,
    }
}

/// The lines of one billing code in a state: (position of the service in
/// `State::services`, position of the line in its `billing`).
#[derive(Debug, PartialEq)]
pub struct CodeLines {
    /// 0 for CPT, 1 for HCPCS, 2 for local codes.
    pub order: u8,
    pub code: Text,
    pub lines: Vec<(u32, u32)>,
}

/// A state's [`CodeLines`], made on first use. Derived from the state's
/// services, so it takes no part in comparing two states.
#[derive(Debug, Default)]
pub struct BillingIndex(std::sync::OnceLock<Vec<CodeLines>>);

impl PartialEq for BillingIndex {
    fn eq(&self, _: &BillingIndex) -> bool {
        true
    }
}

#[derive(Debug, PartialEq)]
pub struct StateModifier {
    pub code: String,
    pub meaning: String,
    pub cites: Vec<Cite>,
}

#[derive(Debug, PartialEq)]
pub struct Agency {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, PartialEq)]
pub struct DeliverySystem {
    pub id: DeliveryId,
    pub kind: DeliveryKind,
    pub name: String,
    pub note: Option<String>,
    pub cites: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub publisher: Option<String>,
    pub url: String,
    /// `None` for an undated source, shown as "undated".
    pub as_of: Option<PartialDate>,
    pub accessed: Option<PartialDate>,
}

/// A resolved citation: the source's id within `scope`, and where to look.
#[derive(Debug, Clone, PartialEq)]
pub struct Cite {
    pub scope: Scope,
    pub source: SourceId,
    pub locator: Option<String>,
}

#[derive(Debug, PartialEq)]
pub struct Service {
    pub id: ServiceId,
    pub name: Text,
    pub category: Category,
    pub description: String,
    pub illustrative: Option<Text>,
    pub age: Option<AgeRange>,
    pub billing: Vec<BillingLine>,
    pub billed_under: Option<BilledUnder>,
    // The sections most services leave out are boxed: absent, the four take
    // 32 bytes instead of 240 (a large catalog holds 50,000 services).
    pub dyadic: Option<Box<Dyadic>>,
    pub diagnosis: Option<Box<Diagnosis>>,
    pub providers: Vec<Provider>,
    pub settings: Vec<Setting>,
    pub telehealth: Option<Box<Telehealth>>,
    pub prior_authorization: Option<Box<PriorAuth>>,
    pub limits: Vec<Limit>,
    pub epsdt: Option<Epsdt>,
    pub delivery_systems: Vec<DeliveryId>,
    pub evidence_based_models: Vec<String>,
    pub effective: Option<Effective>,
    pub cites: Vec<Cite>,
}

/// Who may deliver a service (`load::raw::RawProvider`, its strings shared).
#[derive(Debug, PartialEq)]
pub struct Provider {
    pub kind: Text,
    pub credentials: Box<[Text]>,
    pub endorsement_required: Option<bool>,
    pub supervision: Option<Text>,
    pub note: Option<Text>,
}

/// Inclusive age range in months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeRange {
    pub min_months: u32,
    pub max_months: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Effective {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

#[derive(Debug, PartialEq)]
pub struct BillingLine {
    pub system: CodeSystem,
    pub code: Text,
    pub modifiers: Box<[Text]>,
    pub unit: Option<Unit>,
    pub rate: Option<Rate>,
    pub effective: Option<Effective>,
    pub note: Option<Text>,
}

#[derive(Debug, PartialEq)]
pub struct Rate {
    pub amount: Option<Text>,
    pub fee_schedule_url: Option<Text>,
    pub as_of: Option<PartialDate>,
}

#[derive(Debug, PartialEq)]
pub struct Diagnosis {
    pub required_before_treatment: Option<bool>,
    pub pre_diagnosis_sessions: Option<u32>,
    pub session_period: Option<Period>,
    pub dc05: Option<Dc05Status>,
    pub crosswalk: Option<CrosswalkId>,
    /// Diagnoses the service accepts, checked against [`crate::codes::icd10cm::latest`].
    pub icd10cm: Vec<DxSpec>,
    pub note: Option<String>,
}

/// An accepted ICD-10-CM diagnosis: one billable code, every billable code
/// under a header (`F43.1-`), or every billable code in a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DxSpec {
    Code(String),
    Family(String),
    Range(String, String),
}

impl DxSpec {
    /// Whether the billable code `code` is one this spec accepts.
    pub fn accepts(&self, code: &str) -> bool {
        match self {
            DxSpec::Code(c) => c == code,
            DxSpec::Family(f) => code.len() > f.len() && code.starts_with(f.as_str()),
            DxSpec::Range(lo, hi) => code >= lo.as_str() && (code <= hi.as_str() || code.starts_with(hi.as_str())),
        }
    }

    /// As the catalog writes it.
    pub fn label(&self) -> String {
        match self {
            DxSpec::Code(c) => c.clone(),
            DxSpec::Family(f) => format!("{f}-"),
            DxSpec::Range(lo, hi) => format!("{lo}-{hi}"),
        }
    }

    /// The billable codes it covers in `release`, in order.
    pub fn codes<'r>(&self, release: &'r crate::codes::icd10cm::Release) -> Vec<crate::codes::icd10cm::Code<'r>> {
        match self {
            DxSpec::Code(c) => release.lookup(c).into_iter().collect(),
            DxSpec::Family(f) => release.descendants(f).filter(|c| c.billable).collect(),
            DxSpec::Range(lo, hi) => release.range(lo, hi).collect(),
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct Setting {
    pub name: Text,
    pub kind: Option<SettingKind>,
    pub pos: Box<[Text]>,
    pub travel_reimbursed: Option<bool>,
    pub note: Option<Text>,
}

#[derive(Debug, PartialEq)]
pub struct Telehealth {
    pub allowed: Option<bool>,
    pub modifiers: Box<[Text]>,
    pub pos: Box<[Text]>,
    pub note: Option<String>,
}

#[derive(Debug, PartialEq)]
pub struct Limit {
    pub amount: u32,
    pub unit: Unit,
    pub period: Period,
    pub kind: LimitKind,
    pub epsdt_exception: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, PartialEq)]
pub struct Crosswalk {
    pub id: CrosswalkId,
    pub scope: Scope,
    pub title: String,
    pub publisher: String,
    /// The shipped release its codes were checked against.
    pub icd10cm_release: &'static crate::codes::icd10cm::Release,
    pub note: Option<String>,
    pub illustrative: Option<String>,
    pub cites: Vec<Cite>,
    pub rows: Vec<CrosswalkRow>,
}

#[derive(Debug, PartialEq)]
pub struct CrosswalkRow {
    pub dc05: String,
    pub dc05_category: Option<String>,
    pub dsm5: Option<String>,
    pub icd10_label: Option<String>,
    pub icd10cm: Vec<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Bool(bool),
    Int(i64),
    Text(String),
}

#[derive(Debug, PartialEq)]
pub struct Fact {
    pub id: FactId,
    pub dimension: Dimension,
    pub value: Option<FactValue>,
    pub statement: String,
    pub quote: Option<String>,
    pub scope_note: Option<String>,
    pub cite: Cite,
    /// The fact's own date, or its source's when the fact gives none;
    /// `None` when both are undated.
    pub as_of: Option<PartialDate>,
    /// The year or range the policy applied, when the catalog gives one.
    pub period: Option<Effective>,
    /// What replaces the fact, when a later fact or source does.
    pub superseded_by: Option<Superseded>,
    pub confidence: Confidence,
    pub illustrative: Option<String>,
}

/// What replaces a superseded fact.
#[derive(Debug, Clone, PartialEq)]
pub enum Superseded {
    /// A later fact of the same state and dimension.
    Fact(FactId),
    /// A later source that replaces the fact without restating it.
    Source(Cite),
}

#[derive(Debug, PartialEq)]
pub struct Guidance {
    pub slug: Slug,
    pub title: String,
    pub summary: Option<String>,
    pub audience: Vec<Audience>,
    pub topics: Vec<String>,
    pub published: PartialDate,
    pub as_of: PartialDate,
    pub cites: Vec<Cite>,
    pub illustrative: Option<String>,
    /// Markdown source, rendered by the render stage.
    pub body: String,
}

impl Catalog {
    /// Looks a citation's source up in its scope.
    pub fn source(&self, cite: &Cite) -> Option<&Source> {
        match &cite.scope {
            Scope::National => self.national.sources.get(&cite.source),
            Scope::State(code) => self.states.get(code).and_then(|s| s.sources.get(&cite.source)),
        }
    }

    /// The crosswalks a state's site shows: its own, and any other its
    /// services point at (usually national ones), ordered by id. This is what
    /// makes each state's site complete on its own.
    pub fn crosswalks_for<'a>(&'a self, state: &'a State) -> Vec<&'a Crosswalk> {
        let mut out: Vec<&Crosswalk> = state.content.crosswalks.values().collect();
        for svc in state.services.values() {
            if let Some(x) = svc.diagnosis.as_ref().and_then(|d| d.crosswalk.as_ref()).and_then(|id| self.crosswalk(id))
            {
                out.push(x);
            }
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out.dedup_by(|a, b| a.id == b.id);
        out
    }

    /// A crosswalk by id, wherever it lives.
    pub fn crosswalk(&self, id: &CrosswalkId) -> Option<&Crosswalk> {
        self.national
            .content
            .crosswalks
            .get(id)
            .or_else(|| self.states.values().find_map(|s| s.content.crosswalks.get(id)))
    }
}
