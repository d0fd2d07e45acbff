//! Words for model values, as pages show them.

use crate::model::*;

pub const NOT_DOCUMENTED: &str = "Not documented";

/// A policy level in words.
pub fn policy_label(p: crate::compare::PolicyLevel) -> &'static str {
    match p {
        crate::compare::PolicyLevel::Required => "Required",
        crate::compare::PolicyLevel::Recommended => "Recommended",
        crate::compare::PolicyLevel::Allowed => "Allowed",
    }
}

/// What pages say for a source or fact that gives no date.
pub const UNDATED: &str = "undated";

/// A fact's period: "2018" for one year, "2016 to 2018", "from 2024".
pub fn period_range_label(e: Effective) -> String {
    match (e.from, e.to) {
        (Some(f), Some(t)) if f == t => f.to_string(),
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => NOT_DOCUMENTED.to_string(),
    }
}

/// A date as pages show it, or "undated".
pub fn date_label(d: Option<PartialDate>) -> String {
    d.map_or_else(|| UNDATED.to_string(), |d| d.to_string())
}

pub fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

pub fn tri(b: Option<bool>) -> &'static str {
    b.map_or(NOT_DOCUMENTED, yes_no)
}

/// Categories in the order pages list them.
pub const CATEGORY_ORDER: [Category; 11] = [
    Category::Screening,
    Category::CaregiverScreening,
    Category::Assessment,
    Category::Psychotherapy,
    Category::Dyadic,
    Category::Family,
    Category::HomeVisiting,
    Category::Consultation,
    Category::CaseManagement,
    Category::Rehabilitation,
    Category::Other,
];

pub fn category_label(c: Category) -> &'static str {
    match c {
        Category::Screening => "Screening",
        Category::CaregiverScreening => "Caregiver screening",
        Category::Assessment => "Assessment and diagnosis",
        Category::Psychotherapy => "Psychotherapy",
        Category::Dyadic => "Dyadic (parent-child) treatment",
        Category::Family => "Family therapy",
        Category::HomeVisiting => "Home visiting",
        Category::Consultation => "Consultation",
        Category::CaseManagement => "Case management",
        Category::Rehabilitation => "Rehabilitation and community support",
        Category::Other => "Other services",
    }
}

pub fn category_id(c: Category) -> &'static str {
    match c {
        Category::Screening => "screening",
        Category::CaregiverScreening => "caregiver-screening",
        Category::Assessment => "assessment",
        Category::Psychotherapy => "psychotherapy",
        Category::Dyadic => "dyadic",
        Category::Family => "family",
        Category::HomeVisiting => "home-visiting",
        Category::Consultation => "consultation",
        Category::CaseManagement => "case-management",
        Category::Rehabilitation => "rehabilitation",
        Category::Other => "other",
    }
}

pub fn system_label(s: CodeSystem) -> &'static str {
    match s {
        CodeSystem::Cpt => "CPT",
        CodeSystem::Hcpcs => "HCPCS",
        CodeSystem::Local => "Local",
    }
}

pub fn code_label(b: &BillingLine) -> String {
    if b.modifiers.is_empty() { b.code.to_string() } else { format!("{}-{}", b.code, b.modifiers.join("-")) }
}

pub fn unit_label(u: Unit) -> &'static str {
    match u {
        Unit::Per15Min => "per 15 minutes",
        Unit::Session => "per session",
        Unit::Encounter => "per encounter",
        Unit::Day => "per day",
        Unit::Month => "per month",
        Unit::Screen => "per screen",
        Unit::Hour => "per hour",
    }
}

pub fn unit_noun(u: Unit, n: u32) -> &'static str {
    let one = n == 1;
    match u {
        Unit::Per15Min if one => "15-minute unit",
        Unit::Per15Min => "15-minute units",
        Unit::Session if one => "session",
        Unit::Session => "sessions",
        Unit::Encounter if one => "encounter",
        Unit::Encounter => "encounters",
        Unit::Day if one => "day",
        Unit::Day => "days",
        Unit::Month if one => "month",
        Unit::Month => "months",
        Unit::Screen if one => "screen",
        Unit::Screen => "screens",
        Unit::Hour if one => "hour",
        Unit::Hour => "hours",
    }
}

pub fn period_label(p: Period) -> &'static str {
    match p {
        Period::CalendarYear => "per calendar year",
        Period::FiscalYear => "per fiscal year",
        Period::Episode => "per episode of care",
        Period::Lifetime => "per lifetime",
        Period::Month => "per month",
        Period::Day => "per day",
    }
}

