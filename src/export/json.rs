//! The JSON download: the catalog's own shape (national part, then states),
//! with every enum in its catalog spelling, every absent value `null`, and
//! each state's comparison cells. `coverguide-data.schema.json` describes it;
//! its serializable counterpart lives here, so the model derives nothing.

use serde::Serialize;

use super::keys;
use crate::compare::{self, Basis, Cell, DIMS, Value};
use crate::model::*;
use crate::render::labels::dimension_label;

pub const FORMAT: &str = "coverguide-data";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct Document<'a> {
    pub format: &'static str,
    pub format_version: u32,
    /// `all` for the whole guide, or the state's postal code.
    pub scope: String,
    pub dimensions: Vec<DimensionDef>,
    pub national: NationalPart<'a>,
    /// Each state's part is made as it is written, so a whole-guide download
    /// never holds every state's part at once.
    pub states: States<'a>,
}

/// The states of a [`Document`]: serialized as the list of their
/// [`StatePart`]s, each made by `part` when its turn comes.
pub struct States<'a> {
    /// Each state with its comparison cells.
    pub states: &'a [(&'a State, Vec<crate::compare::Cell<'a>>)],
    pub part: fn(&'a State, &'a [crate::compare::Cell<'a>]) -> StatePart<'a>,
}

impl Serialize for States<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.states.len()))?;
        for (s, cells) in self.states {
            seq.serialize_element(&(self.part)(s, cells))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
pub struct DimensionDef {
    pub id: &'static str,
    pub label: &'static str,
    pub page: String,
}

#[derive(Serialize)]
pub struct NationalPart<'a> {
    pub sources: Vec<SourceOut<'a>>,
    pub facts: Vec<FactOut<'a>>,
    pub crosswalks: Vec<CrosswalkOut<'a>>,
}

#[derive(Serialize)]
pub struct SourceOut<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub url: &'a str,
    /// `null` for an undated source.
    pub as_of: Option<String>,
    pub accessed: Option<String>,
}

#[derive(Serialize)]
pub struct CiteOut<'a> {
    /// `national`, or the postal code of the state whose sources list holds it.
    pub scope: &'a str,
    pub source: &'a str,
    pub locator: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum ValueOut<'a> {
    Bool(bool),
    Int(i64),
    Text(&'a str),
}

#[derive(Serialize)]
pub struct FactOut<'a> {
    pub id: &'a str,
    pub dimension: &'static str,
    pub value: Option<ValueOut<'a>>,
    pub statement: &'a str,
    pub quote: Option<&'a str>,
    /// The fact's `scope` field: who or what it applies to.
    pub applies_to: Option<&'a str>,
    pub cite: CiteOut<'a>,
    /// `null` when the fact and its source are undated.
    pub as_of: Option<String>,
    /// The year or range the policy applied, when the catalog gives one.
    pub period: Option<EffectiveOut>,
    /// The id of the later fact that replaces this one, when one does.
    pub superseded_by: Option<&'a str>,
    /// A later source that replaces this fact without restating it.
    pub superseded_by_source: Option<CiteOut<'a>>,
    pub confidence: &'static str,
    pub illustrative: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CrosswalkOut<'a> {
    pub id: &'a str,
    /// `national`, or the postal code of the state folder it is filed in.
    pub scope: &'a str,
    pub title: &'a str,
    pub publisher: &'a str,
    pub icd10cm_release: &'a str,
    pub note: Option<&'a str>,
    pub illustrative: Option<&'a str>,
    pub cites: Vec<CiteOut<'a>>,
    pub rows: Vec<CrosswalkRowOut<'a>>,
}

#[derive(Serialize)]
pub struct CrosswalkRowOut<'a> {
    pub dc05: &'a str,
    pub dc05_category: Option<&'a str>,
    pub dsm5: Option<&'a str>,
    pub icd10_label: Option<&'a str>,
    pub icd10cm: &'a [String],
    pub notes: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StatePart<'a> {
    /// Upper case, as in `state.yaml`.
    pub state: String,
    pub name: &'a str,
    pub page: String,
    pub medicaid_programs: Vec<ProgramOut<'a>>,
    pub delivery_systems: Vec<DeliveryOut<'a>>,
    pub epsdt_summary: Option<&'a str>,
    pub epsdt_cites: Vec<CiteOut<'a>>,
    pub agency: Option<AgencyOut<'a>>,
    pub sources: Vec<SourceOut<'a>>,
    pub facts: Vec<FactOut<'a>>,
    pub crosswalks: Vec<CrosswalkOut<'a>>,
    pub services: Vec<ServiceOut<'a>>,
    pub comparison: Vec<CellOut<'a>>,
}

