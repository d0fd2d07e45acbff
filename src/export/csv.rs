//! The CSV downloads: one table per file, a header row naming each column,
//! UTF-8 with a byte-order mark (so spreadsheet programs read it as UTF-8)
//! and CRLF line ends with RFC 4180 quoting. An empty cell means the
//! catalog does not say; `false` means the source says no.

use std::io::{self, Write};

use super::keys;
use crate::compare::{self, Cell};
use crate::model::*;
use crate::render::labels::dimension_label;
use crate::render::{cell_words, value_label};

/// A table's columns: name, and what it holds (shown on the data page).
pub type Columns = &'static [(&'static str, &'static str)];

pub const SERVICES: Columns = &[
    ("state", "Postal code of the state"),
    ("service_id", "The service's id; its page is <state>/services/<service_id>/"),
    ("service_name", "The service's name, in the state's words"),
    ("category", "Service category (catalog spelling, e.g. caregiver_screening)"),
    ("illustrative", "Set only when the service is an example, not policy: why"),
    ("age_min_months", "Youngest eligible age, in months"),
    ("age_max_months", "Oldest eligible age, in months (the last eligible month)"),
    ("billed_under", "Whose Medicaid ID the claim carries: child, caregiver or either"),
    ("code_system", "CPT, HCPCS or LOCAL; empty when the service has no billing line"),
    ("code", "The billing code, exactly as the state prints it"),
    ("modifiers", "Required modifiers, separated by spaces"),
    ("unit", "Billing unit (per_15_min, session, encounter, day, month, screen, hour)"),
    ("rate_amount", "Published rate in dollars"),
    ("rate_as_of", "When the rate was published or read"),
    ("fee_schedule_url", "Link to the fee schedule"),
    ("line_effective_from", "First date this billing line applies"),
    ("line_effective_to", "Last date this billing line applies"),
    ("line_note", "Note on the billing line"),
    ("pre_diagnosis_sessions", "Assessment sessions allowed before a diagnosis is required"),
    ("session_period", "The period those sessions count over"),
    ("diagnosis_required_before_treatment", "true, false, or empty when not documented"),
    ("dc05", "DC:0-5 required, allowed or not_addressed"),
    ("crosswalk", "Id of the diagnosis crosswalk the service points to"),
    ("telehealth_allowed", "true, false, or empty when not documented"),
    ("prior_authorization_required", "true, false, or empty when not documented"),
    ("prior_authorization_after_units", "Units that may be given before authorization is needed"),
    ("delivery_systems", "Ids of the delivery systems that cover the service, separated by spaces"),
    ("service_effective_from", "First date the service's policy applies"),
    ("service_effective_to", "Last date the service's policy applies"),
    ("sources", "The service's sources as scope:id, separated by spaces (see the sources file)"),
];

pub const FACTS: Columns = &[
    ("scope", "national, or the postal code of the state the fact is filed under"),
    ("fact_id", "The fact's id; on the scope's home page it is the anchor #fact-<fact_id>"),
    ("dimension", "What the fact is about (catalog spelling, e.g. pre_diagnosis_sessions)"),
    ("value", "The comparable value, as written: true/false, a number, or text; empty when none"),
    ("value_type", "bool, int or text; empty when there is no value"),
    ("statement", "The fact as a plain sentence"),
    ("quote", "A short verbatim fragment of the source"),
    ("applies_to", "Who or what the fact applies to"),
    ("source_scope", "Where the cited source is listed: national or a state's postal code"),
    ("source_id", "The cited source's id"),
    ("source_url", "The cited source's address"),
    ("locator", "Where in the source to look"),
    ("as_of", "The date the fact holds as of"),
    ("confidence", "H (read in the cited source), M (secondary or older; re-check) or L (not re-read)"),
    ("illustrative", "Set only when the fact is an example, not policy: why"),
];

pub const CROSSWALKS: Columns = &[
    ("crosswalk_id", "The crosswalk's id"),
    ("crosswalk_scope", "national, or the postal code of the state folder it is filed in"),
    ("crosswalk_title", "The crosswalk's title"),
    ("publisher", "Who published the mapping"),
    ("icd10cm_release", "The ICD-10-CM release the codes were checked against"),
    ("row", "The row's position in the publisher's table, from 1"),
    ("dc05", "The DC:0-5 disorder name as the publisher prints it (names only, never criteria)"),
    ("dc05_category", "The DC:0-5 section"),
    ("dsm5", "The matching DSM-5 diagnosis, named only to identify it"),
    ("icd10_label", "The ICD-10 label the publisher prints"),
    ("icd10cm", "ICD-10-CM codes, separated by spaces"),
    ("notes", "Checks and mismatches"),
];