pub fn billed_under_label(b: BilledUnder) -> &'static str {
    match b {
        BilledUnder::Child => "The child's Medicaid ID",
        BilledUnder::Caregiver => "The caregiver's Medicaid ID",
        BilledUnder::Either => "Either the child's or the caregiver's ID",
    }
}

pub fn dc05_label(d: Dc05Status) -> &'static str {
    match d {
        Dc05Status::Required => "Required",
        Dc05Status::Allowed => "Allowed",
        Dc05Status::NotAddressed => "Not addressed",
    }
}

/// A `dc05` fact's text value in words; other text as written.
pub fn dc05_or_text(t: &str) -> String {
    match t {
        "required" => "Required".into(),
        "allowed" => "Allowed".into(),
        "recommended" => "Recommended".into(),
        "not_addressed" => "Not addressed".into(),
        other => other.to_string(),
    }
}

pub fn delivery_label(k: DeliveryKind) -> &'static str {
    match k {
        DeliveryKind::FeeForService => "Fee-for-service",
        DeliveryKind::ManagedCare => "Managed care",
    }
}

pub fn confidence_code(c: Confidence) -> &'static str {
    match c {
        Confidence::H => "H",
        Confidence::M => "M",
        Confidence::L => "L",
    }
}

pub fn confidence_label(c: Confidence) -> &'static str {
    match c {
        Confidence::H => "Read in the cited source",
        Confidence::M => "From a secondary or older source; re-check",
        Confidence::L => "Not re-read in a primary source",
    }
}

pub fn audience_label(a: Audience) -> &'static str {
    match a {
        Audience::Providers => "Providers",
        Audience::Billers => "Billers",
        Audience::Families => "Families",
        Audience::Agencies => "Agencies",
        Audience::Advocates => "Advocates",
    }
}

pub fn dimension_label(d: Dimension) -> &'static str {
    match d {
        Dimension::PreDiagnosisSessions => "Assessment sessions before a diagnosis is required",
        Dimension::Dc05 => "DC:0-5 use",
        Dimension::DyadicUnderChild => "Dyadic treatment billed under the child's ID",
        Dimension::CaregiverScreeningUnderChild => "Caregiver depression screening under the child's ID",
        Dimension::HomeCommunitySettings => "Services in home and community settings",
        Dimension::TravelReimbursed => "Travel reimbursed",
        Dimension::EndorsementRequired => "Endorsement or credential required to bill",
        Dimension::PriorAuthorization => "Prior authorization for outpatient IECMH services",
        Dimension::Telehealth => "Telehealth",
        Dimension::DeliverySystem => "Delivery system",
        Dimension::ChildCareSettings => "Services in child care settings",
        Dimension::IecmhConsultation => "IECMH consultation",
        Dimension::GroupParenting => "Group parenting programs",
        Dimension::DyadicTreatment => "Dyadic (parent-child) treatment covered",
        Dimension::Dc05Crosswalk => "DC:0-5 to ICD-10 crosswalk",
        Dimension::WellChildVisitsFirstYear => "EPSDT well-child screens in the first year",
        Dimension::CaregiverScreeningPolicy => "Caregiver depression screening policy at well-child visits",
        Dimension::SocialEmotionalScreening => "Social-emotional screening with a tool made for it",
        Dimension::Other => "Other",
    }
}

/// `0-71 months (birth to age 5)`.
pub fn age_label(a: AgeRange) -> String {
    let years = |m: u32| {
        if m == 0 {
            "birth".to_string()
        } else if m.is_multiple_of(12) {
            format!("{} years", m / 12)
        } else {
            format!("{m} months")
        }
    };
    if a.max_months % 12 == 11 {
        format!("{}-{} months ({} through age {})", a.min_months, a.max_months, years(a.min_months), a.max_months / 12)
    } else {
        format!("{}-{} months ({} to {})", a.min_months, a.max_months, years(a.min_months), years(a.max_months))
    }
}

pub fn effective_label(e: Option<Effective>) -> String {
    match e {
        None | Some(Effective { from: None, to: None }) => NOT_DOCUMENTED.to_string(),
        Some(Effective { from: Some(f), to: None }) => format!("From {f}"),
        Some(Effective { from: None, to: Some(t) }) => format!("Until {t}"),
        Some(Effective { from: Some(f), to: Some(t) }) => format!("{f} to {t}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age_label(AgeRange { min_months: 0, max_months: 71 }), "0-71 months (birth through age 5)");
        assert_eq!(age_label(AgeRange { min_months: 0, max_months: 36 }), "0-36 months (birth to 3 years)");
    }

    #[test]
    fn undocumented_differs_from_no() {
        assert_eq!(tri(None), "Not documented");
        assert_eq!(tri(Some(false)), "No");
    }
}
