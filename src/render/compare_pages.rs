//! The comparison pages: `/compare/` (the matrix), `/compare/<dimension>/`
//! (a tile map and a table), `/compare/side-by-side/` (any two states, with
//! its data in `data.js` so it works from disk), `/data/` (every download),
//! and the views the state and national home pages show of the same cells.

use serde::Serialize;

use super::compare_view::*;
use super::labels::*;
use super::pages::{Ctx, one};
use super::{Deferred, Linker, OutputFile, PageJob};
use crate::compare::{self, DIMS, Dim};
use crate::error::{Error, Result};
use crate::export;
use crate::model::*;

/// The side-by-side page's folder; its data file sits beside it.
pub const PAIR_DIR: &str = "compare/side-by-side/";
pub const PAIR_DATA: &str = "compare/side-by-side/data.js";

#[derive(Serialize)]
pub struct DownloadLink {
    pub href: String,
    pub label: &'static str,
    pub format: &'static str,
    pub what: &'static str,
}

fn download_links(link: &Linker, state: Option<&StateCode>) -> Vec<DownloadLink> {
    export::downloads(state)
        .into_iter()
        .map(|d| DownloadLink { href: link.file(&d.path), label: d.label, format: d.format, what: d.what })
        .collect()
}

#[derive(Serialize)]
pub struct DimLink {
    pub key: &'static str,
    pub label: &'static str,
    pub href: String,
}

fn dim_links(link: &Linker) -> Vec<DimLink> {
    DIMS.iter()
        .map(|&d| DimLink { key: d.key(), label: dim_label(d), href: link.page(&format!("compare/{}/", d.slug())) })
        .collect()
}

#[derive(Serialize)]
struct MatrixRow {
    code: String,
    name: String,
    href: String,
    documented: usize,
    cells: Vec<CellView>,
}

#[derive(Serialize)]
struct MatrixView {
    dims: Vec<DimLink>,
    rows: Vec<MatrixRow>,
    pair_href: String,
    data_href: String,
    downloads: Vec<DownloadLink>,
    /// Cells with an answer, out of all cells.
    documented: usize,
    cells: usize,
}

#[derive(Serialize)]
struct DimensionRow {
    code: String,
    name: String,
    href: String,
    cell: CellView,
}

#[derive(Serialize)]
struct DimensionView {
    key: &'static str,
    label: &'static str,
    question: &'static str,
    sources: &'static str,
    tiles: Vec<TileView>,
    tile: u32,
    width: u32,
    height: u32,
    legend: Vec<LegendItem>,
    summary: String,
    rows: Vec<DimensionRow>,
    absent: usize,
    dims: Vec<DimLink>,
    matrix_href: String,
    pair_href: String,
    downloads: Vec<DownloadLink>,
}

/// What the state home shows of the comparison.
#[derive(Serialize)]
pub struct StateCompareView {
    pub rows: Vec<GlanceRow>,
    pub documented: usize,
    pub matrix_href: String,
    pub pair_href: String,
    pub downloads: Vec<DownloadLink>,
    pub schema_href: String,
    pub data_page_href: String,
}

#[derive(Serialize)]
pub struct GlanceRow {
    pub label: &'static str,
    pub href: String,
    pub cell: CellView,
}

/// What the national home shows of the comparison.
#[derive(Serialize)]
pub struct HomeCompareView {
    pub matrix_href: String,
    pub pair_href: String,
    pub data_page_href: String,
    pub dims: Vec<DimLink>,
    pub downloads: Vec<DownloadLink>,
}

#[derive(Serialize)]
struct PairState {
    code: String,
    name: String,
    href: String,
    cells: Vec<CellView>,
    categories: Vec<PairCategory>,
}

#[derive(Serialize)]
struct PairCategory {
    id: &'static str,
    services: Vec<PairService>,
}

#[derive(Serialize)]
struct PairService {
    name: String,
    href: String,
    codes: Vec<String>,
    illustrative: bool,
}

#[derive(Serialize)]
struct CategoryLabel {
    id: &'static str,
    label: &'static str,
}

/// The compare page's data: what `data.js` holds, and what the page renders
/// for its first pair without script.
#[derive(Serialize)]
struct PairData {
    dims: Vec<DimLink>,
    categories: Vec<CategoryLabel>,
    states: Vec<PairState>,
}