pub const SOURCES: Columns = &[
    ("scope", "national, or the postal code of the state whose sources list holds it"),
    ("source_id", "The source's id, unique within its scope"),
    ("title", "The document's title"),
    ("publisher", "Who published it"),
    ("url", "Where to read it"),
    ("as_of", "The date the source gives for its content"),
    ("accessed", "When the catalog's editors last read it"),
];

pub const COMPARISON: Columns = &[
    ("state", "Postal code of the state"),
    ("dimension", "The compared dimension (catalog spelling)"),
    ("dimension_label", "The dimension in words"),
    ("answer", "The state's answer in words: a value, Not documented, Sources disagree or Varies by service"),
    ("status", "documented, not_documented, sources_disagree or varies_by_service"),
    ("evidence_value", "What this piece of evidence says; empty on a not-documented row"),
    ("compared", "true if the evidence is compared; false for context shown beside the answer"),
    ("basis", "What the evidence rests on: fact, service or delivery_systems"),
    ("basis_id", "The fact or service id (the state's code for delivery systems)"),
    ("source_scope", "Where each cited source is listed, separated by spaces"),
    ("source_id", "Each cited source's id, separated by spaces"),
    ("source_url", "Each cited source's address, separated by spaces"),
    ("as_of", "The evidence's date: the fact's own, or its sources' latest"),
    ("illustrative", "true when the evidence is an example, not policy"),
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn join<S: std::borrow::Borrow<str>>(list: &[S]) -> String {
    list.join(" ")
}

fn cite_key(c: &Cite) -> String {
    format!("{}:{}", keys::scope(&c.scope), c.source)
}

/// Writes a table to `out` row by row, as `rows` makes them: UTF-8 with
/// BOM, CRLF, quotes only where needed.
fn table(columns: Columns, rows: impl IntoIterator<Item = Vec<String>>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(out);
    w.write_record(columns.iter().map(|c| c.0))?;
    for r in rows {
        debug_assert_eq!(r.len(), columns.len());
        w.write_record(&r)?;
    }
    w.flush()
}

pub fn services<'a>(states: impl IntoIterator<Item = &'a State>, out: &mut dyn Write) -> io::Result<()> {
    let services = states.into_iter().flat_map(|st| st.services.values().map(move |s| (st, s)));
    let rows = services.flat_map(|(st, s)| {
        let dx = s.diagnosis.as_ref();
        let pa = s.prior_authorization.as_ref();
        let common = |line: Option<&BillingLine>| -> Vec<String> {
            vec![
                st.code.upper(),
                s.id.to_string(),
                s.name.to_string(),
                keys::category(s.category).into(),
                opt(s.illustrative.as_deref()),
                opt(s.age.map(|a| a.min_months)),
                opt(s.age.map(|a| a.max_months)),
                opt(s.billed_under.map(keys::billed_under)),
                opt(line.map(|b| keys::system(b.system))),
                opt(line.map(|b| b.code.as_str())),
                line.map_or_else(String::new, |b| join(&b.modifiers)),
                opt(line.and_then(|b| b.unit).map(keys::unit)),
                opt(line.and_then(|b| b.rate.as_ref()).and_then(|r| r.amount.as_deref())),
                opt(line.and_then(|b| b.rate.as_ref()).and_then(|r| r.as_of)),
                opt(line.and_then(|b| b.rate.as_ref()).and_then(|r| r.fee_schedule_url.as_deref())),
                opt(line.and_then(|b| b.effective).and_then(|e| e.from)),
                opt(line.and_then(|b| b.effective).and_then(|e| e.to)),
                opt(line.and_then(|b| b.note.as_deref())),
                opt(dx.and_then(|d| d.pre_diagnosis_sessions)),
                opt(dx.and_then(|d| d.session_period).map(keys::period)),
                opt(dx.and_then(|d| d.required_before_treatment)),
                opt(dx.and_then(|d| d.dc05).map(keys::dc05)),
                opt(dx.and_then(|d| d.crosswalk.as_ref())),
                opt(s.telehealth.as_ref().and_then(|t| t.allowed)),
                opt(pa.and_then(|p| p.required)),
                opt(pa.and_then(|p| p.after_units)),
                s.delivery_systems.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(" "),
                opt(s.effective.and_then(|e| e.from)),
                opt(s.effective.and_then(|e| e.to)),
                s.cites.iter().map(cite_key).collect::<Vec<_>>().join(" "),
            ]
        };
        // A service with no billing line has one row with empty code columns.
        let lines: Vec<Option<&BillingLine>> =
            if s.billing.is_empty() { vec![None] } else { s.billing.iter().map(Some).collect() };
        lines.into_iter().map(common).collect::<Vec<_>>()
    });
    table(SERVICES, rows, out)
}

