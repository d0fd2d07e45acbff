//! Syntax of the codes a catalog names. Pure functions, one per code set.
//!
//! Syntax only: whether a code exists in an official release is a separate,
//! data-backed check. CPT descriptors are licensed and never shipped, so for
//! CPT the format is all that can be checked.

/// CPT: five digits, or four digits and F (performance measure), T (emerging
/// technology) or U (proprietary laboratory analysis).
pub fn is_cpt(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4].is_ascii_digit() || matches!(b[4], b'F' | b'T' | b'U'))
}

/// Why a HCPCS Level II code is refused, if it is.
pub fn hcpcs_problem(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    if b.len() != 5 || !b[0].is_ascii_uppercase() || !b[1..].iter().all(u8::is_ascii_digit) {
        return Some("a HCPCS Level II code is an upper-case letter and four digits, e.g. `H2019`");
    }
    if b[0] == b'D' {
        return Some("D-codes are CDT dental codes (ADA copyright) and cannot be used in a catalog");
    }
    None
}

/// Two upper-case letters or digits: `HA`, `U1`, `95`.
pub fn is_modifier(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// CMS place-of-service codes are two digits, 01 to 99.
pub fn is_pos(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && s != "00"
}

/// ICD-10-CM: a letter, a digit, a letter or digit, then optionally a dot and
/// one to four letters or digits (`F43.10`, `Z69.010`, `F88`).
pub fn is_icd10cm(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 3
        || !b[0].is_ascii_uppercase()
        || !b[1].is_ascii_digit()
        || !(b[2].is_ascii_digit() || b[2].is_ascii_uppercase())
    {
        return false;
    }
    match &b[3..] {
        [] => true,
        [b'.', rest @ ..] => {
            (1..=4).contains(&rest.len()) && rest.iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        }
        _ => false,
    }
}

/// A local code: letters, digits and hyphens, up to 20 characters.
pub fn is_local(s: &str) -> bool {
    !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Why a URL is refused, if it is. Only absolute `https://` or `http://` URLs
/// with a host name are allowed: they are printed into pages as links, so
/// anything else (`javascript:`, relative paths, spaces) is rejected here.
pub fn url_problem(s: &str) -> Option<&'static str> {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Some("a URL must start with `https://` or `http://`");
    };
    if s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')) {
        return Some("a URL may not contain spaces, quotes, angle brackets or backslashes");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let name = host.split(':').next().unwrap_or_default();
    if name.is_empty() || !name.contains('.') || name.starts_with('.') || name.ends_with('.') {
        return Some("a URL needs a host name such as `www.hca.wa.gov`");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpt() {
        for ok in ["90791", "0001F", "0042T", "0001U"] {
            assert!(is_cpt(ok), "{ok}");
        }
        for bad in ["9079", "907911", "H2019", "0001X", " 90791"] {
            assert!(!is_cpt(bad), "{bad}");
        }
    }

    #[test]
    fn hcpcs() {
        assert_eq!(hcpcs_problem("H2019"), None);
        assert_eq!(hcpcs_problem("T1027"), None);
        assert!(hcpcs_problem("h2019").is_some());
        assert!(hcpcs_problem("H201").is_some());
        assert!(hcpcs_problem("D0120").unwrap().contains("CDT"));
    }

    #[test]
    fn icd10cm() {
        for ok in ["F43.10", "F88", "Z69.010", "R68.12", "F84.0", "T74.4XXA"] {
            assert!(is_icd10cm(ok), "{ok}");
        }
        for bad in ["F4310", "f43.10", "F43.", "F43.12345", "43.10", "F4"] {
            assert!(!is_icd10cm(bad), "{bad}");
        }
    }

    #[test]
    fn modifiers_and_pos() {
        assert!(is_modifier("HA") && is_modifier("U1") && is_modifier("95"));
        assert!(!is_modifier("ha") && !is_modifier("H") && !is_modifier("HAA"));
        assert!(is_pos("12") && is_pos("02") && !is_pos("00") && !is_pos("2") && !is_pos("1a"));
    }

    #[test]
    fn urls() {
        assert_eq!(url_problem("https://www.hca.wa.gov/x?y=1#z"), None);
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "https://",
            "https://localhost",
            "https://a b.gov",
            "ftp://x.gov",
        ] {
            assert!(url_problem(bad).is_some(), "{bad}");
        }
    }
}
