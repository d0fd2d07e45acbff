//! Checks for one service file.

use super::*;
use crate::load::raw::{RawBillingLine, RawEffective, RawService};

/// Oldest age EPSDT reaches: under 21, so 251 months.
const MAX_AGE_MONTHS: u32 = 251;

impl Cx {
    pub(super) fn service(
        &mut self,
        l: &Loaded<RawService>,
        sc: &ScopeCx<'_>,
        delivery: &[DeliverySystem],
    ) -> Option<Service> {
        let (path, off, raw) = (&l.path, l.line_offset, &l.value);
        let id = self.slug("service", &raw.id, path, off, ServiceId::parse);
        let unique = self.unique("service", &raw.id, path, off);
        self.text(&raw.name, "the service name", path);
        self.text(&raw.description, "the service description", path);

        let age = raw.age.as_ref().and_then(|a| {
            let (min, max) = (a.min_months.value, a.max_months.value);
            if min > max {
                self.error(
                    path,
                    pos(&a.min_months, off, min.to_string().len()),
                    format!("age range is backwards: min_months {min} is above max_months {max}"),
                );
                None
            } else if max > MAX_AGE_MONTHS {
                self.error_hint(
                    path,
                    pos(&a.max_months, off, max.to_string().len()),
                    format!("max_months {max} is past EPSDT's age limit"),
                    format!("EPSDT covers people under 21: at most {MAX_AGE_MONTHS} months"),
                );
                None
            } else {
                Some(AgeRange { min_months: min, max_months: max })
            }
        });

        let billing = exact(raw.billing.iter().filter_map(|b| self.billing_line(b, path, off)).collect());
        for (i, p) in raw.providers.iter().enumerate() {
            if p.kind.as_deref().is_none_or(|k| k.trim().is_empty()) && p.credentials.is_empty() {
                self.error_hint(
                    path,
                    spos(&raw.id, off),
                    format!("provider {} of service `{}` names no `kind` and no `credentials`", i + 1, raw.id.value),
                    "write who may deliver it, e.g. `- kind: \"Licensed clinical social worker\"` or `- credentials: [LCSW]`",
                );
            }
        }
        let diagnosis = raw.diagnosis.as_ref().map(|d| {
            let crosswalk = d.crosswalk.as_ref().and_then(|c| {
                if self.crosswalk_ids.contains_key(&c.value) {
                    CrosswalkId::parse(&c.value)
                } else {
                    let hint = match closest(&c.value, self.crosswalk_ids.keys().map(String::as_str)) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => "crosswalks live in national/crosswalks/ or states/<st>/crosswalks/".to_string(),
                    };
                    self.error_hint(path, spos(c, off), format!("unknown crosswalk `{}`", c.value), hint);
                    None
                }
            });
            let mut icd10cm: Vec<DxSpec> = Vec::with_capacity(d.icd10cm.len());
            for spec in &d.icd10cm {
                if let Some(x) = self.dx_spec(spec, path, off) {
                    if icd10cm.contains(&x) {
                        self.error(path, spos(spec, off), format!("`{}` is listed twice", spec.value));
                    } else {
                        icd10cm.push(x);
                    }
                }
            }
            Box::new(Diagnosis {
                icd10cm,
                required_before_treatment: d.required_before_treatment,
                pre_diagnosis_sessions: d.pre_diagnosis_sessions.as_ref().map(|s| s.value),
                session_period: d.session_period,
                dc05: d.dc05,
                crosswalk,
                note: d.note.clone(),
            })
        });
        let settings = raw
            .settings
            .iter()
            .map(|s| Setting {
                name: self.texts.text(&s.name),
                kind: s.kind,
                pos: self.pos_codes(&s.pos, path, off),
                travel_reimbursed: s.travel_reimbursed,
                note: self.texts.opt(s.note.as_deref()),
            })
            .collect();
        let telehealth = raw.telehealth.as_ref().map(|t| {
            Box::new(Telehealth {
                allowed: t.allowed,
                modifiers: self.modifiers(&t.modifiers, path, off),
                pos: self.pos_codes(&t.pos, path, off),
                note: t.note.clone(),
            })
        });
        let mut delivery_systems = Vec::with_capacity(raw.delivery_systems.len());
        for d in &raw.delivery_systems {
            match delivery.iter().find(|x| x.id.as_str() == d.value) {
                Some(x) => delivery_systems.push(x.id.clone()),
                None => {
                    let hint = match closest(&d.value, delivery.iter().map(|x| x.id.as_str())) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None if delivery.is_empty() => {
                            "this state's state.yaml defines no delivery_systems".to_string()
                        }
                        None => format!(
                            "this state's delivery systems are: {}",
                            delivery.iter().map(|x| x.id.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    };
                    self.error_hint(path, spos(d, off), format!("unknown delivery system `{}`", d.value), hint);
                }
            }
        }
        let effective = raw.effective.as_ref().map(|e| self.effective(e, path, off));
        if raw.cites.is_empty() {
            self.error_hint(
                path,
                spos(&raw.id, off),
                "the service cites no source",
                "every service needs `cites:` with at least one source",
            );
        }
        let cites = self.cites(&raw.cites, sc, path, off);
        let limits = raw
            .limits
            .iter()
            .map(|x| Limit {
                amount: x.amount,
                unit: x.unit,
                period: x.period,
                kind: x.kind,
                epsdt_exception: x.epsdt_exception,
                note: x.note.clone(),
            })
            .collect();
        let clone_dyadic = |d: &Dyadic| {
            Box::new(Dyadic {
                allowed: d.allowed,
                caregiver_must_be_present: d.caregiver_must_be_present,
                caregiver_medicaid_required: d.caregiver_medicaid_required,
                note: d.note.clone(),
            })
        };
        let service = Service {
            id: id?,
            name: self.texts.text(&raw.name),
            category: raw.category,
            description: raw.description.clone(),
            illustrative: self.texts.opt(raw.illustrative.as_deref()),
            age,
            billing,
            billed_under: raw.billed_under,
            dyadic: raw.dyadic.as_ref().map(clone_dyadic),
            diagnosis,
            providers: raw
                .providers
                .iter()
                .map(|p| Provider {
                    // A provider known only by a credential is shown by it.
                    kind: match &p.kind {
                        Some(k) => self.texts.text(k),
                        None => self.texts.text(&p.credentials.join(", ")),
                    },
                    credentials: self.texts.list(p.credentials.iter().map(String::as_str)),
                    endorsement_required: p.endorsement_required,
                    supervision: self.texts.opt(p.supervision.as_deref()),
                    note: self.texts.opt(p.note.as_deref()),
                })
                .collect(),
            settings,
            telehealth,
            prior_authorization: raw.prior_authorization.as_ref().map(|p| {
                Box::new(PriorAuth { required: p.required, after_units: p.after_units, note: p.note.clone() })
            }),
            limits,
            epsdt: raw
                .epsdt
                .as_ref()
                .map(|e| Epsdt { state_plan_service: e.state_plan_service, epsdt_only: e.epsdt_only }),
            delivery_systems,
            evidence_based_models: raw.evidence_based_models.clone(),
            effective,
            cites,
        };
        unique.then_some(service)
    }

