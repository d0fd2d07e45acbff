//! Compare: one value per state and policy dimension, derived from the
//! catalog, never typed twice.
//!
//! Pure and model-only: `compare(catalog)` reads the validated `Catalog` and
//! returns, for each state and each [`Dim`], a [`Cell`] holding every piece of
//! evidence the catalog has for it: facts filed under the dimension, the
//! services whose fields answer it, and the state's delivery systems. The
//! render and export stages only put these cells into words and files.
//!
//! Rules, in one place (docs/catalog-format.md, section 4, repeats them):
//! - A fact in the dimension is evidence with its own value, cite and date.
//! - A service is evidence when one of its fields answers the question (see
//!   [`service_value`]); it rests on the service's first cite.
//! - Delivery system comes from `state.yaml`'s delivery systems; facts in
//!   that dimension are free text, so they are compared only for a state with
//!   no delivery systems, and otherwise shown as context.
//! - A fact with `superseded_by` is history: shown with the cell, never
//!   compared, so the cell answers with the current value.
//! - No evidence is "not documented", which is not "no". Evidence with
//!   different values makes the cell "varies by service" when every value
//!   comes from a service, and "sources disagree" otherwise. Nothing is dropped.

pub mod tiles;

use crate::model::*;

/// The compared dimensions, in the order pages show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dim {
    SocialEmotionalScreening,
    CaregiverScreeningPolicy,
    CaregiverScreeningUnderChild,
    WellChildVisitsFirstYear,
    PreDiagnosisSessions,
    Dc05,
    Dc05Crosswalk,
    DyadicTreatment,
    DyadicUnderChild,
    GroupParenting,
    IecmhConsultation,
    HomeCommunitySettings,
    ChildCareSettings,
    TravelReimbursed,
    EndorsementRequired,
    PriorAuthorization,
    Telehealth,
    DeliverySystem,
}

pub const DIMS: [Dim; 18] = [
    Dim::SocialEmotionalScreening,
    Dim::CaregiverScreeningPolicy,
    Dim::CaregiverScreeningUnderChild,
    Dim::WellChildVisitsFirstYear,
    Dim::PreDiagnosisSessions,
    Dim::Dc05,
    Dim::Dc05Crosswalk,
    Dim::DyadicTreatment,
    Dim::DyadicUnderChild,
    Dim::GroupParenting,
    Dim::IecmhConsultation,
    Dim::HomeCommunitySettings,
    Dim::ChildCareSettings,
    Dim::TravelReimbursed,
    Dim::EndorsementRequired,
    Dim::PriorAuthorization,
    Dim::Telehealth,
    Dim::DeliverySystem,
];

/// What kind of answer a dimension takes: decides the map's legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    YesNo,
    Number,
    Dc05,
    /// Required, recommended or allowed.
    Policy,
    Delivery,
}

/// How strongly a state's policy asks for a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolicyLevel {
    Required,
    Recommended,
    Allowed,
}

impl PolicyLevel {
    pub const ALL: [PolicyLevel; 3] = [PolicyLevel::Required, PolicyLevel::Recommended, PolicyLevel::Allowed];

    /// The catalog's spelling.
    pub fn key(self) -> &'static str {
        match self {
            PolicyLevel::Required => "required",
            PolicyLevel::Recommended => "recommended",
            PolicyLevel::Allowed => "allowed",
        }
    }

    pub fn parse(s: &str) -> Option<PolicyLevel> {
        PolicyLevel::ALL.into_iter().find(|p| p.key() == s)
    }
}

/// A group of dimensions, for filtering the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Screening,
    Diagnosis,
    Treatment,
    Settings,
    Access,
}

impl Group {
    pub const ALL: [Group; 5] = [Group::Screening, Group::Diagnosis, Group::Treatment, Group::Settings, Group::Access];
}

