//! Which pages the site has, and the view each one gets.

use super::labels::*;
use super::view::*;
use super::{BaseUrl, Deferred, Linker, PageJob};
use crate::error::Result;
use crate::markdown;
use crate::model::*;

const SITE_TITLE: &str = "Infant and early childhood mental health coverage guide";

#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub base_url: Option<&'a BaseUrl>,
}

impl Ctx<'_> {
    pub(super) fn layout(
        &self,
        dir: &str,
        title: String,
        description: String,
        state: Option<&State>,
        crumbs: Vec<(String, String)>,
        current: &'static str,
    ) -> Layout {
        let link = Linker::new(dir);
        let state_nav = state.map(|s| {
            let c = s.code.as_str();
            StateNav {
                code: s.code.upper(),
                name: s.name.clone(),
                home_href: link.page(&format!("{c}/")),
                services_href: link.page(&format!("{c}/services/")),
                codes_href: link.page(&format!("{c}/codes/")),
                sources_href: link.page(&format!("{c}/sources/")),
                agency_name: s.agency.as_ref().map(|a| a.name.clone()),
                agency_href: s.agency.as_ref().and_then(|a| a.url.clone()),
            }
        });
        // Every page has its own title: a state's copy of a national page
        // (a code, a crosswalk) names the state.
        let title = match state {
            Some(s) if !title.contains(&s.name) && !title.contains(&format!("({})", s.code.upper())) => {
                format!("{title} ({})", s.name)
            }
            _ => title,
        };
        let mut all_crumbs = vec![Link { href: link.page(""), text: "All states".into() }];
        all_crumbs.extend(crumbs.into_iter().map(|(d, text)| Link { href: link.page(&d), text }));
        Layout {
            title,
            description,
            home_href: link.page(""),
            css_href: link.file("static/style.css"),
            root: link.root.clone(),
            canonical: self.base_url.map(|b| b.page(dir)),
            state: state_nav,
            crumbs: all_crumbs,
            current,
            site: SiteView::new(&self.catalog.site),
        }
    }
}

/// Every page of the site, in a fixed order, as units of work that make their
/// page jobs when run. Each unit borrows the catalog and nothing else, so
/// units run on any thread, in any order, and a build keeps only the pages in
/// flight in memory (a view and its Tera context are made just before the
/// page is rendered, and dropped after).
pub(super) fn deferred<'a>(catalog: &'a Catalog, base_url: Option<&'a BaseUrl>) -> Vec<Deferred<'a>> {
    let cx = Ctx { catalog, base_url };
    let mut units: Vec<Deferred<'a>> =
        vec![one(move || home(&cx)), one(move || not_found(&cx)), one(move || sources_page(&cx, None))];
    for g in catalog.national.content.guidance.values() {
        units.push(one(move || guidance_page(&cx, None, g)));
    }
    for c in catalog.national.content.crosswalks.values() {
        units.push(one(move || crosswalk_page(&cx, None, c)));
    }
    // Only the states in the render's scope: their views are not even built otherwise.
    for s in catalog.states.values().filter(|s| super::state_in_scope(&s.code)) {
        let s: &'a State = s;
        units.push(one(move || state_home(&cx, s)));
        units.push(one(move || services_index(&cx, s)));
        units.push(one(move || sources_page(&cx, Some(s))));
        for svc in s.services.values() {
            if super::dir_in_scope(&format!("{}/services/{}/", s.code.as_str(), svc.id)) {
                units.push(one(move || service_page(&cx, s, svc)));
            }
        }
        for g in s.content.guidance.values() {
            units.push(one(move || guidance_page(&cx, Some(s), g)));
        }
        for c in catalog.crosswalks_for(s) {
            units.push(one(move || crosswalk_page(&cx, Some(s), c)));
        }
        units.push(one(move || super::guide::job(&cx, s)));
    }
    units.extend(super::codes::deferred(cx));
    units.extend(super::compare_pages::deferred(cx));
    units.extend(super::search_pages::deferred(cx));
    units
}

/// A unit of work that makes one page job.
pub(super) fn one<'a>(make: impl FnOnce() -> Result<PageJob> + Send + 'a) -> Deferred<'a> {
    Deferred { pages: 1, make: Box::new(move || make().map(|job| vec![job])) }
}

fn prefix(state: Option<&State>) -> String {
    state.map_or_else(String::new, |s| format!("{}/", s.code.as_str()))
}

