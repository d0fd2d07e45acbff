//! Site configuration: `coverguide.toml` at the catalog root.
//!
//! The file is optional and so is every key; what is absent takes the default
//! theme's behaviour. It is read by the load stage (its problems are catalog
//! diagnostics, printed and counted with the YAML ones) and carried into the
//! model as [`SiteConfig`], which render shows on every page through the
//! layout's view. Like the `Raw*` YAML types, [`RawConfig`] denies unknown
//! keys, so a misspelled key is an error with a "did you mean".

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Pos, closest};
use crate::model::{POSTAL_CODES, StateCode};

/// The configuration file's name, at the catalog root.
pub const FILE_NAME: &str = "coverguide.toml";

/// The header's title when `title` is not set.
pub const DEFAULT_TITLE: &str = "IECMH coverage guide";

/// Largest logo read, in bytes.
pub const MAX_LOGO_BYTES: u64 = 1024 * 1024;

/// WCAG 2.1 AA minimum contrast for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// The backgrounds the default theme draws accent-coloured text on (page,
/// table headers and footer, notices), and the white text it draws on the
/// accent (the header band and buttons). The accent must reach
/// [`MIN_CONTRAST`] against each.
pub const ACCENT_BACKGROUNDS: [(&str, &str); 3] = [
    ("#ffffff", "the page background and the white header text"),
    ("#f0f0f0", "table headers and the footer"),
    ("#faf3d1", "notices"),
];

/// `coverguide.toml`: how the site presents itself. Every key is optional.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "coverguide.toml", description = "Site configuration for coverguide, at the catalog root.")]
pub struct RawConfig {
    /// The site's name, shown in every page header and browser tab title. Default: "IECMH coverage guide".
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    /// Where the site will be served (`https://agency.gov/guides/` or `/guides/`), for canonical links.
    /// `coverguide build --base-url` overrides it.
    #[schemars(with = "Option<String>")]
    pub base_url: Option<Spanned<String>>,
    /// The publishing agency's name, shown in the header and footer of every page.
    #[schemars(with = "Option<String>")]
    pub agency: Option<Spanned<String>>,
    /// A logo image (SVG, PNG, JPEG, WebP or GIF, at most 1 MiB), as a path relative to the catalog
    /// folder. It is copied into the site and shown in every page header. Requires `logo_alt`.
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    /// The logo's text alternative, read by screen readers (e.g. "Example Health Authority").
    #[schemars(with = "Option<String>")]
    pub logo_alt: Option<Spanned<String>>,
    /// The accent colour of links, buttons and the header band, as `#rrggbb` or `#rgb`. It must have a
    /// contrast ratio of at least 4.5:1 against white, #f0f0f0 and #faf3d1 (WCAG 2.1 AA).
    #[schemars(with = "Option<String>")]
    pub accent_color: Option<Spanned<String>>,
    /// How readers reach the publisher; shown in every page footer.
    pub contact: Option<RawContact>,
    /// Text for every page footer (plain text; a blank line starts a new paragraph).
    #[schemars(with = "Option<String>")]
    pub footer: Option<Spanned<String>>,
    /// Which states to build, by postal code (`["wa", "or"]`). Default: every state in the catalog.
    /// The whole catalog is still validated.
    #[schemars(with = "Option<Vec<String>>")]
    pub states: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `[contact]` in `coverguide.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// An email address, linked with `mailto:`.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// A telephone number as people dial it (`+1 360-555-0100`), linked with `tel:`.
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// A contact page, an absolute http(s) URL.
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
}

/// Reports a problem at a span of the file, with an optional hint.
type Report<'a> = dyn FnMut(&Range<usize>, String, Option<String>) + 'a;

/// The validated site configuration; `Default` is the site without a `coverguide.toml`.
#[derive(Debug, Clone, Default)]
pub struct SiteConfig {
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub agency: Option<String>,
    pub logo: Option<Logo>,
    /// `#rrggbb`, lower case, contrast checked.
    pub accent: Option<String>,
    pub contact: Contact,
    pub footer: Option<String>,
    /// The states to build; `None` builds every state.
    pub states: Option<BTreeSet<StateCode>>,
    /// Where `states` was written, for diagnostics found later.
    pub states_at: Option<(PathBuf, Pos)>,
}

