//! Validate stage: `raw` types in, a `model::Catalog` or every problem out.
//!
//! The stage never stops at the first problem: each check records a located
//! diagnostic and carries on, so one run lists everything wrong with the
//! catalog. Only when nothing was found is the model handed on; nothing
//! downstream ever sees a half-valid catalog.

mod codes;
mod codesets;
mod content;
mod service;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Pos, closest};
use crate::load::raw::{RawCite, RawSource, S, Spanned};
use crate::load::{Loaded, RawCatalog, RawStateDir};
use crate::model::*;

pub use codes::{is_cpt, is_icd10cm, url_problem};

/// Checks the whole catalog. `diags` holds load-stage problems already found;
/// validation adds to them, and the catalog is returned only if none exist.
pub fn validate(mut raw: RawCatalog, diags: Diagnostics) -> Result<Catalog, Diagnostics> {
    // Each state's raw files are dropped as soon as it is checked, so the raw
    // catalog and the model are never both whole in memory.
    run(&mut raw, diags, None, &mut Memo::default(), true)
}

/// What a validation that found no problem keeps for the next one
/// (`coverguide serve`): every state's model, shared, and the catalog-wide
/// ids each state's files define. Empty after a validation that failed.
#[derive(Default)]
pub struct Memo {
    states: BTreeMap<String, Arc<State>>,
    /// `kind:id` -> where it is defined, per state folder.
    ids: BTreeMap<String, Arc<Vec<(String, String)>>>,
    /// Every state's `kind:id` -> the state folder that defines it.
    owners: HashMap<String, String>,
    /// Whether the last [`validate_changed`] re-checked only some states (for tests).
    pub partial: bool,
}

/// [`validate`] for a catalog of which only the files of the state folders in
/// `changed` (and no national file, no crosswalk) differ from the catalog
/// that last filled `memo` without a problem. Those states and the national
/// folder are checked again; every other state's model comes from `memo`,
/// and its catalog-wide ids stand in for its files in the duplicate checks.
/// If anything is found, or there is no memo, or `changed` is `None`, the
/// whole catalog is checked as by [`validate`], so the diagnostics are always
/// exactly [`validate`]'s.
pub fn validate_changed(
    mut raw: RawCatalog,
    diags: Diagnostics,
    changed: Option<&BTreeSet<String>>,
    memo: &mut Memo,
) -> Result<Catalog, Diagnostics> {
    memo.partial = false;
    if let Some(changed) = changed
        && diags.is_empty()
        && !memo.states.is_empty()
        && let Some(catalog) = run_partial(&mut raw, changed, memo)
    {
        memo.partial = true;
        return Ok(catalog);
    }
    let mut raw = raw;
    run(&mut raw, diags, None, memo, false)
}

/// The crosswalk ids of every folder: they are global, and services may point
/// at any of them, so they are collected before any service is checked.
fn crosswalk_ids(raw: &RawCatalog) -> HashMap<String, Scope> {
    let mut crosswalk_ids: HashMap<String, Scope> = HashMap::new();
    for (scope, list) in std::iter::once((Scope::National, &raw.national.scope.crosswalks)).chain(
        raw.states.iter().filter_map(|d| StateCode::parse(&d.folder).map(|c| (Scope::State(c), &d.scope.crosswalks))),
    ) {
        for l in list {
            crosswalk_ids.entry(l.value.id.value.clone()).or_insert(scope.clone());
        }
    }
    crosswalk_ids
}

