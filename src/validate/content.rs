//! Checks for what national and state folders share: facts, crosswalks and
//! guidance documents.

use super::*;
use crate::load::raw::{RawFact, RawFactValue};
use crate::load::{RawGuidance, RawScope};

/// Topics a guidance document may be filed under.
pub const TOPICS: &[&str] = &[
    "assessment_process",
    "dc05",
    "crosswalk",
    "billing_codes",
    "dyadic_billing",
    "documentation",
    "provider_qualifications",
    "endorsement",
    "settings_travel",
    "telehealth",
    "caregiver_depression_screening",
    "prior_auth",
    "mco_contacts",
    "ebp_list",
    "faq",
    "case_studies",
    "epsdt",
];

impl Cx {
    pub(super) fn content(&mut self, sc: &ScopeCx<'_>, raw: &RawScope) -> ScopeContent {
        let mut out = ScopeContent::default();
        if let Some(l) = &raw.facts {
            for f in &l.value.facts {
                if let Some(f) = self.fact(f, sc, &l.path, l.line_offset) {
                    out.facts.push(f);
                }
            }
            self.superseded(&l.value.facts, &out.facts, &l.path, l.line_offset);
        }
        for l in &raw.crosswalks {
            let (path, off, c) = (&l.path, l.line_offset, &l.value);
            let id = self.slug("crosswalk", &c.id, path, off, CrosswalkId::parse);
            let unique = self.unique("crosswalk", &c.id, path, off);
            let cites = self.cites(&c.cites, sc, path, off);
            if c.cites.is_empty() {
                self.error(path, spos(&c.id, off), "the crosswalk cites no source");
            }
            let release = self.icd_release(&c.icd10cm_release, path, off);
            let mut rows = Vec::new();
            for r in &c.rows {
                self.text(&r.dc05, "a crosswalk row's dc05 name", path);
                let mut codes = Vec::new();
                for code in &r.icd10cm {
                    if let Some(code) = self.icd_code(code, release, codesets::IcdUse::Crosswalk, path, off) {
                        codes.push(code);
                    }
                }
                rows.push(CrosswalkRow {
                    dc05: r.dc05.clone(),
                    dc05_category: r.dc05_category.clone(),
                    dsm5: r.dsm5.clone(),
                    icd10_label: r.icd10_label.clone(),
                    icd10cm: codes,
                    notes: r.notes.clone(),
                });
            }
            if let (Some(id), true, Some(release)) = (id, unique, release) {
                out.crosswalks.insert(
                    id.clone(),
                    Crosswalk {
                        id,
                        scope: sc.scope.clone(),
                        title: c.title.clone(),
                        publisher: c.publisher.clone(),
                        icd10cm_release: release,
                        note: c.note.clone(),
                        illustrative: c.illustrative.clone(),
                        cites,
                        rows,
                    },
                );
            }
        }
        for l in &raw.guidance {
            if let Some(g) = self.guidance(&l.value, sc, &l.path, l.line_offset) {
                out.guidance.insert(g.slug.clone(), g);
            }
        }
        out
    }

