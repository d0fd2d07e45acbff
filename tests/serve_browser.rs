//! `coverguide serve` in a real browser (`tests/browser/serve.mjs`): an edit
//! reloads the open page, a broken edit shows an accessible overlay over the
//! last good page, and fixing the file clears it.

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::browser;

/// Kills the server when the test ends, however it ends.
struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_reloads_and_shows_errors_in_a_real_browser() {
    if !browser::ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    common::copy_tree(&common::repo().join("catalog"), &catalog);
    let mut child = Command::new(env!("CARGO_BIN_EXE_coverguide"))
        .args(["serve", "--port", "0", "--catalog"])
        .arg(&catalog)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start coverguide serve");
    let stderr = child.stderr.take().unwrap();
    let _server = Kill(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // Later lines (rebuilds) are shown for a failing run's log.
            eprintln!("serve: {line}");
            if let Some(at) = line.find("http://127.0.0.1:") {
                let _ = tx.send(line[at..].trim_end_matches(" (Ctrl-C to stop)").to_string());
            }
        }
    });
    let url = rx.recv_timeout(Duration::from_secs(60)).expect("coverguide serve prints its URL");
    browser::run_script("serve.mjs", &["--url".as_ref(), url.as_ref(), "--catalog".as_ref(), catalog.as_os_str()]);
}