/// The whole catalog checked; `memo` is refilled (emptied on a problem).
/// With `keep`, the states it holds are taken as they are (see `run_partial`).
/// With `drain`, each state folder's raw files are dropped from `raw` as soon
/// as the folder is checked.
fn run(
    raw: &mut RawCatalog,
    diags: Diagnostics,
    keep: Option<&BTreeSet<String>>,
    memo: &mut Memo,
    drain: bool,
) -> Result<Catalog, Diagnostics> {
    let mut cx = Cx { diags, ..Default::default() };
    let national_sources =
        cx.sources(&raw.national.sources.as_ref().map(|l| (l.path.clone(), l.line_offset, &l.value.sources)));
    cx.crosswalk_ids = crosswalk_ids(raw);

    let national_content = {
        let scope = ScopeCx { scope: Scope::National, own: &national_sources, national: &BTreeMap::new() };
        cx.content(&scope, &raw.national.scope)
    };
    let mut states = BTreeMap::new();
    let mut ids = BTreeMap::new();
    let kept = |dir: &RawStateDir| keep.is_some_and(|k| k.contains(&dir.folder));
    // The problems found reading the next checked state's services, read
    // while the state before it was checked.
    let mut read_ahead: Option<Diagnostics> = None;
    for i in 0..raw.states.len() {
        let dir = &raw.states[i];
        if kept(dir) {
            let state = memo.states[&dir.folder].clone();
            ids.insert(dir.folder.clone(), memo.ids.get(&dir.folder).cloned().unwrap_or_default());
            states.insert(dir.folder.clone(), state);
            continue;
        }
        // A deferred load (`load::load_deferred`) reads the state's services
        // now, unless they were read while the state before it was checked.
        let unread = read_ahead.take().unwrap_or_else(|| crate::load::read_services(&mut raw.states[i]));
        cx.diags.extend(unread);
        cx.log = Some(Vec::new());
        // The next checked state's services are read (parsing is most of
        // validation's time) while this one is checked, so neither waits
        // on the other: at most two states' raw services are held at once.
        let next = (i + 1..raw.states.len()).find(|&j| !kept(&raw.states[j]));
        let (done, rest) = raw.states.split_at_mut(i + 1);
        let dir = &done[i];
        let ahead = next.map(|j| &mut rest[j - i - 1]);
        let (state, ahead) = rayon::join(|| cx.state(dir, &national_sources), || ahead.map(crate::load::read_services));
        read_ahead = ahead;
        if let Some(state) = state {
            states.insert(dir.folder.clone(), Arc::new(state));
        }
        ids.insert(dir.folder.clone(), Arc::new(cx.log.take().unwrap_or_default()));
        if drain {
            // Checked: the folder's raw files are dropped now, not with the catalog.
            let dir = &mut raw.states[i];
            dir.state = None;
            dir.services = Vec::new();
            dir.scope = crate::load::RawScope::default();
        }
    }
    // A checked state's id that a state taken from the memo also defines: a
    // clash, which validation of the whole catalog reports as it should
    // (the checked states' ids were compared with each other and with the
    // national ones above, and those of the kept states did not change).
    if let Some(keep) = keep {
        let checked = ids.iter().filter(|(folder, _)| !keep.contains(*folder));
        for (key, _) in checked.flat_map(|(_, v)| v.iter()) {
            if memo.owners.get(key).is_some_and(|owner| keep.contains(owner)) {
                return Err(Diagnostics::default());
            }
        }
    }
    if states.is_empty() && raw.states.is_empty() && cx.diags.is_empty() {
        cx.diags.push(
            Diagnostic::at(&raw.root.join("states"), None, "the catalog has no states")
                .with_hint("add a folder states/<st>/ with a state.yaml; `coverguide` builds one site per state"),
        );
    }
    let mut owners = std::mem::take(&mut memo.owners);
    let old_ids = std::mem::take(&mut memo.ids);
    *memo = Memo::default();
    if cx.diags.is_empty() {
        let mut catalog = Catalog {
            national: National { sources: national_sources, content: national_content },
            states: states.values().map(|s| (s.code.clone(), s.clone())).collect(),
            site: raw.site.clone(),
        };
        crate::config::keep_states(&mut catalog)?;
        match keep {
            // Only the checked states' ids change owner.
            Some(keep) => {
                for (folder, list) in old_ids.iter().filter(|(f, _)| !keep.contains(*f)) {
                    for (key, _) in list.iter() {
                        if owners.get(key) == Some(folder) {
                            owners.remove(key);
                        }
                    }
                }
                for (folder, list) in ids.iter().filter(|(f, _)| !keep.contains(*f)) {
                    for (key, _) in list.iter() {
                        owners.insert(key.clone(), folder.clone());
                    }
                }
            }
            None => {
                owners = ids.iter().flat_map(|(f, v)| v.iter().map(move |(key, _)| (key.clone(), f.clone()))).collect()
            }
        }
        *memo = Memo { states, ids, owners, partial: false };
        Ok(catalog)
    } else {
        cx.diags.sort();
        Err(cx.diags)
    }
}

