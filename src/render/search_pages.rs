//! The search pages (`/search/`, `/<st>/search/`) and each state's A-Z index
//! (`/<st>/index/`), the plain-HTML list of every code and service that a
//! search page offers when JavaScript is off.

use std::collections::BTreeMap;

use serde::Serialize;

use super::labels::{code_label, system_label};
use super::pages::{Ctx, one};
use super::view::Link;
use super::{Deferred, Linker, PageJob};
use crate::error::Result;
use crate::model::*;
use crate::search::{self, facets};

/// What the search page template needs; the script reads the `data_*`
/// values from the page and does the rest.
#[derive(Serialize)]
struct SearchView {
    /// `Oregon`, or `every state` on the national page.
    scope_name: String,
    /// `or`, or `national`.
    scope: String,
    /// The data to load: a state's file, or the national directory.
    data_href: String,
    /// Relative prefix to the site root, for the links the script makes.
    root: String,
    minisearch_href: String,
    script_href: String,
    /// The A-Z index of this state, or of every state on the national page.
    az: Vec<Link>,
    /// On a state's page, the national search page.
    national_href: Option<String>,
    /// Facet groups shown on this page, in order (state only nationally).
    groups: Vec<facets::Group>,
    examples: Vec<&'static str>,
}

/// Queries the search pages suggest; each finds something in any catalog
/// that bills these codes, and otherwise simply finds nothing.
const EXAMPLES: [&str; 5] = ["90791", "H2019-HA", "F43.10", "DC:0-5", "dyadic"];

fn search_page(cx: &Ctx<'_>, state: Option<&State>) -> Result<PageJob> {
    let c = cx.catalog;
    let (dir, scope, scope_name) = match state {
        Some(s) => (format!("{}/search/", s.code.as_str()), s.code.as_str().to_string(), s.name.clone()),
        None => ("search/".to_string(), search::NATIONAL.to_string(), "every state".to_string()),
    };
    let link = Linker::new(&dir);
    let az_link = |s: &State| Link { href: link.page(&format!("{}/index/", s.code.as_str())), text: s.name.clone() };
    let view = SearchView {
        scope_name: scope_name.clone(),
        data_href: match state {
            Some(s) => link.file(&search::Shard::path(s.code.as_str())),
            None => link.file("search/directory.js"),
        },
        scope,
        root: link.root.clone(),
        minisearch_href: link.file("static/minisearch/minisearch.js"),
        script_href: link.file("static/search.js"),
        az: match state {
            Some(s) => vec![az_link(s)],
            None => c.states.values().map(|s| az_link(s)).collect(),
        },
        national_href: state.map(|_| link.page("search/")),
        groups: facets::GROUPS.iter().filter(|g| state.is_none() || g.key != "st").copied().collect(),
        examples: EXAMPLES.to_vec(),
    };
    let (title, description) = match state {
        Some(s) => (
            format!("Search {}", s.name),
            format!("Search {}'s services, billing codes, diagnosis crosswalks, guidance and cited facts.", s.name),
        ),
        None => (
            "Search every state".to_string(),
            "Search every state's services, billing codes, diagnosis crosswalks, guidance and cited facts.".to_string(),
        ),
    };
    let crumbs = state.map(|s| vec![(format!("{}/", s.code.as_str()), s.name.clone())]).unwrap_or_default();
    let layout = cx.layout(&dir, title, description, state, crumbs, "search");
    PageJob::new(dir, "search.html", &layout, &view)
}

#[derive(Serialize)]
struct AzService {
    href: String,
    name: String,
    category: &'static str,
    codes: Vec<String>,
    illustrative: bool,
}

#[derive(Serialize)]
struct Letter {
    letter: String,
    id: String,
    services: Vec<AzService>,
}

/// One place a code is used: a service line or a crosswalk row.
#[derive(Serialize)]
struct CodeUse {
    href: String,
    text: String,
    /// `with modifier HA`, `DC:0-5: Autism Spectrum Disorder`, ...
    detail: Option<String>,
}

#[derive(Serialize)]
struct CodeEntry {
    code: String,
    id: String,
    uses: Vec<CodeUse>,
}

#[derive(Serialize)]
struct CodeGroup {
    system: &'static str,
    id: String,
    codes: Vec<CodeEntry>,
}

#[derive(Serialize)]
struct AzView {
    state_name: String,
    letters: Vec<Letter>,
    code_groups: Vec<CodeGroup>,
    search_href: String,
    has_cpt: bool,
    has_icd: bool,
}

/// Code systems in the order the A-Z index lists them (ICD-10-CM last).
const SYSTEM_ORDER: [CodeSystem; 3] = [CodeSystem::Cpt, CodeSystem::Hcpcs, CodeSystem::Local];

/// The first letter a name is filed under: A-Z, or `#` for anything else.
fn letter(name: &str) -> char {
    search::normalize::fold(name)
        .chars()
        .find(|c| c.is_alphanumeric())
        .filter(char::is_ascii_alphabetic)
        .map_or('#', |c| c.to_ascii_uppercase())
}

