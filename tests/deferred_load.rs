//! `build` and `check` load a catalog with each state's service files left
//! unread until validation reaches the state (`load::load_deferred`): the
//! model, and every problem, are those of loading every file first.

mod common;

use std::path::Path;

use common::*;
use coverguide::load::{load, load_deferred};
use coverguide::validate::validate;

/// Both loads validated: the model's text, or the problems rendered.
fn both(root: &Path) -> (String, String) {
    let show = |r: Result<coverguide::model::Catalog, coverguide::diag::Diagnostics>| match r {
        Ok(c) => format!("{c:#?}"),
        Err(d) => d.items.iter().map(|d| d.render(None)).collect::<Vec<_>>().join("\n"),
    };
    let (raw, _, diags) = load(root);
    let eager = show(validate(raw, diags));
    let (raw, _, diags) = load_deferred(root);
    (eager, show(validate(raw, diags)))
}

#[test]
fn a_deferred_load_gives_the_model_of_a_full_one() {
    for root in [repo().join("catalog"), fixture("codes_pages"), fixture("valid_minimal")] {
        let (eager, deferred) = both(&root);
        assert!(eager.contains("services:"), "{}: {eager:.300}", root.display());
        assert!(eager == deferred, "{}: the models differ", root.display());
    }
}

#[test]
fn a_deferred_load_reports_every_problem_a_full_one_does() {
    let (_tmp, root) = copy_of(&repo().join("catalog"));
    let services = root.join("states/or/services");
    let first = std::fs::read_dir(&services).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).min().unwrap();
    // A service that does not parse, one with an unknown key, and one citing
    // an unknown source, in two states; and a state folder with no state.yaml.
    std::fs::write(&first, "id: [\n").unwrap();
    std::fs::write(services.join("or-extra.yaml"), "id: or-extra\nnot_a_key: 1\n").unwrap();
    let wa = root.join("states/wa/services");
    let wa_first = std::fs::read_dir(&wa).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).min().unwrap();
    let text = std::fs::read_to_string(&wa_first).unwrap();
    std::fs::write(&wa_first, format!("{text}\n# edited\n").replace("source: ", "source: no-such-")).unwrap();
    std::fs::create_dir_all(root.join("states/vt/services")).unwrap();
    std::fs::write(root.join("states/vt/services/vt-x.yaml"), "id: [\n").unwrap();

    let (eager, deferred) = both(&root);
    for (file, what) in [
        (&first, "parse error"),
        (&services.join("or-extra.yaml"), "unknown key"),
        (&wa_first, "unknown source"),
        (&root.join("states/vt"), "no state.yaml"),
        (&root.join("states/vt/services/vt-x.yaml"), "parse error in a state with no state.yaml"),
    ] {
        assert!(eager.contains(&file.display().to_string()), "{what}: not reported\n{eager}");
    }
    assert_eq!(eager, deferred);
}

/// The model keeps no spare room in its short lists: there are hundreds of
/// thousands of them in a large catalog.
#[test]
fn the_models_short_lists_hold_no_spare_room() {
    let catalog = coverguide::load_catalog(&repo().join("catalog")).unwrap();
    let mut lists = 0;
    for s in catalog.states.values() {
        for svc in s.services.values() {
            assert_eq!(svc.billing.capacity(), svc.billing.len(), "{}", svc.id);
            assert_eq!(svc.cites.capacity(), svc.cites.len(), "{}", svc.id);
            // Modifiers and places of service are boxed slices: no spare room by their type.
            lists += svc.billing.len();
        }
    }
    assert!(lists > 5, "{lists} billing lines");
}

/// Strings a catalog repeats (service names, billing codes, modifiers,
/// rates, fee schedules, notes, setting names, places of service, providers, credentials,
/// cited source ids) are held once: every value equal to another points at
/// the same bytes.
#[test]
fn the_models_repeated_strings_are_held_once() {
    use std::collections::HashMap;
    let catalog = coverguide::load_catalog(&repo().join("catalog")).unwrap();
    let mut first: HashMap<(&str, String), *const u8> = HashMap::new();
    let mut repeats = 0;
    let mut check = |kind: &'static str, s: &str| {
        let p = first.entry((kind, s.to_string())).or_insert(s.as_ptr());
        if *p != s.as_ptr() {
            panic!("{kind} `{s}` is held twice");
        }
        repeats += 1;
    };
    for s in catalog.states.values() {
        for svc in s.services.values() {
            for b in &svc.billing {
                check("code", &b.code);
                b.modifiers.iter().for_each(|m| check("modifier", m));
                b.note.iter().for_each(|n| check("note", n));
                b.rate.iter().flat_map(|r| &r.amount).for_each(|a| check("rate", a));
                b.rate.iter().flat_map(|r| &r.fee_schedule_url).for_each(|u| check("fee schedule", u));
            }
            for x in &svc.settings {
                check("setting", &x.name);
                x.pos.iter().for_each(|p| check("pos", p));
            }
            for p in &svc.providers {
                check("provider", &p.kind);
                p.credentials.iter().for_each(|c| check("credential", c));
            }
            svc.cites.iter().for_each(|c| check("source", c.source.as_str()));
            check("name", &svc.name);
            svc.illustrative.iter().for_each(|i| check("illustrative", i));
        }
    }
    let distinct = first.len();
    assert!(repeats > distinct + 10, "{repeats} strings, {distinct} distinct: the sample repeats too little to tell");
}
