//! Views of the comparison: cells, tiles and legends in words, links made
//! relative to the page that shows them. The compare pages, the state home's
//! "at a glance" table and the compare page's embedded data all use these,
//! so a cell reads the same everywhere.

use serde::Serialize;

use super::labels::*;
use super::links::Linker;
use crate::compare::{self, Basis, Cell, Detail, Dim, Evidence, Kind, PolicyLevel, Status, Value};
use crate::model::*;

/// A dimension's name as pages show it.
pub fn dim_label(d: Dim) -> &'static str {
    dimension_label(d.fact_dimension())
}

/// The question a dimension answers, for its page.
pub fn dim_question(d: Dim) -> &'static str {
    match d {
        Dim::PreDiagnosisSessions => "How many assessment sessions may be billed before a diagnosis is required?",
        Dim::Dc05 => "Does the state require or allow the DC:0-5 classification for young children?",
        Dim::DyadicUnderChild => "Can dyadic (parent-child) treatment be billed under the child's Medicaid ID?",
        Dim::CaregiverScreeningUnderChild => {
            "Can a caregiver's (maternal) depression screening be billed under the child's Medicaid ID?"
        }
        Dim::HomeCommunitySettings => "Are services covered in the home and the community?",
        Dim::TravelReimbursed => "Is the clinician's travel to the home or community paid?",
        Dim::EndorsementRequired => {
            "Is an endorsement or credential beyond licensure required to bill for IECMH services?"
        }
        Dim::PriorAuthorization => "Is prior authorization required for outpatient IECMH services?",
        Dim::Telehealth => "May IECMH services be delivered by telehealth?",
        Dim::DeliverySystem => "Are IECMH services delivered fee-for-service, through managed care, or both?",
        Dim::SocialEmotionalScreening => {
            "Does Medicaid cover social-emotional screening of young children with a tool made for that purpose?"
        }
        Dim::CaregiverScreeningPolicy => {
            "Does the state's Medicaid policy require, recommend or allow caregiver (maternal) depression screening at well-child visits?"
        }
        Dim::WellChildVisitsFirstYear => {
            "How many EPSDT well-child screens does the state's schedule require in the first year of life?"
        }
        Dim::Dc05Crosswalk => "Does the state have, or its Medicaid use, a DC:0-5 to ICD-10 crosswalk?",
        Dim::DyadicTreatment => "Does Medicaid cover dyadic (parent-child) treatment?",
        Dim::GroupParenting => {
            "Does Medicaid cover group parenting programs focused on young children's mental health?"
        }
        Dim::IecmhConsultation => {
            "Does Medicaid pay for child-specific infant and early childhood mental health consultation?"
        }
        Dim::ChildCareSettings => {
            "May mental health services for young children be delivered in child care or early education settings?"
        }
    }
}