/// A state in the page's pickers.
#[derive(Serialize)]
struct PairOption<'a> {
    code: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct PairView<'a> {
    /// Every state, for the pickers (the rest of each state's data is in `data.js`).
    states: Vec<PairOption<'a>>,
    /// The pair shown before any choice: the first two states.
    first: &'a PairState,
    second: &'a PairState,
    rows: Vec<PairRow<'a>>,
    categories: Vec<PairCategoryRow<'a>>,
    data_href: String,
    script_href: String,
    matrix_href: String,
}

#[derive(Serialize)]
struct PairRow<'a> {
    dim: &'a DimLink,
    a: &'a CellView,
    b: &'a CellView,
}

#[derive(Serialize)]
struct PairCategoryRow<'a> {
    id: &'static str,
    label: &'static str,
    a: &'a [PairService],
    b: &'a [PairService],
}

#[derive(Serialize)]
struct TableDoc {
    id: &'static str,
    label: &'static str,
    format: &'static str,
    what: &'static str,
    columns: Vec<ColumnDoc>,
}

#[derive(Serialize)]
struct ColumnDoc {
    name: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct DataPageView {
    tables: Vec<TableDoc>,
    national: Vec<DownloadLink>,
    states: Vec<DataPageState>,
    schema_href: String,
    matrix_href: String,
}

#[derive(Serialize)]
struct DataPageState {
    code: String,
    name: String,
    href: String,
    downloads: Vec<DownloadLink>,
}

fn documented(cells: &[CellView]) -> usize {
    cells.iter().filter(|c| c.status != "not_documented").count()
}

/// How many pages [`jobs`] makes.
/// The comparison pages, one unit of work each. They share every state's
/// cells, worked out once (in parallel) as the units are listed.
pub(super) fn deferred(cx: Ctx<'_>) -> Vec<Deferred<'_>> {
    let all = std::sync::Arc::new(compare::compare(cx.catalog));
    let mut units = Vec::with_capacity(DIMS.len() + 3);
    let shared = std::sync::Arc::clone(&all);
    units.push(one(move || matrix(&cx, &shared)));
    for (i, d) in DIMS.into_iter().enumerate() {
        let shared = std::sync::Arc::clone(&all);
        units.push(one(move || dimension_page(&cx, d, &shared, i)));
    }
    units.push(one(move || pair_page(&cx, &all)));
    units.push(one(move || data_page(&cx)));
    units
}

/// Files that are not pages: the side-by-side page's data.
pub(super) fn files(catalog: &Catalog, all: &[(&State, Vec<compare::Cell<'_>>)]) -> Result<Vec<OutputFile>> {
    let data = pair_data(catalog, all, &Linker::new(PAIR_DIR));
    let json =
        serde_json::to_string(&data).map_err(|e| Error::Template { name: PAIR_DATA.into(), message: e.to_string() })?;
    // A script, not JSON fetched at run time: pages opened from disk cannot
    // fetch, but they can load a script beside them.
    let js = format!(
        "// Written by coverguide build: the data behind the side-by-side comparison.\nwindow.coverguideCompare = {json};\n"
    );
    Ok(vec![OutputFile { path: PAIR_DATA.into(), bytes: js.into_bytes() }])
}

fn matrix(cx: &Ctx<'_>, all: &[(&State, Vec<compare::Cell<'_>>)]) -> Result<PageJob> {
    let dir = "compare/";
    let link = Linker::new(dir);
    let c = cx.catalog;
    let rows: Vec<MatrixRow> = all
        .iter()
        .map(|(s, cells)| {
            let cells: Vec<CellView> = cells.iter().map(|x| cell_view(c, &link, x)).collect();
            MatrixRow {
                code: s.code.upper(),
                name: s.name.clone(),
                href: link.page(&format!("{}/", s.code.as_str())),
                documented: documented(&cells),
                cells,
            }
        })
        .collect();
    let view = MatrixView {
        dims: dim_links(&link),
        documented: rows.iter().map(|r| r.documented).sum(),
        cells: rows.len() * DIMS.len(),
        rows,
        pair_href: link.page(PAIR_DIR),
        data_href: link.page("data/"),
        downloads: download_links(&link, None),
    };
    let layout = cx.layout(
        dir,
        "Compare states".into(),
        format!(
            "{} policy dimensions of infant and early childhood mental health coverage, state by state, each answer linked to its source.",
            DIMS.len()
        ),
        None,
        vec![],
        "compare",
    );
    PageJob::new(dir.into(), "compare.html", &layout, &view)
}

/// The page of dimension `d`, the `i`th of `DIMS`.
fn dimension_page(cx: &Ctx<'_>, d: Dim, all: &[(&State, Vec<compare::Cell<'_>>)], i: usize) -> Result<PageJob> {
    let dir = format!("compare/{}/", d.slug());
    let link = Linker::new(&dir);
    let c = cx.catalog;
    let cells: Vec<(&State, CellView)> = all.iter().map(|(s, cells)| (*s, cell_view(c, &link, &cells[i]))).collect();
    let legend = legend(d, &cells);
    let summary = legend
        .iter()
        .filter(|l| l.count > 0 && l.class != "absent")
        .map(|l| format!("{}: {} ({})", l.label, l.count, l.states))
        .collect::<Vec<_>>()
        .join("; ");
    let absent = compare::tiles::TILES.len() - cells.len();
    let view = DimensionView {
        key: d.key(),
        label: dim_label(d),
        question: dim_question(d),
        sources: dim_sources(d),
        tiles: tiles(&cells),
        tile: TILE,
        width: u32::from(compare::tiles::COLUMNS) * (TILE + GAP) - GAP,
        height: u32::from(compare::tiles::ROWS) * (TILE + GAP) - GAP,
        summary: format!("{summary}. {absent} other states and territories are not in this catalog."),
        legend,
        absent,
        rows: cells
            .into_iter()
            .map(|(s, cell)| DimensionRow {
                code: s.code.upper(),
                name: s.name.clone(),
                href: link.page(&format!("{}/", s.code.as_str())),
                cell,
            })
            .collect(),
        dims: dim_links(&link),
        matrix_href: link.page("compare/"),
        pair_href: link.page(PAIR_DIR),
        downloads: download_links(&link, None).into_iter().filter(|x| x.href.ends_with("-comparison.csv")).collect(),
    };
    let layout = cx.layout(
        &dir,
        dim_label(d).to_string(),
        format!("{} State by state, on a map and in a table, with sources.", dim_question(d)),
        None,
        vec![("compare/".into(), "Compare states".into())],
        "compare",
    );
    PageJob::new(dir, "compare_dimension.html", &layout, &view)
}