#[derive(Serialize)]
pub struct ProgramOut<'a> {
    pub name: &'a str,
    pub abbreviation: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct DeliveryOut<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub name: &'a str,
    pub note: Option<&'a str>,
    pub cites: Vec<CiteOut<'a>>,
}

#[derive(Serialize)]
pub struct AgencyOut<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ServiceOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub category: &'static str,
    pub description: &'a str,
    pub illustrative: Option<&'a str>,
    pub page: String,
    pub age: Option<AgeOut>,
    pub billing: Vec<BillingOut<'a>>,
    pub billed_under: Option<&'static str>,
    pub dyadic: Option<DyadicOut<'a>>,
    pub diagnosis: Option<DiagnosisOut<'a>>,
    pub providers: Vec<ProviderOut<'a>>,
    pub settings: Vec<SettingOut<'a>>,
    pub telehealth: Option<TelehealthOut<'a>>,
    pub prior_authorization: Option<PriorAuthOut<'a>>,
    pub limits: Vec<LimitOut<'a>>,
    pub epsdt: Option<EpsdtOut>,
    pub delivery_systems: Vec<&'a str>,
    pub evidence_based_models: &'a [String],
    pub effective: Option<EffectiveOut>,
    pub cites: Vec<CiteOut<'a>>,
}

#[derive(Serialize)]
pub struct AgeOut {
    pub min_months: u32,
    pub max_months: u32,
}

#[derive(Serialize)]
pub struct EffectiveOut {
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Serialize)]
pub struct BillingOut<'a> {
    pub system: &'static str,
    pub code: &'a str,
    pub modifiers: &'a [Text],
    pub unit: Option<&'static str>,
    pub rate: Option<RateOut<'a>>,
    pub effective: Option<EffectiveOut>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct RateOut<'a> {
    pub amount: Option<&'a str>,
    pub fee_schedule_url: Option<&'a str>,
    pub as_of: Option<String>,
}

#[derive(Serialize)]
pub struct DyadicOut<'a> {
    pub allowed: Option<bool>,
    pub caregiver_must_be_present: Option<bool>,
    pub caregiver_medicaid_required: Option<bool>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct DiagnosisOut<'a> {
    pub required_before_treatment: Option<bool>,
    pub pre_diagnosis_sessions: Option<u32>,
    pub session_period: Option<&'static str>,
    pub dc05: Option<&'static str>,
    pub crosswalk: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ProviderOut<'a> {
    pub kind: &'a str,
    pub credentials: &'a [Text],
    pub endorsement_required: Option<bool>,
    pub supervision: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SettingOut<'a> {
    pub name: &'a str,
    pub kind: Option<&'static str>,
    pub pos: &'a [Text],
    pub travel_reimbursed: Option<bool>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TelehealthOut<'a> {
    pub allowed: Option<bool>,
    pub modifiers: &'a [Text],
    pub pos: &'a [Text],
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct PriorAuthOut<'a> {
    pub required: Option<bool>,
    pub after_units: Option<u32>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct LimitOut<'a> {
    pub amount: u32,
    pub unit: &'static str,
    pub period: &'static str,
    pub kind: &'static str,
    pub epsdt_exception: Option<bool>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct EpsdtOut {
    pub state_plan_service: Option<bool>,
    pub epsdt_only: Option<bool>,
}

#[derive(Serialize)]
pub struct CellOut<'a> {
    pub dimension: &'static str,
    /// `documented`, `not_documented`, `sources_disagree` or `varies_by_service`.
    pub status: &'static str,
    /// The agreed value when `documented`, else `null`.
    pub value: Option<CellValue<'a>>,
    pub evidence: Vec<EvidenceOut<'a>>,
}

/// A compared value in JSON terms: yes/no as a boolean, a count as a number,
/// DC:0-5 and delivery as their catalog words, other text as written.
#[derive(Serialize)]
#[serde(untagged)]
pub enum CellValue<'a> {
    Bool(bool),
    Count(u32),
    Text(&'a str),
}