fn guidance_list(link: &Linker, state: Option<&State>, content: &ScopeContent) -> Vec<GuidanceSummary> {
    content
        .guidance
        .values()
        .map(|g| GuidanceSummary {
            href: link.page(&format!("{}guidance/{}/", prefix(state), g.slug)),
            title: g.title.clone(),
            summary: g.summary.clone(),
            as_of: g.as_of.to_string(),
        })
        .collect()
}

fn crosswalk_list<'a>(
    link: &Linker,
    state: Option<&State>,
    list: impl IntoIterator<Item = &'a Crosswalk>,
) -> Vec<CrosswalkSummary> {
    list.into_iter()
        .map(|c| CrosswalkSummary {
            href: link.page(&format!("{}crosswalks/{}/", prefix(state), c.id)),
            title: c.title.clone(),
            publisher: c.publisher.clone(),
            rows: c.rows.len(),
        })
        .collect()
}

fn categories(link: &Linker, s: &State) -> Vec<CategoryGroup> {
    CATEGORY_ORDER
        .iter()
        .filter_map(|&cat| {
            let mut services: Vec<ServiceSummary> =
                s.services.values().filter(|x| x.category == cat).map(|x| service_summary(x, link, &s.code)).collect();
            services.sort_by(|a, b| a.name.cmp(&b.name));
            (!services.is_empty()).then(|| CategoryGroup { id: category_id(cat), label: category_label(cat), services })
        })
        .collect()
}

fn home(cx: &Ctx<'_>) -> Result<PageJob> {
    let link = Linker::new("");
    let c = cx.catalog;
    let view = HomeView {
        states: c
            .states
            .values()
            .map(|s| StateSummary {
                href: link.page(&format!("{}/", s.code.as_str())),
                code: s.code.upper(),
                name: s.name.clone(),
                services: s.services.len(),
                facts: s.content.facts.len(),
                programs: s.programs.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
            })
            .collect(),
        guidance: guidance_list(&link, None, &c.national.content),
        crosswalks: crosswalk_list(&link, None, c.national.content.crosswalks.values()),
        facts: c.national.content.facts.iter().map(|f| fact(c, f, false)).collect(),
        sources_href: link.page("sources/"),
        compare: super::compare_pages::home_view(&link),
    };
    let description = format!(
        "Medicaid and EPSDT coverage of infant and early childhood mental health services in {} states: services, billing codes, diagnosis crosswalks and cited policy facts.",
        c.states.len()
    );
    let title = c.site.title.clone().unwrap_or_else(|| SITE_TITLE.to_string());
    let mut layout = cx.layout("", title, description, None, vec![], "home");
    layout.crumbs.clear();
    PageJob::new(String::new(), "home.html", &layout, &view)
}

fn not_found(cx: &Ctx<'_>) -> Result<PageJob> {
    // Served for any missing path, so its links are root-relative to the base URL when known.
    let mut layout =
        cx.layout("", "Page not found".into(), "The page you asked for is not in this guide.".into(), None, vec![], "");
    // Served at any missing address, it is no page's canonical copy.
    layout.canonical = None;
    if let Some(b) = cx.base_url {
        let base = b.page("");
        layout.home_href = format!("{base}index.html");
        layout.css_href = format!("{base}static/style.css");
        layout.root = base;
        layout.crumbs.clear();
    }
    PageJob::new(String::new(), "404.html", &layout, &())
}

/// A state's Medicaid programs, as its home page and printable guide show them.
pub(super) fn programs(s: &State) -> Vec<ProgramView> {
    s.programs
        .iter()
        .map(|p| ProgramView { name: p.name.clone(), abbreviation: p.abbreviation.clone(), note: p.note.clone() })
        .collect()
}

/// A state's delivery systems, as its home page and printable guide show them.
pub(super) fn delivery_systems(c: &Catalog, s: &State) -> Vec<DeliveryView> {
    s.delivery_systems
        .iter()
        .map(|d| DeliveryView {
            name: d.name.clone(),
            kind: delivery_label(d.kind),
            note: d.note.clone(),
            cites: cites(c, &d.cites),
        })
        .collect()
}

