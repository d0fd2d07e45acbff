//! ICD-10-CM releases shipped with the tool.
//!
//! Each release is a gzipped table made by `tools/icd10cm/regenerate.py`
//! from the CDC files: every category, subcategory and code, sorted, with a
//! billable flag and the tabular title. It is embedded in the binary and
//! decompressed on first use (about 8 MB of text; a catalog without ICD-10-CM
//! codes never pays for it). Lookups are binary searches over offsets into
//! that text, so loading allocates two buffers, not one string per code.

use std::io::Read as _;
use std::sync::OnceLock;

/// One release: how catalogs name it, where it came from, and its codes.
pub struct Release {
    /// The release's effective date, `YYYY-MM-DD`; catalogs may write this.
    pub id: &'static str,
    /// The name catalogs write in `icd10cm_release`, and pages show.
    pub name: &'static str,
    pub source_url: &'static str,
    gz: &'static [u8],
    table: OnceLock<Table>,
}

impl std::fmt::Debug for Release {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Release({})", self.id)
    }
}

impl PartialEq for Release {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

static APRIL_2026: Release = Release {
    id: "2026-04-01",
    name: "FY2026 (April 1, 2026 update)",
    source_url: "https://www.cdc.gov/nchs/icd/icd-10-cm/files.html",
    gz: include_bytes!("../../data/icd10cm/2026-04-01.tsv.gz"),
    table: OnceLock::new(),
};

/// Every shipped release, oldest first.
pub fn releases() -> [&'static Release; 1] {
    [&APRIL_2026]
}

/// The newest shipped release: what service diagnosis lists are checked against.
pub fn latest() -> &'static Release {
    &APRIL_2026
}

/// The release a catalog names, by its name or its effective date.
pub fn find(name: &str) -> Option<&'static Release> {
    releases().into_iter().find(|r| r.name == name || r.id == name)
}

/// A code of a release, borrowed from its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code<'a> {
    pub code: &'a str,
    /// A leaf of the classification: the only kind a claim may carry.
    pub billable: bool,
    pub title: &'a str,
}

struct Entry {
    start: u32,
    code_len: u8,
    billable: bool,
    title_end: u32,
}

struct Table {
    text: String,
    entries: Vec<Entry>,
}

impl Release {
    fn table(&self) -> &Table {
        self.table.get_or_init(|| Table::parse(self.gz))
    }

    /// The code exactly as written (`F43.10`), header or billable.
    pub fn lookup(&self, code: &str) -> Option<Code<'_>> {
        let t = self.table();
        t.search(code).ok().map(|i| t.get(i))
    }

    /// Every code below `code` in the classification, in order (not `code` itself).
    pub fn descendants(&self, code: &str) -> impl Iterator<Item = Code<'_>> {
        let t = self.table();
        let start = match t.search(code) {
            Ok(i) => i + 1,
            Err(i) => i,
        };
        (start..t.entries.len()).map(move |i| t.get(i)).take_while(move |c| c.code.starts_with(code))
    }

    /// Billable codes from `lo` to `hi` inclusive, as payers write ranges:
    /// `hi` includes everything below it (`F40-F48` covers `F48.9`).
    pub fn range(&self, lo: &str, hi: &str) -> impl Iterator<Item = Code<'_>> {
        let t = self.table();
        let start = t.search(lo).unwrap_or_else(|i| i);
        let hi = hi.to_string();
        (start..t.entries.len())
            .map(move |i| t.get(i))
            .take_while(move |c| c.code <= hi.as_str() || c.code.starts_with(hi.as_str()))
            .filter(|c| c.billable)
    }

    /// How many codes the release has, and how many of them are billable.
    pub fn counts(&self) -> (usize, usize) {
        let t = self.table();
        (t.entries.len(), t.entries.iter().filter(|e| e.billable).count())
    }
}

impl Table {
    /// The embedded table is written by our own script and checked by the
    /// tests below, so a failure here is a build defect, not bad input.
    fn parse(gz: &[u8]) -> Table {
        let mut text = String::new();
        flate2::read::GzDecoder::new(gz).read_to_string(&mut text).expect("embedded ICD-10-CM table decompresses");
        let mut entries = Vec::with_capacity(100_000);
        let mut pos = 0usize;
        for line in text.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            if line.starts_with('#') {
                continue;
            }
            let body = line.trim_end_matches('\n');
            let mut parts = body.splitn(3, '\t');
            let (Some(code), Some(flag), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
                panic!("embedded ICD-10-CM table: malformed line {body:?}");
            };
            entries.push(Entry {
                start: start as u32,
                code_len: code.len() as u8,
                billable: flag == "1",
                title_end: (start + body.len()) as u32,
            });
        }
        Table { text, entries }
    }

    fn code(&self, i: usize) -> &str {
        let e = &self.entries[i];
        &self.text[e.start as usize..e.start as usize + e.code_len as usize]
    }

    fn get(&self, i: usize) -> Code<'_> {
        let e = &self.entries[i];
        // code, TAB, flag, TAB, title
        let title_start = e.start as usize + e.code_len as usize + 3;
        Code { code: self.code(i), billable: e.billable, title: &self.text[title_start..e.title_end as usize] }
    }

    fn search(&self, code: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.entries.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.code(mid).cmp(code) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_release_loads_whole_and_sorted() {
        let r = latest();
        let (all, billable) = r.counts();
        assert_eq!((all, billable), (98_147, 74_714));
        let t = r.table();
        assert!((1..t.entries.len()).all(|i| t.code(i - 1) < t.code(i)), "sorted, no duplicates");
        assert_eq!(find("FY2026 (April 1, 2026 update)"), Some(r));
        assert_eq!(find("2026-04-01"), Some(r));
        assert_eq!(find("FY2026"), None);
    }

    #[test]
    fn billable_codes_and_headers() {
        let r = latest();
        let c = r.lookup("F84.0").unwrap();
        assert!(c.billable);
        assert_eq!(c.title, "Autistic disorder");
        assert_eq!(r.lookup("T74.4XXA").map(|c| c.billable), Some(true));
        for header in ["F43.8", "F34.8", "F50.8", "F43", "Z69.01"] {
            assert_eq!(r.lookup(header).map(|c| c.billable), Some(false), "{header}");
        }
        assert_eq!(r.lookup("F43.8").unwrap().title, "Other reactions to severe stress");
        assert_eq!(r.lookup("Z69.012"), None);
        assert_eq!(r.lookup("F43.1000"), None);
        assert_eq!(r.lookup(""), None);
    }

    #[test]
    fn descendants_and_ranges() {
        let r = latest();
        let kids: Vec<&str> = r.descendants("F43.8").map(|c| c.code).collect();
        assert_eq!(kids, ["F43.81", "F43.89"]);
        let f508: Vec<&str> = r.descendants("F50.8").filter(|c| c.billable).map(|c| c.code).collect();
        assert!(f508.contains(&"F50.810") && f508.contains(&"F50.89") && !f508.contains(&"F50.81"), "{f508:?}");
        assert_eq!(r.descendants("F84.0").count(), 0);
        let z: Vec<&str> = r.range("Z69.010", "Z69.020").map(|c| c.code).collect();
        assert_eq!(z, ["Z69.010", "Z69.011", "Z69.020"]);
        // The upper end includes its subcodes.
        let f: Vec<&str> = r.range("F90", "F90").map(|c| c.code).collect();
        assert_eq!(f, ["F90.0", "F90.1", "F90.2", "F90.8", "F90.9"]);
    }
}