impl Dim {
    /// The fact dimension that files facts under this one.
    pub fn fact_dimension(self) -> Dimension {
        match self {
            Dim::PreDiagnosisSessions => Dimension::PreDiagnosisSessions,
            Dim::Dc05 => Dimension::Dc05,
            Dim::DyadicUnderChild => Dimension::DyadicUnderChild,
            Dim::CaregiverScreeningUnderChild => Dimension::CaregiverScreeningUnderChild,
            Dim::HomeCommunitySettings => Dimension::HomeCommunitySettings,
            Dim::TravelReimbursed => Dimension::TravelReimbursed,
            Dim::EndorsementRequired => Dimension::EndorsementRequired,
            Dim::PriorAuthorization => Dimension::PriorAuthorization,
            Dim::Telehealth => Dimension::Telehealth,
            Dim::DeliverySystem => Dimension::DeliverySystem,
            Dim::ChildCareSettings => Dimension::ChildCareSettings,
            Dim::IecmhConsultation => Dimension::IecmhConsultation,
            Dim::GroupParenting => Dimension::GroupParenting,
            Dim::DyadicTreatment => Dimension::DyadicTreatment,
            Dim::Dc05Crosswalk => Dimension::Dc05Crosswalk,
            Dim::WellChildVisitsFirstYear => Dimension::WellChildVisitsFirstYear,
            Dim::CaregiverScreeningPolicy => Dimension::CaregiverScreeningPolicy,
            Dim::SocialEmotionalScreening => Dimension::SocialEmotionalScreening,
        }
    }

    /// The catalog's spelling (`pre_diagnosis_sessions`), used in data files.
    pub fn key(self) -> &'static str {
        match self {
            Dim::PreDiagnosisSessions => "pre_diagnosis_sessions",
            Dim::Dc05 => "dc05",
            Dim::DyadicUnderChild => "dyadic_under_child",
            Dim::CaregiverScreeningUnderChild => "caregiver_screening_under_child",
            Dim::HomeCommunitySettings => "home_community_settings",
            Dim::TravelReimbursed => "travel_reimbursed",
            Dim::EndorsementRequired => "endorsement_required",
            Dim::PriorAuthorization => "prior_authorization",
            Dim::Telehealth => "telehealth",
            Dim::DeliverySystem => "delivery_system",
            Dim::ChildCareSettings => "child_care_settings",
            Dim::IecmhConsultation => "iecmh_consultation",
            Dim::GroupParenting => "group_parenting",
            Dim::DyadicTreatment => "dyadic_treatment",
            Dim::Dc05Crosswalk => "dc05_crosswalk",
            Dim::WellChildVisitsFirstYear => "well_child_visits_first_year",
            Dim::CaregiverScreeningPolicy => "caregiver_screening_policy",
            Dim::SocialEmotionalScreening => "social_emotional_screening",
        }
    }

    /// The URL segment of the dimension's page (`pre-diagnosis-sessions`).
    pub fn slug(self) -> &'static str {
        match self {
            Dim::PreDiagnosisSessions => "pre-diagnosis-sessions",
            Dim::Dc05 => "dc05",
            Dim::DyadicUnderChild => "dyadic-under-child",
            Dim::CaregiverScreeningUnderChild => "caregiver-screening-under-child",
            Dim::HomeCommunitySettings => "home-community-settings",
            Dim::TravelReimbursed => "travel-reimbursed",
            Dim::EndorsementRequired => "endorsement-required",
            Dim::PriorAuthorization => "prior-authorization",
            Dim::Telehealth => "telehealth",
            Dim::DeliverySystem => "delivery-system",
            Dim::ChildCareSettings => "child-care-settings",
            Dim::IecmhConsultation => "iecmh-consultation",
            Dim::GroupParenting => "group-parenting",
            Dim::DyadicTreatment => "dyadic-treatment",
            Dim::Dc05Crosswalk => "dc05-crosswalk",
            Dim::WellChildVisitsFirstYear => "well-child-visits-first-year",
            Dim::CaregiverScreeningPolicy => "caregiver-screening-policy",
            Dim::SocialEmotionalScreening => "social-emotional-screening",
        }
    }

    /// The group the comparison files the dimension under.
    pub fn group(self) -> Group {
        match self {
            Dim::SocialEmotionalScreening
            | Dim::CaregiverScreeningPolicy
            | Dim::CaregiverScreeningUnderChild
            | Dim::WellChildVisitsFirstYear => Group::Screening,
            Dim::PreDiagnosisSessions | Dim::Dc05 | Dim::Dc05Crosswalk => Group::Diagnosis,
            Dim::DyadicTreatment | Dim::DyadicUnderChild | Dim::GroupParenting | Dim::IecmhConsultation => {
                Group::Treatment
            }
            Dim::HomeCommunitySettings | Dim::ChildCareSettings | Dim::TravelReimbursed => Group::Settings,
            Dim::EndorsementRequired | Dim::PriorAuthorization | Dim::Telehealth | Dim::DeliverySystem => Group::Access,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Dim::PreDiagnosisSessions | Dim::WellChildVisitsFirstYear => Kind::Number,
            Dim::Dc05 => Kind::Dc05,
            Dim::CaregiverScreeningPolicy => Kind::Policy,
            Dim::DeliverySystem => Kind::Delivery,
            _ => Kind::YesNo,
        }
    }
}