/// The fast path of [`validate_changed`]: `None` when it cannot be taken or
/// found anything (the caller then checks the whole catalog).
fn run_partial(raw: &mut RawCatalog, changed: &BTreeSet<String>, memo: &mut Memo) -> Option<Catalog> {
    // Every state folder not named as changed must be one the memo holds.
    let keep: BTreeSet<String> = raw.states.iter().map(|d| d.folder.clone()).filter(|f| !changed.contains(f)).collect();
    if !keep.iter().all(|f| memo.states.contains_key(f)) {
        return None;
    }
    // On a problem `run` empties the memo, and the caller refills it (from
    // `raw`, which is why it is not drained here).
    run(raw, Diagnostics::default(), Some(&keep), memo, false).ok()
}

/// Validation context: collected diagnostics and catalog-wide id registers.
#[derive(Default)]
struct Cx {
    diags: Diagnostics,
    crosswalk_ids: HashMap<String, Scope>,
    /// Catalog-wide ids already seen, with where: `kind:id` -> path:line.
    seen: HashMap<String, String>,
    /// Modifiers the state being checked declares in its state.yaml.
    declared_modifiers: Vec<String>,
    /// When set, the ids `unique` registers (for [`Memo`]).
    log: Option<Vec<(String, String)>>,
    /// The model's repeated strings, each held once.
    texts: crate::model::Interner,
}

/// Where sources resolve for the file being checked.
struct ScopeCx<'a> {
    scope: Scope,
    own: &'a BTreeMap<SourceId, Source>,
    national: &'a BTreeMap<SourceId, Source>,
}

/// A title for a source that gives none: its URL's host and path, without
/// the scheme, query, fragment or a trailing slash.
pub fn url_title(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    rest.strip_prefix("www.").unwrap_or(rest).to_string()
}

impl ScopeCx<'_> {
    /// The source a resolved cite names.
    fn source(&self, c: &Cite) -> Option<&Source> {
        match c.scope {
            Scope::National => self.national.get(&c.source),
            Scope::State(_) => self.own.get(&c.source),
        }
    }
}

/// The location of a spanned value, shifted for front matter.
fn pos<T>(s: &Spanned<T>, line_offset: usize, text_len: usize) -> Option<Pos> {
    (s.line > 0).then(|| Pos { line: s.line as usize + line_offset, col: s.col as usize, len: text_len.max(1) })
}

fn spos(s: &S, line_offset: usize) -> Option<Pos> {
    pos(s, line_offset, s.value.chars().count())
}

impl Cx {
    fn error(&mut self, path: &Path, pos: Option<Pos>, msg: impl Into<String>) {
        self.diags.push(Diagnostic::at(path, pos, msg));
    }

