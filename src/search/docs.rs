//! Search documents from the model: one per service, crosswalk row, guidance
//! section, cited fact and state overview.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facets::{self, Kind};
use super::normalize::{billing_terms, each_document_term, icd_terms};
use crate::markdown;
use crate::model::*;
use crate::render::labels::{category_label, code_label, dimension_label};

/// Indexed fields, in the order of [`Doc::x`]; the browser's boosts follow it.
pub const FIELDS: [&str; 5] = ["name", "codes", "keywords", "diagnoses", "body"];

/// One search document. Short keys keep the per-state files small; the
/// browser reads them in `static/search.js`.
#[derive(Debug, Serialize)]
pub struct Doc {
    /// Kind (`service`, `crosswalk`, ...), the `type` facet's key.
    pub t: &'static str,
    /// The page, from the site root: `or/services/or-x/index.html#...`.
    pub u: String,
    /// Title.
    pub n: String,
    /// Context: the document a section belongs to, a crosswalk's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<String>,
    /// One-line summary.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub m: String,
    /// Codes as written (`H2019-HA`, `F43.10`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub c: Vec<String>,
    /// Illustrative, not policy.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub il: bool,
    /// A state's copy of a national crosswalk row, which national search
    /// already has from the national file.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dup: bool,
    /// Facet group key -> value keys.
    pub f: BTreeMap<&'static str, Vec<String>>,
    /// Terms of each field in [`FIELDS`], space-separated.
    pub x: [String; 5],
}

/// Terms of each field, written space-separated as they come. In the short
/// fields a repeat is dropped (a name or code list that says a term twice
/// means it once); the body keeps every occurrence, so ranking sees how
/// often a text uses a word.
#[derive(Default)]
struct Terms([String; 5]);

impl Terms {
    fn add(&mut self, field: usize, term: &str) {
        let text = &mut self.0[field];
        // Short fields: a scan of the few terms so far is cheaper than a set.
        if field != BODY && text.split(' ').any(|t| t == term) {
            return;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(term);
    }
}

const NAME: usize = 0;
const CODES: usize = 1;
const KEYWORDS: usize = 2;
const DIAGNOSES: usize = 3;
const BODY: usize = 4;

impl Terms {
    fn text(&mut self, field: usize, text: &str) {
        each_document_term(text, &mut |t| self.add(field, t));
    }

    fn terms(&mut self, field: usize, terms: impl IntoIterator<Item = String>) {
        for t in terms {
            self.add(field, &t);
        }
    }

    fn finish(self) -> [String; 5] {
        self.0
    }
}

/// Facet values of one document, with labels collected for the shard.
struct FacetSet<'a> {
    values: BTreeMap<&'static str, Vec<String>>,
    labels: &'a mut Labels,
}

/// Facet group -> value key -> label, for values whose labels are free text.
pub type Labels = BTreeMap<&'static str, BTreeMap<String, String>>;

impl FacetSet<'_> {
    fn add(&mut self, group: &'static str, key: &str) {
        let list = self.values.entry(group).or_default();
        if !key.is_empty() && !list.iter().any(|k| k == key) {
            list.push(key.to_string());
        }
    }

    /// A free-text value: keyed by its slug, labelled as first written
    /// (the smallest label wins if two spellings share a slug).
    fn add_text(&mut self, group: &'static str, label: &str) {
        let key = facets::slug(label);
        if key.is_empty() {
            return;
        }
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        let slot = self.labels.entry(group).or_default().entry(key.clone()).or_insert_with(|| label.clone());
        if label < *slot {
            *slot = label;
        }
        self.add(group, &key);
    }
}

/// The first sentence of `text`, or its first words, in at most `max` characters.
pub fn summary(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    // End at the last sentence end inside the limit, if it leaves enough.
    if let Some(i) = cut.rfind(". ").filter(|i| *i >= max / 3) {
        return cut[..=i].to_string();
    }
    match cut.rfind(' ') {
        Some(i) => format!("{}…", cut[..i].trim_end_matches([',', ';', ':'])),
        None => format!("{cut}…"),
    }
}

