//! View structs: the only data templates see.
//!
//! Each page gets a small, flat, `Serialize` struct with every link already
//! resolved relative to that page and every value already in words, so
//! templates hold layout only and never reach into the model.

use serde::Serialize;

use super::labels::*;
use super::links::Linker;
use crate::model::*;

#[derive(Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// What every page's layout needs.
#[derive(Serialize)]
pub struct Layout {
    pub title: String,
    pub description: String,
    /// Relative prefix from this page to the site root (`./`, `../`, ...).
    pub root: String,
    pub home_href: String,
    pub css_href: String,
    pub canonical: Option<String>,
    pub state: Option<StateNav>,
    pub crumbs: Vec<Link>,
    /// Which nav item is current: `home`, `services`, `sources`, ...
    pub current: &'static str,
    /// Branding from `coverguide.toml`, the same on every page.
    pub site: SiteView,
}

/// `coverguide.toml` as the header and footer show it.
#[derive(Serialize, Clone)]
pub struct SiteView {
    pub title: String,
    pub agency: Option<String>,
    /// From the site root (`brand/logo.svg`); templates prefix `layout.root`.
    pub logo_path: Option<String>,
    pub logo_alt: Option<String>,
    /// `#rrggbb`, contrast-checked, and its darker hover shade.
    pub accent: Option<String>,
    pub accent_dark: Option<String>,
    pub footer: Vec<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    /// `+13605550100`, for a `tel:` link.
    pub contact_phone_href: Option<String>,
    pub contact_url: Option<String>,
}