/// Which fields of the catalog answer a dimension, for its page.
pub fn dim_sources(d: Dim) -> &'static str {
    match d {
        Dim::PreDiagnosisSessions => {
            "Facts filed under this dimension, and each service's diagnosis.pre_diagnosis_sessions (with its period)."
        }
        Dim::Dc05 => "Facts filed under this dimension, and each service's diagnosis.dc05.",
        Dim::DyadicUnderChild => {
            "Facts filed under this dimension, and each dyadic service (category dyadic, or dyadic treatment allowed) that says whose Medicaid ID it is billed under: the child's (or either) is Yes, the caregiver's is No."
        }
        Dim::CaregiverScreeningUnderChild => {
            "Facts filed under this dimension, and each caregiver screening service that says whose Medicaid ID it is billed under: the child's (or either) is Yes, the caregiver's is No."
        }
        Dim::HomeCommunitySettings => {
            "Facts filed under this dimension, and each service with a setting of kind home or community, or with place of service 12 (Home). A service whose settings include neither says nothing either way."
        }
        Dim::TravelReimbursed => {
            "Facts filed under this dimension, and each service's settings: Yes when any setting has travel reimbursed, No when every setting that says anything says it is not."
        }
        Dim::EndorsementRequired => {
            "Facts filed under this dimension, and each service's providers: Yes when any provider needs an endorsement, No when every provider that says anything says none is needed."
        }
        Dim::PriorAuthorization => {
            "Facts filed under this dimension, and each service's prior_authorization (required, or required after a number of units)."
        }
        Dim::Telehealth => "Facts filed under this dimension, and each service's telehealth.allowed.",
        Dim::DeliverySystem => {
            "The delivery systems in the state's state.yaml. Facts filed under this dimension are free text: they are shown beside the answer, and are the answer only for a state with no delivery systems listed."
        }
        Dim::DyadicTreatment => {
            "Facts filed under this dimension, and each service that says whether dyadic treatment is allowed; a service of category dyadic that does not say counts as Yes."
        }
        Dim::ChildCareSettings => {
            "Facts filed under this dimension, and each service with a setting of kind child_care."
        }
        Dim::SocialEmotionalScreening
        | Dim::CaregiverScreeningPolicy
        | Dim::WellChildVisitsFirstYear
        | Dim::Dc05Crosswalk
        | Dim::GroupParenting
        | Dim::IecmhConsultation => "Facts filed under this dimension; no service field answers it.",
    }
}

/// A comparable value in words.
pub fn value_label(v: &Value) -> String {
    match v {
        Value::Bool(b) => yes_no(*b).to_string(),
        Value::Count(n) => n.to_string(),
        Value::Text(t) => t.clone(),
        Value::Dc05(d) => dc05_label(*d).to_string(),
        Value::Policy(p) => policy_label(*p).to_string(),
        Value::Delivery { managed_care: true, fee_for_service: true } => "Managed care and fee-for-service".into(),
        Value::Delivery { managed_care: true, fee_for_service: false } => "Managed care".into(),
        Value::Delivery { managed_care: false, fee_for_service: true } => "Fee-for-service".into(),
        Value::Delivery { .. } => NOT_DOCUMENTED.into(),
    }
}

/// The map class of a value: decides a tile's colour and legend entry.
pub fn value_class(v: &Value) -> &'static str {
    match v {
        Value::Bool(true) => "yes",
        Value::Bool(false) => "no",
        Value::Count(_) | Value::Text(_) => "value",
        Value::Dc05(Dc05Status::Required) => "required",
        Value::Dc05(Dc05Status::Allowed) => "allowed",
        Value::Dc05(Dc05Status::NotAddressed) => "silent",
        Value::Policy(PolicyLevel::Required) => "required",
        Value::Policy(PolicyLevel::Recommended) => "recommended",
        Value::Policy(PolicyLevel::Allowed) => "allowed",
        Value::Delivery { managed_care: true, fee_for_service: true } => "both",
        Value::Delivery { managed_care: true, .. } => "mc",
        Value::Delivery { .. } => "ffs",
    }
}

/// The short text on a map tile for a class (a value's own text for "value").
fn class_mark(class: &str) -> &'static str {
    match class {
        "yes" => "Yes",
        "no" => "No",
        "required" => "Req",
        "allowed" => "Allow",
        "recommended" => "Rec",
        "silent" => "Silent",
        "both" => "MC+FFS",
        "mc" => "MC",
        "ffs" => "FFS",
        "disagree" => "≠",
        "varies" => "Varies",
        "nd" => "—",
        _ => "",
    }
}

/// What a class means, for legends.
fn class_label(kind: Kind, class: &str) -> &'static str {
    match (kind, class) {
        (Kind::Policy, "required") => return "Screening required",
        (Kind::Policy, "recommended") => return "Screening recommended",
        (Kind::Policy, "allowed") => return "Screening allowed",
        _ => {}
    }
    match class {
        "yes" => "Yes",
        "no" => "No",
        "value" => "Documented (the tile shows the value)",
        "required" => "DC:0-5 required",
        "allowed" => "DC:0-5 allowed",
        "silent" => "DC:0-5 not addressed by the state",
        "both" => "Managed care and fee-for-service",
        "mc" => "Managed care",
        "ffs" => "Fee-for-service",
        "disagree" => "Sources disagree",
        "varies" => "Varies by service",
        "nd" => "Not documented in this catalog",
        _ => "Not in this catalog",
    }
}