const SUMMARY_CHARS: usize = 180;

pub struct Builder<'a> {
    pub catalog: &'a Catalog,
    pub labels: Labels,
    pub docs: Vec<Doc>,
}

impl<'a> Builder<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        Builder { catalog, labels: Labels::new(), docs: Vec::new() }
    }

    fn push(&mut self, mut doc: Doc, terms: Terms, facets: BTreeMap<&'static str, Vec<String>>) {
        doc.x = terms.finish();
        doc.f = facets.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        self.docs.push(doc);
    }

    fn doc(kind: Kind, url: String, name: String) -> Doc {
        Doc {
            t: kind.key(),
            u: url,
            n: name,
            p: None,
            m: String::new(),
            c: Vec::new(),
            il: false,
            dup: false,
            f: BTreeMap::new(),
            x: Default::default(),
        }
    }

    fn facets(&mut self, kind: Kind) -> FacetSet<'_> {
        let mut f = FacetSet { values: BTreeMap::new(), labels: &mut self.labels };
        f.add("type", kind.key());
        f
    }

    /// Every document of one state's site.
    pub fn state(&mut self, s: &State) {
        let c = self.catalog;
        let st = s.code.as_str();
        // Every document carries its state's name, so national search finds
        // `oregon dyadic`.
        let place = format!("{} {}", s.name, s.code.upper());
        self.state_overview(s, &place);
        for svc in s.services.values() {
            self.service(s, svc, &place);
        }
        for x in c.crosswalks_for(s) {
            self.crosswalk(&format!("{st}/"), x, &place, x.scope != Scope::State(s.code.clone()));
        }
        for g in s.content.guidance.values() {
            self.guidance(&format!("{st}/"), g, &place);
        }
        for f in &s.content.facts {
            self.fact(&format!("{st}/"), f, &place);
        }
    }

    /// The national pages: guidance, crosswalks and facts.
    pub fn national(&mut self) {
        let n = &self.catalog.national.content;
        let place = "National";
        for x in n.crosswalks.values() {
            self.crosswalk("", x, place, false);
        }
        for g in n.guidance.values() {
            self.guidance("", g, place);
        }
        for f in &n.facts {
            self.fact("", f, place);
        }
    }

    fn state_overview(&mut self, s: &State, place: &str) {
        let mut doc = Self::doc(
            Kind::State,
            format!("{}/index.html", s.code.as_str()),
            format!("{} ({})", s.name, s.code.upper()),
        );
        doc.m = summary(
            &s.programs
                .iter()
                .map(|p| match &p.abbreviation {
                    Some(a) => format!("{} ({a})", p.name),
                    None => p.name.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            SUMMARY_CHARS,
        );
        let mut t = Terms::default();
        t.text(NAME, &doc.n);
        t.text(KEYWORDS, place);
        for p in &s.programs {
            t.text(KEYWORDS, &p.name);
            if let Some(a) = &p.abbreviation {
                t.text(KEYWORDS, a);
            }
        }
        for d in &s.delivery_systems {
            t.text(KEYWORDS, &d.name);
            if let Some(n) = &d.note {
                t.text(BODY, n);
            }
        }
        if let Some(a) = &s.agency {
            t.text(KEYWORDS, &a.name);
        }
        if let Some(e) = &s.epsdt_summary {
            t.text(BODY, e);
        }
        let f = self.facets(Kind::State).values;
        self.push(doc, t, f);
    }

    fn service(&mut self, s: &State, svc: &Service, place: &str) {
        let c = self.catalog;
        let mut doc = Self::doc(
            Kind::Service,
            format!("{}/services/{}/index.html", s.code.as_str(), svc.id),
            svc.name.to_string(),
        );
        doc.p = Some(category_label(svc.category).to_string());
        doc.m = summary(&svc.description, SUMMARY_CHARS);
        doc.c = svc.billing.iter().map(code_label).collect();
        doc.il = svc.illustrative.is_some();
        let mut t = Terms::default();
        t.text(NAME, &svc.name);
        for b in &svc.billing {
            t.terms(CODES, billing_terms(&b.code, &b.modifiers));
            if let Some(n) = &b.note {
                t.text(BODY, n);
            }
        }
        t.text(KEYWORDS, place);
        t.text(KEYWORDS, category_label(svc.category));
        let dx = svc.diagnosis.as_ref();
        if matches!(dx.and_then(|d| d.dc05), Some(Dc05Status::Required | Dc05Status::Allowed)) {
            t.text(KEYWORDS, "DC:0-5");
        }
        if svc.dyadic.as_ref().and_then(|d| d.allowed) == Some(true) {
            t.text(KEYWORDS, "dyadic");
        }
        if svc.telehealth.as_ref().and_then(|x| x.allowed) == Some(true) {
            t.text(KEYWORDS, "telehealth");
        }
        for p in &svc.providers {
            t.text(KEYWORDS, &p.kind);
            for cred in &p.credentials {
                t.text(KEYWORDS, cred);
            }
            for n in [&p.supervision, &p.note].into_iter().flatten() {
                t.text(BODY, n);
            }
        }
        for x in &svc.settings {
            t.text(KEYWORDS, &x.name);
            if let Some(n) = &x.note {
                t.text(BODY, n);
            }
        }
        for m in &svc.evidence_based_models {
            t.text(KEYWORDS, m);
        }
        for id in &svc.delivery_systems {
            if let Some(d) = s.delivery_systems.iter().find(|d| &d.id == id) {
                t.text(KEYWORDS, &d.name);
            }
        }
        // A service accepts the diagnoses of the crosswalk it names.
        if let Some(x) = dx.and_then(|d| d.crosswalk.as_ref()).and_then(|id| c.crosswalk(id)) {
            for row in &x.rows {
                for code in &row.icd10cm {
                    t.terms(DIAGNOSES, icd_terms(code));
                }
            }
        }
        t.text(BODY, &svc.description);
        let notes = [
            dx.and_then(|d| d.note.as_deref()),
            svc.dyadic.as_ref().and_then(|d| d.note.as_deref()),
            svc.telehealth.as_ref().and_then(|d| d.note.as_deref()),
            svc.prior_authorization.as_ref().and_then(|d| d.note.as_deref()),
            svc.illustrative.as_deref(),
        ];
        for n in notes.into_iter().flatten() {
            t.text(BODY, n);
        }
        for l in &svc.limits {
            if let Some(n) = &l.note {
                t.text(BODY, n);
            }
        }
        let mut f = self.facets(Kind::Service);
        f.add("cat", facets::category(svc.category));
        for x in &svc.settings {
            f.add_text("set", &x.name);
        }
        if let Some(age) = svc.age {
            for band in facets::age_bands(age) {
                f.add("age", band);
            }
        }
        for p in &svc.providers {
            for cred in &p.credentials {
                f.add_text("cred", cred);
            }
        }
        for b in &svc.billing {
            f.add("sys", facets::system(b.system));
        }
        if let Some(b) = svc.billed_under {
            f.add("bill", facets::billed(b));
        }
        let f = f.values;
        self.push(doc, t, f);
    }

    /// Rows of a crosswalk as shown at `<prefix>crosswalks/<id>/`.
    fn crosswalk(&mut self, prefix: &str, x: &Crosswalk, place: &str, dup: bool) {
        for (i, row) in x.rows.iter().enumerate() {
            let mut doc = Self::doc(
                Kind::Crosswalk,
                format!("{prefix}crosswalks/{}/index.html#row-{}", x.id, i + 1),
                row.dc05.clone(),
            );
            doc.p = Some(x.title.clone());
            let mut parts = vec![format!("ICD-10-CM {}", row.icd10cm.join(", "))];
            if let Some(d) = &row.dsm5 {
                parts.push(format!("DSM-5: {d}"));
            }
            if let Some(l) = &row.icd10_label {
                parts.push(format!("ICD-10 label: {l}"));
            }
            doc.m = summary(&parts.join(" · "), SUMMARY_CHARS);
            doc.c = row.icd10cm.clone();
            doc.il = x.illustrative.is_some();
            doc.dup = dup;
            let mut t = Terms::default();
            t.text(NAME, &row.dc05);
            for code in &row.icd10cm {
                t.terms(CODES, icd_terms(code));
            }
            t.text(KEYWORDS, place);
            t.text(KEYWORDS, "DC:0-5 crosswalk");
            for k in [&row.dc05_category, &row.dsm5, &row.icd10_label].into_iter().flatten() {
                t.text(KEYWORDS, k);
            }
            t.text(KEYWORDS, &x.publisher);
            if let Some(n) = &row.notes {
                t.text(BODY, n);
            }
            let mut f = self.facets(Kind::Crosswalk);
            f.add("sys", facets::ICD);
            let f = f.values;
            self.push(doc, t, f);
        }
    }

    fn guidance(&mut self, prefix: &str, g: &Guidance, place: &str) {
        let page = format!("{prefix}guidance/{}/index.html", g.slug);
        for section in markdown::sections(&g.body) {
            let (url, name, context) = match (&section.id, &section.heading) {
                (Some(id), Some(h)) => (format!("{page}#{id}"), h.clone(), Some(g.title.clone())),
                _ => (page.clone(), g.title.clone(), None),
            };
            let mut doc = Self::doc(Kind::Guidance, url, name);
            doc.p = context;
            doc.m = match (&section.heading, &g.summary) {
                (None, Some(s)) => summary(s, SUMMARY_CHARS),
                _ => summary(&section.text, SUMMARY_CHARS),
            };
            doc.il = g.illustrative.is_some();
            let mut t = Terms::default();
            t.text(NAME, &doc.n);
            t.text(KEYWORDS, place);
            t.text(KEYWORDS, &g.title);
            for topic in &g.topics {
                t.text(KEYWORDS, &topic.replace('_', " "));
            }
            if let (None, Some(s)) = (&section.heading, &g.summary) {
                t.text(BODY, s);
            }
            t.text(BODY, &section.text);
            let f = self.facets(Kind::Guidance).values;
            self.push(doc, t, f);
        }
    }

    fn fact(&mut self, prefix: &str, fact: &Fact, place: &str) {
        let mut doc = Self::doc(
            Kind::Fact,
            format!("{prefix}index.html#fact-{}", fact.id),
            dimension_label(fact.dimension).to_string(),
        );
        doc.m = summary(&fact.statement, SUMMARY_CHARS);
        doc.p = Some(match fact.as_of {
            Some(d) => format!("As of {d}"),
            None => "Undated".to_string(),
        });
        doc.il = fact.illustrative.is_some();
        let mut t = Terms::default();
        t.text(NAME, &doc.n);
        t.text(KEYWORDS, place);
        for text in [Some(&fact.statement), fact.quote.as_ref(), fact.scope_note.as_ref()].into_iter().flatten() {
            t.text(BODY, text);
        }
        if let Some(FactValue::Text(v)) = &fact.value {
            t.text(BODY, v);
        }
        let f = self.facets(Kind::Fact).values;
        self.push(doc, t, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_end_at_a_sentence_or_a_word() {
        assert_eq!(summary("Short.", 180), "Short.");
        let long = "First sentence is here. ".repeat(20);
        assert_eq!(summary(&long, 60), "First sentence is here. First sentence is here.");
        let words = "word ".repeat(50);
        let s = summary(&words, 23);
        assert_eq!(s, "word word word word…");
    }
}
