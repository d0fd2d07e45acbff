//! The streamed build (pages written by the threads that render them) against
//! the in-memory site, and the streamed write's atomicity.

mod common;

use common::*;
use coverguide::render::{self, Emit, OutputFile, Theme};
use coverguide::write::{self, Written};
use coverguide::{BuildOptions, Error};

fn options(out: &std::path::Path) -> BuildOptions {
    BuildOptions { catalog: repo().join("catalog"), out: out.to_path_buf(), theme: None, base_url: None, minify: true }
}

#[test]
fn streamed_build_writes_exactly_the_in_memory_site() {
    let tmp = tempfile::tempdir().unwrap();
    let streamed = tmp.path().join("streamed");
    let report = coverguide::build(&options(&streamed)).unwrap();

    let catalog = coverguide::load_catalog(&repo().join("catalog")).unwrap();
    let site = render::render(&catalog, &Theme::load_with(None, true).unwrap(), None).unwrap();
    let whole = tmp.path().join("whole");
    let bytes = write::write_site(&whole, &site).unwrap();

    let (a, b) = (tree(&streamed), tree(&whole));
    assert!(a.len() > 100, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, content) in &a {
        assert!(content == &b[path], "{path} differs between the streamed and the in-memory write");
    }
    assert_eq!(report.pages, site.pages());
    assert_eq!(report.bytes, bytes);
    // The in-memory site is sorted by path, whatever order threads finished in.
    assert!(site.files.windows(2).all(|w| w[0].path < w[1].path));
}

#[test]
fn streamed_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    coverguide::build(&options(&a)).unwrap();
    coverguide::build(&options(&b)).unwrap();
    assert_eq!(tree(&a), tree(&b));
}

fn page(path: &str, body: &str) -> OutputFile {
    OutputFile { path: path.into(), bytes: body.as_bytes().to_vec() }
}

/// Only our build's marker-owning folders and the output itself are left.
fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("coverguide"))
        .collect()
}

#[test]
fn a_failure_while_streaming_leaves_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let first = write::write_streamed(&out, |sink| {
        sink.file(page("index.html", "<p>first</p>"))?;
        sink.file(page("a/b/index.html", "<p>deep</p>"))
    })
    .unwrap();
    assert_eq!(first.pages, 2);
    let before = tree(&out);

    // The producer fails after some files are already written.
    let e = write::write_streamed(&out, |sink| {
        sink.file(page("index.html", "<p>second</p>"))?;
        sink.file(page("new/index.html", "<p>new</p>"))?;
        Err(Error::Usage("stopped half way".into()))
    })
    .unwrap_err();
    assert!(e.to_string().contains("stopped half way"), "{e}");
    assert_eq!(tree(&out), before);
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));

    // A write itself fails: a file stands where a folder must be created.
    let e = write::write_streamed(&out, |sink| {
        sink.file(page("x", "a file"))?;
        sink.file(page("x/index.html", "<p>under a file</p>"))
    })
    .unwrap_err();
    assert!(e.to_string().contains("create folder"), "{e}");
    assert_eq!(tree(&out), before);
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));
}

#[test]
fn streamed_write_from_many_threads_counts_every_file() {
    use rayon::prelude::*;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <title>t</title>\n</head>\n<body>\n  <p>  x  </p>\n</body>\n</html>\n";
    let written = write::write_streamed(&out, |sink| {
        (0..200).into_par_iter().try_for_each(|i| {
            sink.file(page(&format!("s{}/p{i}/index.html", i % 7), html))?;
            sink.file(page(&format!("s{}/p{i}/data.csv", i % 7), "a,b\n"))
        })
    })
    .unwrap();
    let files = tree(&out);
    assert_eq!(files.len(), 401, "400 files and the marker");
    assert_eq!(written.pages, 200);
    let page_bytes = &files["s3/p3/index.html"];
    assert_eq!(page_bytes, html.as_bytes(), "written as given");
    assert_eq!(written, Written { pages: 200, bytes: 200 * (page_bytes.len() as u64 + 4) });
}

