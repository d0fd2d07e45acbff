//! Shared by the serve engine's tests: a served site against a full build.

use std::collections::BTreeMap;
use std::path::Path;

use coverguide::render::BaseUrl;
use coverguide::serve::engine::{self, Changes, Engine};

/// Replaces the first `from` in the file at `path` with `to`.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every file of a fresh, full build of `catalog`.
pub fn full_build(catalog: &Path, theme: Option<&Path>, base: Option<&BaseUrl>) -> BTreeMap<String, Vec<u8>> {
    let c = coverguide::load_catalog(catalog).unwrap_or_else(|e| panic!("catalog is valid: {e}"));
    let theme = coverguide::render::Theme::load(theme).unwrap();
    let site = coverguide::render::render(&c, &theme, base).unwrap();
    site.files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// Every file the engine serves: its pages and the data files of its catalog.
pub fn served(e: &Engine) -> BTreeMap<String, Vec<u8>> {
    let built = e.last().expect("a good build");
    let mut all: BTreeMap<String, Vec<u8>> = built.pages.iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    let data = engine::data_files(built).unwrap_or_else(|_| panic!("data files"));
    all.extend(data.into_iter().map(|(p, b)| (p, b.to_vec())));
    all
}

/// The engine serves exactly what a full build of `catalog` makes.
pub fn assert_same_site(e: &Engine, catalog: &Path, what: &str) {
    assert_same_site_with(e, catalog, None, None, what);
}

/// [`assert_same_site`] with a theme folder and a base URL.
pub fn assert_same_site_with(e: &Engine, catalog: &Path, theme: Option<&Path>, base: Option<&BaseUrl>, what: &str) {
    let full = full_build(catalog, theme, base);
    let inc = served(e);
    let only_full: Vec<&String> = full.keys().filter(|k| !inc.contains_key(*k)).collect();
    let only_inc: Vec<&String> = inc.keys().filter(|k| !full.contains_key(*k)).collect();
    assert!(only_full.is_empty() && only_inc.is_empty(), "{what}: missing {only_full:?}, extra {only_inc:?}");
    let differ: Vec<&String> = full.keys().filter(|k| full[*k] != inc[*k]).collect();
    assert!(differ.is_empty(), "{what}: files differ from a full build: {differ:?}");
}

/// A change to the content of files (what the watcher reports for a save in place).
pub fn written(paths: &[&Path]) -> Changes {
    Changes { catalog: paths.iter().map(|p| std::path::absolute(p).unwrap()).collect(), ..Changes::default() }
}