/// A comparable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    /// A whole number, e.g. sessions before a diagnosis is required.
    Count(u32),
    /// Free text, e.g. a range ("3 to 5") or a delivery-system fact.
    Text(String),
    Dc05(Dc05Status),
    Policy(PolicyLevel),
    Delivery {
        managed_care: bool,
        fee_for_service: bool,
    },
}

/// What a piece of evidence rests on.
#[derive(Debug, Clone, Copy)]
pub enum Basis<'a> {
    Fact(&'a Fact),
    Service(&'a Service),
    /// The state's `delivery_systems` in `state.yaml`.
    DeliverySystems(&'a State),
}

#[derive(Debug, Clone)]
pub struct Evidence<'a> {
    pub value: Value,
    /// False for context shown beside the value but not compared with it.
    pub compared: bool,
    /// A fact a later fact or source replaces: shown as history, never compared.
    pub superseded: bool,
    pub basis: Basis<'a>,
    /// The citations the evidence rests on, each resolving in the catalog.
    pub cites: Vec<&'a Cite>,
    /// The fact's own date, or the latest date of the cited sources.
    pub as_of: Option<PartialDate>,
    /// What the source says beyond the value, when that helps read it.
    pub detail: Option<Detail<'a>>,
    pub illustrative: bool,
}

/// The words behind a derived value, in model terms; render puts them in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail<'a> {
    /// The period a session count is over ("5 per calendar year").
    Period(Period),
    /// The settings that gave the value.
    Settings(Vec<&'a str>),
    /// The provider kinds that gave the value.
    Providers(Vec<&'a str>),
    /// Prior authorization after this many units.
    AfterUnits(u32),
    /// The delivery systems' names.
    DeliverySystems(Vec<&'a str>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    NotDocumented,
    Agreed(Value),
    /// Different values, at least one of them from a fact or `state.yaml`.
    SourcesDisagree,
    /// Different values, every one of them from a service.
    VariesByService,
}

#[derive(Debug, Clone)]
pub struct Cell<'a> {
    pub state: &'a State,
    pub dim: Dim,
    pub status: Status,
    /// Newest first; compared evidence before context.
    pub evidence: Vec<Evidence<'a>>,
}

impl Cell<'_> {
    /// Each distinct compared value with its evidence, newest value first.
    pub fn groups(&self) -> Vec<(&Value, Vec<&Evidence<'_>>)> {
        let mut out: Vec<(&Value, Vec<&Evidence<'_>>)> = Vec::new();
        for e in self.evidence.iter().filter(|e| e.compared) {
            match out.iter_mut().find(|(v, _)| **v == e.value) {
                Some((_, list)) => list.push(e),
                None => out.push((&e.value, vec![e])),
            }
        }
        out
    }

    /// Context evidence: shown with the cell, not compared.
    pub fn context(&self) -> impl Iterator<Item = &Evidence<'_>> {
        self.evidence.iter().filter(|e| !e.compared)
    }

    pub fn illustrative(&self) -> bool {
        self.evidence.iter().any(|e| e.illustrative)
    }
}

/// One state's cells, in [`DIMS`] order.
pub fn state_cells<'a>(catalog: &'a Catalog, state: &'a State) -> Vec<Cell<'a>> {
    DIMS.iter().map(|&d| cell(catalog, state, d)).collect()
}

/// Every state's cells, states in postal-code order.
pub fn compare(catalog: &Catalog) -> Vec<(&State, Vec<Cell<'_>>)> {
    use rayon::prelude::*;
    let states: Vec<&State> = catalog.states.values().map(|s| &**s).collect();
    states.into_par_iter().with_max_len(1).map(|s| (s, state_cells(catalog, s))).collect()
}

/// The cell for one state and dimension.
pub fn cell<'a>(catalog: &'a Catalog, state: &'a State, dim: Dim) -> Cell<'a> {
    let mut evidence = Vec::new();
    for f in state.content.facts.iter().filter(|f| f.dimension == dim.fact_dimension()) {
        if let Some(value) = f.value.as_ref().and_then(|v| fact_value(dim, v)) {
            let superseded = f.superseded_by.is_some();
            evidence.push(Evidence {
                value,
                compared: !superseded,
                superseded,
                basis: Basis::Fact(f),
                cites: vec![&f.cite],
                as_of: f.as_of,
                detail: None,
                illustrative: f.illustrative.is_some(),
            });
        }
    }
    for svc in state.services.values() {
        if let Some((value, detail)) = service_value(dim, svc) {
            let cites: Vec<&Cite> = svc.cites.iter().take(1).collect();
            evidence.push(Evidence {
                value,
                compared: true,
                superseded: false,
                basis: Basis::Service(svc),
                as_of: latest(catalog, &cites),
                cites,
                detail,
                illustrative: svc.illustrative.is_some(),
            });
        }
    }
    if dim == Dim::DeliverySystem && !state.delivery_systems.is_empty() {
        // state.yaml is the structured answer; free-text facts become context.
        for e in &mut evidence {
            e.compared = false;
        }
        let has = |k| state.delivery_systems.iter().any(|d| d.kind == k);
        let mut cites: Vec<&Cite> = Vec::new();
        for c in state.delivery_systems.iter().flat_map(|d| &d.cites) {
            if !cites.iter().any(|x| x.scope == c.scope && x.source == c.source) {
                cites.push(c);
            }
        }
        let names: Vec<&str> = state.delivery_systems.iter().map(|d| d.name.as_str()).collect();
        evidence.push(Evidence {
            value: Value::Delivery {
                managed_care: has(DeliveryKind::ManagedCare),
                fee_for_service: has(DeliveryKind::FeeForService),
            },
            compared: true,
            superseded: false,
            basis: Basis::DeliverySystems(state),
            as_of: latest(catalog, &cites),
            cites,
            detail: Some(Detail::DeliverySystems(names)),
            illustrative: false,
        });
    }
    evidence.sort_by(|a, b| {
        b.compared
            .cmp(&a.compared)
            .then(b.as_of.cmp(&a.as_of))
            .then(basis_rank(&a.basis).cmp(&basis_rank(&b.basis)))
            .then(basis_id(&a.basis).cmp(basis_id(&b.basis)))
    });
    let status = status(&evidence);
    Cell { state, dim, status, evidence }
}

fn status(evidence: &[Evidence<'_>]) -> Status {
    let compared: Vec<&Evidence<'_>> = evidence.iter().filter(|e| e.compared).collect();
    let Some(first) = compared.first() else { return Status::NotDocumented };
    if compared.iter().all(|e| e.value == first.value) {
        Status::Agreed(first.value.clone())
    } else if compared.iter().all(|e| matches!(e.basis, Basis::Service(_))) {
        Status::VariesByService
    } else {
        Status::SourcesDisagree
    }
}

fn basis_rank(b: &Basis<'_>) -> u8 {
    match b {
        Basis::Fact(_) => 0,
        Basis::DeliverySystems(_) => 1,
        Basis::Service(_) => 2,
    }
}

/// The id of what the evidence rests on: a fact or service id, or the state code.
pub fn basis_id<'a>(b: &Basis<'a>) -> &'a str {
    match b {
        Basis::Fact(f) => f.id.as_str(),
        Basis::Service(s) => s.id.as_str(),
        Basis::DeliverySystems(s) => s.code.as_str(),
    }
}