impl SiteView {
    pub fn new(c: &crate::config::SiteConfig) -> SiteView {
        SiteView {
            title: c.title.clone().unwrap_or_else(|| crate::config::DEFAULT_TITLE.to_string()),
            agency: c.agency.clone(),
            logo_path: c.logo.as_ref().map(|l| l.out_path.clone()),
            logo_alt: c.logo.as_ref().map(|l| l.alt.clone()),
            accent: c.accent.clone(),
            accent_dark: c.accent.as_deref().map(crate::config::accent_dark),
            footer: c.footer.as_deref().map(paragraphs).unwrap_or_default(),
            contact_email: c.contact.email.clone(),
            contact_phone: c.contact.phone.clone(),
            contact_phone_href: c
                .contact
                .phone
                .as_ref()
                .map(|p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()),
            contact_url: c.contact.url.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct StateNav {
    pub code: String,
    pub name: String,
    pub home_href: String,
    pub services_href: String,
    pub codes_href: String,
    pub sources_href: String,
    pub agency_name: Option<String>,
    pub agency_href: Option<String>,
}

#[derive(Serialize)]
pub struct CiteView {
    pub title: String,
    pub publisher: Option<String>,
    pub url: String,
    pub as_of: String,
    pub accessed: Option<String>,
    pub locator: Option<String>,
}

pub fn cite(catalog: &Catalog, c: &Cite) -> CiteView {
    // Validation guarantees every citation resolves; a miss here is a bug
    // upstream, shown rather than hidden.
    match catalog.source(c) {
        Some(s) => CiteView {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            as_of: date_label(s.as_of),
            accessed: s.accessed.map(|d| d.to_string()),
            locator: c.locator.clone(),
        },
        None => CiteView {
            title: format!("unresolved source {}", c.source),
            publisher: None,
            url: String::new(),
            as_of: String::new(),
            accessed: None,
            locator: None,
        },
    }
}

pub fn cites(catalog: &Catalog, list: &[Cite]) -> Vec<CiteView> {
    list.iter().map(|c| cite(catalog, c)).collect()
}

#[derive(Serialize)]
pub struct FactView {
    pub id: String,
    pub dimension: &'static str,
    pub value: String,
    pub statement: String,
    pub quote: Option<String>,
    pub scope: Option<String>,
    pub as_of: String,
    /// The period the policy applied ("2018", "2016 to 2018"), when given.
    pub period: Option<String>,
    /// What replaces the fact: a link to the later fact, or the later source.
    pub superseded: Option<SupersededView>,
    /// A state's fact read in a national (multi-state) source: the state's
    /// answer as that source reported it.
    pub reported: bool,
    pub confidence: &'static str,
    pub confidence_label: &'static str,
    pub illustrative: Option<String>,
    pub cite: CiteView,
}

#[derive(Serialize)]
pub struct SupersededView {
    /// `#fact-<id>` of the later fact, or the later source's URL.
    pub href: String,
    pub text: String,
}

/// A fact as its table shows it; `in_state` for a state's facts, whose
/// national cites are the state's answer as that source reported it.
pub fn fact(catalog: &Catalog, f: &Fact, in_state: bool) -> FactView {
    FactView {
        id: f.id.to_string(),
        dimension: dimension_label(f.dimension),
        value: match &f.value {
            // An `other` fact is a statement, not a comparable value.
            None if f.dimension == Dimension::Other => String::new(),
            None => "Not documented".to_string(),
            Some(FactValue::Bool(b)) => yes_no(*b).to_string(),
            Some(FactValue::Int(i)) => i.to_string(),
            Some(FactValue::Text(t)) => dc05_or_text(t),
        },
        statement: f.statement.clone(),
        quote: f.quote.clone(),
        scope: f.scope_note.clone(),
        as_of: date_label(f.as_of),
        period: f.period.map(period_range_label),
        superseded: f.superseded_by.as_ref().map(|s| match s {
            Superseded::Fact(id) => SupersededView { href: format!("#fact-{id}"), text: "a later fact".to_string() },
            Superseded::Source(c) => {
                let v = cite(catalog, c);
                SupersededView { text: format!("{}, as of {}", v.title, v.as_of), href: v.url }
            }
        }),
        reported: in_state && matches!(f.cite.scope, Scope::National),
        confidence: confidence_code(f.confidence),
        confidence_label: confidence_label(f.confidence),
        illustrative: f.illustrative.clone(),
        cite: cite(catalog, &f.cite),
    }
}

#[derive(Serialize)]
pub struct ServiceSummary {
    pub href: String,
    pub name: Text,
    pub category: &'static str,
    pub ages: String,
    pub codes: Vec<String>,
    pub illustrative: bool,
}

pub fn service_summary(s: &Service, link: &Linker, state: &StateCode) -> ServiceSummary {
    ServiceSummary {
        href: link.page(&format!("{}/services/{}/", state.as_str(), s.id)),
        name: s.name.clone(),
        category: category_label(s.category),
        ages: s.age.map_or_else(|| "Not documented".to_string(), age_label),
        codes: s.billing.iter().map(code_label).collect(),
        illustrative: s.illustrative.is_some(),
    }
}

#[derive(Serialize)]
pub struct CategoryGroup {
    pub id: &'static str,
    pub label: &'static str,
    pub services: Vec<ServiceSummary>,
}

#[derive(Serialize)]
pub struct GuidanceSummary {
    pub href: String,
    pub title: String,
    pub summary: Option<String>,
    pub as_of: String,
}

#[derive(Serialize)]
pub struct CrosswalkSummary {
    pub href: String,
    pub title: String,
    pub publisher: String,
    pub rows: usize,
}

#[derive(Serialize)]
pub struct StateSummary {
    pub href: String,
    pub code: String,
    pub name: String,
    pub services: usize,
    pub facts: usize,
    pub programs: String,
}

#[derive(Serialize)]
pub struct HomeView {
    pub states: Vec<StateSummary>,
    pub guidance: Vec<GuidanceSummary>,
    pub crosswalks: Vec<CrosswalkSummary>,
    pub facts: Vec<FactView>,
    pub sources_href: String,
    pub compare: super::compare_pages::HomeCompareView,
}

#[derive(Serialize)]
pub struct ProgramView {
    pub name: String,
    pub abbreviation: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub struct DeliveryView {
    pub name: String,
    pub kind: &'static str,
    pub note: Option<String>,
    pub cites: Vec<CiteView>,
}

#[derive(Serialize)]
pub struct StateView {
    pub code: String,
    pub name: String,
    pub programs: Vec<ProgramView>,
    pub delivery_systems: Vec<DeliveryView>,
    pub epsdt_summary: Vec<String>,
    pub epsdt_cites: Vec<CiteView>,
    pub categories: Vec<CategoryGroup>,
    pub facts: Vec<FactView>,
    pub guidance: Vec<GuidanceSummary>,
    pub crosswalks: Vec<CrosswalkSummary>,
    pub services_href: String,
    pub sources_href: String,
    pub compare: super::compare_pages::StateCompareView,
}

#[derive(Serialize)]
pub struct ServicesView {
    pub state_name: String,
    pub categories: Vec<CategoryGroup>,
}

#[derive(Serialize)]
pub struct Row {
    pub label: &'static str,
    pub value: String,
    /// True when the value is "Not documented", so it can be styled apart from "No".
    pub undocumented: bool,
}

#[derive(Serialize)]
pub struct BillingView {
    pub system: &'static str,
    pub code: Text,
    /// The state's page for this code.
    pub href: String,
    /// Each modifier with its meaning, for a tooltip-free explanation.
    pub modifier_meanings: String,
    pub modifiers: String,
    pub unit: String,
    pub rate: String,
    pub rate_url: Option<Text>,
    pub effective: String,
    pub note: Option<Text>,
}

#[derive(Serialize)]
pub struct SettingView {
    pub name: Text,
    pub pos: String,
    pub travel: String,
    pub note: Option<Text>,
}

#[derive(Serialize)]
pub struct ProviderView {
    pub kind: Text,
    pub credentials: String,
    pub endorsement: String,
    pub supervision: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Serialize)]
pub struct LimitView {
    pub limit: String,
    pub kind: &'static str,
    pub epsdt_exception: String,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub state_name: String,
    pub category: &'static str,
    pub description: Vec<String>,
    pub illustrative: Option<Text>,
    pub glance: Vec<Row>,
    pub billing: Vec<BillingView>,
    pub has_cpt: bool,
    pub dyadic: Vec<Row>,
    pub dyadic_note: Option<String>,
    pub diagnosis: Vec<Row>,
    pub diagnosis_note: Option<String>,
    pub crosswalk: Option<Link>,
    pub providers: Vec<ProviderView>,
    pub settings: Vec<SettingView>,
    pub telehealth: Vec<Row>,
    pub telehealth_note: Option<String>,
    pub prior_auth_note: Option<String>,
    pub limits: Vec<LimitView>,
    pub evidence_based_models: Vec<String>,
    pub cites: Vec<CiteView>,
}

#[derive(Serialize)]
pub struct GuidanceView {
    pub title: String,
    pub summary: Option<String>,
    pub audience: String,
    pub topics: String,
    pub published: String,
    pub as_of: String,
    pub illustrative: Option<String>,
    pub toc: Vec<crate::markdown::TocEntry>,
    /// Rendered by comrak with raw HTML disabled; the only `safe` value.
    pub body_html: String,
    pub cites: Vec<CiteView>,
}

#[derive(Serialize)]
pub struct CrosswalkRowView {
    pub dc05: String,
    pub dc05_category: Option<String>,
    pub dsm5: Option<String>,
    pub icd10_label: Option<String>,
    pub icd10cm: Vec<super::codes_view::IcdLink>,
    pub notes: Option<String>,
}

#[derive(Serialize)]
pub struct CrosswalkView {
    pub title: String,
    pub publisher: String,
    pub release: String,
    pub note: Option<String>,
    pub illustrative: Option<String>,
    pub rows: Vec<CrosswalkRowView>,
    pub cites: Vec<CiteView>,
    pub mentions_dc05: bool,
    /// The crosswalk as CSV, next to the page.
    pub csv_href: String,
    pub release_url: String,
}

#[derive(Serialize)]
pub struct SourceView {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub url: String,
    pub as_of: String,
    pub accessed: Option<String>,
}

#[derive(Serialize)]
pub struct SourcesView {
    pub scope_name: String,
    pub sources: Vec<SourceView>,
    pub national_note: Option<Link>,
}

pub fn source(s: &Source) -> SourceView {
    SourceView {
        id: s.id.to_string(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        url: s.url.clone(),
        as_of: date_label(s.as_of),
        accessed: s.accessed.map(|d| d.to_string()),
    }
}

/// Splits plain text into paragraphs on blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}
