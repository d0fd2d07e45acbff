//! Links between pages: always relative, always to a file.
//!
//! A link from `or/services/x/index.html` to the state home is
//! `../../index.html`. Relative links make one build work under any sub-path
//! and when opened from disk; naming `index.html` explicitly is what makes
//! folder links work from `file://`, where no server maps a folder to its index.

/// Makes links relative to one page.
pub struct Linker {
    /// `../` repeated once per folder level of the page.
    pub root: String,
}

impl Linker {
    /// For a page at `dir` (`""` for the home page, `or/services/` otherwise).
    pub fn new(dir: &str) -> Linker {
        let depth = dir.split('/').filter(|s| !s.is_empty()).count();
        Linker { root: "../".repeat(depth) }
    }

    /// Link to the page whose folder is `dir` (`or/services/`; `""` for home).
    pub fn page(&self, dir: &str) -> String {
        format!("{}{}index.html", self.root, dir)
    }

    /// Link to a file by its path from the site root (`static/style.css`).
    pub fn file(&self, path: &str) -> String {
        format!("{}{}", self.root, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        let l = Linker::new("or/services/or-x/");
        assert_eq!(l.page("or/"), "../../../or/index.html");
        assert_eq!(l.file("static/style.css"), "../../../static/style.css");
        assert_eq!(Linker::new("").page("or/"), "or/index.html");
    }
}