/// The latest as-of date among the cited sources.
fn latest(catalog: &Catalog, cites: &[&Cite]) -> Option<PartialDate> {
    cites.iter().filter_map(|c| catalog.source(c)).filter_map(|s| s.as_of).max()
}

/// A fact's value as a comparable value. Validation has checked the type
/// each dimension takes, so a mismatch cannot occur; it yields `None`.
pub fn fact_value(dim: Dim, v: &FactValue) -> Option<Value> {
    match (dim.kind(), v) {
        (Kind::YesNo, FactValue::Bool(b)) => Some(Value::Bool(*b)),
        (Kind::Number, FactValue::Int(n)) => {
            Some(u32::try_from(*n).map_or_else(|_| Value::Text(n.to_string()), Value::Count))
        }
        // A quoted number ("5") means the same as 5.
        (Kind::Number, FactValue::Text(t)) => {
            Some(t.trim().parse::<u32>().map_or_else(|_| Value::Text(t.clone()), Value::Count))
        }
        (Kind::Dc05, FactValue::Text(t)) => match t.as_str() {
            "required" => Some(Value::Dc05(Dc05Status::Required)),
            "allowed" => Some(Value::Dc05(Dc05Status::Allowed)),
            "not_addressed" => Some(Value::Dc05(Dc05Status::NotAddressed)),
            _ => None,
        },
        (Kind::Policy, FactValue::Text(t)) => PolicyLevel::parse(t).map(Value::Policy),
        (Kind::Delivery, FactValue::Text(t)) => Some(Value::Text(t.clone())),
        (Kind::Delivery, FactValue::Bool(b)) => Some(Value::Text(b.to_string())),
        (Kind::Delivery, FactValue::Int(n)) => Some(Value::Text(n.to_string())),
        _ => None,
    }
}

