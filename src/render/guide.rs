//! The printable guide: one page per state (`/<st>/guide/`) holding every
//! service, crosswalk and guidance document its site shows, with a table of
//! contents, the cited facts, and every source with its as-of date.
//!
//! The parts reuse the views of their own pages (`pages::service_view`,
//! `pages::crosswalk_view`) and the same service template macro, so the guide
//! says exactly what the pages say. Only ids differ: every id inside a part
//! starts with the part's anchor and `--` (`svc-or-itp--billing-h`,
//! `doc-dyadic-billing--who-qualifies`). Anchors are model ids (slugs with
//! single hyphens) behind a kind prefix, so no two parts can share an id, and
//! none can equal a layout id.

use std::collections::BTreeMap;

use serde::Serialize;

use super::labels::{CATEGORY_ORDER, audience_label, date_label};
use super::pages::{Ctx, crosswalk_view, service_view};
use super::parts::Part;
use super::view::*;
use super::{Linker, PageJob};
use crate::error::Result;
use crate::markdown;
use crate::model::*;

/// The guide's folder within a state's site.
pub fn dir(state: &StateCode) -> String {
    format!("{}/guide/", state.as_str())
}

#[derive(Serialize)]
struct TocItem {
    href: String,
    text: String,
    /// Level-2 and level-3 headings of a guidance document.
    sub: Vec<markdown::TocEntry>,
}

/// A group of the table of contents; a group without `href` is a label.
#[derive(Serialize)]
struct TocGroup {
    href: Option<String>,
    text: String,
    items: Vec<TocItem>,
}

#[derive(Serialize)]
struct Overview {
    programs: Vec<ProgramView>,
    delivery_systems: Vec<DeliveryView>,
    epsdt_summary: Vec<String>,
    epsdt_cites: Vec<CiteView>,
    facts: Vec<FactView>,
}

#[derive(Serialize)]
struct GuideService {
    /// The part's anchor; its inner ids start with `anchor--`.
    anchor: String,
    view: ServiceView,
}

#[derive(Serialize)]
struct GuideCrosswalk {
    anchor: String,
    national: bool,
    view: CrosswalkView,
}

#[derive(Serialize)]
struct GuideDoc {
    anchor: String,
    title: String,
    summary: Option<String>,
    audience: String,
    topics: String,
    published: String,
    as_of: String,
    illustrative: Option<String>,
    /// Rendered by comrak with raw HTML disabled; the only `safe` value.
    body_html: String,
    cites: Vec<CiteView>,
}

#[derive(Serialize)]
struct GuideSource {
    title: String,
    publisher: Option<String>,
    url: String,
    as_of: String,
    accessed: Option<String>,
    scope: String,
}

/// The guide's own view. Its services, crosswalks and guidance documents
/// are parts (`guide_service.html`, `guide_crosswalk.html`,
/// `guide_doc.html`), rendered on their own: the template gets their HTML in
/// `parts.services`, `parts.crosswalks` and `parts.guidance`.
#[derive(Serialize)]
struct GuideView {
    name: String,
    code: String,
    toc: Vec<TocGroup>,
    overview: Overview,
    service_count: usize,
    sources: Vec<GuideSource>,
    /// The latest as-of date among the sources, facts and documents shown.
    latest_as_of: Option<String>,
    illustrative_parts: usize,
    has_cpt: bool,
    has_crosswalks: bool,
}

