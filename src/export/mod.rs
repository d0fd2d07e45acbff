//! Export: the data behind the pages, as downloads. Part of the render
//! stage and pure like it: the model in, files in memory out.
//!
//! For the whole guide (`data/all-states*`) and for each state
//! (`<st>/data/<st>*`): CSV tables of services (one row per billing line),
//! facts, crosswalk rows, sources and the comparison, and one JSON file with
//! all of it, which follows the JSON Schema published at [`SCHEMA_PATH`].
//! [`downloads`] is the one list of these files: the pages link to exactly
//! what [`files`] writes.

pub mod csv;
pub mod json;
pub mod keys;

use std::collections::BTreeSet;
use std::io::{self, Write};

use rayon::prelude::*;

use crate::compare;
use crate::error::Result;
use crate::model::*;
use crate::render::{Emit, OutputFile};

/// Where the JSON Schema is published, from the site root.
pub const SCHEMA_PATH: &str = "data/coverguide-data.schema.json";

/// The schema, written by hand; tests validate every JSON download against it.
pub const SCHEMA: &str = include_str!("coverguide-data.schema.json");

/// The tables, in the order pages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Services,
    Facts,
    Crosswalks,
    Sources,
    Comparison,
    Json,
}

pub const TABLES: [Table; 6] =
    [Table::Services, Table::Facts, Table::Crosswalks, Table::Sources, Table::Comparison, Table::Json];

impl Table {
    /// A slug for anchors.
    pub fn id(self) -> &'static str {
        match self {
            Table::Services => "services",
            Table::Facts => "facts",
            Table::Crosswalks => "crosswalks",
            Table::Sources => "sources",
            Table::Comparison => "comparison",
            Table::Json => "json",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Table::Services => "-services.csv",
            Table::Facts => "-facts.csv",
            Table::Crosswalks => "-crosswalks.csv",
            Table::Sources => "-sources.csv",
            Table::Comparison => "-comparison.csv",
            Table::Json => ".json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Table::Services => "Services and billing lines",
            Table::Facts => "Cited facts",
            Table::Crosswalks => "Diagnosis crosswalk rows",
            Table::Sources => "Sources",
            Table::Comparison => "State comparison",
            Table::Json => "Everything, as JSON",
        }
    }

    pub fn what(self) -> &'static str {
        match self {
            Table::Services => {
                "One row per billing line; a service with no billing line has one row with empty code columns."
            }
            Table::Facts => "One row per fact, with its value, source and as-of date.",
            Table::Crosswalks => "One row per DC:0-5 to ICD-10-CM crosswalk row.",
            Table::Sources => "One row per cited public source, with its as-of date.",
            Table::Comparison => {
                "One row per piece of evidence behind each state's answer on each compared dimension; a dimension with no evidence has one row."
            }
            Table::Json => {
                "Services, billing lines, crosswalks, facts, sources and the comparison, following the published JSON Schema."
            }
        }
    }

    pub fn format(self) -> &'static str {
        if self == Table::Json { "JSON" } else { "CSV" }
    }

    /// The CSV columns, or `None` for the JSON file.
    pub fn columns(self) -> Option<csv::Columns> {
        match self {
            Table::Services => Some(csv::SERVICES),
            Table::Facts => Some(csv::FACTS),
            Table::Crosswalks => Some(csv::CROSSWALKS),
            Table::Sources => Some(csv::SOURCES),
            Table::Comparison => Some(csv::COMPARISON),
            Table::Json => None,
        }
    }
}

/// One downloadable file.
#[derive(Debug, Clone)]
pub struct Download {
    pub table: Table,
    /// From the site root.
    pub path: String,
    pub label: &'static str,
    pub format: &'static str,
    pub what: &'static str,
}

/// The downloads for the whole guide (`None`) or one state.
pub fn downloads(state: Option<&StateCode>) -> Vec<Download> {
    let prefix = match state {
        None => "data/all-states".to_string(),
        Some(code) => format!("{0}/data/{0}", code.as_str()),
    };
    TABLES
        .iter()
        .map(|&t| Download {
            table: t,
            path: format!("{prefix}{}", t.suffix()),
            label: t.label(),
            format: t.format(),
            what: t.what(),
        })
        .collect()
}

/// Every download file, each scope's handed to `emit` as soon as it is made,
/// scopes in parallel: a build holds one scope's files per thread, not all.
/// `all` is the catalog's comparison ([`compare::compare`]).
pub fn each<'a>(catalog: &'a Catalog, all: &'a [(&'a State, Vec<compare::Cell<'a>>)], emit: &dyn Emit) -> Result<()> {
    emit.file(schema_file())?;
    let (national, states) = rayon::join(
        || scope_files(catalog, None, all, emit),
        || {
            all.par_iter()
                .with_max_len(1)
                .try_for_each(|one| scope_files(catalog, Some(one.0), std::slice::from_ref(one), emit))
        },
    );
    national.and(states)
}

fn schema_file() -> OutputFile {
    OutputFile { path: SCHEMA_PATH.into(), bytes: SCHEMA.as_bytes().to_vec() }
}

