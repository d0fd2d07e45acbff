//! Code pages: one per billing code a state uses (`/<st>/codes/<code>/`) and
//! per CPT or HCPCS code nationally (`/codes/<code>/`), one per ICD-10-CM
//! code the catalog names or a service accepts (`/<st>/icd10cm/<code>/`,
//! `/icd10cm/<code>/`), code indexes, and a CSV file per crosswalk page.
//!
//! Which ICD-10-CM codes a service accepts: the codes, families and ranges
//! its `diagnosis.icd10cm` lists, and, shown apart, the codes of the
//! crosswalk its `diagnosis.crosswalk` names.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::codes_view::*;
use super::labels::*;
use super::pages::Ctx;
use super::pages::one;
use super::parts::Part;
use super::view::{Link, cites};
use super::{Deferred, Linker, OutputFile, PageJob};
use crate::codes::{self as data, icd10cm::Release};
use crate::error::Result;
use crate::model::*;

/// A billing code as pages group it: by code set, then code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CodeKey<'a> {
    order: u8,
    pub code: &'a str,
}

impl<'a> CodeKey<'a> {
    fn of(b: &'a BillingLine) -> CodeKey<'a> {
        CodeKey { order: code_order(b.system), code: &b.code }
    }

    fn system(&self) -> &'static str {
        ["CPT", "HCPCS", "Local"][self.order as usize]
    }

    fn national(&self) -> bool {
        self.order < 2
    }

    /// The page folder's last segment. CPT and HCPCS codes never clash (a
    /// digit or a letter first); local codes get a prefix and lower case, so
    /// they can clash with neither, nor with each other on a case-blind disk.
    pub fn segment(&self) -> String {
        if self.national() { self.code.to_string() } else { format!("local-{}", self.code.to_ascii_lowercase()) }
    }
}

/// The folder of a billing code page: `al/codes/96110/` or `codes/96110/`.
pub fn code_dir(state: Option<&StateCode>, b: &BillingLine) -> String {
    let seg = CodeKey::of(b).segment();
    match state {
        Some(s) => format!("{}/codes/{seg}/", s.as_str()),
        None => format!("codes/{seg}/"),
    }
}

fn icd_dir(state: Option<&State>, code: &str) -> String {
    match state {
        Some(s) => format!("{}/icd10cm/{code}/", s.code.as_str()),
        None => format!("icd10cm/{code}/"),
    }
}

fn index_dir(state: Option<&State>) -> String {
    state.map_or_else(|| "codes/".to_string(), |s| format!("{}/codes/", s.code.as_str()))
}

struct Use<'a> {
    state: &'a State,
    service: &'a Service,
    line: &'a BillingLine,
}

/// Billing lines grouped by code, in code order; states in the order given,
/// and services in id order within a state. Made from each state's
/// [`State::billing_index`], for the codes `wanted` says yes to.
fn billing_uses<'a>(
    states: impl Iterator<Item = &'a State>,
    wanted: impl Fn(&CodeKey<'a>) -> bool,
) -> BTreeMap<CodeKey<'a>, Vec<Use<'a>>> {
    let mut out: BTreeMap<CodeKey<'a>, Vec<Use<'a>>> = BTreeMap::new();
    for state in states {
        let services: Vec<&Service> = state.services.values().collect();
        for c in state.billing_index() {
            let key = CodeKey { order: c.order, code: &c.code };
            if !wanted(&key) {
                continue;
            }
            out.entry(key).or_default().extend(c.lines.iter().map(|&(s, l)| {
                let service = services[s as usize];
                Use { state, service, line: &service.billing[l as usize] }
            }));
        }
    }
    out
}