#[derive(Serialize)]
pub struct EvidenceOut<'a> {
    pub value: CellValue<'a>,
    /// False for context shown beside the answer and not compared with it.
    pub compared: bool,
    /// `fact`, `service` or `delivery_systems`.
    pub basis: &'static str,
    /// The fact or service id; the state's postal code for delivery systems.
    pub id: &'a str,
    pub cites: Vec<CiteOut<'a>>,
    pub as_of: Option<String>,
    pub illustrative: bool,
}

pub fn cite(c: &Cite) -> CiteOut<'_> {
    CiteOut { scope: keys::scope(&c.scope), source: c.source.as_str(), locator: c.locator.as_deref() }
}

fn cites(list: &[Cite]) -> Vec<CiteOut<'_>> {
    list.iter().map(cite).collect()
}

pub fn source(s: &Source) -> SourceOut<'_> {
    SourceOut {
        id: s.id.as_str(),
        title: &s.title,
        publisher: s.publisher.as_deref(),
        url: &s.url,
        as_of: s.as_of.map(|d| d.to_string()),
        accessed: s.accessed.map(|d| d.to_string()),
    }
}

pub fn fact(f: &Fact) -> FactOut<'_> {
    FactOut {
        id: f.id.as_str(),
        dimension: keys::dimension(f.dimension),
        value: f.value.as_ref().map(|v| match v {
            FactValue::Bool(b) => ValueOut::Bool(*b),
            FactValue::Int(i) => ValueOut::Int(*i),
            FactValue::Text(t) => ValueOut::Text(t),
        }),
        statement: &f.statement,
        quote: f.quote.as_deref(),
        applies_to: f.scope_note.as_deref(),
        cite: cite(&f.cite),
        as_of: f.as_of.map(|d| d.to_string()),
        period: effective(f.period),
        superseded_by: match &f.superseded_by {
            Some(Superseded::Fact(id)) => Some(id.as_str()),
            _ => None,
        },
        superseded_by_source: match &f.superseded_by {
            Some(Superseded::Source(c)) => Some(cite(c)),
            _ => None,
        },
        confidence: keys::confidence(f.confidence),
        illustrative: f.illustrative.as_deref(),
    }
}

pub fn crosswalk(c: &Crosswalk) -> CrosswalkOut<'_> {
    CrosswalkOut {
        id: c.id.as_str(),
        scope: keys::scope(&c.scope),
        title: &c.title,
        publisher: &c.publisher,
        icd10cm_release: c.icd10cm_release.name,
        note: c.note.as_deref(),
        illustrative: c.illustrative.as_deref(),
        cites: cites(&c.cites),
        rows: c
            .rows
            .iter()
            .map(|r| CrosswalkRowOut {
                dc05: &r.dc05,
                dc05_category: r.dc05_category.as_deref(),
                dsm5: r.dsm5.as_deref(),
                icd10_label: r.icd10_label.as_deref(),
                icd10cm: &r.icd10cm,
                notes: r.notes.as_deref(),
            })
            .collect(),
    }
}

fn effective(e: Option<Effective>) -> Option<EffectiveOut> {
    e.map(|e| EffectiveOut { from: e.from.map(|d| d.to_string()), to: e.to.map(|d| d.to_string()) })
}