#[test]
fn a_streamed_file_is_written_piece_by_piece_and_a_failure_in_it_leaves_the_previous_output() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let first = write::write_streamed(&out, |sink| {
        sink.file(page("index.html", "<p>first</p>"))?;
        sink.stream("data/all.csv".into(), &mut |w: &mut dyn Write| {
            for i in 0..10_000 {
                write!(w, "row {i}\r\n")?;
            }
            Ok(())
        })
    })
    .unwrap();
    let before = tree(&out);
    let csv = String::from_utf8(before["data/all.csv"].clone()).unwrap();
    assert_eq!(csv.lines().count(), 10_000);
    assert!(csv.starts_with("row 0\r\nrow 1\r\n") && csv.ends_with("row 9999\r\n"));
    assert_eq!(first, Written { pages: 1, bytes: "<p>first</p>".len() as u64 + csv.len() as u64 });

    // The piece writer fails half way through its file.
    let e = write::write_streamed(&out, |sink| {
        sink.file(page("index.html", "<p>second</p>"))?;
        sink.stream("data/all.csv".into(), &mut |w: &mut dyn Write| {
            w.write_all(b"row 0\r\n")?;
            Err(std::io::Error::other("serializer stopped"))
        })
    })
    .unwrap_err();
    let message = e.to_string();
    assert!(message.contains("all.csv") && message.contains("serializer stopped"), "{message}");
    assert_eq!(tree(&out), before);
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));

    // Anything else that takes files gets the same bytes, whole.
    let files = std::sync::Mutex::new(Vec::new());
    let list = |f: OutputFile| {
        files.lock().unwrap().push(f);
        Ok(())
    };
    list.stream("a.csv".into(), &mut |w: &mut dyn Write| w.write_all(b"a,b\r\n")).unwrap();
    let files = files.into_inner().unwrap();
    assert_eq!((files[0].path.as_str(), files[0].bytes.as_slice()), ("a.csv", &b"a,b\r\n"[..]));
}

/// Takes files as [`Emit`]'s default does, noting which came piece by piece.
#[derive(Default)]
struct Noted {
    files: std::sync::Mutex<Vec<(OutputFile, bool)>>,
}

impl Emit for Noted {
    fn file(&self, file: OutputFile) -> coverguide::Result<()> {
        self.files.lock().unwrap().push((file, false));
        Ok(())
    }

    fn stream(
        &self,
        path: String,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> coverguide::Result<()> {
        let mut bytes = Vec::new();
        // Cut into one-byte writes: nothing may depend on how writes are cut.
        struct Bytewise<'a>(&'a mut Vec<u8>);
        impl std::io::Write for Bytewise<'_> {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.extend_from_slice(&buf[..buf.len().min(1)]);
                Ok(buf.len().min(1))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        write(&mut Bytewise(&mut bytes)).unwrap();
        self.files.lock().unwrap().push((OutputFile { path, bytes }, true));
        Ok(())
    }
}

/// A page made of parts (a state's printable guide, a national code page,
/// among others) is written piece by piece, each part as the page reaches it, and its bytes
/// are those of the page rendered whole (as `coverguide serve` renders it).
#[test]
fn pages_made_of_parts_are_streamed_and_are_the_pages_rendered_whole() {
    for catalog in [repo().join("catalog"), fixture("codes_pages")] {
        let catalog = coverguide::load_catalog(&catalog).unwrap();
        let theme = Theme::load_with(None, true).unwrap();
        let noted = Noted::default();
        render::render_each(&catalog, &theme, None, &coverguide::NoProgress, &noted).unwrap();
        let streamed: std::collections::BTreeMap<String, (Vec<u8>, bool)> =
            noted.files.into_inner().unwrap().into_iter().map(|(f, s)| (f.path, (f.bytes, s))).collect();
        let whole = render::render_pages(&catalog, &theme, None, &render::Scope::all()).unwrap();
        let mut guides = 0;
        let mut codes = 0;
        for f in whole.iter().filter(|f| f.path.ends_with(".html")) {
            let (bytes, piecewise) = &streamed[&f.path];
            assert!(bytes == &f.bytes, "{} differs from the page rendered whole", f.path);
            // A state's guide is made of parts when it has a service, crosswalk or guidance document.
            let guide = f.path.ends_with("/guide/index.html") && {
                let st =
                    catalog.states.values().find(|s| f.path.starts_with(&format!("{}/", s.code.as_str()))).unwrap();
                !st.services.is_empty() || !st.content.guidance.is_empty() || !catalog.crosswalks_for(st).is_empty()
            };
            // National code and ICD-10-CM pages: each state's rows are a part.
            let code =
                (f.path.starts_with("codes/") || f.path.starts_with("icd10cm/")) && f.path.matches('/').count() == 2;
            assert!(*piecewise || !(guide || code), "{} was not streamed", f.path);
            guides += usize::from(guide);
            codes += usize::from(code);
            assert!(!String::from_utf8_lossy(bytes).contains("coverguide-part:"), "{}: a marker was left", f.path);
        }
        assert!(guides >= 1 && codes >= 1, "{guides} guides, {codes} national code pages");
    }
}
