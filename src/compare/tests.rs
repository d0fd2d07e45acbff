use std::collections::BTreeMap;

use super::*;

fn date(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

fn code() -> StateCode {
    StateCode::parse("or").unwrap()
}

fn cite(source: &str) -> Cite {
    Cite { scope: Scope::State(code()), source: SourceId::parse(source).unwrap(), locator: None }
}

fn source(id: &str, as_of: &str) -> Source {
    Source {
        id: SourceId::parse(id).unwrap(),
        title: format!("Title of {id}"),
        publisher: None,
        url: format!("https://example.gov/{id}"),
        as_of: Some(date(as_of)),
        accessed: None,
    }
}

fn svc(id: &str, category: Category) -> Service {
    Service {
        id: ServiceId::parse(id).unwrap(),
        name: id.into(),
        category,
        description: "d".into(),
        illustrative: None,
        age: None,
        billing: vec![],
        billed_under: None,
        dyadic: None,
        diagnosis: None,
        providers: vec![],
        settings: vec![],
        telehealth: None,
        prior_authorization: None,
        limits: vec![],
        epsdt: None,
        delivery_systems: vec![],
        evidence_based_models: vec![],
        effective: None,
        cites: vec![cite("s-2024"), cite("s-2020")],
    }
}

fn fact(id: &str, dimension: Dimension, value: FactValue, as_of: &str) -> Fact {
    Fact {
        id: FactId::parse(id).unwrap(),
        dimension,
        value: Some(value),
        statement: "s".into(),
        quote: None,
        scope_note: None,
        cite: cite("s-2020"),
        as_of: Some(date(as_of)),
        period: None,
        superseded_by: None,
        confidence: Confidence::H,
        illustrative: None,
    }
}

fn setting(name: &str, kind: Option<SettingKind>, pos: &[&str], travel: Option<bool>) -> Setting {
    Setting {
        name: name.into(),
        kind,
        pos: pos.iter().map(|p| Text::from(*p)).collect(),
        travel_reimbursed: travel,
        note: None,
    }
}

fn catalog(services: Vec<Service>, facts: Vec<Fact>, delivery: Vec<DeliverySystem>) -> Catalog {
    let state = State {
        code: code(),
        name: "Oregon".into(),
        programs: vec![],
        delivery_systems: delivery,
        epsdt_summary: None,
        epsdt_cites: vec![],
        agency: None,
        modifiers: vec![],
        sources: [source("s-2024", "2024-03"), source("s-2020", "2020")]
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect(),
        services: services.into_iter().map(|s| (s.id.clone(), s)).collect(),
        content: ScopeContent { facts, ..ScopeContent::default() },
        billing_index: Default::default(),
    };
    Catalog {
        national: National::default(),
        states: BTreeMap::from([(code(), std::sync::Arc::new(state))]),
        site: Default::default(),
    }
}

fn status_of(c: &Catalog, dim: Dim) -> Status {
    cell(c, &c.states[&code()], dim).status
}

#[test]
fn nothing_said_is_not_documented_not_no() {
    let c = catalog(vec![svc("or-a", Category::Assessment)], vec![], vec![]);
    for d in DIMS {
        assert_eq!(status_of(&c, d), Status::NotDocumented, "{d:?}");
    }
}

#[test]
fn a_service_answers_with_its_first_cite_and_that_sources_date() {
    let mut s = svc("or-a", Category::Assessment);
    s.diagnosis = Some(Box::new(Diagnosis {
        required_before_treatment: None,
        pre_diagnosis_sessions: Some(5),
        session_period: Some(Period::CalendarYear),
        dc05: Some(Dc05Status::Required),
        crosswalk: None,
        icd10cm: vec![],
        note: None,
    }));
    let c = catalog(vec![s], vec![], vec![]);
    let cell = cell(&c, &c.states[&code()], Dim::PreDiagnosisSessions);
    assert_eq!(cell.status, Status::Agreed(Value::Count(5)));
    let e = &cell.evidence[0];
    assert_eq!(e.cites.len(), 1);
    assert_eq!(e.cites[0].source.as_str(), "s-2024");
    assert_eq!(e.as_of, Some(date("2024-03")));
    assert_eq!(e.detail, Some(Detail::Period(Period::CalendarYear)));
    assert_eq!(status_of(&c, Dim::Dc05), Status::Agreed(Value::Dc05(Dc05Status::Required)));
}

#[test]
fn two_facts_that_differ_are_a_disagreement_newest_first() {
    let facts = vec![
        fact("f-old", Dimension::PreDiagnosisSessions, FactValue::Text("3 to 5".into()), "2021"),
        fact("f-new", Dimension::PreDiagnosisSessions, FactValue::Int(5), "2025"),
        // A quoted number is the same answer as the number.
        fact("f-quoted", Dimension::PreDiagnosisSessions, FactValue::Text("5".into()), "2022"),
    ];
    let c = catalog(vec![], facts, vec![]);
    let cell = cell(&c, &c.states[&code()], Dim::PreDiagnosisSessions);
    assert_eq!(cell.status, Status::SourcesDisagree);
    let groups = cell.groups();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].0, &Value::Count(5));
    assert_eq!(groups[0].1.iter().map(|e| basis_id(&e.basis)).collect::<Vec<_>>(), ["f-new", "f-quoted"]);
    assert_eq!(groups[1].0, &Value::Text("3 to 5".into()));
}

