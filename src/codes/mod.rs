//! Official code data shipped with coverguide, embedded from `data/`.
//!
//! - ICD-10-CM releases (public domain, CDC/NCHS): [`icd10cm`].
//! - CMS place-of-service codes: [`pos_name`].
//! - Standard HCPCS and CPT modifiers: [`modifier`]. HCPCS descriptors are
//!   public domain; for the two CPT modifiers only their use is described,
//!   in this project's words, never the AMA descriptor.
//!
//! HCPCS Level II codes themselves are checked for format only: no
//! public-domain copy of the CMS file is reachable through the package
//! registries this project may use (see `data/README.md`).

pub mod icd10cm;

const POS: &str = include_str!("../../data/pos.tsv");
const MODIFIERS: &str = include_str!("../../data/modifiers.tsv");

fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split('\t').collect())
}

/// A `# key<TAB>value` header line of a shipped table.
fn header(table: &'static str, key: &str) -> &'static str {
    table
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .find_map(|l| l.strip_prefix(key).and_then(|v| v.strip_prefix('\t')))
        .unwrap_or_default()
}

/// The CMS name of a place-of-service code, if the code is assigned.
pub fn pos_name(code: &str) -> Option<&'static str> {
    rows(POS).find(|r| r[0] == code).map(|r| r[1])
}

/// Where the place-of-service table comes from, and as of when.
pub fn pos_source() -> (&'static str, &'static str) {
    (header(POS, "source"), header(POS, "as_of"))
}

/// Where the modifier table comes from, and as of when.
pub fn modifier_source() -> (&'static str, &'static str) {
    (header(MODIFIERS, "source"), header(MODIFIERS, "as_of"))
}

/// A modifier the tool knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modifier {
    pub code: &'static str,
    /// `HCPCS` or `CPT`.
    pub system: &'static str,
    /// The public HCPCS descriptor, or for CPT our own note on its use.
    pub text: &'static str,
    /// U1-UD: no national meaning; a state must declare what it means.
    pub state_defined: bool,
}

pub fn modifier(code: &str) -> Option<Modifier> {
    rows(MODIFIERS).find(|r| r[0] == code).map(|r| Modifier {
        code: r[0],
        system: r[1],
        text: r[2],
        state_defined: r[3] == "1",
    })
}

/// Every shipped modifier, in table order.
pub fn modifiers() -> Vec<Modifier> {
    rows(MODIFIERS).map(|r| Modifier { code: r[0], system: r[1], text: r[2], state_defined: r[3] == "1" }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_of_service_codes() {
        assert_eq!(pos_name("12"), Some("Home"));
        assert_eq!(pos_name("02"), Some("Telehealth Provided Other than in Patient's Home"));
        assert_eq!(pos_name("10"), Some("Telehealth Provided in Patient's Home"));
        // Unassigned in the CMS code set.
        for unassigned in ["28", "30", "00", "98", "1"] {
            assert_eq!(pos_name(unassigned), None, "{unassigned}");
        }
        assert!(pos_source().0.starts_with("https://www.cms.gov/"));
    }

    #[test]
    fn modifiers_shipped_with_their_kind() {
        for code in ["HA", "HE", "HO", "HN", "HP", "HQ", "HR", "HS", "HT", "TJ", "GT", "FQ", "95", "93"] {
            let m = modifier(code).unwrap_or_else(|| panic!("{code} shipped"));
            assert!(!m.state_defined, "{code}");
        }
        let u: Vec<&str> = modifiers().iter().filter(|m| m.state_defined).map(|m| m.code).collect();
        assert_eq!(u, ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "UA", "UB", "UC", "UD"]);
        assert_eq!(modifier("UD").unwrap().text, "Medicaid level of care 13, as defined by each state");
        assert_eq!(modifier("GA"), None);
        // CPT modifiers carry no AMA descriptor, only a note of their use.
        assert!(modifier("95").unwrap().text.contains("AMA descriptor not shown"));
    }
}