    fn billing_line(&mut self, b: &RawBillingLine, path: &Path, off: usize) -> Option<BillingLine> {
        let code = &b.code.value;
        let problem = match b.system {
            CodeSystem::Cpt => (!codes::is_cpt(code))
                .then_some("a CPT code is five digits, or four digits and F, T or U, e.g. `90791`"),
            CodeSystem::Hcpcs => codes::hcpcs_problem(code),
            CodeSystem::Local => {
                (!codes::is_local(code)).then_some("a local code is up to 20 letters, digits or hyphens")
            }
        };
        let system = match b.system {
            CodeSystem::Cpt => "CPT",
            CodeSystem::Hcpcs => "HCPCS",
            CodeSystem::Local => "local",
        };
        if let Some(p) = problem {
            let mut hint = p.to_string();
            if b.system == CodeSystem::Cpt && codes::hcpcs_problem(code).is_none() {
                hint = format!("`{code}` looks like a HCPCS Level II code: write `system: HCPCS`");
            } else if b.system == CodeSystem::Hcpcs && codes::is_cpt(code) {
                hint = format!("`{code}` looks like a CPT code: write `system: CPT`");
            }
            self.error_hint(path, spos(&b.code, off), format!("invalid {system} code `{code}`"), hint);
        }
        let modifiers = self.modifiers(&b.modifiers, path, off);
        let rate = b.rate.as_ref().map(|r| {
            if let Some(a) = &r.amount {
                let ok = a.value.split_once('.').map_or(a.value.bytes().all(|c| c.is_ascii_digit()), |(d, c)| {
                    !d.is_empty()
                        && d.bytes().all(|x| x.is_ascii_digit())
                        && c.len() == 2
                        && c.bytes().all(|x| x.is_ascii_digit())
                });
                if !ok || a.value.is_empty() {
                    self.error_hint(
                        path,
                        spos(a, off),
                        format!("invalid rate `{}`", a.value),
                        "write dollars as digits with two decimals, in quotes, e.g. \"123.45\"",
                    );
                }
            }
            Rate {
                amount: r.amount.as_ref().map(|a| self.texts.text(&a.value)),
                fee_schedule_url: r
                    .fee_schedule_url
                    .as_ref()
                    .and_then(|u| self.url(u, path, off))
                    .map(|u| self.texts.text(&u)),
                as_of: self.opt_date(&r.as_of, path, off),
            }
        });
        let effective = b.effective.as_ref().map(|e| self.effective(e, path, off));
        (problem.is_none()).then(|| BillingLine {
            system: b.system,
            code: self.texts.text(code),
            modifiers,
            unit: b.unit,
            rate,
            effective,
            note: self.texts.opt(b.note.as_deref()),
        })
    }