#[test]
fn services_that_differ_vary_by_service_but_a_fact_makes_it_a_disagreement() {
    let mut a = svc("or-a", Category::Psychotherapy);
    a.telehealth =
        Some(Box::new(Telehealth { allowed: Some(true), modifiers: Box::new([]), pos: Box::new([]), note: None }));
    let mut b = svc("or-b", Category::Dyadic);
    b.telehealth =
        Some(Box::new(Telehealth { allowed: Some(false), modifiers: Box::new([]), pos: Box::new([]), note: None }));
    let c = catalog(vec![a, b], vec![], vec![]);
    assert_eq!(status_of(&c, Dim::Telehealth), Status::VariesByService);

    let mut a = svc("or-a", Category::Psychotherapy);
    a.telehealth =
        Some(Box::new(Telehealth { allowed: Some(true), modifiers: Box::new([]), pos: Box::new([]), note: None }));
    let c = catalog(vec![a], vec![fact("f", Dimension::Telehealth, FactValue::Bool(false), "2019")], vec![]);
    assert_eq!(status_of(&c, Dim::Telehealth), Status::SourcesDisagree);
}

#[test]
fn dyadic_and_caregiver_screening_come_from_billed_under_and_category() {
    let mut dyad = svc("or-dyad", Category::Dyadic);
    dyad.billed_under = Some(BilledUnder::Child);
    let mut screen = svc("or-screen", Category::CaregiverScreening);
    screen.billed_under = Some(BilledUnder::Caregiver);
    // Billed under the child, but not a dyadic or caregiver-screening service: no evidence.
    let mut other = svc("or-other", Category::Psychotherapy);
    other.billed_under = Some(BilledUnder::Child);
    let c = catalog(vec![dyad, screen, other], vec![], vec![]);
    assert_eq!(status_of(&c, Dim::DyadicUnderChild), Status::Agreed(Value::Bool(true)));
    assert_eq!(status_of(&c, Dim::CaregiverScreeningUnderChild), Status::Agreed(Value::Bool(false)));

    // A non-dyadic category with dyadic treatment allowed counts; `either` is yes.
    let mut p = svc("or-p", Category::Psychotherapy);
    p.billed_under = Some(BilledUnder::Either);
    p.dyadic = Some(Box::new(Dyadic {
        allowed: Some(true),
        caregiver_must_be_present: None,
        caregiver_medicaid_required: None,
        note: None,
    }));
    // A dyadic-category service that says dyadic treatment is not allowed does not.
    let mut d = svc("or-d", Category::Dyadic);
    d.billed_under = Some(BilledUnder::Caregiver);
    d.dyadic = Some(Box::new(Dyadic {
        allowed: Some(false),
        caregiver_must_be_present: None,
        caregiver_medicaid_required: None,
        note: None,
    }));
    let c = catalog(vec![p, d], vec![], vec![]);
    let cell = cell(&c, &c.states[&code()], Dim::DyadicUnderChild);
    assert_eq!(cell.status, Status::Agreed(Value::Bool(true)));
    assert_eq!(cell.evidence.len(), 1);
}

