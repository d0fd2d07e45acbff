//! Fuzzes the load and validate stages: a whole catalog in one input, files
//! separated by lines `#file: <path relative to the catalog root>`. Any input
//! must come back as a model or diagnostics, never a panic, and every
//! diagnostic must name a file inside the catalog.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = Path::new("/fuzz/catalog");
    let files = coverguide::split_files(data);
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
