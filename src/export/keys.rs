//! Enum values as the catalog spells them, so the data files use the same
//! words as the YAML they came from. A test parses each back with the
//! catalog's own deserializer.

use crate::model::*;

pub fn category(c: Category) -> &'static str {
    match c {
        Category::Screening => "screening",
        Category::Assessment => "assessment",
        Category::Psychotherapy => "psychotherapy",
        Category::Dyadic => "dyadic",
        Category::Family => "family",
        Category::CaregiverScreening => "caregiver_screening",
        Category::Consultation => "consultation",
        Category::CaseManagement => "case_management",
        Category::Rehabilitation => "rehabilitation",
        Category::HomeVisiting => "home_visiting",
        Category::Other => "other",
    }
}

pub fn system(s: CodeSystem) -> &'static str {
    match s {
        CodeSystem::Cpt => "CPT",
        CodeSystem::Hcpcs => "HCPCS",
        CodeSystem::Local => "LOCAL",
    }
}

pub fn unit(u: Unit) -> &'static str {
    match u {
        Unit::Per15Min => "per_15_min",
        Unit::Session => "session",
        Unit::Encounter => "encounter",
        Unit::Day => "day",
        Unit::Month => "month",
        Unit::Screen => "screen",
        Unit::Hour => "hour",
    }
}

pub fn billed_under(b: BilledUnder) -> &'static str {
    match b {
        BilledUnder::Child => "child",
        BilledUnder::Caregiver => "caregiver",
        BilledUnder::Either => "either",
    }
}

pub fn dc05(d: Dc05Status) -> &'static str {
    match d {
        Dc05Status::Required => "required",
        Dc05Status::Allowed => "allowed",
        Dc05Status::NotAddressed => "not_addressed",
    }
}

pub fn period(p: Period) -> &'static str {
    match p {
        Period::CalendarYear => "calendar_year",
        Period::FiscalYear => "fiscal_year",
        Period::Episode => "episode",
        Period::Lifetime => "lifetime",
        Period::Month => "month",
        Period::Day => "day",
    }
}

pub fn delivery_kind(k: DeliveryKind) -> &'static str {
    match k {
        DeliveryKind::FeeForService => "fee_for_service",
        DeliveryKind::ManagedCare => "managed_care",
    }
}

pub fn setting_kind(k: SettingKind) -> &'static str {
    match k {
        SettingKind::Home => "home",
        SettingKind::Community => "community",
        SettingKind::School => "school",
        SettingKind::ChildCare => "child_care",
        SettingKind::Clinic => "clinic",
        SettingKind::Hospital => "hospital",
        SettingKind::Other => "other",
    }
}

pub fn limit_kind(k: LimitKind) -> &'static str {
    match k {
        LimitKind::Soft => "soft",
        LimitKind::Hard => "hard",
    }
}

pub fn confidence(c: Confidence) -> &'static str {
    match c {
        Confidence::H => "H",
        Confidence::M => "M",
        Confidence::L => "L",
    }
}

pub fn dimension(d: Dimension) -> &'static str {
    match d {
        Dimension::Other => "other",
        other => crate::compare::DIMS.iter().find(|x| x.fact_dimension() == other).map_or("other", |x| x.key()),
    }
}

pub fn scope(s: &Scope) -> &str {
    match s {
        Scope::National => "national",
        Scope::State(code) => code.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    fn round_trip<T: DeserializeOwned + PartialEq + std::fmt::Debug + Copy>(all: &[T], key: fn(T) -> &'static str) {
        for &v in all {
            let back: T = serde_saphyr::from_str(key(v)).unwrap_or_else(|e| panic!("{}: {e}", key(v)));
            assert_eq!(back, v);
        }
    }

    #[test]
    fn keys_are_the_catalog_spelling() {
        use crate::render::CATEGORY_ORDER;
        round_trip(&CATEGORY_ORDER, category);
        round_trip(&[CodeSystem::Cpt, CodeSystem::Hcpcs, CodeSystem::Local], system);
        round_trip(
            &[Unit::Per15Min, Unit::Session, Unit::Encounter, Unit::Day, Unit::Month, Unit::Screen, Unit::Hour],
            unit,
        );
        round_trip(&[BilledUnder::Child, BilledUnder::Caregiver, BilledUnder::Either], billed_under);
        round_trip(&[Dc05Status::Required, Dc05Status::Allowed, Dc05Status::NotAddressed], dc05);
        round_trip(
            &[Period::CalendarYear, Period::FiscalYear, Period::Episode, Period::Lifetime, Period::Month, Period::Day],
            period,
        );
        round_trip(&[DeliveryKind::FeeForService, DeliveryKind::ManagedCare], delivery_kind);
        round_trip(
            &[
                SettingKind::Home,
                SettingKind::Community,
                SettingKind::School,
                SettingKind::ChildCare,
                SettingKind::Clinic,
                SettingKind::Hospital,
                SettingKind::Other,
            ],
            setting_kind,
        );
        round_trip(&[LimitKind::Soft, LimitKind::Hard], limit_kind);
        round_trip(&[Confidence::H, Confidence::M, Confidence::L], confidence);
        let dims: Vec<Dimension> =
            crate::compare::DIMS.iter().map(|d| d.fact_dimension()).chain([Dimension::Other]).collect();
        round_trip(&dims, dimension);
    }
}