/// The classes a dimension's legend lists, in order.
pub fn legend_classes(d: Dim) -> &'static [&'static str] {
    match d.kind() {
        Kind::YesNo => &["yes", "no", "disagree", "varies", "nd"],
        Kind::Number => &["value", "disagree", "varies", "nd"],
        Kind::Dc05 => &["required", "allowed", "silent", "disagree", "varies", "nd"],
        Kind::Policy => &["required", "recommended", "allowed", "disagree", "varies", "nd"],
        Kind::Delivery => &["both", "mc", "ffs", "value", "disagree", "nd"],
    }
}

/// The text on a tile: short, so it fits a square.
fn mark(class: &'static str, value: Option<&Value>) -> String {
    match (class, value) {
        ("value", Some(v)) => {
            let text = value_label(v);
            if text.chars().count() <= 6 { text } else { format!("{}…", text.chars().take(5).collect::<String>()) }
        }
        _ => class_mark(class).to_string(),
    }
}

/// A cell's answer in words: its value, or what stands in for one.
pub fn cell_words(s: &Status) -> String {
    match s {
        Status::NotDocumented => NOT_DOCUMENTED.to_string(),
        Status::Agreed(v) => value_label(v),
        Status::SourcesDisagree => "Sources disagree".to_string(),
        Status::VariesByService => "Varies by service".to_string(),
    }
}

pub fn status_key(s: &Status) -> &'static str {
    match s {
        Status::NotDocumented => "not_documented",
        Status::Agreed(_) => "documented",
        Status::SourcesDisagree => "sources_disagree",
        Status::VariesByService => "varies_by_service",
    }
}

/// A detail in words; `value` is the evidence's own value.
pub fn detail_label(d: &Detail<'_>, value: &Value) -> String {
    match d {
        Detail::Period(p) => format!("{} {}", value_label(value), period_label(*p)),
        Detail::Settings(names) => format!("Settings: {}", names.join("; ")),
        Detail::Providers(kinds) => format!("Providers: {}", kinds.join("; ")),
        Detail::AfterUnits(n) => format!("Required after {n} units"),
        Detail::DeliverySystems(names) => names.join("; "),
    }
}

#[derive(Serialize, Clone, PartialEq)]
pub struct SourceLink {
    pub title: String,
    pub url: String,
    pub as_of: String,
    pub locator: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct EvidenceView {
    pub value: String,
    /// False for context shown beside the answer, not compared with it.
    pub compared: bool,
    /// A fact replaced by a later fact or source, kept as history.
    pub superseded: bool,
    /// `fact`, `service` or `delivery_systems`.
    pub basis: &'static str,
    /// The fact's statement, the service's name, or the delivery systems' names.
    pub basis_text: String,
    /// The fact's row on the state home, the service page, or the state home.
    pub basis_href: String,
    pub scope: Option<String>,
    pub detail: Option<String>,
    pub sources: Vec<SourceLink>,
    pub as_of: String,
    pub confidence: Option<&'static str>,
    pub confidence_label: Option<&'static str>,
    pub illustrative: bool,
}

#[derive(Serialize, Clone)]
pub struct GroupView {
    pub value: String,
    /// The sources of every piece of evidence for this value, each once.
    pub sources: Vec<SourceLink>,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Serialize, Clone)]