/// Per billing code, in code order: the states that bill it (in the order
/// given) and how many services do. From the states' indexes alone, without
/// visiting a line (service ids are unique across the catalog, so the
/// states' counts add up).
fn code_counts<'a>(states: &[&'a State]) -> BTreeMap<CodeKey<'a>, (Vec<&'a StateCode>, usize)> {
    let mut out: BTreeMap<CodeKey<'a>, (Vec<&'a StateCode>, usize)> = BTreeMap::new();
    for state in states {
        for c in state.billing_index() {
            let (names, services) = out.entry(CodeKey { order: c.order, code: &c.code }).or_default();
            names.push(&state.code);
            // Lines come in service order: count where the service changes.
            *services += 1 + c.lines.windows(2).filter(|w| w[0].0 != w[1].0).count();
        }
    }
    out
}

/// The ICD-10-CM codes a scope has pages for, each with the crosswalk rows
/// that map to it and the services that accept it.
struct IcdIndex<'a> {
    codes: BTreeMap<String, IcdEntry<'a>>,
}

#[derive(Default)]
struct IcdEntry<'a> {
    rows: Vec<(&'a Crosswalk, usize)>,
    accepts: Vec<(&'a State, &'a Service, Accept<'a>)>,
}

enum Accept<'a> {
    Spec(&'a DxSpec),
    Crosswalk(&'a Crosswalk),
}

impl<'a> IcdIndex<'a> {
    fn build(catalog: &'a Catalog, states: &[&'a State], crosswalks: &[&'a Crosswalk]) -> IcdIndex<'a> {
        let latest = data::icd10cm::latest();
        let mut codes: BTreeMap<String, IcdEntry<'a>> = BTreeMap::new();
        for x in crosswalks {
            for (i, row) in x.rows.iter().enumerate() {
                for code in &row.icd10cm {
                    codes.entry(code.clone()).or_default().rows.push((x, i));
                }
            }
        }
        for &state in states {
            for svc in state.services.values() {
                let Some(dx) = &svc.diagnosis else { continue };
                for spec in &dx.icd10cm {
                    for c in spec.codes(latest) {
                        codes.entry(c.code.to_string()).or_default().accepts.push((state, svc, Accept::Spec(spec)));
                    }
                }
                if let Some(x) = dx.crosswalk.as_ref().and_then(|id| catalog.crosswalk(id)) {
                    let mut seen = BTreeSet::new();
                    for code in x.rows.iter().flat_map(|r| &r.icd10cm) {
                        if seen.insert(code) {
                            codes.entry(code.clone()).or_default().accepts.push((state, svc, Accept::Crosswalk(x)));
                        }
                    }
                }
            }
        }
        IcdIndex { codes }
    }
}

fn all_crosswalks(catalog: &Catalog) -> Vec<&Crosswalk> {
    let mut out: Vec<&Crosswalk> = catalog.national.content.crosswalks.values().collect();
    out.extend(catalog.states.values().flat_map(|s| s.content.crosswalks.values()));
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Every code page and code index of the site. The national pages share
/// indexes of every state's codes, made once; a state's pages are one unit.
pub(super) fn deferred(cx: Ctx<'_>) -> Vec<Deferred<'_>> {
    let c = cx.catalog;
    let mut units: Vec<Deferred<'_>> = Vec::new();
    let all_states: Vec<&State> = c.states.values().map(|s| &**s).collect();
    // Each state's index is made once, on the pool (a state that an
    // incremental render keeps still has its own).
    all_states.par_iter().with_max_len(1).for_each(|s| {
        s.billing_index();
    });
    let counts = code_counts(&all_states);
    // Lines only of the national codes whose pages are in the render's scope
    // (the scope is this thread's, so it is asked here).
    let wanted: BTreeSet<CodeKey<'_>> = counts
        .keys()
        .filter(|k| k.national() && super::dir_in_scope(&format!("codes/{}/", k.segment())))
        .copied()
        .collect();
    let (national_uses, national_icd) = rayon::join(
        || Arc::new(billing_uses(all_states.iter().copied(), |k| wanted.contains(k))),
        || Arc::new(IcdIndex::build(c, &all_states, &all_crosswalks(c))),
    );
    for key in national_uses.keys() {
        // Owned: the unit outlives this borrow of the shared index.
        let key = *key;
        let uses = Arc::clone(&national_uses);
        units.push(one(move || code_page(&cx, None, &key, &uses[&key], None)));
    }
    for code in national_icd.codes.keys() {
        if !super::dir_in_scope(&icd_dir(None, code)) {
            continue;
        }
        let code = code.clone();
        let icd = Arc::clone(&national_icd);
        units.push(one(move || icd_page(&cx, None, &code, &icd.codes[&code], &icd)));
    }
    units.push(one(move || index_page(&cx, None, &counts, &national_icd)));
    for s in c.states.values().filter(|s| super::state_in_scope(&s.code)) {
        let s: &State = s;
        // The state's indexes are made here, to count its pages; the unit
        // takes them along.
        let uses = billing_uses(std::iter::once(s), |_| true);
        let counts = code_counts(&[s]);
        let icd = IcdIndex::build(c, &[s], &c.crosswalks_for(s));
        let pages = uses.len() + icd.codes.len() + 1;
        let make = move || {
            let mut jobs = Vec::with_capacity(pages);
            for (key, list) in &uses {
                jobs.push(code_page(&cx, Some(s), key, list, Some(&icd))?);
            }
            for (code, entry) in &icd.codes {
                jobs.push(icd_page(&cx, Some(s), code, entry, &icd)?);
            }
            jobs.push(index_page(&cx, Some(s), &counts, &icd)?);
            Ok(jobs)
        };
        units.push(Deferred { pages, make: Box::new(make) });
    }
    units
}

/// Adds the national code and ICD-10-CM page folders whose view `svc` (a
/// service of `catalog`) takes part in: the national billing codes it bills,
/// the ICD-10-CM codes it accepts (as [`IcdIndex::build`] finds them), and
/// every code of the release below one of those (an ICD-10-CM page links to
/// its parent code's page only while that page exists; validation makes every
/// code with a page billable, so a leaf, but this does not rely on it).
/// Nothing else of a state reaches those pages but its name and modifiers:
/// `coverguide serve` renders these folders for a changed service, before
/// and after the edit, and keeps the other national code pages.
pub fn service_code_dirs(catalog: &Catalog, svc: &Service, out: &mut BTreeSet<String>) {
    let latest = data::icd10cm::latest();
    for line in &svc.billing {
        let key = CodeKey::of(line);
        if key.national() {
            out.insert(format!("codes/{}/", key.segment()));
        }
    }
    let Some(dx) = &svc.diagnosis else { return };
    let mut icd = |code: &str| {
        out.insert(icd_dir(None, code));
        out.extend(latest.descendants(code).map(|c| icd_dir(None, c.code)));
    };
    for spec in &dx.icd10cm {
        for c in spec.codes(latest) {
            icd(c.code);
        }
    }
    if let Some(x) = dx.crosswalk.as_ref().and_then(|id| catalog.crosswalk(id)) {
        for code in x.rows.iter().flat_map(|r| &r.icd10cm) {
            icd(code);
        }
    }
}

fn rate(b: &BillingLine) -> String {
    b.rate.as_ref().and_then(|r| r.amount.as_ref()).map_or_else(
        || "Not published here".to_string(),
        |a| match b.rate.as_ref().and_then(|r| r.as_of) {
            Some(d) => format!("${a} (as of {d})"),
            None => format!("${a}"),
        },
    )
}

/// What a modifier means where it is used: the state's own definition
/// first, else the shipped national one.
pub fn modifier_view(state: &State, code: &str) -> ModifierView {
    if let Some(m) = state.modifiers.iter().find(|m| m.code == code) {
        return ModifierView { code: code.to_string(), meaning: m.meaning.clone(), origin: "state" };
    }
    let meaning = data::modifier(code).map_or_else(|| NOT_DOCUMENTED.to_string(), |m| m.text.to_string());
    ModifierView { code: code.to_string(), meaning, origin: "national" }
}

fn scope_prefix(state: Option<&State>) -> String {
    state.map_or_else(String::new, |s| format!("{}/", s.code.as_str()))
}

fn service_link(link: &Linker, state: &State, svc: &Service) -> Link {
    Link { href: link.page(&format!("{}/services/{}/", state.code.as_str(), svc.id)), text: svc.name.to_string() }
}

fn state_link(link: &Linker, state: &State) -> Link {
    Link { href: link.page(&format!("{}/", state.code.as_str())), text: state.name.clone() }
}

/// An ICD-10-CM code with its title, linked if `index` has a page for it.
fn icd_link(link: &Linker, state: Option<&State>, index: Option<&IcdIndex<'_>>, code: &str, title: &str) -> IcdLink {
    let href = index.filter(|i| i.codes.contains_key(code)).map(|_| link.page(&icd_dir(state, code)));
    IcdLink { code: code.to_string(), title: title.to_string(), href }
}

fn title_of(release: &Release, code: &str) -> String {
    release.lookup(code).map_or_else(String::new, |c| c.title.to_string())
}

fn about(key: &CodeKey<'_>, state: Option<&State>) -> String {
    match key.order {
        0 => "A CPT® code. Its descriptor is the American Medical Association's copyrighted text and is not shown here; each service below is described in the state's own words.".to_string(),
        1 => "A HCPCS Level II code. coverguide checks HCPCS codes for their format only: no public-domain copy of the CMS HCPCS file could be shipped with it, so no descriptor or termination date is shown. Check the code in the current CMS HCPCS release.".to_string(),
        _ => format!(
            "A local code defined by {}, not part of a national code set.",
            state.map_or("the state", |s| s.name.as_str())
        ),
    }
}

/// `icd` is the state's ICD-10-CM index, for a state's page.
fn code_page(
    cx: &Ctx<'_>,
    state: Option<&State>,
    key: &CodeKey<'_>,
    uses: &[Use<'_>],
    icd: Option<&IcdIndex<'_>>,
) -> Result<PageJob> {
    let dir = match state {
        Some(s) => format!("{}/codes/{}/", s.code.as_str(), key.segment()),
        None => format!("codes/{}/", key.segment()),
    };
    let link = Linker::new(&dir);
    let c = cx.catalog;
    let latest = data::icd10cm::latest();
    let use_view = |u: &Use<'_>| CodeUseView {
        state: state.is_none().then(|| state_link(&link, u.state)),
        service: service_link(&link, u.state, u.service),
        modifiers: u.line.modifiers.iter().map(|m| modifier_view(u.state, m)).collect(),
        unit: u.line.unit.map_or(NOT_DOCUMENTED, unit_label).to_string(),
        rate: rate(u.line),
        rate_url: u.line.rate.as_ref().and_then(|r| r.fee_schedule_url.clone()),
        effective: effective_label(u.line.effective.or(u.service.effective)),
        note: u.line.note.clone(),
        illustrative: u.service.illustrative.is_some(),
    };
    // The diagnoses that lead to this code, service by service (state pages).
    let mut routes = Vec::new();
    let mut seen = BTreeSet::new();
    if let (Some(s), Some(icd)) = (state, icd) {
        for u in uses.iter().filter(|u| seen.insert(&u.service.id)) {
            let Some(dx) = &u.service.diagnosis else { continue };
            let specs: Vec<SpecView> = dx
                .icd10cm
                .iter()
                .map(|spec| SpecView {
                    label: spec.label(),
                    codes: spec
                        .codes(latest)
                        .iter()
                        .map(|k| icd_link(&link, state, Some(icd), k.code, k.title))
                        .collect(),
                })
                .collect();
            let crosswalk = dx.crosswalk.as_ref().and_then(|id| c.crosswalk(id)).map(|x| Link {
                href: link.page(&format!("{}/crosswalks/{}/", s.code.as_str(), x.id)),
                text: x.title.clone(),
            });
            if !specs.is_empty() || crosswalk.is_some() {
                routes.push(DiagnosisRoute { service: service_link(&link, u.state, u.service), specs, crosswalk });
            }
        }
    }
    let mut states: Vec<Link> = Vec::new();
    if state.is_none() {
        for u in uses {
            if !states.iter().any(|l| l.text == u.state.name) {
                let line_dir = code_dir(Some(&u.state.code), u.line);
                states.push(Link { href: link.page(&line_dir), text: u.state.name.clone() });
            }
        }
    }
    let scope_name = state.map_or_else(|| "All states".to_string(), |s| s.name.clone());
    let view = CodeView {
        system: key.system(),
        code: key.code.to_string(),
        about: about(key, state),
        scope_name: scope_name.clone(),
        routes,
        national: (state.is_some() && key.national())
            .then(|| Link { href: link.page(&format!("codes/{}/", key.segment())), text: "Compare all states".into() }),
        states,
        is_cpt: key.order == 0,
        index: Link { href: link.page(&index_dir(state)), text: format!("Codes: {scope_name}") },
    };
    let title = format!("{} {}", key.system(), key.code);
    let description = match state {
        Some(s) => format!("{title} in {}: the services that bill it, with modifiers, units and rates.", s.name),
        None => format!("{title}: which states cover services billed with it, side by side."),
    };
    let mut crumbs = Vec::new();
    if let Some(s) = state {
        crumbs.push((format!("{}/", s.code.as_str()), s.name.clone()));
    }
    crumbs.push((index_dir(state), "Codes".to_string()));
    let layout = cx.layout(&dir, title, description, state, crumbs, "codes");
    let parts = || {
        by_state(state, uses, |u| u.state)
            .map(|run| Part::new("uses", "code_uses.html", CodeUseRows { uses: run.iter().map(use_view).collect() }))
            .collect()
    };
    PageJob::with_parts(dir, "code.html", &layout, &view, &["uses"], parts)
}

/// The rows of a page's table as its parts: on a national page (`state` is
/// `None`) one part per run of one state's rows, so an edit in one state
/// renders that state's rows again and no other's; on a state's page, one.
fn by_state<'s, T>(
    state: Option<&State>,
    rows: &'s [T],
    state_of: impl Fn(&T) -> &State + 's,
) -> impl Iterator<Item = &'s [T]> + 's {
    let whole = state.is_some();
    rows.chunk_by(move |a, b| whole || std::ptr::eq(state_of(a), state_of(b)))
}

fn icd_page(
    cx: &Ctx<'_>,
    state: Option<&State>,
    code: &str,
    entry: &IcdEntry<'_>,
    index: &IcdIndex<'_>,
) -> Result<PageJob> {
    let dir = icd_dir(state, code);
    let link = Linker::new(&dir);
    let latest = data::icd10cm::latest();
    let found = latest.lookup(code);
    let parent = (3..code.len())
        .rev()
        .map(|n| code[..n].trim_end_matches('.'))
        .find_map(|p| latest.lookup(p))
        .map(|p| icd_link(&link, state, Some(index), p.code, p.title));
    let dc05 = entry
        .rows
        .iter()
        .map(|(x, i)| Dc05View {
            dc05: x.rows[*i].dc05.clone(),
            category: x.rows[*i].dc05_category.clone(),
            crosswalk: Link {
                href: format!("{}#row-{}", link.page(&format!("{}crosswalks/{}/", scope_prefix(state), x.id)), i + 1),
                text: x.title.clone(),
            },
            publisher: x.publisher.clone(),
        })
        .collect();
    let accept_view = |(s, svc, how): &(&State, &Service, Accept<'_>)| AcceptView {
        state: state.is_none().then(|| state_link(&link, s)),
        service: service_link(&link, s, svc),
        how: match how {
            Accept::Spec(DxSpec::Code(_)) => "Lists this code".to_string(),
            Accept::Spec(spec) => format!("Lists {}", spec.label()),
            Accept::Crosswalk(x) => format!("Through the crosswalk it names ({})", x.title),
        },
        codes: svc
            .billing
            .iter()
            .map(|b| Link { href: link.page(&code_dir(Some(&s.code), b)), text: code_label(b) })
            .collect(),
    };
    let scope_name = state.map_or_else(|| "All states".to_string(), |s| s.name.clone());
    let view = IcdView {
        code: code.to_string(),
        title: found.map_or_else(String::new, |c| c.title.to_string()),
        billable: found.is_some_and(|c| c.billable),
        parent,
        release: latest.name.to_string(),
        release_url: latest.source_url.to_string(),
        scope_name: scope_name.clone(),
        dc05,
        service_count: entry.accepts.len(),
        by_state: state.is_none(),
        national: state.map(|_| Link { href: link.page(&icd_dir(None, code)), text: "All states".into() }),
        index: Link { href: link.page(&index_dir(state)), text: format!("Codes: {scope_name}") },
    };
    let mut crumbs = Vec::new();
    if let Some(s) = state {
        crumbs.push((format!("{}/", s.code.as_str()), s.name.clone()));
    }
    crumbs.push((index_dir(state), "Codes".to_string()));
    let title = format!("ICD-10-CM {code}");
    let description = format!(
        "ICD-10-CM {code} ({}): the DC:0-5 diagnoses that map to it and the services that accept it{}.",
        view.title,
        state.map_or_else(String::new, |s| format!(" in {}", s.name))
    );
    let layout = cx.layout(&dir, title, description, state, crumbs, "codes");
    let parts = || {
        by_state(state, &entry.accepts, |a| a.0)
            .map(|run| {
                let services = run.iter().map(accept_view).collect();
                Part::new("services", "icd10cm_services.html", AcceptRows { services })
            })
            .collect()
    };
    PageJob::with_parts(dir, "icd10cm.html", &layout, &view, &["services"], parts)
}

fn index_page(
    cx: &Ctx<'_>,
    state: Option<&State>,
    counts: &BTreeMap<CodeKey<'_>, (Vec<&StateCode>, usize)>,
    icd: &IcdIndex<'_>,
) -> Result<PageJob> {
    let dir = index_dir(state);
    let link = Linker::new(&dir);
    let latest = data::icd10cm::latest();
    let codes = counts
        .iter()
        .filter(|(k, _)| state.is_some() || k.national())
        .map(|(k, (names, services))| {
            let page = match state {
                Some(s) => format!("{}/codes/{}/", s.code.as_str(), k.segment()),
                None => format!("codes/{}/", k.segment()),
            };
            CodeIndexRow {
                href: link.page(&page),
                system: k.system(),
                code: k.code.to_string(),
                services: *services,
                states: names.iter().map(|n| n.upper()).collect::<Vec<_>>().join(", "),
            }
        })
        .collect::<Vec<_>>();
    let icd_rows = icd
        .codes
        .iter()
        .map(|(code, e)| IcdIndexRow {
            link: icd_link(&link, state, Some(icd), code, &title_of(latest, code)),
            dc05: e.rows.len(),
            services: e.accepts.iter().map(|(_, s, _)| &s.id).collect::<BTreeSet<_>>().len(),
        })
        .collect();
    let modifiers = state.map_or_else(Vec::new, |s| {
        s.modifiers
            .iter()
            .map(|m| StateModifierView {
                code: m.code.clone(),
                meaning: m.meaning.clone(),
                national: data::modifier(&m.code).map(|x| x.text.to_string()),
                cites: cites(cx.catalog, &m.cites),
            })
            .collect()
    });
    let scope_name = state.map_or_else(|| "All states".to_string(), |s| s.name.clone());
    let view = CodeIndexView {
        scope_name: scope_name.clone(),
        has_cpt: codes.iter().any(|r| r.system == "CPT"),
        codes,
        icd: icd_rows,
        release: latest.name.to_string(),
        modifiers,
        national: state.map(|_| Link { href: link.page("codes/"), text: "Codes in all states".into() }),
    };
    let (title, crumbs) = match state {
        Some(s) => (format!("Codes in {}", s.name), vec![(format!("{}/", s.code.as_str()), s.name.clone())]),
        None => ("Billing and diagnosis codes".to_string(), vec![]),
    };
    let description = format!("Billing codes, modifiers and ICD-10-CM diagnoses in the {scope_name} guide.");
    let layout = cx.layout(&dir, title, description, state, crumbs, "codes");
    PageJob::new(dir, "codes.html", &layout, &view)
}

/// The ICD-10-CM codes of a crosswalk row, linked to their pages on the
/// crosswalk page's own site (a state's, or the national one).
pub(super) fn crosswalk_row_links(
    link: &Linker,
    state: Option<&State>,
    codes: &[String],
    release: &Release,
) -> Vec<IcdLink> {
    codes
        .iter()
        .map(|code| IcdLink {
            code: code.clone(),
            title: title_of(release, code),
            href: Some(link.page(&icd_dir(state, code))),
        })
        .collect()
}

/// The crosswalk's CSV download, next to its page.
pub(super) fn crosswalk_csv_name(x: &Crosswalk) -> String {
    format!("{}.csv", x.id)
}

/// One CSV file per crosswalk page: a row per DC:0-5 diagnosis and
/// ICD-10-CM code, in page order.
pub(super) fn csv_files(catalog: &Catalog, scope: &super::Scope) -> Vec<OutputFile> {
    let mut out = Vec::new();
    for x in catalog.national.content.crosswalks.values() {
        out.push(OutputFile { path: format!("crosswalks/{}/{}", x.id, crosswalk_csv_name(x)), bytes: csv(x) });
    }
    for s in catalog.states.values().filter(|s| scope.contains(&format!("{}/", s.code.as_str()))) {
        for x in catalog.crosswalks_for(s) {
            out.push(OutputFile {
                path: format!("{}/crosswalks/{}/{}", s.code.as_str(), x.id, crosswalk_csv_name(x)),
                bytes: csv(x),
            });
        }
    }
    out
}

/// RFC 4180 CSV, CRLF line ends. A cell a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets
/// a leading `'`, so opening the file cannot run anything.
fn csv(x: &Crosswalk) -> Vec<u8> {
    fn cell(s: &str) -> String {
        let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
        if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
    }
    let mut out = String::from(
        "dc05_diagnosis,dc05_category,dsm5_diagnosis,icd10_label_as_published,icd10cm_code,icd10cm_title,icd10cm_release,publisher,notes\r\n",
    );
    let r = x.icd10cm_release;
    for row in &x.rows {
        for code in &row.icd10cm {
            let cells = [
                row.dc05.as_str(),
                row.dc05_category.as_deref().unwrap_or_default(),
                row.dsm5.as_deref().unwrap_or_default(),
                row.icd10_label.as_deref().unwrap_or_default(),
                code,
                &title_of(r, code),
                r.name,
                &x.publisher,
                &row.notes.as_deref().map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default(),
            ];
            out.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_code_segments_cannot_clash_with_national_ones() {
        let k = |order, code: &'static str| CodeKey { order, code };
        assert_eq!(k(0, "96110").segment(), "96110");
        assert_eq!(k(1, "H2019").segment(), "H2019");
        assert_eq!(k(2, "96110").segment(), "local-96110");
        assert_eq!(k(2, "MHAYC-1").segment(), "local-mhayc-1");
    }

    #[test]
    fn specs_accept_codes_as_payers_read_them() {
        let fam = DxSpec::Family("F43.1".into());
        assert!(fam.accepts("F43.10") && !fam.accepts("F43.1") && !fam.accepts("F43.20"));
        let range = DxSpec::Range("F40".into(), "F48".into());
        assert!(range.accepts("F41.1") && range.accepts("F48.9") && !range.accepts("F50.0") && !range.accepts("F39"));
        assert_eq!(DxSpec::Range("Z69.010".into(), "Z69.020".into()).label(), "Z69.010-Z69.020");
        let r = data::icd10cm::latest();
        let codes: Vec<&str> = fam.codes(r).iter().map(|c| c.code).collect();
        assert_eq!(codes, ["F43.10", "F43.11", "F43.12"]);
    }
}
