//! Fuzzes the load and validate stages: a whole catalog in one input, files
//! separated by lines `#file: <path relative to the catalog root>`. Any input
//! must come back as a model or diagnostics, never a panic, and every
//! diagnostic must name a file inside the catalog.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = Path::new("/fuzz/catalog");
    let files = coverguide_fuzz_split(data);
    match coverguide::check_files(root, files) {
        Ok(catalog) => {
            // A valid catalog must also render: render is pure, so this reads and writes nothing.
            let theme = coverguide::render::Theme::load(None).expect("default theme");
            let _ = coverguide::render::render(&catalog, &theme, None).expect("a valid catalog renders");
        }
        Err(diags) => {
            assert!(!diags.items.is_empty(), "an invalid catalog has at least one diagnostic");
            for d in &diags.items {
                assert!(d.file.starts_with(root), "diagnostic outside the catalog: {}", d.file.display());
            }
        }
    }
});

/// `#file: a/b.yaml\n<bytes>#file: c.md\n<bytes>` -> [(a/b.yaml, bytes), (c.md, bytes)].
/// Bytes before the first marker go to `states/or/services/or-fuzz.yaml`.
fn coverguide_fuzz_split(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    const MARK: &[u8] = b"#file: ";
    let mut files = Vec::new();
    let mut name = String::from("states/or/services/or-fuzz.yaml");
    let mut body: Vec<u8> = Vec::new();
    for line in data.split_inclusive(|b| *b == b'\n') {
        if let Some(rest) = line.strip_prefix(MARK) {
            if !body.is_empty() || !files.is_empty() {
                files.push((std::mem::take(&mut name), std::mem::take(&mut body)));
            }
            name = String::from_utf8_lossy(rest).trim().to_string();
        } else {
            body.extend_from_slice(line);
        }
    }
    files.push((name, body));
    files
}
