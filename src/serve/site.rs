//! What the server serves, shared between the rebuild loop and the request
//! threads: the last good pages, the downloads and search data (made on a
//! worker thread after each build), the current problems, and a build
//! counter that the live-reload event stream reports.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::engine::{Bytes, Problem};

/// The data files of one build: still being made, made, or failed.
enum Data {
    Pending,
    Ready(Arc<HashMap<String, Bytes>>),
    Failed,
}

struct State {
    pages: Arc<HashMap<String, Bytes>>,
    data: Data,
    /// Which build `data` belongs to; a worker for an older build does not overwrite it.
    data_build: u64,
    problems: Option<Arc<Vec<Problem>>>,
    /// Bumped after every build attempt, good or bad: pages reload on a change.
    build: u64,
    stopping: bool,
}

pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// One lookup's answer.
pub enum Found {
    File(Bytes),
    Missing,
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        Arc::new(Shared {
            state: Mutex::new(State {
                pages: Arc::new(HashMap::new()),
                data: Data::Ready(Arc::new(HashMap::new())),
                data_build: 0,
                problems: None,
                build: 0,
                stopping: false,
            }),
            changed: Condvar::new(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A good build: its pages are served from now on; its data files are
    /// pending until [`Shared::data_ready`]. Returns the build number.
    pub fn publish(&self, pages: Arc<HashMap<String, Bytes>>) -> u64 {
        let mut s = self.lock();
        s.build += 1;
        s.pages = pages;
        s.data = Data::Pending;
        s.data_build = s.build;
        s.problems = None;
        self.changed.notify_all();
        s.build
    }

    /// A failed build: the last good pages stay; the problems are shown.
    pub fn fail(&self, problems: Vec<Problem>) {
        let mut s = self.lock();
        s.build += 1;
        s.problems = Some(Arc::new(problems));
        self.changed.notify_all();
    }

    /// The data files of build `build` are made.
    pub fn data_ready(&self, build: u64, files: Result<HashMap<String, Bytes>, Vec<Problem>>) {
        let mut s = self.lock();
        if s.data_build != build {
            return;
        }
        match files {
            Ok(f) => s.data = Data::Ready(Arc::new(f)),
            Err(p) => {
                s.data = Data::Failed;
                s.build += 1;
                s.problems = Some(Arc::new(p));
            }
        }
        self.changed.notify_all();
    }

    /// The file at `path`, waiting for the data files if they are being made.
    pub fn get(&self, path: &str) -> Found {
        let mut s = self.lock();
        loop {
            if let Some(b) = s.pages.get(path) {
                return Found::File(b.clone());
            }
            match &s.data {
                Data::Ready(d) => return d.get(path).map_or(Found::Missing, |b| Found::File(b.clone())),
                Data::Failed => return Found::Missing,
                Data::Pending if s.stopping => return Found::Missing,
                Data::Pending => s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner()),
            }
        }
    }

    /// Whether `path` is a page of the site (without waiting for data files).
    pub fn has_page(&self, path: &str) -> bool {
        self.lock().pages.contains_key(path)
    }

    /// The build number and the current problems.
    pub fn status(&self) -> (u64, Option<Arc<Vec<Problem>>>) {
        let s = self.lock();
        (s.build, s.problems.clone())
    }

    /// Waits until the build number differs from `seen`, the server stops, or
    /// `timeout` passes; returns the build number, or `None` when stopping.
    pub fn wait_change(&self, seen: u64, timeout: Duration) -> Option<u64> {
        let s = self.lock();
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| s.build == seen && !s.stopping)
            .unwrap_or_else(|e| e.into_inner());
        (!s.stopping).then_some(s.build)
    }

    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }
}