pub struct CellView {
    /// Lower-case postal code.
    pub state: String,
    /// The dimension's catalog key.
    pub dimension: &'static str,
    /// `documented`, `not_documented`, `sources_disagree` or `varies_by_service`.
    pub status: &'static str,
    /// Map class: `yes`, `no`, `value`, `required`, ..., `disagree`, `varies`, `nd`.
    pub class: &'static str,
    /// The answer in words: the value, "Not documented", "Sources disagree" or "Varies by service".
    pub value: String,
    /// Short text for a map tile.
    pub mark: String,
    pub groups: Vec<GroupView>,
    /// Evidence shown beside the answer but not compared with it.
    pub context: Vec<EvidenceView>,
    /// The newest as-of date of the evidence, or "".
    pub as_of: String,
    pub illustrative: bool,
}

pub fn source_links(catalog: &Catalog, cites: &[&Cite]) -> Vec<SourceLink> {
    let mut out: Vec<SourceLink> = Vec::new();
    for c in cites {
        if let Some(s) = catalog.source(c) {
            let link = SourceLink {
                title: s.title.clone(),
                url: s.url.clone(),
                as_of: date_label(s.as_of),
                locator: c.locator.clone(),
            };
            if !out.iter().any(|x| x.url == link.url && x.title == link.title) {
                out.push(link);
            }
        }
    }
    out
}

/// One piece of evidence for a cell of the state `code`.
pub fn evidence_view(catalog: &Catalog, link: &Linker, code: &str, e: &Evidence<'_>) -> EvidenceView {
    let (basis, basis_text, basis_href, scope, confidence) = match e.basis {
        Basis::Fact(f) => (
            "fact",
            f.statement.clone(),
            format!("{}#fact-{}", link.page(&format!("{code}/")), f.id),
            f.scope_note.clone(),
            Some(f.confidence),
        ),
        Basis::Service(s) => {
            ("service", s.name.to_string(), link.page(&format!("{code}/services/{}/", s.id)), None, None)
        }
        Basis::DeliverySystems(_) => (
            "delivery_systems",
            "Delivery systems listed for the state".to_string(),
            format!("{}#programs-h", link.page(&format!("{code}/"))),
            None,
            None,
        ),
    };
    let mut sources = source_links(catalog, &e.cites);
    // A fact carries its own date, which may be older than its source's.
    if let (Basis::Fact(f), Some(link)) = (e.basis, sources.first_mut()) {
        link.as_of = date_label(f.as_of);
    }
    EvidenceView {
        value: value_label(&e.value),
        compared: e.compared,
        superseded: e.superseded,
        basis,
        basis_text,
        basis_href,
        scope,
        detail: e.detail.as_ref().map(|d| detail_label(d, &e.value)),
        sources,
        as_of: date_label(e.as_of),
        confidence: confidence.map(confidence_code),
        confidence_label: confidence.map(confidence_label),
        illustrative: e.illustrative,
    }
}

pub fn cell_view(catalog: &Catalog, link: &Linker, cell: &Cell<'_>) -> CellView {
    let value = cell_words(&cell.status);
    let class = match &cell.status {
        Status::NotDocumented => "nd",
        Status::Agreed(v) => value_class(v),
        Status::SourcesDisagree => "disagree",
        Status::VariesByService => "varies",
    };
    let agreed = match &cell.status {
        Status::Agreed(v) => Some(v),
        _ => None,
    };
    let code = cell.state.code.as_str();
    let views: Vec<EvidenceView> = cell.evidence.iter().map(|e| evidence_view(catalog, link, code, e)).collect();
    let groups = cell
        .groups()
        .into_iter()
        .map(|(value, list)| {
            let evidence: Vec<EvidenceView> = list
                .iter()
                .map(|e| {
                    let i = cell.evidence.iter().position(|x| std::ptr::eq(x, *e)).unwrap_or(0);
                    views[i].clone()
                })
                .collect();
            let mut sources: Vec<SourceLink> = Vec::new();
            for s in evidence.iter().flat_map(|e| &e.sources) {
                if !sources.iter().any(|x| x.url == s.url) {
                    sources.push(s.clone());
                }
            }
            GroupView { value: value_label(value), sources, evidence }
        })
        .collect();
    let context = cell.evidence.iter().zip(&views).filter(|(e, _)| !e.compared).map(|(_, v)| v.clone()).collect();
    CellView {
        state: code.to_string(),
        dimension: cell.dim.key(),
        status: status_key(&cell.status),
        class,
        mark: mark(class, agreed),
        value,
        groups,
        context,
        as_of: cell.evidence.iter().filter_map(|e| e.as_of).max().map(|d| d.to_string()).unwrap_or_default(),
        illustrative: cell.illustrative(),
    }
}

