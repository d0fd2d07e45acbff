//! Newtype identifiers, parsed once in the validate stage.
//!
//! A value of these types is known to be a safe path segment: lower-case
//! ASCII letters, digits and single hyphens, at most 64 characters. That is
//! what lets the render stage put ids in URLs and file paths without escaping
//! and without any way to leave the output folder.

use std::fmt;

use serde::Serialize;

/// Whether `s` is a valid id or slug: `[a-z0-9]+(-[a-z0-9]+)*`, 1 to 64 chars,
/// and not a name Windows reserves for a device (`con`, `nul`, `com1`, ...),
/// which cannot be a folder there, so a site built with it could not be copied
/// to or served from a Windows machine.
pub fn is_slug(s: &str) -> bool {
    !is_reserved_name(s)
        && !s.is_empty()
        && s.len() <= 64
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Device names Windows reserves in every folder, whatever the extension.
pub fn is_reserved_name(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    matches!(s.as_str(), "con" | "prn" | "aux" | "nul")
        || ((s.starts_with("com") || s.starts_with("lpt")) && s.len() == 4 && s.as_bytes()[3].is_ascii_digit())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(super::Text);

        impl $name {
            /// Accepts only valid slugs (see [`is_slug`]).
            pub fn parse(s: &str) -> Option<Self> {
                is_slug(s).then(|| Self(super::Text::from(s)))
            }

            /// [`Self::parse`], sharing the id's text with every other
            /// value `texts` made from the same string.
            pub fn parse_in(s: &str, texts: &mut super::Interner) -> Option<Self> {
                is_slug(s).then(|| Self(texts.text(s)))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(/// A service id, unique across the catalog.
    ServiceId);
id_type!(/// A crosswalk id, unique across the catalog.
    CrosswalkId);
id_type!(/// A fact id, unique across the catalog.
    FactId);
id_type!(/// A source id, unique within its scope (a state, or national).
    SourceId);
id_type!(/// A delivery-system id, unique within its state.
    DeliveryId);
id_type!(/// A guidance document's slug (its file name), unique within its scope.
    Slug);

/// A US postal code for a state, DC or territory, stored lower case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct StateCode(&'static str);

/// The 50 states, DC and the five inhabited territories.
pub const POSTAL_CODES: [&str; 56] = [
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la",
    "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or",
    "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "as", "gu", "mp", "pr", "vi",
];

impl StateCode {
    /// Accepts a postal code in either case.
    pub fn parse(s: &str) -> Option<Self> {
        // One of the codes below, so a code (in every citation) holds no string of its own.
        POSTAL_CODES.iter().find(|c| c.eq_ignore_ascii_case(s)).map(|c| StateCode(c))
    }

    /// Lower case, as in URLs: `or`.
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// Upper case, as people write it: `OR`.
    pub fn upper(&self) -> String {
        self.0.to_ascii_uppercase()
    }
}

impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.upper())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_cannot_escape_a_folder() {
        for bad in ["", "../x", "a/b", "a\\b", "/abs", "A", "a--b", "-a", "a-", "con.", "a b", "é"] {
            assert!(!is_slug(bad), "{bad:?} accepted");
        }
        for reserved in ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt0"] {
            assert!(!is_slug(reserved), "{reserved:?} is a Windows device name");
        }
        assert!(is_slug("con-x") && is_slug("com10") && is_slug("console"));
        assert!(is_slug("wa-mhayc-assessment"));
        assert!(!is_slug(&"a".repeat(65)));
    }

    #[test]
    fn state_codes_are_postal_codes() {
        assert_eq!(StateCode::parse("OR").map(|s| s.upper()), Some("OR".to_string()));
        assert!(StateCode::parse("zz").is_none());
        assert!(StateCode::parse("..").is_none());
    }
}