/// Whether a setting is in the home or the community: its `kind` says so,
/// or it lists place of service 12 (Home).
pub fn home_or_community(s: &Setting) -> bool {
    matches!(s.kind, Some(SettingKind::Home | SettingKind::Community)) || s.pos.iter().any(|p| p == "12")
}

/// What one service says about a dimension, with words that add to the value.
///
/// - sessions: `diagnosis.pre_diagnosis_sessions`;
/// - DC:0-5: `diagnosis.dc05`;
/// - dyadic under the child's ID: a dyadic service (category `dyadic`, or
///   `dyadic.allowed: true`) with `billed_under` set: `child` or `either` is
///   yes, `caregiver` is no;
/// - caregiver screening under the child's ID: the same, for category
///   `caregiver_screening`;
/// - home and community: yes when a setting is in the home or community
///   ([`home_or_community`]); a list without one says nothing, since a
///   service's settings are not an exhaustive list of where it may happen;
/// - travel: yes when any setting has `travel_reimbursed: true`, no when the
///   settings that say anything all say `false`;
/// - endorsement: yes when any provider has `endorsement_required: true`, no
///   when those that say anything all say `false`;
/// - prior authorization: `prior_authorization.required`, or yes when only
///   `after_units` is given;
/// - telehealth: `telehealth.allowed`;
/// - dyadic treatment covered: `dyadic.allowed`, or yes for a service of
///   category `dyadic` that does not say;
/// - child care settings: yes when a setting has kind `child_care`.
///
/// The other dimensions (screening policies, crosswalks, consultation, group
/// parenting, well-child visits) are answered by facts only.
pub fn service_value(dim: Dim, svc: &Service) -> Option<(Value, Option<Detail<'_>>)> {
    let dx = svc.diagnosis.as_ref();
    let under_child = |b: BilledUnder| Value::Bool(matches!(b, BilledUnder::Child | BilledUnder::Either));
    let any_all = |vals: Vec<bool>| -> Option<Value> {
        if vals.is_empty() { None } else { Some(Value::Bool(vals.iter().any(|v| *v))) }
    };
    match dim {
        Dim::PreDiagnosisSessions => {
            let n = dx?.pre_diagnosis_sessions?;
            Some((Value::Count(n), dx?.session_period.map(Detail::Period)))
        }
        Dim::Dc05 => Some((Value::Dc05(dx?.dc05?), None)),
        Dim::DyadicUnderChild => {
            let allowed = svc.dyadic.as_ref().and_then(|d| d.allowed);
            let dyadic = allowed == Some(true) || (svc.category == Category::Dyadic && allowed != Some(false));
            if dyadic { svc.billed_under.map(|b| (under_child(b), None)) } else { None }
        }
        Dim::CaregiverScreeningUnderChild => {
            if svc.category == Category::CaregiverScreening {
                svc.billed_under.map(|b| (under_child(b), None))
            } else {
                None
            }
        }
        Dim::HomeCommunitySettings => {
            let names: Vec<&str> =
                svc.settings.iter().filter(|s| home_or_community(s)).map(|s| s.name.as_str()).collect();
            (!names.is_empty()).then_some((Value::Bool(true), Some(Detail::Settings(names))))
        }
        Dim::TravelReimbursed => {
            let said: Vec<&Setting> = svc.settings.iter().filter(|s| s.travel_reimbursed.is_some()).collect();
            let v = any_all(said.iter().filter_map(|s| s.travel_reimbursed).collect())?;
            let names: Vec<&str> = said
                .iter()
                .filter(|s| s.travel_reimbursed == Some(v == Value::Bool(true)))
                .map(|s| s.name.as_str())
                .collect();
            Some((v, Some(Detail::Settings(names))))
        }
        Dim::EndorsementRequired => {
            let said: Vec<&Provider> = svc.providers.iter().filter(|p| p.endorsement_required.is_some()).collect();
            let v = any_all(said.iter().filter_map(|p| p.endorsement_required).collect())?;
            let kinds: Vec<&str> = said
                .iter()
                .filter(|p| p.endorsement_required == Some(v == Value::Bool(true)))
                .map(|p| p.kind.as_str())
                .collect();
            Some((v, Some(Detail::Providers(kinds))))
        }
        Dim::PriorAuthorization => {
            let pa = svc.prior_authorization.as_ref()?;
            match (pa.required, pa.after_units) {
                (Some(false), _) => Some((Value::Bool(false), None)),
                (Some(true) | None, Some(n)) => Some((Value::Bool(true), Some(Detail::AfterUnits(n)))),
                (Some(true), None) => Some((Value::Bool(true), None)),
                (None, None) => None,
            }
        }
        Dim::Telehealth => svc.telehealth.as_ref()?.allowed.map(|b| (Value::Bool(b), None)),
        Dim::DyadicTreatment => {
            let allowed = svc.dyadic.as_ref().and_then(|d| d.allowed);
            match allowed {
                Some(b) => Some((Value::Bool(b), None)),
                None => (svc.category == Category::Dyadic).then_some((Value::Bool(true), None)),
            }
        }
        Dim::ChildCareSettings => {
            let names: Vec<&str> = svc
                .settings
                .iter()
                .filter(|s| s.kind == Some(SettingKind::ChildCare))
                .map(|s| s.name.as_str())
                .collect();
            (!names.is_empty()).then_some((Value::Bool(true), Some(Detail::Settings(names))))
        }
        // Facts only: no service field answers these.
        Dim::SocialEmotionalScreening
        | Dim::CaregiverScreeningPolicy
        | Dim::WellChildVisitsFirstYear
        | Dim::Dc05Crosswalk
        | Dim::GroupParenting
        | Dim::IecmhConsultation
        | Dim::DeliverySystem => None,
    }
}

#[cfg(test)]
mod tests;