fn pair_data(catalog: &Catalog, all: &[(&State, Vec<compare::Cell<'_>>)], link: &Linker) -> PairData {
    PairData {
        dims: dim_links(link),
        categories: pair_categories(),
        states: all.iter().map(|(s, cells)| pair_state(catalog, s, cells, link)).collect(),
    }
}

fn pair_categories() -> Vec<CategoryLabel> {
    CATEGORY_ORDER.iter().map(|&c| CategoryLabel { id: category_id(c), label: category_label(c) }).collect()
}

/// One state's part of the side-by-side data.
fn pair_state(catalog: &Catalog, s: &State, cells: &[compare::Cell<'_>], link: &Linker) -> PairState {
    PairState {
        code: s.code.as_str().to_string(),
        name: s.name.clone(),
        href: link.page(&format!("{}/", s.code.as_str())),
        cells: cells.iter().map(|x| cell_view(catalog, link, x)).collect(),
        categories: CATEGORY_ORDER
            .iter()
            .filter_map(|&cat| {
                let mut services: Vec<PairService> = s
                    .services
                    .values()
                    .filter(|x| x.category == cat)
                    .map(|x| PairService {
                        name: x.name.to_string(),
                        href: link.page(&format!("{}/services/{}/", s.code.as_str(), x.id)),
                        codes: x.billing.iter().map(code_label).collect(),
                        illustrative: x.illustrative.is_some(),
                    })
                    .collect();
                services.sort_by(|a, b| a.name.cmp(&b.name));
                (!services.is_empty()).then_some(PairCategory { id: category_id(cat), services })
            })
            .collect(),
    }
}

fn pair_page(cx: &Ctx<'_>, all: &[(&State, Vec<compare::Cell<'_>>)]) -> Result<PageJob> {
    let link = Linker::new(PAIR_DIR);
    // The page shows its first pair; every state's data is in `data.js`. A
    // catalog always has a state; with only one, it is shown twice.
    let pair: Vec<PairState> = all.iter().take(2).map(|(s, cells)| pair_state(cx.catalog, s, cells, &link)).collect();
    let first = &pair[0];
    let second = pair.get(1).unwrap_or(first);
    let data = PairData { dims: dim_links(&link), categories: pair_categories(), states: Vec::new() };
    fn services<'s>(s: &'s PairState, id: &str) -> &'s [PairService] {
        s.categories.iter().find(|c| c.id == id).map_or(&[], |c| c.services.as_slice())
    }
    let view = PairView {
        rows: data
            .dims
            .iter()
            .zip(first.cells.iter().zip(&second.cells))
            .map(|(dim, (a, b))| PairRow { dim, a, b })
            .collect(),
        categories: data
            .categories
            .iter()
            .map(|c| PairCategoryRow { id: c.id, label: c.label, a: services(first, c.id), b: services(second, c.id) })
            .filter(|r| !r.a.is_empty() || !r.b.is_empty())
            .collect(),
        states: all.iter().map(|(s, _)| PairOption { code: s.code.as_str(), name: &s.name }).collect(),
        first,
        second,
        data_href: "data.js".into(),
        script_href: link.file("static/compare.js"),
        matrix_href: link.page("compare/"),
    };
    let layout = cx.layout(
        PAIR_DIR,
        "Compare two states".into(),
        "Pick any two states and see their policies and services side by side, each answer linked to its source."
            .into(),
        None,
        vec![("compare/".into(), "Compare states".into())],
        "compare",
    );
    PageJob::new(PAIR_DIR.into(), "compare_pair.html", &layout, &view)
}