/// A scope's downloads (`state` `None`: the whole guide's), each written
/// through `emit` row by row (state by state for the JSON) as it is made:
/// in a build, straight to its file, so not even the whole guide's
/// downloads (hundreds of MB for a large catalog) are ever in memory.
/// `groups` holds the scope's states, each with its comparison cells.
fn scope_files<'a>(
    catalog: &'a Catalog,
    state: Option<&'a State>,
    groups: &'a [(&'a State, Vec<compare::Cell<'a>>)],
    emit: &dyn Emit,
) -> Result<()> {
    let national = Scope::National;
    let states: Vec<&State> = groups.iter().map(|(s, _)| *s).collect();
    let scopes: Vec<Scope> = states.iter().map(|s| Scope::State(s.code.clone())).collect();
    // Facts: national ones only in the whole-guide files.
    let mut facts: Vec<(&Scope, &Fact)> = Vec::new();
    if state.is_none() {
        facts.extend(catalog.national.content.facts.iter().map(|f| (&national, f)));
    }
    for (s, scope) in states.iter().zip(&scopes) {
        facts.extend(s.content.facts.iter().map(|f| (scope, f)));
    }
    let crosswalks: Vec<&Crosswalk> = match state {
        Some(s) => catalog.crosswalks_for(s),
        None => catalog
            .national
            .content
            .crosswalks
            .values()
            .chain(catalog.states.values().flat_map(|s| s.content.crosswalks.values()))
            .collect(),
    };
    let national_sources: Vec<&Source> = match state {
        None => catalog.national.sources.values().collect(),
        Some(s) => national_sources_cited(catalog, s),
    };
    let mut sources: Vec<(&Scope, &Source)> = national_sources.iter().map(|x| (&national, *x)).collect();
    for (s, scope) in states.iter().zip(&scopes) {
        sources.extend(s.sources.values().map(|x| (scope, x)));
    }

    let json = |out: &mut dyn Write| -> io::Result<()> {
        let doc = json::Document {
            format: json::FORMAT,
            format_version: json::FORMAT_VERSION,
            scope: state.map_or_else(|| "all".to_string(), |s| s.code.as_str().to_string()),
            dimensions: json::dimensions(),
            national: json::NationalPart {
                sources: national_sources.iter().map(|s| json::source(s)).collect(),
                facts: if state.is_none() {
                    catalog.national.content.facts.iter().map(json::fact).collect()
                } else {
                    vec![]
                },
                crosswalks: crosswalks
                    .iter()
                    .filter(|c| state.is_none_or(|s| c.scope != Scope::State(s.code.clone())))
                    .filter(|c| state.is_some() || c.scope == Scope::National)
                    .map(|c| json::crosswalk(c))
                    .collect(),
            },
            states: json::States { states: groups, part: state_part },
        };
        serde_json::to_writer(&mut *out, &doc)?;
        out.write_all(b"\n")
    };

    // Each file is written as it is made, straight to disk in a build.
    for d in downloads(state.map(|s| &s.code)) {
        emit.stream(d.path, &mut |out: &mut dyn Write| match d.table {
            Table::Services => csv::services(states.iter().copied(), out),
            Table::Facts => csv::facts(catalog, facts.iter().copied(), out),
            Table::Crosswalks => csv::crosswalks(crosswalks.iter().copied(), out),
            Table::Sources => csv::sources(sources.iter().copied(), out),
            Table::Comparison => csv::comparison(catalog, groups.iter().flat_map(|(_, cells)| cells), out),
            Table::Json => json(out),
        })?;
    }
    Ok(())
}

fn state_part<'a>(s: &'a State, cells: &'a [compare::Cell<'a>]) -> json::StatePart<'a> {
    json::StatePart {
        state: s.code.upper(),
        name: &s.name,
        page: format!("{}/", s.code.as_str()),
        medicaid_programs: s
            .programs
            .iter()
            .map(|p| json::ProgramOut {
                name: &p.name,
                abbreviation: p.abbreviation.as_deref(),
                note: p.note.as_deref(),
            })
            .collect(),
        delivery_systems: s
            .delivery_systems
            .iter()
            .map(|d| json::DeliveryOut {
                id: d.id.as_str(),
                kind: keys::delivery_kind(d.kind),
                name: &d.name,
                note: d.note.as_deref(),
                cites: d.cites.iter().map(json::cite).collect(),
            })
            .collect(),
        epsdt_summary: s.epsdt_summary.as_deref(),
        epsdt_cites: s.epsdt_cites.iter().map(json::cite).collect(),
        agency: s.agency.as_ref().map(|a| json::AgencyOut { name: &a.name, url: a.url.as_deref() }),
        sources: s.sources.values().map(json::source).collect(),
        facts: s.content.facts.iter().map(json::fact).collect(),
        crosswalks: s.content.crosswalks.values().map(json::crosswalk).collect(),
        services: s.services.values().map(|x| json::service(s, x)).collect(),
        comparison: cells.iter().map(json::cell).collect(),
    }
}

/// The national sources a state's files cite, in id order: what a state's
/// download needs beside the state's own sources.
fn national_sources_cited<'a>(catalog: &'a Catalog, s: &'a State) -> Vec<&'a Source> {
    let mut cites: Vec<&Cite> = Vec::new();
    cites.extend(&s.epsdt_cites);
    cites.extend(s.delivery_systems.iter().flat_map(|d| &d.cites));
    cites.extend(s.services.values().flat_map(|x| &x.cites));
    cites.extend(s.content.facts.iter().map(|f| &f.cite));
    cites.extend(s.content.guidance.values().flat_map(|g| &g.cites));
    cites.extend(catalog.crosswalks_for(s).into_iter().flat_map(|c| &c.cites));
    let ids: BTreeSet<&SourceId> = cites.iter().filter(|c| c.scope == Scope::National).map(|c| &c.source).collect();
    ids.into_iter().filter_map(|id| catalog.national.sources.get(id)).collect()
}
