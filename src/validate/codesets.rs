//! Checks against the official code data shipped in `crate::codes`: that an
//! ICD-10-CM code exists in the declared release and is billable, that a
//! modifier is standard or declared by the state, and that a place-of-service
//! code is assigned. Syntax is checked first (`codes.rs`); these checks run
//! only on well-formed codes, so one typo gives one diagnostic.

use super::*;
use crate::codes::{self as data, icd10cm::Release};
use crate::load::raw::RawStateModifier;

/// How many billable subcodes a hint names before "and N more".
const HINT_CODES: usize = 6;

const ICD_SYNTAX_HINT: &str =
    "an ICD-10-CM code is a letter, two characters, and an optional dot with up to four more, e.g. `F43.10`";

/// Where an ICD-10-CM code is written, which decides what the hint offers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum IcdUse {
    Crosswalk,
    Service,
}

impl Cx {
    /// The shipped release a crosswalk names, or a located error.
    pub(super) fn icd_release(&mut self, s: &S, path: &Path, off: usize) -> Option<&'static Release> {
        let found = data::icd10cm::find(&s.value);
        if found.is_none() {
            let shipped: Vec<String> =
                data::icd10cm::releases().iter().map(|r| format!("`{}` (or `{}`)", r.name, r.id)).collect();
            self.error_hint(
                path,
                spos(s, off),
                format!("unknown ICD-10-CM release `{}`", s.value),
                format!(
                    "coverguide ships {}; check the codes against one of them and name it here",
                    shipped.join(", ")
                ),
            );
        }
        found
    }

    /// One ICD-10-CM code: well formed, in the release, and billable.
    /// Without a release (an unknown one was already reported) only the
    /// syntax is checked.
    pub(super) fn icd_code(
        &mut self,
        s: &S,
        release: Option<&Release>,
        used: IcdUse,
        path: &Path,
        off: usize,
    ) -> Option<String> {
        let code = s.value.as_str();
        if !is_icd10cm(code) {
            self.error_hint(path, spos(s, off), format!("invalid ICD-10-CM code `{code}`"), ICD_SYNTAX_HINT);
            return None;
        }
        let Some(r) = release else { return Some(code.to_string()) };
        match r.lookup(code) {
            Some(c) if c.billable => Some(code.to_string()),
            Some(c) => {
                let kids: Vec<String> =
                    r.descendants(code).filter(|k| k.billable).map(|k| format!("{} ({})", k.code, k.title)).collect();
                let mut list = kids.iter().take(HINT_CODES).cloned().collect::<Vec<_>>().join(", ");
                if kids.len() > HINT_CODES {
                    list.push_str(&format!(", and {} more", kids.len() - HINT_CODES));
                }
                let hint = match used {
                    IcdUse::Crosswalk => format!("a claim needs one of its billable subcodes: {list}"),
                    IcdUse::Service => {
                        format!("name its billable subcodes: {list}; or write `{code}-` to accept all of them")
                    }
                };
                self.error_hint(
                    path,
                    spos(s, off),
                    format!("`{code}` ({}) is a header in ICD-10-CM {}, not a billable code", c.title, r.name),
                    hint,
                );
                None
            }
            None => {
                // Point at the nearest existing parent, if any.
                let parent = (3..code.len()).rev().map(|n| code[..n].trim_end_matches('.')).find_map(|p| r.lookup(p));
                let hint = match parent {
                    Some(p) => {
                        let kids: Vec<&str> = r.descendants(p.code).filter(|k| k.billable).map(|k| k.code).collect();
                        let mut list = kids.iter().take(HINT_CODES).copied().collect::<Vec<_>>().join(", ");
                        if kids.len() > HINT_CODES {
                            list.push_str(&format!(", and {} more", kids.len() - HINT_CODES));
                        }
                        if kids.is_empty() {
                            format!("`{}` ({}) is itself the billable code", p.code, p.title)
                        } else {
                            format!("billable codes under `{}` ({}): {list}", p.code, p.title)
                        }
                    }
                    None => "check the code in the release's tabular list".to_string(),
                };
                self.error_hint(path, spos(s, off), format!("`{code}` is not a code in ICD-10-CM {}", r.name), hint);
                None
            }
        }
    }

    /// An accepted diagnosis on a service: a code, a family `F43.1-`, or a
    /// range `Z69.010-Z69.020`, all checked against the newest release.
    pub(super) fn dx_spec(&mut self, s: &S, path: &Path, off: usize) -> Option<DxSpec> {
        let r = data::icd10cm::latest();
        let v = s.value.as_str();
        let at = spos(s, off);
        if let Some(head) = v.strip_suffix('-') {
            if !is_icd10cm(head) {
                self.error_hint(path, at, format!("invalid ICD-10-CM family `{v}`"), ICD_SYNTAX_HINT);
                return None;
            }
            return match r.lookup(head) {
                Some(c) if c.billable => {
                    self.error_hint(
                        path,
                        at,
                        format!("`{head}` has no subcodes in ICD-10-CM {}", r.name),
                        format!("write the code itself: `{head}`"),
                    );
                    None
                }
                Some(_) => Some(DxSpec::Family(head.to_string())),
                None => {
                    self.error_hint(
                        path,
                        at,
                        format!("`{head}` is not a code in ICD-10-CM {}", r.name),
                        "a family names a category or subcategory header, e.g. `F43.1-`",
                    );
                    None
                }
            };
        }
        if let Some((lo, hi)) = v.split_once('-') {
            if !is_icd10cm(lo) || !is_icd10cm(hi) {
                self.error_hint(
                    path,
                    at,
                    format!("invalid ICD-10-CM range `{v}`"),
                    "a range is two codes joined by a hyphen, e.g. `Z69.010-Z69.020`",
                );
                return None;
            }
            let missing: Vec<&str> = [lo, hi].into_iter().filter(|c| r.lookup(c).is_none()).collect();
            if !missing.is_empty() {
                self.error_hint(
                    path,
                    at,
                    format!("range `{v}`: `{}` is not a code in ICD-10-CM {}", missing.join("` and `"), r.name),
                    "both ends of a range must be codes of the release",
                );
                return None;
            }
            if lo > hi {
                self.error_hint(
                    path,
                    at,
                    format!("range `{v}` is backwards"),
                    format!("write the lower code first: `{hi}-{lo}`"),
                );
                return None;
            }
            return Some(DxSpec::Range(lo.to_string(), hi.to_string()));
        }
        self.icd_code(s, Some(r), IcdUse::Service, path, off).map(DxSpec::Code)
    }

    /// A state's own modifiers: well formed, explained, cited, not repeated.
    pub(super) fn state_modifiers(
        &mut self,
        list: &[RawStateModifier],
        sc: &ScopeCx<'_>,
        path: &Path,
        off: usize,
    ) -> Vec<StateModifier> {
        let mut out: Vec<StateModifier> = Vec::new();
        for m in list {
            let code = &m.code.value;
            if !codes::is_modifier(code) {
                self.error_hint(
                    path,
                    spos(&m.code, off),
                    format!("invalid modifier `{code}`"),
                    "a modifier is two upper-case letters or digits, e.g. `U1`",
                );
                continue;
            }
            if out.iter().any(|x| &x.code == code) {
                self.error(path, spos(&m.code, off), format!("modifier `{code}` is declared twice"));
                continue;
            }
            if m.meaning.trim().is_empty() {
                self.error_hint(
                    path,
                    spos(&m.code, off),
                    format!("modifier `{code}` has no meaning"),
                    "write what the modifier means in this state, as its manual says",
                );
            }
            if m.cites.is_empty() {
                self.error_hint(
                    path,
                    spos(&m.code, off),
                    format!("modifier `{code}` cites no source"),
                    "add `cites:` naming the manual or fee schedule that defines it",
                );
            }
            let cites = self.cites(&m.cites, sc, path, off);
            out.push(StateModifier { code: code.clone(), meaning: m.meaning.clone(), cites });
        }
        out
    }

    /// Whether a well-formed modifier may be used by the state being checked.
    pub(super) fn modifier_known(&mut self, m: &S, path: &Path, off: usize) -> bool {
        let code = m.value.as_str();
        if self.declared_modifiers.iter().any(|d| d == code) {
            return true;
        }
        match data::modifier(code) {
            Some(std) if !std.state_defined => true,
            Some(std) => {
                self.error_hint(
                    path,
                    spos(m, off),
                    format!("modifier `{code}` is state-defined and this state does not declare it"),
                    format!(
                        "nationally `{code}` only reads \"{}\": add it to state.yaml `modifiers:` with its meaning here and a source",
                        std.text
                    ),
                );
                false
            }
            None => {
                let shipped: Vec<&str> =
                    data::modifiers().iter().filter(|x| !x.state_defined).map(|x| x.code).collect();
                self.error_hint(
                    path,
                    spos(m, off),
                    format!("unknown modifier `{code}`"),
                    format!(
                        "coverguide knows {} and U1-UD; declare any other modifier in state.yaml `modifiers:` with its meaning and a source",
                        shipped.join(", ")
                    ),
                );
                false
            }
        }
    }

    /// Whether a well-formed place-of-service code is assigned by CMS.
    pub(super) fn pos_known(&mut self, p: &S, path: &Path, off: usize) -> bool {
        if data::pos_name(&p.value).is_some() {
            return true;
        }
        let (_, as_of) = data::pos_source();
        self.error_hint(
            path,
            spos(p, off),
            format!("`{}` is not an assigned CMS place-of-service code", p.value),
            format!("the CMS code set (as of {as_of}) leaves it unassigned; e.g. \"11\" office, \"12\" home, \"02\" or \"10\" telehealth"),
        );
        false
    }
}