    /// Each `superseded_by` names another fact of the same file, in the same
    /// dimension, and no fact is superseded in a circle.
    fn superseded(&mut self, raw: &[RawFact], facts: &[Fact], path: &Path, off: usize) {
        for r in raw {
            let Some(by) = &r.superseded_by else { continue };
            let Some(later) = facts.iter().find(|f| f.id.as_str() == by.value) else {
                let hint = match closest(&by.value, facts.iter().map(|f| f.id.as_str())) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "name a fact of the same facts.yaml".to_string(),
                };
                self.error_hint(path, spos(by, off), format!("unknown fact `{}`", by.value), hint);
                continue;
            };
            if by.value == r.id.value {
                self.error(path, spos(by, off), format!("fact `{}` supersedes itself", r.id.value));
            } else if later.dimension != r.dimension {
                self.error_hint(
                    path,
                    spos(by, off),
                    format!(
                        "fact `{}` is filed under `{}`, but `{}` is under `{}`",
                        r.id.value,
                        dimension_key(r.dimension),
                        by.value,
                        dimension_key(later.dimension)
                    ),
                    "a fact is superseded by a later fact about the same dimension",
                );
            }
        }
        // A circle leaves no current fact. Each fact names at most one later
        // fact, so following `superseded_by` from a fact either ends or comes
        // back to it. Each circle is reported once, at the `superseded_by` of
        // its member whose id sorts first; a fact that supersedes itself is
        // reported above.
        let next: BTreeMap<&str, &S> =
            raw.iter().filter_map(|r| r.superseded_by.as_ref().map(|by| (r.id.value.as_str(), by))).collect();
        for (&start, &first) in &next {
            if first.value == start {
                continue;
            }
            let mut members = vec![start];
            let mut at = first.value.as_str();
            while at != start && members.len() <= next.len() {
                members.push(at);
                match next.get(at) {
                    Some(by) => at = by.value.as_str(),
                    None => break,
                }
            }
            if at == start && members.iter().all(|m| *m >= start) {
                self.error_hint(
                    path,
                    spos(first, off),
                    format!("facts supersede each other in a circle: {} -> {start}", members.join(" -> ")),
                    "the newest fact of a chain has no `superseded_by`",
                );
            }
        }
    }

    fn fact(&mut self, f: &RawFact, sc: &ScopeCx<'_>, path: &Path, off: usize) -> Option<Fact> {
        let id = self.slug("fact", &f.id, path, off, FactId::parse);
        let unique = self.unique("fact", &f.id, path, off);
        let cite = self.cite(&f.cite, sc, path, off);
        let own_date = self.opt_date(&f.as_of, path, off);
        let dated = f.as_of.is_none() || own_date.is_some();
        // A fact without a date of its own holds as of its source.
        let as_of = own_date.or_else(|| cite.as_ref().and_then(|c| sc.source(c)).and_then(|s| s.as_of));
        let period = f.period.as_ref().map(|p| self.effective(p, path, off));
        let superseded_source = f.superseded_by_source.as_ref().map(|c| self.cite(c, sc, path, off));
        if f.superseded_by.is_some() && f.superseded_by_source.is_some() {
            self.error_hint(
                path,
                spos(&f.id, off),
                format!("fact `{}` has both `superseded_by` and `superseded_by_source`", f.id.value),
                "name the later fact or the later source, not both",
            );
        }
        let superseded_by = match (&f.superseded_by, superseded_source) {
            (Some(id), _) => self.slug("fact", id, path, off, FactId::parse).map(Superseded::Fact),
            (None, Some(Some(c))) => Some(Superseded::Source(c)),
            (None, _) => None,
        };
        self.text(&f.statement, "a fact's statement", path);
        let value = f.value.as_ref().map(|v| match &v.value {
            RawFactValue::Bool(b) => FactValue::Bool(*b),
            RawFactValue::Int(i) => FactValue::Int(*i),
            RawFactValue::Text(t) => FactValue::Text(t.clone()),
        });
        // Each comparison dimension takes one kind of value.
        let expected = match f.dimension {
            // A number, or a short text where the source gives a range ("three to five").
            Dimension::WellChildVisitsFirstYear => {
                Some(("a whole number of well-child screens", matches!(&value, Some(FactValue::Int(n)) if *n >= 0)))
            }
            Dimension::CaregiverScreeningPolicy => Some((
                "one of `required`, `recommended`, `allowed`",
                matches!(&value, Some(FactValue::Text(t)) if crate::compare::PolicyLevel::parse(t).is_some()),
            )),
            Dimension::PreDiagnosisSessions => Some((
                "a whole number of sessions, or a short text such as \"3 to 5\"",
                matches!(&value, Some(FactValue::Int(n)) if *n >= 0) || matches!(&value, Some(FactValue::Text(_))),
            )),
            Dimension::Dc05 => Some((
                "one of `required`, `allowed`, `not_addressed`",
                matches!(&value, Some(FactValue::Text(t)) if ["required", "allowed", "not_addressed"].contains(&t.as_str())),
            )),
            Dimension::DeliverySystem | Dimension::Other => None,
            _ => Some(("`true` or `false`", matches!(value, Some(FactValue::Bool(_))))),
        };
        if let (Some((what, ok)), Some(v)) = (expected, &f.value)
            && !ok
        {
            let at = (v.line > 0).then(|| Pos { line: v.line as usize + off, col: v.col as usize, len: 1 });
            let key = dimension_key(f.dimension);
            let article = if key.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
            self.error(path, at, format!("{article} `{key}` fact's value must be {what}"));
        }
        if value.is_none() && expected.is_some() {
            self.error_hint(
                path,
                spos(&f.id, off),
                format!("fact `{}` has no value", f.id.value),
                "comparison dimensions need a `value:`",
            );
        }
        if !dated {
            return None;
        }
        Some(Fact {
            id: id.filter(|_| unique)?,
            dimension: f.dimension,
            value,
            statement: f.statement.clone(),
            quote: f.quote.clone(),
            scope_note: f.scope.clone(),
            cite: cite?,
            as_of,
            period,
            superseded_by,
            confidence: f.confidence,
            illustrative: f.illustrative.clone(),
        })
    }

    fn guidance(&mut self, g: &RawGuidance, sc: &ScopeCx<'_>, path: &Path, off: usize) -> Option<Guidance> {
        let slug = Slug::parse(&g.slug);
        if slug.is_none() {
            self.error_hint(
                path,
                None,
                format!("invalid guidance file name `{}.md`", g.slug),
                "name guidance files with lower-case letters, digits and hyphens, e.g. dyadic-billing.md",
            );
        }
        let f = &g.front;
        self.text(&f.title, "the title", path);
        let mut topics = Vec::new();
        for t in &f.topics {
            if TOPICS.contains(&t.value.as_str()) {
                topics.push(t.value.clone());
            } else {
                let hint = match closest(&t.value, TOPICS.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("topics are: {}", TOPICS.join(", ")),
                };
                self.error_hint(path, spos(t, off), format!("unknown topic `{}`", t.value), hint);
            }
        }
        if f.audience.is_empty() {
            self.error(path, Some(Pos { line: 1, col: 1, len: 3 }), "the front matter names no audience");
        }
        // The page's h1 is the title; a level-1 heading in the body would be a second one.
        for line in crate::markdown::level1_heading_lines(&g.body) {
            let text = g.body.lines().nth(line - 1).unwrap_or_default();
            self.error_hint(
                path,
                Some(Pos { line: g.body_line + line - 1, col: 1, len: text.chars().count() }),
                "a level-1 heading in a guidance document",
                "the title in the front matter is the page's only level-1 heading: use `##` for sections",
            );
        }
        let published = self.date(&f.published, path, off);
        let as_of = self.date(&f.as_of, path, off);
        let cites = self.cites(&f.cites, sc, path, off);
        let mut audience = f.audience.clone();
        audience.sort();
        audience.dedup();
        Some(Guidance {
            slug: slug?,
            title: f.title.clone(),
            summary: f.summary.clone(),
            audience,
            topics,
            published: published?,
            as_of: as_of?,
            cites,
            illustrative: f.illustrative.clone(),
            body: g.body.clone(),
        })
    }
}

