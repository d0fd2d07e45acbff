//! The national directory: every term of every shard, with the shards that
//! hold it, so national search loads only the files a query can match.
//!
//! A query term matches a directory term the same way it matches a
//! document's (exactly, as a prefix, or within the typo distance); the
//! browser runs the same search over the directory first, then loads the
//! shards of the matching terms.

use rayon::prelude::*;
use serde::Serialize;

use super::{Shard, TermMap, TermSet, facets};

/// Digits of the shard lists: shard `i` is written as `ALPHABET[i]`.
const ALPHABET: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

#[derive(Debug, Serialize)]
pub struct ShardInfo {
    pub key: String,
    pub name: String,
    /// From the site root: `search/or.js`.
    pub file: String,
    pub docs: usize,
}

#[derive(Debug, Serialize)]
pub struct Directory {
    pub v: u32,
    pub shards: Vec<ShardInfo>,
    /// Facet groups in display order, with their labels.
    pub groups: Vec<facets::Group>,
    /// Every term, sorted, space-separated.
    pub terms: String,
    /// For each term, in the same order, the shards holding it: `*` for
    /// every shard that has documents, otherwise one [`ALPHABET`] digit per
    /// shard. Space-separated.
    pub shard_lists: String,
}

/// What the directory needs of one shard: its entry, and its distinct terms.
/// Taken from each shard as it is made, so a build need not hold every
/// shard's documents at once.
pub struct ShardTerms {
    info: ShardInfo,
    terms: TermSet<String>,
}

impl ShardTerms {
    pub fn of(shard: &Shard) -> ShardTerms {
        let mut terms = TermSet::default();
        for doc in &shard.docs {
            for field in &doc.x {
                for t in field.split(' ').filter(|t| !t.is_empty()) {
                    if !terms.contains(t) {
                        terms.insert(t.to_string());
                    }
                }
            }
        }
        let info = ShardInfo {
            key: shard.key.clone(),
            name: shard.name.clone(),
            file: Shard::path(&shard.key),
            docs: shard.docs.len(),
        };
        ShardTerms { info, terms }
    }
}

impl Directory {
    pub fn new(shards: &[Shard]) -> Directory {
        Directory::of(shards.par_iter().map(ShardTerms::of).collect())
    }

    /// The directory of the shards `parts` were taken from, in shard order.
    pub fn of(parts: Vec<ShardTerms>) -> Directory {
        // Which shards hold each term.
        let mut index: TermMap<&str, Vec<usize>> = TermMap::default();
        for (i, part) in parts.iter().enumerate() {
            for term in &part.terms {
                index.entry(term).or_default().push(i);
            }
        }
        let with_docs = parts.iter().filter(|p| p.info.docs > 0).count();
        let mut index: Vec<(&str, Vec<usize>)> = index.into_iter().collect();
        index.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut terms = Vec::with_capacity(index.len());
        let mut lists = Vec::with_capacity(index.len());
        for (term, list) in index {
            terms.push(term);
            lists.push(if list.len() == with_docs {
                "*".to_string()
            } else {
                list.iter().map(|i| digit(*i)).collect::<String>()
            });
        }
        let (terms, shard_lists) = (terms.join(" "), lists.join(" "));
        Directory {
            v: super::FORMAT,
            shards: parts.into_iter().map(|p| p.info).collect(),
            groups: facets::GROUPS.to_vec(),
            terms,
            shard_lists,
        }
    }
}

/// The digit of shard `i`. A catalog has at most 56 states plus the
/// national shard, so 64 digits always suffice; a wider `i` would be a bug.
fn digit(i: usize) -> char {
    ALPHABET.get(i).map_or('?', |b| *b as char)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::search::Doc;

    fn shard(key: &str, terms: &[&str]) -> Shard {
        let doc = Doc {
            t: "service",
            u: String::new(),
            n: String::new(),
            p: None,
            m: String::new(),
            c: vec![],
            il: false,
            dup: false,
            f: BTreeMap::new(),
            x: [terms.join(" "), String::new(), String::new(), String::new(), String::new()],
        };
        Shard { v: 1, key: key.into(), name: key.into(), labels: BTreeMap::new(), docs: vec![doc] }
    }

    #[test]
    fn lists_the_shards_of_each_term() {
        let mut empty = shard("national", &[]);
        empty.docs.clear();
        let d = Directory::new(&[shard("al", &["dyadic", "h2019"]), shard("or", &["dyadic", "90791"]), empty]);
        assert_eq!(d.terms, "90791 dyadic h2019");
        // `*`: every shard with documents; the empty one holds nothing.
        assert_eq!(d.shard_lists, "1 * 0");
        assert_eq!(d.shards[2].docs, 0);
        assert_eq!(d.shards[1].file, "search/or.js");
        assert_eq!(ALPHABET.len(), 64);
        assert!(crate::model::POSTAL_CODES.len() < ALPHABET.len());
    }
}