#[derive(Serialize)]
pub struct TileView {
    pub code: String,
    pub name: String,
    pub x: u32,
    pub y: u32,
    /// The tile's centre line, and the baselines of its two lines of text.
    pub cx: u32,
    pub code_y: u32,
    pub mark_y: u32,
    pub class: &'static str,
    pub mark: String,
    /// The tile's text alternative: state, answer, date.
    pub title: String,
    pub in_catalog: bool,
}

#[derive(Serialize)]
pub struct LegendItem {
    pub class: &'static str,
    pub mark: &'static str,
    pub label: &'static str,
    pub count: usize,
    /// The states in this class, by postal code.
    pub states: String,
}

pub const TILE: u32 = 52;
pub const GAP: u32 = 4;

/// The map's tiles for one dimension: every jurisdiction, in the catalog or not.
pub fn tiles(cells: &[(&State, CellView)]) -> Vec<TileView> {
    compare::tiles::TILES
        .iter()
        .map(|&(code, name, col, row)| {
            let x = u32::from(col) * (TILE + GAP);
            let y = u32::from(row) * (TILE + GAP);
            let (cx, code_y, mark_y) = (x + TILE / 2, y + 22, y + 40);
            match cells.iter().find(|(s, _)| s.code.as_str() == code) {
                Some((s, c)) => {
                    let mut title = format!("{} ({}): {}", s.name, s.code.upper(), c.value);
                    if c.groups.len() > 1 {
                        let values: Vec<&str> = c.groups.iter().map(|g| g.value.as_str()).collect();
                        title.push_str(&format!(" ({})", values.join(" / ")));
                    }
                    if !c.as_of.is_empty() {
                        title.push_str(&format!(", as of {}", c.as_of));
                    }
                    title.push('.');
                    TileView {
                        code: s.code.upper(),
                        name: s.name.clone(),
                        x,
                        y,
                        cx,
                        code_y,
                        mark_y,
                        class: c.class,
                        mark: c.mark.clone(),
                        title,
                        in_catalog: true,
                    }
                }
                None => TileView {
                    code: code.to_ascii_uppercase(),
                    name: name.to_string(),
                    x,
                    y,
                    cx,
                    code_y: y + TILE / 2 + 5,
                    mark_y,
                    class: "absent",
                    mark: String::new(),
                    title: format!("{name} ({}): not in this catalog.", code.to_ascii_uppercase()),
                    in_catalog: false,
                },
            }
        })
        .collect()
}

pub fn legend(d: Dim, cells: &[(&State, CellView)]) -> Vec<LegendItem> {
    legend_classes(d)
        .iter()
        .chain(std::iter::once(&"absent"))
        .filter_map(|&class| {
            let states: Vec<String> =
                cells.iter().filter(|(_, c)| c.class == class).map(|(s, _)| s.code.upper()).collect();
            let absent = compare::tiles::TILES.len() - cells.len();
            let count = if class == "absent" { absent } else { states.len() };
            // The free-text delivery answer only appears when a state has it.
            if class == "value" && d.kind() == Kind::Delivery && count == 0 {
                return None;
            }
            Some(LegendItem {
                class,
                mark: class_mark(class),
                label: class_label(d.kind(), class),
                count,
                states: states.join(", "),
            })
        })
        .collect()
}