fn state_home(cx: &Ctx<'_>, s: &State) -> Result<PageJob> {
    let dir = format!("{}/", s.code.as_str());
    let link = Linker::new(&dir);
    let c = cx.catalog;
    let view = StateView {
        code: s.code.upper(),
        name: s.name.clone(),
        programs: programs(s),
        delivery_systems: delivery_systems(c, s),
        epsdt_summary: s.epsdt_summary.as_deref().map(paragraphs).unwrap_or_default(),
        epsdt_cites: cites(c, &s.epsdt_cites),
        categories: categories(&link, s),
        facts: s.content.facts.iter().map(|f| fact(c, f, true)).collect(),
        guidance: guidance_list(&link, Some(s), &s.content),
        crosswalks: crosswalk_list(&link, Some(s), c.crosswalks_for(s)),
        services_href: link.page(&format!("{dir}services/")),
        sources_href: link.page(&format!("{dir}sources/")),
        compare: super::compare_pages::state_view(c, &link, s),
    };
    let title = format!("{} ({})", s.name, s.code.upper());
    let description = format!(
        "{}: Medicaid coverage of infant and early childhood mental health services, with billing codes and sources.",
        s.name
    );
    let mut layout = cx.layout(&dir, title, description, Some(s), vec![], "state");
    layout.crumbs.push(Link { href: link.page(&dir), text: s.name.clone() });
    PageJob::new(dir, "state.html", &layout, &view)
}

fn services_index(cx: &Ctx<'_>, s: &State) -> Result<PageJob> {
    let dir = format!("{}/services/", s.code.as_str());
    let link = Linker::new(&dir);
    let view = ServicesView { state_name: s.name.clone(), categories: categories(&link, s) };
    let layout = cx.layout(
        &dir,
        format!("Services in {}", s.name),
        format!("Every infant and early childhood mental health service in the {} catalog, by category.", s.name),
        Some(s),
        vec![(format!("{}/", s.code.as_str()), s.name.clone())],
        "services",
    );
    PageJob::new(dir, "services.html", &layout, &view)
}

fn row(label: &'static str, value: impl Into<String>) -> Row {
    let value = value.into();
    Row { undocumented: value == NOT_DOCUMENTED, label, value }
}

fn service_page(cx: &Ctx<'_>, s: &State, svc: &Service) -> Result<PageJob> {
    let dir = format!("{}/services/{}/", s.code.as_str(), svc.id);
    let view = service_view(cx, s, svc, &Linker::new(&dir));
    let layout = cx.layout(
        &dir,
        format!("{} ({})", svc.name, s.code.upper()),
        format!("{} in {}: who is eligible, billing codes, settings, providers and sources.", svc.name, s.name),
        Some(s),
        vec![
            (format!("{}/", s.code.as_str()), s.name.clone()),
            (format!("{}/services/", s.code.as_str()), "Services".into()),
        ],
        "services",
    );
    PageJob::new(dir, "service.html", &layout, &view)
}