#[test]
fn home_community_and_travel_come_from_settings() {
    let mut a = svc("or-a", Category::Assessment);
    a.settings = vec![
        setting("Clinic", Some(SettingKind::Clinic), &["11"], Some(false)),
        setting("Family home", None, &["12"], Some(true)),
    ];
    let mut b = svc("or-b", Category::Other);
    // An office-only list says nothing about home and community.
    b.settings = vec![setting("Office", Some(SettingKind::Clinic), &[], None)];
    let c = catalog(vec![a, b], vec![], vec![]);
    let home = cell(&c, &c.states[&code()], Dim::HomeCommunitySettings);
    assert_eq!(home.status, Status::Agreed(Value::Bool(true)));
    assert_eq!(home.evidence.len(), 1);
    assert_eq!(home.evidence[0].detail, Some(Detail::Settings(vec!["Family home"])));
    let travel = cell(&c, &c.states[&code()], Dim::TravelReimbursed);
    assert_eq!(travel.status, Status::Agreed(Value::Bool(true)));
    assert_eq!(travel.evidence[0].detail, Some(Detail::Settings(vec!["Family home"])));

    let mut n = svc("or-n", Category::Other);
    n.settings = vec![setting("Community", Some(SettingKind::Community), &[], Some(false))];
    let c = catalog(vec![n], vec![], vec![]);
    assert_eq!(status_of(&c, Dim::TravelReimbursed), Status::Agreed(Value::Bool(false)));
    assert_eq!(status_of(&c, Dim::HomeCommunitySettings), Status::Agreed(Value::Bool(true)));
}

#[test]
fn endorsement_and_prior_authorization() {
    let mut a = svc("or-a", Category::Psychotherapy);
    a.providers = vec![
        Provider {
            kind: "LCSW".into(),
            credentials: Box::new([]),
            endorsement_required: Some(false),
            supervision: None,
            note: None,
        },
        Provider {
            kind: "Endorsed".into(),
            credentials: Box::new([]),
            endorsement_required: Some(true),
            supervision: None,
            note: None,
        },
        Provider {
            kind: "Silent".into(),
            credentials: Box::new([]),
            endorsement_required: None,
            supervision: None,
            note: None,
        },
    ];
    a.prior_authorization = Some(Box::new(PriorAuth { required: None, after_units: Some(26), note: None }));
    let c = catalog(vec![a], vec![], vec![]);
    let e = cell(&c, &c.states[&code()], Dim::EndorsementRequired);
    assert_eq!(e.status, Status::Agreed(Value::Bool(true)));
    assert_eq!(e.evidence[0].detail, Some(Detail::Providers(vec!["Endorsed"])));
    let pa = cell(&c, &c.states[&code()], Dim::PriorAuthorization);
    assert_eq!(pa.status, Status::Agreed(Value::Bool(true)));
    assert_eq!(pa.evidence[0].detail, Some(Detail::AfterUnits(26)));

    let mut b = svc("or-b", Category::Psychotherapy);
    b.prior_authorization =
        Some(Box::new(PriorAuth { required: None, after_units: None, note: Some("may apply".into()) }));
    let c = catalog(vec![b], vec![], vec![]);
    assert_eq!(status_of(&c, Dim::PriorAuthorization), Status::NotDocumented);
}

#[test]
fn delivery_comes_from_state_yaml_and_facts_become_context() {
    let ds = |id: &str, kind| DeliverySystem {
        id: DeliveryId::parse(id).unwrap(),
        kind,
        name: id.to_uppercase(),
        note: None,
        cites: vec![cite("s-2020")],
    };
    let facts = vec![fact("f-d", Dimension::DeliverySystem, FactValue::Text("managed care".into()), "2026")];
    let c = catalog(vec![], facts, vec![ds("cco", DeliveryKind::ManagedCare), ds("ffs", DeliveryKind::FeeForService)]);
    let cell = cell(&c, &c.states[&code()], Dim::DeliverySystem);
    assert_eq!(cell.status, Status::Agreed(Value::Delivery { managed_care: true, fee_for_service: true }));
    // The newer fact is still listed, after the compared value, as context.
    assert_eq!(cell.evidence.len(), 2);
    assert!(cell.evidence[0].compared && !cell.evidence[1].compared);
    assert_eq!(cell.context().count(), 1);
    assert_eq!(cell.evidence[0].cites.len(), 1, "a source cited twice is listed once");
    assert_eq!(cell.evidence[0].detail, Some(Detail::DeliverySystems(vec!["CCO", "FFS"])));

    // Without delivery systems in state.yaml, the facts are the answer.
    let facts = vec![fact("f-d", Dimension::DeliverySystem, FactValue::Text("managed care".into()), "2026")];
    let c = catalog(vec![], facts, vec![]);
    assert_eq!(status_of(&c, Dim::DeliverySystem), Status::Agreed(Value::Text("managed care".into())));
}

