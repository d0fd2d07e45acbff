//! Text the model holds many times over, held once.
//!
//! A catalog repeats short strings hundreds of thousands of times: the same
//! billing code, modifier, note on a code's line, setting name, credential or
//! source id in service after service. Validation interns them ([`Interner`]):
//! each distinct string is allocated once and every value that holds it
//! shares it ([`Text`], a pointer and a length). At 50,000 services that is
//! tens of MB less for the whole build (bench/RESULTS.md).

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// An immutable string shared between the model's values. Reads as a `&str`
/// (it dereferences to one); cloning it copies a pointer.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::from(s))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == &*other.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Hands out one [`Text`] per distinct string.
#[derive(Debug, Default)]
pub struct Interner(HashSet<Text>);

impl Interner {
    /// The shared `Text` equal to `s`.
    pub fn text(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t = Text::from(s);
        self.0.insert(t.clone());
        t
    }

    /// [`Interner::text`] of an optional string.
    pub fn opt(&mut self, s: Option<&str>) -> Option<Text> {
        s.map(|s| self.text(s))
    }

    /// [`Interner::text`] for each string, as a list with no spare room.
    pub fn list<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> Box<[Text]> {
        items.into_iter().map(|s| self.text(s)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_allocation() {
        let mut i = Interner::default();
        let a = i.text("H2019");
        let b = i.text(&String::from("H2019"));
        let c = i.text("H2017");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert_eq!(a, "H2019");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"H2019\"");
        assert_eq!(format!("{a} {a:?}"), "H2019 \"H2019\"");
    }
}