/// A service's view, with links relative to the page that shows it (its own
/// page, or the state's printable guide).
pub(super) fn service_view(cx: &Ctx<'_>, s: &State, svc: &Service, link: &Linker) -> ServiceView {
    let c = cx.catalog;
    let dx = svc.diagnosis.as_ref();
    let sessions = dx.and_then(|d| d.pre_diagnosis_sessions).map_or_else(
        || NOT_DOCUMENTED.to_string(),
        |n| match dx.and_then(|d| d.session_period) {
            Some(p) => format!("{n} {}", period_label(p)),
            None => n.to_string(),
        },
    );
    let delivery: Vec<&str> = svc
        .delivery_systems
        .iter()
        .filter_map(|id| s.delivery_systems.iter().find(|d| &d.id == id))
        .map(|d| d.name.as_str())
        .collect();
    let glance = vec![
        row("Ages", svc.age.map_or_else(|| NOT_DOCUMENTED.to_string(), age_label)),
        row("Billed under", svc.billed_under.map_or(NOT_DOCUMENTED, billed_under_label)),
        row("Diagnosis required before treatment", tri(dx.and_then(|d| d.required_before_treatment))),
        row("Assessment sessions before a diagnosis is required", sessions),
        row("DC:0-5", dx.and_then(|d| d.dc05).map_or(NOT_DOCUMENTED, dc05_label)),
        row("Prior authorization", prior_auth_label(svc.prior_authorization.as_deref())),
        row("Telehealth", tri(svc.telehealth.as_ref().and_then(|t| t.allowed))),
        row("Delivery systems", if delivery.is_empty() { NOT_DOCUMENTED.to_string() } else { delivery.join(", ") }),
        row("Effective", effective_label(svc.effective)),
        row("Covered in the state plan", tri(svc.epsdt.as_ref().and_then(|e| e.state_plan_service))),
        row("Covered only through EPSDT", tri(svc.epsdt.as_ref().and_then(|e| e.epsdt_only))),
    ];
    let dyadic = svc.dyadic.as_ref().map_or_else(Vec::new, |d| {
        vec![
            row("Dyadic treatment allowed", tri(d.allowed)),
            row("Caregiver must be present", tri(d.caregiver_must_be_present)),
            row("Caregiver must have Medicaid", tri(d.caregiver_medicaid_required)),
        ]
    });
    // Every crosswalk a service uses is also a page of its state's site.
    let crosswalk = dx
        .and_then(|d| d.crosswalk.as_ref())
        .and_then(|id| c.crosswalk(id))
        .map(|x| Link { href: link.page(&format!("{}/crosswalks/{}/", s.code.as_str(), x.id)), text: x.title.clone() });
    ServiceView {
        id: svc.id.to_string(),
        name: svc.name.to_string(),
        state_name: s.name.clone(),
        category: category_label(svc.category),
        description: paragraphs(&svc.description),
        illustrative: svc.illustrative.clone(),
        glance,
        billing: svc
            .billing
            .iter()
            .map(|b| BillingView {
                system: system_label(b.system),
                code: b.code.clone(),
                href: link.page(&super::codes::code_dir(Some(&s.code), b)),
                modifier_meanings: b
                    .modifiers
                    .iter()
                    .map(|m| {
                        let v = super::codes::modifier_view(s, m);
                        format!("{}: {}", v.code, v.meaning)
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                modifiers: b.modifiers.join(", "),
                unit: b.unit.map_or(NOT_DOCUMENTED, unit_label).to_string(),
                rate: b.rate.as_ref().and_then(|r| r.amount.as_ref()).map_or_else(
                    || "Not published here".to_string(),
                    |a| match b.rate.as_ref().and_then(|r| r.as_of) {
                        Some(d) => format!("${a} (as of {d})"),
                        None => format!("${a}"),
                    },
                ),
                rate_url: b.rate.as_ref().and_then(|r| r.fee_schedule_url.clone()),
                effective: effective_label(b.effective),
                note: b.note.clone(),
            })
            .collect(),
        has_cpt: svc.billing.iter().any(|b| b.system == CodeSystem::Cpt),
        dyadic,
        dyadic_note: svc.dyadic.as_ref().and_then(|d| d.note.clone()),
        diagnosis: dx.map_or_else(Vec::new, |d| {
            vec![
                row("Diagnosis required before treatment", tri(d.required_before_treatment)),
                row("DC:0-5", d.dc05.map_or(NOT_DOCUMENTED, dc05_label)),
            ]
        }),
        diagnosis_note: dx.and_then(|d| d.note.clone()),
        crosswalk,
        providers: svc
            .providers
            .iter()
            .map(|p| ProviderView {
                kind: p.kind.clone(),
                credentials: if p.credentials.is_empty() {
                    NOT_DOCUMENTED.to_string()
                } else {
                    p.credentials.join("; ")
                },
                endorsement: tri(p.endorsement_required).to_string(),
                supervision: p.supervision.clone(),
                note: p.note.clone(),
            })
            .collect(),
        settings: svc
            .settings
            .iter()
            .map(|x| SettingView {
                name: x.name.clone(),
                pos: if x.pos.is_empty() { NOT_DOCUMENTED.to_string() } else { x.pos.join(", ") },
                travel: tri(x.travel_reimbursed).to_string(),
                note: x.note.clone(),
            })
            .collect(),
        telehealth: svc.telehealth.as_ref().map_or_else(Vec::new, |t| {
            vec![
                row("Allowed", tri(t.allowed)),
                row(
                    "Modifiers",
                    if t.modifiers.is_empty() { NOT_DOCUMENTED.to_string() } else { t.modifiers.join(", ") },
                ),
                row("Place of service", if t.pos.is_empty() { NOT_DOCUMENTED.to_string() } else { t.pos.join(", ") }),
            ]
        }),
        telehealth_note: svc.telehealth.as_ref().and_then(|t| t.note.clone()),
        prior_auth_note: svc.prior_authorization.as_ref().and_then(|p| p.note.clone()),
        limits: svc
            .limits
            .iter()
            .map(|l| LimitView {
                limit: format!("{} {} {}", l.amount, unit_noun(l.unit, l.amount), period_label(l.period)),
                kind: match l.kind {
                    LimitKind::Soft => "Soft (can be exceeded with approval)",
                    LimitKind::Hard => "Hard",
                },
                epsdt_exception: tri(l.epsdt_exception).to_string(),
                note: l.note.clone(),
            })
            .collect(),
        evidence_based_models: svc.evidence_based_models.clone(),
        cites: cites(c, &svc.cites),
    }
}

fn prior_auth_label(p: Option<&PriorAuth>) -> String {
    match p.map(|p| (p.required, p.after_units)) {
        None | Some((None, None)) => NOT_DOCUMENTED.to_string(),
        Some((Some(true) | None, Some(n))) => format!("Required after {n} units"),
        Some((Some(b), _)) => yes_no(b).to_string(),
    }
}

fn guidance_page(cx: &Ctx<'_>, state: Option<&State>, g: &Guidance) -> Result<PageJob> {
    let dir = format!("{}guidance/{}/", prefix(state), g.slug);
    let md = markdown::render(&g.body);
    let view = GuidanceView {
        title: g.title.clone(),
        summary: g.summary.clone(),
        audience: g.audience.iter().map(|a| audience_label(*a)).collect::<Vec<_>>().join(", "),
        topics: g.topics.iter().map(|t| t.replace('_', " ")).collect::<Vec<_>>().join(", "),
        published: g.published.to_string(),
        as_of: g.as_of.to_string(),
        illustrative: g.illustrative.clone(),
        toc: if md.toc.len() >= markdown::TOC_MIN_HEADINGS { md.toc } else { Vec::new() },
        body_html: md.html,
        cites: cites(cx.catalog, &g.cites),
    };
    let crumbs = state.map(|s| vec![(format!("{}/", s.code.as_str()), s.name.clone())]).unwrap_or_default();
    let description = g.summary.clone().unwrap_or_else(|| g.title.clone());
    let layout = cx.layout(&dir, g.title.clone(), description, state, crumbs, "guidance");
    PageJob::new(dir, "guidance.html", &layout, &view)
}

fn crosswalk_page(cx: &Ctx<'_>, state: Option<&State>, c: &Crosswalk) -> Result<PageJob> {
    let dir = format!("{}crosswalks/{}/", prefix(state), c.id);
    let view = crosswalk_view(cx, state, c, &Linker::new(&dir));
    let crumbs = state.map(|s| vec![(format!("{}/", s.code.as_str()), s.name.clone())]).unwrap_or_default();
    let description = format!("{}: DC:0-5 diagnoses mapped to ICD-10-CM codes, from {}.", c.title, c.publisher);
    let mut layout = cx.layout(&dir, c.title.clone(), description, state, crumbs, "crosswalks");
    // A crosswalk shown in a state's site but published nationally names the
    // national page as the canonical one.
    if let (Some(b), Some(_), Scope::National) = (cx.base_url, state, &c.scope) {
        layout.canonical = Some(b.page(&format!("crosswalks/{}/", c.id)));
    }
    PageJob::new(dir, "crosswalk.html", &layout, &view)
}

/// A crosswalk's view, with links relative to the page that shows it.
pub(super) fn crosswalk_view(cx: &Ctx<'_>, state: Option<&State>, c: &Crosswalk, link: &Linker) -> CrosswalkView {
    CrosswalkView {
        title: c.title.clone(),
        publisher: c.publisher.clone(),
        release: c.icd10cm_release.name.to_string(),
        note: c.note.clone(),
        illustrative: c.illustrative.clone(),
        rows: c
            .rows
            .iter()
            .map(|r| CrosswalkRowView {
                dc05: r.dc05.clone(),
                dc05_category: r.dc05_category.clone(),
                dsm5: r.dsm5.clone(),
                icd10_label: r.icd10_label.clone(),
                icd10cm: super::codes::crosswalk_row_links(link, state, &r.icd10cm, c.icd10cm_release),
                notes: r.notes.clone(),
            })
            .collect(),
        cites: cites(cx.catalog, &c.cites),
        mentions_dc05: !c.rows.is_empty(),
        csv_href: super::codes::crosswalk_csv_name(c),
        release_url: c.icd10cm_release.source_url.to_string(),
    }
}

fn sources_page(cx: &Ctx<'_>, state: Option<&State>) -> Result<PageJob> {
    let dir = format!("{}sources/", prefix(state));
    let link = Linker::new(&dir);
    let (scope_name, list) = match state {
        Some(s) => (s.name.clone(), &s.sources),
        None => ("National".to_string(), &cx.catalog.national.sources),
    };
    let view = SourcesView {
        scope_name: scope_name.clone(),
        sources: list.values().map(source).collect(),
        national_note: state.map(|_| Link { href: link.page("sources/"), text: "National sources".into() }),
    };
    let crumbs = state.map(|s| vec![(format!("{}/", s.code.as_str()), s.name.clone())]).unwrap_or_default();
    let title = match state {
        Some(s) => format!("Sources cited for {}", s.name),
        None => "National sources".to_string(),
    };
    let layout = cx.layout(
        &dir,
        title,
        format!("Every public source cited in the {scope_name} part of this guide, with as-of dates."),
        state,
        crumbs,
        "sources",
    );
    PageJob::new(dir, "sources.html", &layout, &view)
}