#[test]
fn illustrative_evidence_marks_the_cell() {
    let mut f = fact("f", Dimension::Telehealth, FactValue::Bool(true), "2024");
    f.illustrative = Some("example".into());
    let c = catalog(vec![], vec![f], vec![]);
    assert!(cell(&c, &c.states[&code()], Dim::Telehealth).illustrative());
    assert!(!cell(&c, &c.states[&code()], Dim::Dc05).illustrative());
}

#[test]
fn dimension_keys_match_the_catalog_spelling_and_slugs_are_safe() {
    for d in DIMS {
        let parsed: Dimension = serde_saphyr::from_str(d.key()).unwrap();
        assert_eq!(parsed, d.fact_dimension());
        assert!(is_slug(d.slug()), "{}", d.slug());
    }
}

#[test]
fn a_superseded_fact_is_history_and_the_cell_answers_with_the_current_value() {
    let mut old = fact("f-old", Dimension::PreDiagnosisSessions, FactValue::Text("3 to 5".into()), "2021");
    old.superseded_by = Some(Superseded::Fact(FactId::parse("f-new").unwrap()));
    let facts = vec![old, fact("f-new", Dimension::PreDiagnosisSessions, FactValue::Int(5), "2025")];
    let c = catalog(vec![], facts, vec![]);
    let cell = cell(&c, &c.states[&code()], Dim::PreDiagnosisSessions);
    assert_eq!(cell.status, Status::Agreed(Value::Count(5)));
    let history: Vec<_> = cell.context().collect();
    assert_eq!(history.len(), 1);
    assert!(history[0].superseded && !history[0].compared);
    assert_eq!(basis_id(&history[0].basis), "f-old");
    // Only superseded evidence left: nothing current is documented.
    let mut only = fact("f-only", Dimension::Telehealth, FactValue::Bool(false), "2021");
    only.superseded_by = Some(Superseded::Source(cite("s-2024")));
    let c = catalog(vec![], vec![only], vec![]);
    assert_eq!(status_of(&c, Dim::Telehealth), Status::NotDocumented);
}

#[test]
fn new_dimensions_take_their_values_from_facts_and_services() {
    let facts = vec![
        fact("f-policy", Dimension::CaregiverScreeningPolicy, FactValue::Text("recommended".into()), "2021"),
        fact("f-visits", Dimension::WellChildVisitsFirstYear, FactValue::Int(7), "2018"),
        fact("f-se", Dimension::SocialEmotionalScreening, FactValue::Bool(true), "2018"),
    ];
    let mut dyad = svc("or-d", Category::Dyadic);
    dyad.settings = vec![setting("Child care center", Some(SettingKind::ChildCare), &[], None)];
    let mut refused = svc("or-r", Category::Psychotherapy);
    refused.dyadic = Some(Box::new(Dyadic {
        allowed: Some(false),
        caregiver_must_be_present: None,
        caregiver_medicaid_required: None,
        note: None,
    }));
    let c = catalog(vec![dyad], facts, vec![]);
    assert_eq!(status_of(&c, Dim::CaregiverScreeningPolicy), Status::Agreed(Value::Policy(PolicyLevel::Recommended)));
    assert_eq!(status_of(&c, Dim::WellChildVisitsFirstYear), Status::Agreed(Value::Count(7)));
    assert_eq!(status_of(&c, Dim::SocialEmotionalScreening), Status::Agreed(Value::Bool(true)));
    assert_eq!(status_of(&c, Dim::DyadicTreatment), Status::Agreed(Value::Bool(true)));
    assert_eq!(status_of(&c, Dim::ChildCareSettings), Status::Agreed(Value::Bool(true)));
    assert_eq!(status_of(&c, Dim::IecmhConsultation), Status::NotDocumented);
    // A service that says dyadic treatment is not allowed answers No.
    let c = catalog(vec![refused], vec![], vec![]);
    assert_eq!(status_of(&c, Dim::DyadicTreatment), Status::Agreed(Value::Bool(false)));
    assert_eq!(PolicyLevel::parse("encouraged"), None);
}

#[test]
fn every_dimension_has_a_group_and_the_groups_keep_the_page_order() {
    let groups: Vec<Group> = DIMS.iter().map(|d| d.group()).collect();
    // Each group is one run in DIMS: filtering by group keeps the columns together.
    let mut seen: Vec<Group> = Vec::new();
    for g in groups {
        if seen.last() != Some(&g) {
            assert!(!seen.contains(&g), "{g:?} is split in DIMS");
            seen.push(g);
        }
    }
    assert_eq!(seen, Group::ALL);
}