    fn error_hint(&mut self, path: &Path, pos: Option<Pos>, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::at(path, pos, msg).with_hint(hint));
    }

    /// Registers a catalog-wide id; reports a duplicate with the first place.
    fn unique(&mut self, kind: &str, id: &S, path: &Path, off: usize) -> bool {
        let here = format!("{}:{}", path.display(), id.line as usize + off);
        match self.seen.get(&format!("{kind}:{}", id.value)) {
            Some(first) => {
                let first = first.clone();
                self.error_hint(
                    path,
                    spos(id, off),
                    format!("duplicate {kind} id `{}`", id.value),
                    format!("first defined at {first}"),
                );
                false
            }
            None => {
                if let Some(log) = self.log.as_mut() {
                    log.push((format!("{kind}:{}", id.value), here.clone()));
                }
                self.seen.insert(format!("{kind}:{}", id.value), here);
                true
            }
        }
    }

    fn slug<T>(&mut self, kind: &str, id: &S, path: &Path, off: usize, make: fn(&str) -> Option<T>) -> Option<T> {
        let v = make(&id.value);
        if v.is_none() && crate::model::is_reserved_name(&id.value) {
            self.error_hint(
                path,
                spos(id, off),
                format!("invalid {kind} id `{}`: Windows reserves this name for a device", id.value),
                "choose another id; `con`, `prn`, `aux`, `nul`, `com0`-`com9` and `lpt0`-`lpt9` cannot name a folder on Windows",
            );
        } else if v.is_none() {
            self.error_hint(
                path,
                spos(id, off),
                format!("invalid {kind} id `{}`", id.value),
                "ids use lower-case letters, digits and single hyphens (at most 64 characters), e.g. `wa-mhayc-assessment`",
            );
        }
        v
    }

    fn date(&mut self, s: &S, path: &Path, off: usize) -> Option<PartialDate> {
        let d = PartialDate::parse(&s.value);
        if d.is_none() {
            self.error_hint(
                path,
                spos(s, off),
                format!("invalid date `{}`", s.value),
                "write a date as YYYY, YYYY-MM or YYYY-MM-DD, in quotes",
            );
        }
        d
    }

    fn opt_date(&mut self, s: &Option<S>, path: &Path, off: usize) -> Option<PartialDate> {
        s.as_ref().and_then(|s| self.date(s, path, off))
    }

    fn url(&mut self, s: &S, path: &Path, off: usize) -> Option<String> {
        match codes::url_problem(&s.value) {
            None => Some(s.value.clone()),
            Some(p) => {
                self.error(path, spos(s, off), format!("invalid URL `{}`: {p}", s.value));
                None
            }
        }
    }

    fn text(&mut self, s: &str, what: &str, path: &Path) {
        if s.trim().is_empty() {
            self.error(path, None, format!("{what} is empty"));
        }
    }

    fn sources(&mut self, file: &Option<(PathBuf, usize, &Vec<RawSource>)>) -> BTreeMap<SourceId, Source> {
        let mut out = BTreeMap::new();
        let Some((path, off, list)) = file else { return out };
        for s in *list {
            let Some(id) = self.slug("source", &s.id, path, *off, SourceId::parse) else { continue };
            if out.contains_key(&id) {
                self.error(path, spos(&s.id, *off), format!("duplicate source id `{id}`"));
                continue;
            }
            // A source with a bad URL or date is reported once, here, and
            // still defined, so its cites do not report it again as unknown.
            // The catalog is invalid either way: nothing is built from it.
            let url = self.url(&s.url, path, *off).unwrap_or_else(|| s.url.value.clone());
            let as_of = self.opt_date(&s.as_of, path, *off);
            let accessed = self.opt_date(&s.accessed, path, *off);
            let title = match &s.title {
                Some(t) => {
                    self.text(t, "a source title", path);
                    t.clone()
                }
                None => url_title(&url),
            };
            out.insert(id.clone(), Source { id, title, publisher: s.publisher.clone(), url, as_of, accessed });
        }
        // Made again from the list: a map built from a sorted list fills its
        // nodes, where one built by insertion leaves them a third empty.
        out.into_iter().collect()
    }

    fn cite(&mut self, c: &RawCite, sc: &ScopeCx<'_>, path: &Path, off: usize) -> Option<Cite> {
        let id = SourceId::parse_in(&c.source.value, &mut self.texts);
        let found = id.as_ref().and_then(|id| {
            if sc.own.contains_key(id) {
                Some(sc.scope.clone())
            } else if sc.national.contains_key(id) {
                Some(Scope::National)
            } else {
                None
            }
        });
        match (id, found) {
            (Some(source), Some(scope)) => Some(Cite { scope, source, locator: c.locator.clone() }),
            _ => {
                let known = sc.own.keys().chain(sc.national.keys()).map(SourceId::as_str);
                let hint = match closest(&c.source.value, known) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => match sc.scope {
                        Scope::National => "define it in national/sources.yaml".to_string(),
                        Scope::State(_) => {
                            "define it in this state's state.yaml `sources:` or in national/sources.yaml".to_string()
                        }
                    },
                };
                self.error_hint(path, spos(&c.source, off), format!("unknown source `{}`", c.source.value), hint);
                None
            }
        }
    }

    fn cites(&mut self, list: &[RawCite], sc: &ScopeCx<'_>, path: &Path, off: usize) -> Vec<Cite> {
        service::exact(list.iter().filter_map(|c| self.cite(c, sc, path, off)).collect())
    }

    fn state(&mut self, dir: &RawStateDir, national: &BTreeMap<SourceId, Source>) -> Option<State> {
        let Loaded { path, line_offset: off, value: raw } = dir.state.as_deref()?;
        let code = StateCode::parse(&dir.folder);
        if code.is_none() {
            self.error_hint(
                &dir.dir,
                None,
                format!("`{}` is not a US postal code", dir.folder),
                "state folders are named by lower-case postal code, e.g. states/or/",
            );
        }
        if raw.state.value != dir.folder.to_ascii_uppercase() {
            self.error_hint(
                path,
                spos(&raw.state, *off),
                format!("state `{}` does not match its folder `{}`", raw.state.value, dir.folder),
                format!("write `state: {}` or move the file", dir.folder.to_ascii_uppercase()),
            );
        }
        self.text(&raw.name.value, "the state name", path);
        let sources = self.sources(&Some((path.clone(), *off, &raw.sources)));
        let code = code?;
        let sc = ScopeCx { scope: Scope::State(code.clone()), own: &sources, national };
        let mut delivery_systems = Vec::new();
        for d in &raw.delivery_systems {
            let Some(id) = self.slug("delivery system", &d.id, path, *off, DeliveryId::parse) else { continue };
            if delivery_systems.iter().any(|x: &DeliverySystem| x.id == id) {
                self.error(path, spos(&d.id, *off), format!("duplicate delivery system id `{id}`"));
                continue;
            }
            let cites = self.cites(&d.cites, &sc, path, *off);
            delivery_systems.push(DeliverySystem {
                id,
                kind: d.kind,
                name: d.name.clone(),
                note: d.note.clone(),
                cites,
            });
        }
        if raw.medicaid_programs.is_empty() {
            self.error(path, None, "medicaid_programs lists no program");
        }
        let epsdt_cites = self.cites(&raw.epsdt_cites, &sc, path, *off);
        let modifiers = self.state_modifiers(&raw.modifiers, &sc, path, *off);
        self.declared_modifiers = modifiers.iter().map(|m| m.code.clone()).collect();
        let agency = raw
            .agency
            .as_ref()
            .map(|a| Agency { name: a.name.clone(), url: a.url.as_ref().and_then(|u| self.url(u, path, *off)) });
        // Collected, not inserted one by one: a map built from a list fills
        // its nodes (a third less memory for a large state's services).
        let services: BTreeMap<ServiceId, Service> = dir
            .services
            .iter()
            .filter_map(|l| self.service(l, &sc, &delivery_systems))
            .map(|s| (s.id.clone(), s))
            .collect();
        let content = self.content(&sc, &dir.scope);
        Some(State {
            code,
            name: raw.name.value.clone(),
            programs: raw
                .medicaid_programs
                .iter()
                .map(|p| Program { name: p.name.clone(), abbreviation: p.abbreviation.clone(), note: p.note.clone() })
                .collect(),
            delivery_systems,
            epsdt_summary: raw.epsdt_summary.clone(),
            epsdt_cites,
            agency,
            sources,
            services,
            content,
            modifiers,
            billing_index: Default::default(),
        })
    }
}
