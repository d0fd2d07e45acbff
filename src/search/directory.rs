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

impl Directory {
    pub fn new(shards: &[Shard]) -> Directory {
        // Each shard's distinct terms (in parallel), then which shards hold each.
        let per_shard: Vec<TermSet<&str>> = shards
            .par_iter()
            .map(|shard| {
                let mut set = TermSet::default();
                for doc in &shard.docs {
                    for field in &doc.x {
                        set.extend(field.split(' ').filter(|t| !t.is_empty()));
                    }
                }
                set
            })
            .collect();
        let mut index: TermMap<&str, Vec<usize>> = TermMap::default();
        for (i, set) in per_shard.iter().enumerate() {
            for term in set {
                index.entry(term).or_default().push(i);
            }
        }
        let with_docs = shards.iter().filter(|s| !s.docs.is_empty()).count();
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
        Directory {
            v: super::FORMAT,
            shards: shards
                .iter()
                .map(|s| ShardInfo {
                    key: s.key.clone(),
                    name: s.name.clone(),
                    file: Shard::path(&s.key),
                    docs: s.docs.len(),
                })
                .collect(),
            groups: facets::GROUPS.to_vec(),
            terms: terms.join(" "),
            shard_lists: lists.join(" "),
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