    fn modifiers(&mut self, list: &[S], path: &Path, off: usize) -> Box<[Text]> {
        let mut out = Vec::new();
        for m in list {
            if codes::is_modifier(&m.value) {
                if self.modifier_known(m, path, off) {
                    out.push(self.texts.text(&m.value));
                }
            } else {
                self.error_hint(
                    path,
                    spos(m, off),
                    format!("invalid modifier `{}`", m.value),
                    "a modifier is two upper-case letters or digits, e.g. `HA`, `U1`, `95`",
                );
            }
        }
        out.into_boxed_slice()
    }

    fn pos_codes(&mut self, list: &[S], path: &Path, off: usize) -> Box<[Text]> {
        let mut out = Vec::new();
        for p in list {
            if codes::is_pos(&p.value) {
                if self.pos_known(p, path, off) {
                    out.push(self.texts.text(&p.value));
                }
            } else {
                self.error_hint(
                    path,
                    spos(p, off),
                    format!("invalid place-of-service code `{}`", p.value),
                    "a CMS place-of-service code is two digits in quotes, e.g. \"12\" for home",
                );
            }
        }
        out.into_boxed_slice()
    }

    pub(super) fn effective(&mut self, e: &RawEffective, path: &Path, off: usize) -> Effective {
        let from = self.opt_date(&e.from, path, off);
        let to = self.opt_date(&e.to, path, off);
        if let (Some(f), Some(t), Some(ts)) = (from, to, &e.to)
            && t < f
        {
            self.error(path, spos(ts, off), format!("effective dates are backwards: `to` {t} is before `from` {f}"));
        }
        Effective { from, to }
    }
}

/// `list` holding no spare room: a list collected from a filter grows by
/// doubling, and a catalog's hundreds of thousands of short lists (billing
/// lines, citations) would keep the spare room for the whole build. The
/// shortest lists (modifiers, places of service, credentials) are boxed
/// slices, which have none.
pub(super) fn exact<T>(mut list: Vec<T>) -> Vec<T> {
    list.shrink_to_fit();
    list
}