/// The printable guide of state `s`.
pub(super) fn job(cx: &Ctx<'_>, s: &State) -> Result<PageJob> {
    let c = cx.catalog;
    let dir = dir(&s.code);
    let link = Linker::new(&dir);
    let st = s.code.as_str();

    let mut services: Vec<&Service> = s.services.values().collect();
    let rank = |x: &Service| CATEGORY_ORDER.iter().position(|&k| k == x.category);
    services.sort_by(|a, b| (rank(a), &a.name).cmp(&(rank(b), &b.name)));
    let crosswalks = c.crosswalks_for(s);

    let services: Vec<GuideService> = services
        .into_iter()
        .map(|svc| {
            let mut view = service_view(cx, s, svc, &link);
            // The crosswalk is a part of this page: link to it there.
            let xw = svc.diagnosis.as_ref().and_then(|d| d.crosswalk.as_ref());
            if let (Some(l), Some(id)) = (view.crosswalk.as_mut(), xw) {
                l.href = format!("#xw-{id}");
            }
            GuideService { anchor: format!("svc-{}", svc.id), view }
        })
        .collect();
    let crosswalks: Vec<GuideCrosswalk> = crosswalks
        .iter()
        .map(|x| {
            let mut view = crosswalk_view(cx, Some(s), x, &link);
            view.csv_href = link.file(&format!("{st}/crosswalks/{}/{}", x.id, view.csv_href));
            GuideCrosswalk { anchor: format!("xw-{}", x.id), national: x.scope == Scope::National, view }
        })
        .collect();
    let guidance: Vec<(GuideDoc, Vec<markdown::TocEntry>)> = s
        .content
        .guidance
        .values()
        .map(|g| {
            let anchor = format!("doc-{}", g.slug);
            let md = markdown::render_part(&g.body, &anchor, 1, &format!("../guidance/{}/", g.slug));
            let doc = GuideDoc {
                title: g.title.clone(),
                summary: g.summary.clone(),
                audience: g.audience.iter().map(|a| audience_label(*a)).collect::<Vec<_>>().join(", "),
                topics: g.topics.iter().map(|t| t.replace('_', " ")).collect::<Vec<_>>().join(", "),
                published: g.published.to_string(),
                as_of: g.as_of.to_string(),
                illustrative: g.illustrative.clone(),
                body_html: md.html,
                cites: cites(c, &g.cites),
                anchor,
            };
            (doc, md.toc)
        })
        .collect();

    let overview = Overview {
        programs: super::pages::programs(s),
        delivery_systems: super::pages::delivery_systems(c, s),
        epsdt_summary: s.epsdt_summary.as_deref().map(paragraphs).unwrap_or_default(),
        epsdt_cites: cites(c, &s.epsdt_cites),
        facts: s.content.facts.iter().map(|f| fact(c, f, true)).collect(),
    };

    // Every source the guide cites, once, with the latest as-of date among
    // them, the facts and the documents.
    let mut all_cites: Vec<&Cite> = s.epsdt_cites.iter().collect();
    all_cites.extend(s.delivery_systems.iter().flat_map(|d| &d.cites));
    all_cites.extend(s.content.facts.iter().map(|f| &f.cite));
    all_cites.extend(s.services.values().flat_map(|x| &x.cites));
    all_cites.extend(c.crosswalks_for(s).into_iter().flat_map(|x| &x.cites));
    all_cites.extend(s.content.guidance.values().flat_map(|g| &g.cites));
    let mut used: BTreeMap<(&Scope, &SourceId), &Source> = BTreeMap::new();
    for cite in all_cites {
        if let Some(src) = c.source(cite) {
            used.insert((&cite.scope, &cite.source), src);
        }
    }
    let latest = used
        .values()
        .filter_map(|x| x.as_of)
        .chain(s.content.facts.iter().filter_map(|f| f.as_of))
        .chain(s.content.guidance.values().map(|g| g.as_of))
        .max();
    let mut sources: Vec<GuideSource> = used
        .iter()
        .map(|((scope, _), x)| GuideSource {
            title: x.title.clone(),
            publisher: x.publisher.clone(),
            url: x.url.clone(),
            as_of: date_label(x.as_of),
            accessed: x.accessed.map(|d| d.to_string()),
            scope: match scope {
                Scope::National => "National".to_string(),
                Scope::State(_) => s.name.clone(),
            },
        })
        .collect();
    sources.sort_by(|a, b| (&a.title, &a.url).cmp(&(&b.title, &b.url)));

    let mut toc = vec![TocGroup { href: Some("#overview".into()), text: "Overview".into(), items: Vec::new() }];
    let group = |text: &str, items: Vec<TocItem>| TocGroup { href: None, text: text.into(), items };
    if !services.is_empty() {
        let items = services
            .iter()
            .map(|x| TocItem { href: format!("#{}", x.anchor), text: x.view.name.clone(), sub: Vec::new() })
            .collect();
        toc.push(group("Services", items));
    }
    if !crosswalks.is_empty() {
        let items = crosswalks
            .iter()
            .map(|x| TocItem { href: format!("#{}", x.anchor), text: x.view.title.clone(), sub: Vec::new() })
            .collect();
        toc.push(group("Diagnosis crosswalks", items));
    }
    if !guidance.is_empty() {
        let items = guidance
            .iter()
            .map(|(d, sub)| TocItem { href: format!("#{}", d.anchor), text: d.title.clone(), sub: sub.clone() })
            .collect();
        toc.push(group("Guidance", items));
    }
    toc.push(TocGroup { href: Some("#guide-sources".into()), text: "Sources".into(), items: Vec::new() });

    let illustrative_parts = services.iter().filter(|x| x.view.illustrative.is_some()).count()
        + crosswalks.iter().filter(|x| x.view.illustrative.is_some()).count()
        + guidance.iter().filter(|(d, _)| d.illustrative.is_some()).count()
        + overview.facts.iter().filter(|f| f.illustrative.is_some()).count();
    let view = GuideView {
        name: s.name.clone(),
        code: s.code.upper(),
        toc,
        has_cpt: services.iter().any(|x| x.view.has_cpt),
        has_crosswalks: !crosswalks.is_empty(),
        overview,
        service_count: services.len(),
        sources,
        latest_as_of: latest.map(|d| d.to_string()),
        illustrative_parts,
    };
    let layout = cx.layout(
        &dir,
        format!("Printable guide: {} ({})", s.name, s.code.upper()),
        format!(
            "{}'s infant and early childhood mental health coverage on one printable page: every service, diagnosis crosswalk and guidance document, with sources and as-of dates.",
            s.name
        ),
        Some(s),
        vec![(format!("{st}/"), s.name.clone())],
        "guide",
    );
    let parts = move || {
        let services = services.into_iter().map(|x| Part::new("services", "guide_service.html", x));
        let crosswalks = crosswalks.into_iter().map(|x| Part::new("crosswalks", "guide_crosswalk.html", x));
        let guidance = guidance.into_iter().map(|(d, _)| Part::new("guidance", "guide_doc.html", d));
        services.chain(crosswalks).chain(guidance).collect()
    };
    PageJob::with_parts(dir, "guide.html", &layout, &view, &["services", "crosswalks", "guidance"], parts)
}