/// The YAML spelling of a dimension, for messages and URLs.
pub fn dimension_key(d: Dimension) -> &'static str {
    match d {
        Dimension::PreDiagnosisSessions => "pre_diagnosis_sessions",
        Dimension::Dc05 => "dc05",
        Dimension::DyadicUnderChild => "dyadic_under_child",
        Dimension::CaregiverScreeningUnderChild => "caregiver_screening_under_child",
        Dimension::HomeCommunitySettings => "home_community_settings",
        Dimension::TravelReimbursed => "travel_reimbursed",
        Dimension::EndorsementRequired => "endorsement_required",
        Dimension::PriorAuthorization => "prior_authorization",
        Dimension::Telehealth => "telehealth",
        Dimension::DeliverySystem => "delivery_system",
        Dimension::ChildCareSettings => "child_care_settings",
        Dimension::IecmhConsultation => "iecmh_consultation",
        Dimension::GroupParenting => "group_parenting",
        Dimension::DyadicTreatment => "dyadic_treatment",
        Dimension::Dc05Crosswalk => "dc05_crosswalk",
        Dimension::WellChildVisitsFirstYear => "well_child_visits_first_year",
        Dimension::CaregiverScreeningPolicy => "caregiver_screening_policy",
        Dimension::SocialEmotionalScreening => "social_emotional_screening",
        Dimension::Other => "other",
    }
}