pub fn facts<'a>(
    catalog: &Catalog,
    list: impl IntoIterator<Item = (&'a Scope, &'a Fact)>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = list.into_iter().map(|(scope, f)| {
        let (value, ty) = match &f.value {
            None => (String::new(), ""),
            Some(FactValue::Bool(b)) => (b.to_string(), "bool"),
            Some(FactValue::Int(i)) => (i.to_string(), "int"),
            Some(FactValue::Text(t)) => (t.clone(), "text"),
        };
        vec![
            keys::scope(scope).to_string(),
            f.id.to_string(),
            keys::dimension(f.dimension).into(),
            value,
            ty.into(),
            f.statement.clone(),
            opt(f.quote.as_deref()),
            opt(f.scope_note.as_deref()),
            keys::scope(&f.cite.scope).into(),
            f.cite.source.to_string(),
            opt(catalog.source(&f.cite).map(|s| s.url.as_str())),
            opt(f.cite.locator.as_deref()),
            opt(f.as_of),
            keys::confidence(f.confidence).into(),
            opt(f.illustrative.as_deref()),
        ]
    });
    table(FACTS, rows, out)
}

pub fn crosswalks<'a>(list: impl IntoIterator<Item = &'a Crosswalk>, out: &mut dyn Write) -> io::Result<()> {
    let rows = list.into_iter().flat_map(|c| {
        c.rows.iter().enumerate().map(move |(i, r)| {
            vec![
                c.id.to_string(),
                keys::scope(&c.scope).into(),
                c.title.clone(),
                c.publisher.clone(),
                c.icd10cm_release.name.to_string(),
                (i + 1).to_string(),
                r.dc05.clone(),
                opt(r.dc05_category.as_deref()),
                opt(r.dsm5.as_deref()),
                opt(r.icd10_label.as_deref()),
                join(&r.icd10cm),
                opt(r.notes.as_deref()),
            ]
        })
    });
    table(CROSSWALKS, rows, out)
}

pub fn sources<'a>(list: impl IntoIterator<Item = (&'a Scope, &'a Source)>, out: &mut dyn Write) -> io::Result<()> {
    let rows = list.into_iter().map(|(scope, s)| {
        vec![
            keys::scope(scope).into(),
            s.id.to_string(),
            s.title.clone(),
            opt(s.publisher.as_deref()),
            s.url.clone(),
            opt(s.as_of),
            opt(s.accessed),
        ]
    });
    table(SOURCES, rows, out)
}

pub fn comparison<'a>(
    catalog: &Catalog,
    cells: impl IntoIterator<Item = &'a Cell<'a>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = cells.into_iter().flat_map(|c| {
        let mut rows = Vec::new();
        let head = vec![
            c.state.code.upper(),
            c.dim.key().into(),
            dimension_label(c.dim.fact_dimension()).into(),
            cell_words(&c.status),
            crate::render::status_key(&c.status).into(),
        ];
        if c.evidence.is_empty() {
            let mut r = head.clone();
            r.extend(std::iter::repeat_n(String::new(), COMPARISON.len() - head.len()));
            rows.push(r);
        }
        for e in &c.evidence {
            // Evidence resting on several sources (delivery systems) lists
            // them in the same order in each source column.
            let each = |f: &dyn Fn(&Cite) -> String| e.cites.iter().map(|c| f(c)).collect::<Vec<_>>().join(" ");
            let mut r = head.clone();
            r.extend([
                value_label(&e.value),
                e.compared.to_string(),
                super::json::basis_key(&e.basis).into(),
                compare::basis_id(&e.basis).into(),
                each(&|c| keys::scope(&c.scope).to_string()),
                each(&|c| c.source.to_string()),
                each(&|c| catalog.source(c).map(|s| s.url.clone()).unwrap_or_default()),
                opt(e.as_of),
                e.illustrative.to_string(),
            ]);
            rows.push(r);
        }
        rows
    });
    table(COMPARISON, rows, out)
}