pub fn service<'a>(state: &State, s: &'a Service) -> ServiceOut<'a> {
    ServiceOut {
        id: s.id.as_str(),
        name: &s.name,
        category: keys::category(s.category),
        description: &s.description,
        illustrative: s.illustrative.as_deref(),
        page: format!("{}/services/{}/", state.code.as_str(), s.id),
        age: s.age.map(|a| AgeOut { min_months: a.min_months, max_months: a.max_months }),
        billing: s
            .billing
            .iter()
            .map(|b| BillingOut {
                system: keys::system(b.system),
                code: &b.code,
                modifiers: &b.modifiers,
                unit: b.unit.map(keys::unit),
                rate: b.rate.as_ref().map(|r| RateOut {
                    amount: r.amount.as_deref(),
                    fee_schedule_url: r.fee_schedule_url.as_deref(),
                    as_of: r.as_of.map(|d| d.to_string()),
                }),
                effective: effective(b.effective),
                note: b.note.as_deref(),
            })
            .collect(),
        billed_under: s.billed_under.map(keys::billed_under),
        dyadic: s.dyadic.as_ref().map(|d| DyadicOut {
            allowed: d.allowed,
            caregiver_must_be_present: d.caregiver_must_be_present,
            caregiver_medicaid_required: d.caregiver_medicaid_required,
            note: d.note.as_deref(),
        }),
        diagnosis: s.diagnosis.as_ref().map(|d| DiagnosisOut {
            required_before_treatment: d.required_before_treatment,
            pre_diagnosis_sessions: d.pre_diagnosis_sessions,
            session_period: d.session_period.map(keys::period),
            dc05: d.dc05.map(keys::dc05),
            crosswalk: d.crosswalk.as_ref().map(|c| c.as_str()),
            note: d.note.as_deref(),
        }),
        providers: s
            .providers
            .iter()
            .map(|p| ProviderOut {
                kind: &p.kind,
                credentials: &p.credentials,
                endorsement_required: p.endorsement_required,
                supervision: p.supervision.as_deref(),
                note: p.note.as_deref(),
            })
            .collect(),
        settings: s
            .settings
            .iter()
            .map(|x| SettingOut {
                name: &x.name,
                kind: x.kind.map(keys::setting_kind),
                pos: &x.pos,
                travel_reimbursed: x.travel_reimbursed,
                note: x.note.as_deref(),
            })
            .collect(),
        telehealth: s.telehealth.as_ref().map(|t| TelehealthOut {
            allowed: t.allowed,
            modifiers: &t.modifiers,
            pos: &t.pos,
            note: t.note.as_deref(),
        }),
        prior_authorization: s.prior_authorization.as_ref().map(|p| PriorAuthOut {
            required: p.required,
            after_units: p.after_units,
            note: p.note.as_deref(),
        }),
        limits: s
            .limits
            .iter()
            .map(|l| LimitOut {
                amount: l.amount,
                unit: keys::unit(l.unit),
                period: keys::period(l.period),
                kind: keys::limit_kind(l.kind),
                epsdt_exception: l.epsdt_exception,
                note: l.note.as_deref(),
            })
            .collect(),
        epsdt: s
            .epsdt
            .as_ref()
            .map(|e| EpsdtOut { state_plan_service: e.state_plan_service, epsdt_only: e.epsdt_only }),
        delivery_systems: s.delivery_systems.iter().map(|d| d.as_str()).collect(),
        evidence_based_models: &s.evidence_based_models,
        effective: effective(s.effective),
        cites: cites(&s.cites),
    }
}

/// A compared value in the data files' terms (see [`CellValue`]).
pub fn cell_value(v: &Value) -> CellValue<'_> {
    match v {
        Value::Bool(b) => CellValue::Bool(*b),
        Value::Count(n) => CellValue::Count(*n),
        Value::Text(t) => CellValue::Text(t),
        Value::Dc05(d) => CellValue::Text(keys::dc05(*d)),
        Value::Policy(p) => CellValue::Text(p.key()),
        Value::Delivery { managed_care: true, fee_for_service: true } => {
            CellValue::Text("managed_care_and_fee_for_service")
        }
        Value::Delivery { managed_care: true, .. } => CellValue::Text("managed_care"),
        Value::Delivery { .. } => CellValue::Text("fee_for_service"),
    }
}

pub fn basis_key(b: &Basis<'_>) -> &'static str {
    match b {
        Basis::Fact(_) => "fact",
        Basis::Service(_) => "service",
        Basis::DeliverySystems(_) => "delivery_systems",
    }
}

pub fn cell<'a>(c: &'a Cell<'a>) -> CellOut<'a> {
    CellOut {
        dimension: c.dim.key(),
        status: crate::render::status_key(&c.status),
        value: match &c.status {
            compare::Status::Agreed(v) => Some(cell_value(v)),
            _ => None,
        },
        evidence: c
            .evidence
            .iter()
            .map(|e| EvidenceOut {
                value: cell_value(&e.value),
                compared: e.compared,
                basis: basis_key(&e.basis),
                id: compare::basis_id(&e.basis),
                cites: e.cites.iter().map(|c| cite(c)).collect(),
                as_of: e.as_of.map(|d| d.to_string()),
                illustrative: e.illustrative,
            })
            .collect(),
    }
}

pub fn dimensions() -> Vec<DimensionDef> {
    DIMS.iter()
        .map(|d| DimensionDef {
            id: d.key(),
            label: dimension_label(d.fact_dimension()),
            page: format!("compare/{}/", d.slug()),
        })
        .collect()
}