#[derive(Debug, Clone)]
pub struct Logo {
    /// Path in the output, from the site root: `brand/logo.svg`.
    pub out_path: String,
    pub alt: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
}

/// The configuration file as read, before the catalog walk.
#[derive(Debug)]
pub struct ReadConfig {
    pub path: PathBuf,
    pub text: String,
    pub raw: Option<RawConfig>,
}

impl ReadConfig {
    /// The logo path as written, when it is a plain relative path: the walk
    /// accepts that file and its folders as part of the catalog.
    pub fn logo_rel(&self) -> Option<Vec<String>> {
        match &self.raw {
            Some(raw) => relative_parts(raw.logo.as_ref()?.get_ref()),
            // Another key is wrong: still accept the logo's file, so one typo
            // is not reported twice.
            None => {
                let table = toml::from_str::<toml::Table>(&self.text).ok()?;
                relative_parts(table.get("logo")?.as_str()?)
            }
        }
    }
}

/// Reads `coverguide.toml` if there is one. A syntax or type error is a
/// diagnostic; the text is kept so it can be printed with its source line.
pub fn read(root: &Path, diags: &mut Diagnostics) -> Option<ReadConfig> {
    let path = root.join(FILE_NAME);
    match std::fs::symlink_metadata(&path) {
        Err(_) => return None,
        Ok(m) if m.file_type().is_symlink() => {
            diags.push(
                Diagnostic::at(&path, None, "symbolic links are not followed in a catalog")
                    .with_hint("copy the file into the catalog instead"),
            );
            return None;
        }
        Ok(_) => {}
    }
    let text = match crate::load::read_text(&path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    Some(parse(path, text, diags))
}

/// Parses the text of `coverguide.toml` read from `path`.
pub fn parse(path: PathBuf, text: String, diags: &mut Diagnostics) -> ReadConfig {
    let raw = match toml::from_str::<RawConfig>(&text) {
        Ok(r) => Some(r),
        Err(e) => {
            diags.push(toml_diagnostic(&path, &text, &e));
            None
        }
    };
    ReadConfig { path, text, raw }
}

fn toml_diagnostic(path: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().trim_end_matches('.').to_string();
    let pos = e.span().map(|s| pos_of(text, s));
    let hint = crate::load::suggestion(&message).or_else(|| {
        if message.contains("invalid type") {
            Some("text values are quoted (`title = \"...\"`); `states` is a list (`states = [\"wa\"]`); see docs/catalog-format.md, `coverguide.toml`".into())
        } else {
            Some("see docs/catalog-format.md, `coverguide.toml`, for every key".into())
        }
    });
    let d = Diagnostic::at(path, pos, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// 1-based line and character column of a byte span.
fn pos_of(text: &str, span: Range<usize>) -> Pos {
    let start = span.start.min(text.len());
    let start = (0..=start).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let end = span.end.clamp(start, text.len());
    let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    let mut len = text[start..end].lines().next().map_or(1, |l| l.chars().count()).max(1);
    // `Diagnostic::render` underlines a quoted value's quotes itself.
    if text[start..].starts_with('"') && len > 2 {
        len -= 2;
    }
    Pos { line, col, len }
}

/// Checks every value and reads the logo. `state_dirs` are the state folders
/// the walk found (lower case).
pub fn resolve(root: &Path, read: &ReadConfig, state_dirs: &[String], diags: &mut Diagnostics) -> SiteConfig {
    let mut site = SiteConfig::default();
    let Some(raw) = &read.raw else { return site };
    let cx = Cx { path: &read.path, text: &read.text };
    let mut err = |s: &Range<usize>, msg: String, hint: Option<String>| {
        let d = Diagnostic::at(cx.path, Some(pos_of(cx.text, s.clone())), msg);
        diags.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    };

    let text_value = |v: &Option<Spanned<String>>, key: &str, err: &mut Report<'_>| {
        let v = v.as_ref()?;
        let t = v.get_ref().split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            err(&v.span(), format!("`{key}` is empty"), Some(format!("write the {key}, or delete the line")));
            return None;
        }
        Some(t)
    };
    site.title = text_value(&raw.title, "title", &mut err);
    site.agency = text_value(&raw.agency, "agency", &mut err);
    if let Some(f) = &raw.footer {
        if f.get_ref().trim().is_empty() {
            err(&f.span(), "`footer` is empty".into(), Some("write the footer text, or delete the line".into()));
        } else {
            site.footer = Some(f.get_ref().clone());
        }
    }

    if let Some(b) = &raw.base_url {
        match crate::render::BaseUrl::parse(b.get_ref()) {
            Ok(_) => site.base_url = Some(b.get_ref().clone()),
            Err(m) => err(
                &b.span(),
                m.replacen("--base-url", "base_url", 1),
                Some("for example `base_url = \"https://agency.example.gov/iecmh/\"`".into()),
            ),
        }
    }

    if let Some(a) = &raw.accent_color {
        match check_accent(a.get_ref()) {
            Ok(hex) => site.accent = Some(hex),
            Err((m, h)) => err(&a.span(), m, Some(h)),
        }
    }

    site.logo = logo(root, raw, &mut err);

    if let Some(c) = &raw.contact {
        if let Some(e) = &c.email {
            let v = e.get_ref().trim();
            let ok = v.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.ends_with('.'))
                && !v.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '?' | '/' | ':'));
            if ok {
                site.contact.email = Some(v.to_string());
            } else {
                err(&e.span(), format!("`{v}` is not an email address"), Some("write it as `name@agency.gov`".into()));
            }
        }
        if let Some(p) = &c.phone {
            let v = p.get_ref().trim();
            let digits = v.chars().filter(char::is_ascii_digit).count();
            let ok = (7..=15).contains(&digits)
                && v.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'));
            if ok {
                site.contact.phone = Some(v.to_string());
            } else {
                err(
                    &p.span(),
                    format!("`{v}` is not a telephone number"),
                    Some("use digits with spaces, hyphens, dots, brackets or a leading + (`+1 360-555-0100`)".into()),
                );
            }
        }
        if let Some(u) = &c.url {
            let v = u.get_ref().trim();
            if crate::validate::url_problem(v).is_none() {
                site.contact.url = Some(v.to_string());
            } else {
                err(
                    &u.span(),
                    format!("`{v}` is not an absolute http(s) URL"),
                    Some("write the full address, starting with https://".into()),
                );
            }
        }
    }

    if let Some(list) = &raw.states {
        let mut keep = BTreeSet::new();
        if list.get_ref().is_empty() {
            err(
                &list.span(),
                "`states` is empty, so no state would be built".into(),
                Some("list the states to build, or delete the line to build every state".into()),
            );
        }
        let have = if state_dirs.is_empty() { "none".to_string() } else { state_dirs.join(", ") };
        for s in list.get_ref() {
            let v = s.get_ref();
            let Some(code) = StateCode::parse(v) else {
                let hint = match closest_code(v, state_dirs) {
                    Some(c) => format!("did you mean `{c}`? this catalog has: {have}"),
                    None => {
                        let near = near_codes(v);
                        if near.is_empty() {
                            format!("states are two-letter postal codes; this catalog has: {have}")
                        } else {
                            format!("did you mean one of {}? this catalog has: {have}", near.join(", "))
                        }
                    }
                };
                err(&s.span(), format!("`{v}` is not a state's postal code"), Some(hint));
                continue;
            };
            if !state_dirs.iter().any(|d| d == code.as_str()) {
                let hint = match closest_code(code.as_str(), state_dirs) {
                    Some(c) => format!("did you mean `{c}`? this catalog has: {have}"),
                    None => format!("this catalog has: {have}; `coverguide new state {}` scaffolds one", code.as_str()),
                };
                err(&s.span(), format!("the catalog has no folder states/{}/", code.as_str()), Some(hint));
                continue;
            }
            if !keep.insert(code) {
                err(&s.span(), format!("`{v}` is listed twice"), Some("delete one".into()));
            }
        }
        site.states = Some(keep);
        site.states_at = Some((read.path.clone(), pos_of(&read.text, list.span())));
    }
    site
}