fn data_page(cx: &Ctx<'_>) -> Result<PageJob> {
    let dir = "data/";
    let link = Linker::new(dir);
    let view = DataPageView {
        tables: export::TABLES
            .iter()
            .map(|t| TableDoc {
                id: t.id(),
                label: t.label(),
                format: t.format(),
                what: t.what(),
                columns: t
                    .columns()
                    .unwrap_or(&[])
                    .iter()
                    .map(|&(name, meaning)| ColumnDoc { name, meaning })
                    .collect(),
            })
            .collect(),
        national: download_links(&link, None),
        states: cx
            .catalog
            .states
            .values()
            .map(|s| DataPageState {
                code: s.code.upper(),
                name: s.name.clone(),
                href: link.page(&format!("{}/", s.code.as_str())),
                downloads: download_links(&link, Some(&s.code)),
            })
            .collect(),
        schema_href: link.file(export::SCHEMA_PATH),
        matrix_href: link.page("compare/"),
    };
    let layout = cx.layout(
        dir,
        "Download the data".into(),
        "Every service, billing line, crosswalk row, fact, source and comparison in this guide, as CSV and JSON."
            .into(),
        None,
        vec![],
        "data",
    );
    PageJob::new(dir.into(), "data.html", &layout, &view)
}

/// The state home's "at a glance" table and downloads.
pub(super) fn state_view(catalog: &Catalog, link: &Linker, s: &State) -> StateCompareView {
    let rows: Vec<GlanceRow> = compare::state_cells(catalog, s)
        .iter()
        .map(|c| GlanceRow {
            label: dim_label(c.dim),
            href: link.page(&format!("compare/{}/", c.dim.slug())) + &format!("#state-{}", s.code.as_str()),
            cell: cell_view(catalog, link, c),
        })
        .collect();
    StateCompareView {
        documented: rows.iter().filter(|r| r.cell.status != "not_documented").count(),
        rows,
        matrix_href: link.page("compare/") + &format!("#state-{}", s.code.as_str()),
        pair_href: link.page(PAIR_DIR) + &format!("#with-{}", s.code.as_str()),
        downloads: download_links(link, Some(&s.code)),
        schema_href: link.file(export::SCHEMA_PATH),
        data_page_href: link.page("data/"),
    }
}

/// The national home's links into the comparison and the downloads.
pub(super) fn home_view(link: &Linker) -> HomeCompareView {
    HomeCompareView {
        matrix_href: link.page("compare/"),
        pair_href: link.page(PAIR_DIR),
        data_page_href: link.page("data/"),
        dims: dim_links(link),
        downloads: download_links(link, None),
    }
}