fn az_page(cx: &Ctx<'_>, s: &State) -> Result<PageJob> {
    let c = cx.catalog;
    let st = s.code.as_str();
    let dir = format!("{st}/index/");
    let link = Linker::new(&dir);
    let service_href = |svc: &Service| link.page(&format!("{st}/services/{}/", svc.id));

    let mut by_letter: BTreeMap<char, Vec<AzService>> = BTreeMap::new();
    for svc in s.services.values() {
        by_letter.entry(letter(&svc.name)).or_default().push(AzService {
            href: service_href(svc),
            name: svc.name.to_string(),
            category: super::labels::category_label(svc.category),
            codes: svc.billing.iter().map(code_label).collect(),
            illustrative: svc.illustrative.is_some(),
        });
    }
    let letters = by_letter
        .into_iter()
        .map(|(l, mut services)| {
            services.sort_by(|a, b| {
                search::normalize::fold(&a.name)
                    .cmp(&search::normalize::fold(&b.name))
                    .then_with(|| a.href.cmp(&b.href))
            });
            let id = if l == '#' { "letter-other".to_string() } else { format!("letter-{}", l.to_ascii_lowercase()) };
            Letter { letter: l.to_string(), id, services }
        })
        .collect();

    // Billing codes, by system then code; each with the lines that use it.
    let mut billing: BTreeMap<(usize, String), Vec<CodeUse>> = BTreeMap::new();
    for svc in s.services.values() {
        for b in &svc.billing {
            let order = match b.system {
                CodeSystem::Cpt => 0,
                CodeSystem::Hcpcs => 1,
                CodeSystem::Local => 2,
            };
            billing.entry((order, b.code.to_string())).or_default().push(CodeUse {
                href: service_href(svc),
                text: svc.name.to_string(),
                detail: (!b.modifiers.is_empty()).then(|| {
                    format!("with modifier{} {}", if b.modifiers.len() > 1 { "s" } else { "" }, b.modifiers.join(", "))
                }),
            });
        }
    }
    // ICD-10-CM codes of the crosswalks this state's site shows: the rows
    // that name them, then the services that accept them.
    let mut icd: BTreeMap<String, Vec<CodeUse>> = BTreeMap::new();
    for x in c.crosswalks_for(s) {
        for (i, row) in x.rows.iter().enumerate() {
            for code in &row.icd10cm {
                icd.entry(code.clone()).or_default().push(CodeUse {
                    href: format!("{}#row-{}", link.page(&format!("{st}/crosswalks/{}/", x.id)), i + 1),
                    text: x.title.clone(),
                    detail: Some(format!("DC:0-5: {}", row.dc05)),
                });
            }
        }
    }
    for svc in s.services.values() {
        let Some(x) = svc.diagnosis.as_ref().and_then(|d| d.crosswalk.as_ref()).and_then(|id| c.crosswalk(id)) else {
            continue;
        };
        let mut codes: Vec<&String> = x.rows.iter().flat_map(|r| r.icd10cm.iter()).collect();
        codes.sort();
        codes.dedup();
        for code in codes {
            icd.entry(code.clone()).or_default().push(CodeUse {
                href: service_href(svc),
                text: svc.name.to_string(),
                detail: Some("accepts this diagnosis through its crosswalk".into()),
            });
        }
    }
    let code_id = |code: &str| format!("code-{}", search::facets::slug(code));
    let mut by_system: BTreeMap<usize, Vec<CodeEntry>> = BTreeMap::new();
    for ((order, code), uses) in billing {
        by_system.entry(order).or_default().push(CodeEntry { id: code_id(&code), code, uses });
    }
    let mut code_groups: Vec<CodeGroup> = by_system
        .into_iter()
        .map(|(order, codes)| {
            let sys = SYSTEM_ORDER[order];
            CodeGroup { system: system_label(sys), id: format!("codes-{}", facets::system(sys)), codes }
        })
        .collect();
    if !icd.is_empty() {
        code_groups.push(CodeGroup {
            system: "ICD-10-CM",
            id: "codes-icd-10-cm".into(),
            codes: icd.into_iter().map(|(code, uses)| CodeEntry { id: code_id(&code), code, uses }).collect(),
        });
    }
    let view = AzView {
        state_name: s.name.clone(),
        letters,
        has_cpt: s.services.values().any(|x| x.billing.iter().any(|b| b.system == CodeSystem::Cpt)),
        has_icd: code_groups.iter().any(|g| g.system == "ICD-10-CM"),
        code_groups,
        search_href: link.page(&format!("{st}/search/")),
    };
    let layout = cx.layout(
        &dir,
        format!("A-Z index: {}", s.name),
        format!("Every service and billing or diagnosis code in the {} part of this guide, A to Z.", s.name),
        Some(s),
        vec![(format!("{st}/"), s.name.clone())],
        "az",
    );
    PageJob::new(dir, "az.html", &layout, &view)
}

/// The search pages and A-Z indexes, in a fixed order.
pub(super) fn deferred(cx: Ctx<'_>) -> Vec<Deferred<'_>> {
    let mut units = vec![one(move || search_page(&cx, None))];
    for s in cx.catalog.states.values().filter(|s| super::state_in_scope(&s.code)) {
        let s: &State = s;
        units.push(one(move || search_page(&cx, Some(s))));
        units.push(one(move || az_page(&cx, s)));
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_filed_by_their_first_letter() {
        assert_eq!(letter("Évaluation"), 'E');
        assert_eq!(letter("\"Dyadic\" care"), 'D');
        assert_eq!(letter("2-generation care"), '#');
    }
}