struct Cx<'a> {
    path: &'a Path,
    text: &'a str,
}

/// A catalog state or postal code one letter away from `v`.
fn closest_code(v: &str, codes: &[String]) -> Option<String> {
    let v = v.to_ascii_lowercase();
    if let Some(c) = closest(&v, codes.iter().map(String::as_str)) {
        return Some(c.to_string());
    }
    if v.chars().count() != 2 {
        return None;
    }
    codes.iter().find(|c| c.chars().zip(v.chars()).filter(|(a, b)| a == b).count() == 1).cloned()
}

/// Postal codes that keep the first letter of `v`, or its second.
fn near_codes(v: &str) -> Vec<String> {
    let v: Vec<char> = v.to_ascii_lowercase().chars().collect();
    let same = |i: usize| -> Vec<String> {
        POSTAL_CODES
            .iter()
            .filter(|c| v.len() == 2 && c.chars().nth(i) == Some(v[i]))
            .map(|c| format!("`{c}`"))
            .collect()
    };
    let first = same(0);
    if first.is_empty() { same(1) } else { first }
}

/// A clean relative path's parts: no root, no `..`, no `.`, no backslashes.
fn relative_parts(p: &str) -> Option<Vec<String>> {
    if p.is_empty() || p.contains('\\') {
        return None;
    }
    let path = Path::new(p);
    let mut out = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => out.push(s.to_str()?.to_string()),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

const LOGO_TYPES: [&str; 6] = ["svg", "png", "jpg", "jpeg", "webp", "gif"];

fn logo(root: &Path, raw: &RawConfig, err: &mut Report<'_>) -> Option<Logo> {
    let (logo, alt) = match (&raw.logo, &raw.logo_alt) {
        (None, None) => return None,
        (None, Some(a)) => {
            err(
                &a.span(),
                "`logo_alt` is set but there is no `logo`".into(),
                Some("add `logo = \"path/to/logo.svg\"`, or delete `logo_alt`".into()),
            );
            return None;
        }
        (Some(l), None) => {
            err(
                &l.span(),
                "a logo needs a text alternative: `logo_alt` is missing".into(),
                Some("add `logo_alt = \"...\"` naming what the logo shows, e.g. the agency's name".into()),
            );
            return None;
        }
        (Some(l), Some(a)) => (l, a),
    };
    let alt_text = alt.get_ref().split_whitespace().collect::<Vec<_>>().join(" ");
    if alt_text.is_empty() {
        err(&alt.span(), "`logo_alt` is empty".into(), Some("name what the logo shows, e.g. the agency's name".into()));
        return None;
    }
    let written = logo.get_ref();
    let Some(parts) = relative_parts(written) else {
        err(
            &logo.span(),
            format!("the logo path `{written}` must be relative to the catalog folder and stay inside it"),
            Some("put the image in the catalog, e.g. `assets/logo.svg`, and write `logo = \"assets/logo.svg\"`".into()),
        );
        return None;
    };
    let ext = parts.last().and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    let Some(ext) = ext.filter(|e| LOGO_TYPES.contains(&e.as_str())) else {
        err(
            &logo.span(),
            format!("the logo `{written}` is not an image type coverguide accepts"),
            Some(format!("use one of: {}", LOGO_TYPES.join(", "))),
        );
        return None;
    };
    let mut full = root.to_path_buf();
    for p in &parts {
        full.push(p);
    }
    let meta = match std::fs::symlink_metadata(&full) {
        Ok(m) => m,
        Err(e) => {
            err(
                &logo.span(),
                format!("cannot read the logo {}: {e}", full.display()),
                Some("the path is relative to the catalog folder".into()),
            );
            return None;
        }
    };
    if !meta.is_file() {
        err(
            &logo.span(),
            format!("the logo {} is not a regular file", full.display()),
            Some("symbolic links and folders are not accepted; copy the image into the catalog".into()),
        );
        return None;
    }
    if meta.len() > MAX_LOGO_BYTES {
        err(
            &logo.span(),
            format!("the logo is {} bytes; at most {MAX_LOGO_BYTES} are accepted", meta.len()),
            Some("export a smaller image; a header logo is shown about 48 pixels high".into()),
        );
        return None;
    }
    let bytes = match std::fs::read(&full) {
        Ok(b) => b,
        Err(e) => {
            err(&logo.span(), format!("cannot read the logo {}: {e}", full.display()), None);
            return None;
        }
    };
    if !sniff(&ext, &bytes) {
        err(
            &logo.span(),
            format!("the logo {} does not hold {} image data", full.display(), ext.to_ascii_uppercase()),
            Some("check that the file is an image and that its extension matches its type".into()),
        );
        return None;
    }
    let ext = if ext == "jpeg" { "jpg".to_string() } else { ext };
    Some(Logo { out_path: format!("brand/logo.{ext}"), alt: alt_text, bytes })
}

/// Whether `bytes` start like an image of type `ext`.
fn sniff(ext: &str, bytes: &[u8]) -> bool {
    match ext {
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "gif" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        "webp" => bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "svg" => std::str::from_utf8(bytes).is_ok_and(|t| t.contains("<svg")),
        _ => false,
    }
}

/// Parses `#rgb` or `#rrggbb` and checks its contrast; returns `#rrggbb`.
pub fn check_accent(v: &str) -> Result<String, (String, String)> {
    let Some(rgb) = parse_hex(v) else {
        return Err((
            format!("`{v}` is not a colour"),
            "write it as a hex colour, `#rrggbb` or `#rgb`, e.g. `#1a4480`".into(),
        ));
    };
    let hex = to_hex(rgb);
    let (ratio, bg, what) = worst_contrast(rgb);
    if ratio + 1e-9 < MIN_CONTRAST {
        let better = darker_passing(rgb);
        let (better_ratio, ..) = worst_contrast(better);
        return Err((
            format!(
                "the accent colour {hex} has a contrast ratio of {ratio:.2}:1 against {bg} ({what}); WCAG 2.1 AA needs at least {MIN_CONTRAST}:1"
            ),
            format!("a darker shade of the same hue passes: `{}` ({better_ratio:.2}:1)", to_hex(better)),
        ));
    }
    Ok(hex)
}

/// The accent darkened for hover states (three quarters of each channel).
pub fn accent_dark(hex: &str) -> String {
    let rgb = parse_hex(hex).unwrap_or([0, 0, 0]);
    to_hex(rgb.map(|c| (f64::from(c) * 0.75).round() as u8))
}

fn parse_hex(v: &str) -> Option<[u8; 3]> {
    let h = v.trim().strip_prefix('#')?;
    if !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let d = |s: &str| u8::from_str_radix(s, 16).ok();
    match h.len() {
        3 => {
            let c: Vec<u8> = h.chars().filter_map(|c| d(&c.to_string())).map(|x| x * 17).collect();
            Some([c[0], c[1], c[2]])
        }
        6 => Some([d(&h[0..2])?, d(&h[2..4])?, d(&h[4..6])?]),
        _ => None,
    }
}

fn to_hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// WCAG relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |x: u8| {
        let s = f64::from(x) / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The lowest contrast of `c` against the theme's backgrounds, with that background.
fn worst_contrast(c: [u8; 3]) -> (f64, &'static str, &'static str) {
    ACCENT_BACKGROUNDS
        .iter()
        .map(|(hex, what)| (contrast(c, parse_hex(hex).unwrap_or([255; 3])), *hex, *what))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((21.0, "#ffffff", ""))
}

/// The lightest shade of `c` (its channels scaled down together) that passes.
fn darker_passing(c: [u8; 3]) -> [u8; 3] {
    (0..=100)
        .rev()
        .map(|p| c.map(|x| (f64::from(x) * f64::from(p) / 100.0).floor() as u8))
        .find(|s| worst_contrast(*s).0 >= MIN_CONTRAST)
        .unwrap_or([0, 0, 0])
}

/// Drops the states that `states` leaves out, once the whole catalog has
/// validated. A state that is built may not rely on a crosswalk kept in a
/// state that is not: its pages would link to a crosswalk the site lacks.
pub fn keep_states(catalog: &mut crate::model::Catalog) -> Result<(), Diagnostics> {
    let Some(keep) = catalog.site.states.clone() else { return Ok(()) };
    let mut diags = Diagnostics::default();
    for s in catalog.states.values().filter(|s| keep.contains(&s.code)) {
        for svc in s.services.values() {
            let Some(id) = svc.diagnosis.as_ref().and_then(|d| d.crosswalk.as_ref()) else { continue };
            let owner = catalog.states.values().find(|o| o.content.crosswalks.contains_key(id));
            if let Some(owner) = owner.filter(|o| !keep.contains(&o.code)) {
                let (path, pos) =
                    catalog.site.states_at.clone().unwrap_or_else(|| (PathBuf::new(), Pos { line: 1, col: 1, len: 1 }));
                diags.push(
                    Diagnostic::at(
                        &path,
                        Some(pos),
                        format!(
                            "`states` leaves out {}, but the service `{}` of {} uses its crosswalk `{id}`",
                            owner.code, svc.id, s.code
                        ),
                    )
                    .with_hint(format!(
                        "add \"{}\" to `states`, or move the crosswalk to national/crosswalks/",
                        owner.code.as_str()
                    )),
                );
            }
        }
    }
    if !diags.is_empty() {
        diags.sort();
        return Err(diags);
    }
    catalog.states.retain(|c, _| keep.contains(c));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        // The theme's own primary blue on white: 6.72:1.
        assert!((contrast([0x00, 0x5e, 0xa2], [255, 255, 255]) - 6.72).abs() < 0.01);
    }

    #[test]
    fn accent_passes_or_explains() {
        assert_eq!(check_accent("#005EA2"), Ok("#005ea2".to_string()));
        assert_eq!(check_accent("#036"), Ok("#003366".to_string()));
        let (msg, hint) = check_accent("#73b3e7").unwrap_err();
        assert!(msg.contains("#73b3e7") && msg.contains("#f0f0f0") && msg.contains("4.5:1"), "{msg}");
        let suggested = hint.split('`').nth(1).unwrap();
        assert!(check_accent(suggested).is_ok(), "{hint}");
        assert!(check_accent("blue").is_err());
        assert!(check_accent("#12345").is_err());
    }

    #[test]
    fn logo_paths_stay_inside() {
        assert_eq!(relative_parts("assets/logo.svg"), Some(vec!["assets".into(), "logo.svg".into()]));
        for bad in ["", "/etc/x.png", "../x.png", "a/../../x.png", "./x.png", "a\\b.png"] {
            assert_eq!(relative_parts(bad), None, "{bad}");
        }
    }

    #[test]
    fn positions_are_line_and_char_column() {
        let t = "a = 1\ntitle = \"é x\"\n";
        let start = t.find('"').unwrap();
        assert_eq!(pos_of(t, start..start + 6), Pos { line: 2, col: 9, len: 3 });
    }
}
