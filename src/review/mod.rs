//! The review page: one self-contained HTML file in which a person checks a
//! run's rows against the lines they were built from, and exports verdicts.
//!
//! The Rust side only gathers data: a finished run's `rows.csv`,
//! `leftovers.csv` and `pages.csv`, plus the input files named in their
//! `source` column (decoded as `extract` decodes them, so line numbers
//! agree). It embeds that as JSON into a template (`page.html`, `page.css`,
//! `page.js`, compiled in), and the page's script renders one page at a time,
//! so a 10,000-page run stays a single file that opens from disk with no
//! network. Verdicts go back as a corrections CSV ([`corrections`]) that
//! `pledges eval --corrections` turns into gold.
//!
//! ```no_run
//! let html = pledges::review::write_review("out".as_ref()).unwrap();
//! assert!(html.ends_with("review.html"));
//! ```

pub mod corrections;
pub mod flags;

use crate::layout::geometry::{document_lines, Knobs};
use crate::read::decode::decode;
use crate::read::positioned;
use crate::Error;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("page.html");
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Everything the page shows, as embedded JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewData {
    /// The output directory's name, for the title.
    pub run: String,
    /// Names verdicts in the browser's storage, so two runs never mix.
    pub fingerprint: String,
    pub pages_read: usize,
    pub pages_with_tables: usize,
    pub pages_unreadable: usize,
    /// `[flag, meaning]` for every flag the rows carry or the README documents.
    pub flags: Vec<(String, String)>,
    /// Pages with rows or leftovers, in the run's order.
    pub pages: Vec<ReviewPage>,
}

/// One input page with its rows and leftovers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewPage {
    pub source: String,
    pub issue_date: String,
    pub page: String,
    /// The input's lines (line `n` at index `n - 1`); `None` when the input
    /// could not be read as text again (moved, or not a text file).
    pub lines: Option<Vec<String>>,
    /// Why `lines` is missing.
    pub note: String,
    pub rows: Vec<ReviewRow>,
    /// For positioned input (PDF/OCR): each line's `[page, x0, y0, x1, y1]`
    /// (`null` for a blank line), so the page can draw the words where they
    /// stand; empty for text input.
    pub line_boxes: Vec<Option<(u32, f32, f32, f32, f32)>>,
    /// `[line, text, reason]`.
    pub leftovers: Vec<(usize, String, String)>,
}

/// One row of rows.csv, as the page needs it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ReviewRow {
    pub id: String,
    pub department: String,
    pub category: String,
    pub seq: String,
    pub target: String,
    pub deadline: String,
    pub deadline_date: String,
    pub source_lines: String,
    /// `[first, last]` line runs of the target cell.
    pub spans: Vec<(usize, usize)>,
    pub flags: Vec<String>,
    /// `[page, x0, y0, x1, y1]` boxes from a `position` column (positioned input).
    pub boxes: Vec<(u32, f64, f64, f64, f64)>,
}

/// Builds `DIR/review.html` from a finished run in `dir`; returns its path.
pub fn write_review(dir: &Path) -> Result<PathBuf, Error> {
    let data = gather(dir)?;
    let path = dir.join("review.html");
    std::fs::write(&path, render(&data)).map_err(|err| Error::Write { path: path.clone(), err })?;
    Ok(path)
}

/// The page as one HTML string.
pub fn render(data: &ReviewData) -> String {
    // `<` only occurs inside JSON strings, where `\u003c` means the same and
    // cannot close the script element.
    let json = serde_json::to_string(data).expect("review data is plain").replace('<', "\\u003c");
    // The data goes in last, so nothing it holds is taken for a placeholder.
    let title = html_escape(&format!("pledges review: {}", data.run)).replace('{', "&#123;");
    TEMPLATE
        .replacen("/*{{STYLE}}*/", STYLE, 1)
        .replacen("/*{{SCRIPT}}*/", SCRIPT, 1)
        .replace("{{TITLE}}", &title)
        .replacen("{{DATA}}", &json, 1)
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Reads the run in `dir` and the input files its rows name.
pub fn gather(dir: &Path) -> Result<ReviewData, Error> {
    let rows = read_rows(&dir.join("rows.csv"))?;
    let leftovers = Table::read(&dir.join("leftovers.csv"))?;
    let pages = Table::read(&dir.join("pages.csv"))?;
    let mut by_source: HashMap<String, (Vec<ReviewRow>, Vec<(usize, String, String)>)> = HashMap::new();
    for (source, row) in rows.rows {
        by_source.entry(source).or_default().0.push(row);
    }
    for r in &leftovers.records {
        let line = leftovers.get(r, "line").parse().unwrap_or(0);
        let entry = by_source.entry(leftovers.get(r, "source").to_string()).or_default();
        entry.1.push((line, leftovers.get(r, "text").to_string(), leftovers.get(r, "reason").to_string()));
    }
    let mut data = ReviewData {
        run: dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| dir.display().to_string()),
        fingerprint: rows.fingerprint,
        flags: flags::meanings(),
        ..Default::default()
    };
    let mut pdf_pages = PdfPages::default();
    for r in &pages.records {
        data.pages_read += 1;
        match pages.get(r, "status") {
            "table" => data.pages_with_tables += 1,
            "unreadable" => data.pages_unreadable += 1,
            _ => {}
        }
        let source = pages.get(r, "source");
        let Some((rows, leftovers)) = by_source.remove(source) else { continue };
        let (date, number) = (pages.get(r, "issue_date"), pages.get(r, "page"));
        data.pages.push(review_page(dir, &mut pdf_pages, source, date, number, rows, leftovers));
    }
    // Rows whose page pages.csv does not list (an older run) still show.
    let mut rest: Vec<_> = by_source.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    for (source, (rows, leftovers)) in rest {
        data.pages.push(review_page(dir, &mut pdf_pages, &source, "", "", rows, leftovers));
    }
    for flag in data.pages.iter().flat_map(|p| &p.rows).flat_map(|r| &r.flags) {
        if !data.flags.iter().any(|(name, _)| name == flag) {
            data.flags.push((flag.clone(), flags::meaning(flag)));
        }
    }
    Ok(data)
}

fn review_page(
    dir: &Path,
    pdf_pages: &mut PdfPages,
    source: &str,
    issue_date: &str,
    page: &str,
    rows: Vec<ReviewRow>,
    leftovers: Vec<(usize, String, String)>,
) -> ReviewPage {
    let (lines, line_boxes, note) = match input_lines(dir, pdf_pages, source) {
        Ok((lines, boxes)) => (Some(lines), boxes, String::new()),
        Err(e) => (None, vec![], e),
    };
    ReviewPage {
        source: source.into(),
        issue_date: issue_date.into(),
        page: page.into(),
        lines,
        note,
        rows,
        line_boxes,
        leftovers,
    }
}

type LineBox = Option<(u32, f32, f32, f32, f32)>;

/// The input's lines as `extract` numbered them, with their boxes for
/// positioned input (read and put into lines the way `extract` does). A
/// relative source is tried as given (the run's working directory), then
/// beside the output directory.
fn input_lines(dir: &Path, pdf_pages: &mut PdfPages, source: &str) -> Result<(Vec<String>, Vec<LineBox>), String> {
    let given = Path::new(source);
    let candidates = [given.to_path_buf(), dir.parent().unwrap_or(Path::new(".")).join(given)];
    let path = candidates.iter().find(|p| p.is_file()).ok_or_else(|| format!("input {source} not found"))?;
    let bytes = std::fs::read(path).map_err(|e| format!("{source}: {e}"))?;
    let format = positioned::sniff(&bytes);
    if format != positioned::Format::Text {
        // The first file of a PDF's pages PaddleOCR saved apart stands for
        // them all, as in `extract` (`batch::group_pdf_pages`).
        let pages = match format {
            positioned::Format::Paddle => pdf_pages.of(path),
            _ => None,
        };
        let doc = match pages {
            Some(files) => {
                let mut doc = crate::run::batch::read_pages(&files).map_err(|e| e.to_string())?;
                doc.source = source.to_owned();
                doc
            }
            None => positioned::read(source, &bytes, format, Some(path)).map_err(|e| e.to_string())?,
        };
        let lines = document_lines(&doc, &Knobs::default());
        let boxes = lines.iter().map(|l| l.bbox.map(|b| (l.page, b.x0, b.y0, b.x1, b.y1))).collect();
        return Ok((lines.into_iter().map(|l| l.text).collect(), boxes));
    }
    let text = decode(source, &bytes).map_err(|e| e.to_string())?;
    Ok((text.lines.into_iter().map(|l| l.text).collect(), vec![]))
}

/// The PaddleOCR results that are pages of one PDF, grouped as `extract`
/// groups them, per directory. Grouping reads every `.json` file of a
/// directory, so it is done once per directory for the whole review, not
/// once per page shown.
#[derive(Default)]
struct PdfPages(HashMap<PathBuf, Vec<Vec<PathBuf>>>);

impl PdfPages {
    /// The files of the PDF whose first page's result is `path`; `None`
    /// when `path` is no such file.
    fn of(&mut self, path: &Path) -> Option<Vec<PathBuf>> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let groups = self.0.entry(dir.to_path_buf()).or_insert_with(|| {
            let inputs = crate::run::batch::list_inputs(&[dir.to_path_buf()]).unwrap_or_default();
            inputs
                .into_iter()
                .filter_map(|i| match i {
                    crate::run::batch::Input::Pages(files) => Some(files),
                    _ => None,
                })
                .collect()
        });
        groups.iter().find(|files| files[0].file_name() == path.file_name()).cloned()
    }
}

/// rows.csv read by header name, with each row's id.
struct RunRows {
    /// `(source, row)` in file order.
    rows: Vec<(String, ReviewRow)>,
    fingerprint: String,
}

fn read_rows(path: &Path) -> Result<RunRows, Error> {
    let table = Table::read(path)?;
    let bytes = table.records.iter().map(|r| r.as_slice().len()).sum::<usize>();
    let ids = row_ids(&table);
    let rows = table
        .records
        .iter()
        .zip(ids)
        .map(|(r, id)| {
            let row = ReviewRow {
                id,
                department: table.get(r, "department").into(),
                category: table.get(r, "category").into(),
                seq: table.get(r, "seq").into(),
                target: table.get(r, "target").into(),
                deadline: table.get(r, "deadline").into(),
                deadline_date: table.get(r, "deadline_date").into(),
                source_lines: table.get(r, "source_lines").into(),
                spans: parse_spans(table.get(r, "source_lines")),
                flags: table.get(r, "flags").split(';').filter(|f| !f.is_empty()).map(str::to_string).collect(),
                boxes: parse_boxes(table.get(r, "position")),
            };
            (table.get(r, "source").to_string(), row)
        })
        .collect();
    Ok(RunRows { rows, fingerprint: format!("{}-{bytes}", table.records.len()) })
}

/// The `id` column when the run has one, else the same id computed:
/// `<source>#<n>`, n counting the rows of each source in file order.
pub(crate) fn row_ids(table: &Table) -> Vec<String> {
    if table.columns.contains_key("id") {
        return table.records.iter().map(|r| table.get(r, "id").to_string()).collect();
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    table
        .records
        .iter()
        .map(|r| {
            let source = table.get(r, "source");
            let n = seen.entry(source).or_default();
            *n += 1;
            format!("{source}#{n}")
        })
        .collect()
}

/// `107-108`, `66-67;69-69`, `12` → line runs.
fn parse_spans(s: &str) -> Vec<(usize, usize)> {
    s.split(';')
        .filter_map(|run| {
            let (a, b) = run.trim().split_once('-').unwrap_or((run.trim(), run.trim()));
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect()
}

/// `p1:x0,y0,x1,y1` (several `;`-separated) → boxes; anything else → none.
fn parse_boxes(s: &str) -> Vec<(u32, f64, f64, f64, f64)> {
    s.split(';')
        .filter_map(|b| {
            let (page, coords) = b.trim().strip_prefix('p')?.split_once(':')?;
            let c: Vec<f64> = coords.split(',').map(|x| x.trim().parse()).collect::<Result<_, _>>().ok()?;
            match c[..] {
                [x0, y0, x1, y1] => Some((page.parse().ok()?, x0, y0, x1, y1)),
                _ => None,
            }
        })
        .collect()
}

/// A CSV file with its columns found by header name (a run may carry more
/// columns than this module knows, e.g. `id` or `position`).
pub struct Table {
    columns: HashMap<String, usize>,
    pub records: Vec<csv::StringRecord>,
}

impl Table {
    /// Reads `path`; a missing file is an error naming it.
    pub fn read(path: &Path) -> Result<Table, Error> {
        let file = path.display().to_string();
        let bad = |line: Option<u64>, message: String| Error::Csv { file: file.clone(), line, message };
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| bad(None, e.to_string()))?;
        let headers = reader.headers().map_err(|e| bad(Some(1), e.to_string()))?;
        let columns =
            headers.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i)).collect();
        let records = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(e.position().map(|p| p.line()), e.to_string()))?;
        Ok(Table { columns, records })
    }

    /// The field `name` of `record`, empty when the column is absent.
    pub fn get<'a>(&self, record: &'a csv::StringRecord, name: &str) -> &'a str {
        self.columns.get(name).and_then(|&i| record.get(i)).unwrap_or("")
    }

    /// Whether the file has a column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_boxes_parse_as_written() {
        assert_eq!(parse_spans("107-108"), [(107, 108)]);
        assert_eq!(parse_spans("66-67;69-69"), [(66, 67), (69, 69)]);
        assert_eq!(parse_spans("12"), [(12, 12)]);
        assert_eq!(parse_spans(""), []);
        assert_eq!(parse_boxes("p1:10,20.5,300,40"), [(1, 10.0, 20.5, 300.0, 40.0)]);
        assert_eq!(parse_boxes("p2:1,2,3,4;p3:5,6,7,8").len(), 2);
        assert_eq!(parse_boxes("p1:1,2,3"), []);
        assert_eq!(parse_boxes(""), []);
    }

    #[test]
    fn ids_count_rows_per_source_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.csv");
        std::fs::write(&path, "source,seq\na.txt,1\nb.txt,1\na.txt,2\n").unwrap();
        assert_eq!(row_ids(&Table::read(&path).unwrap()), ["a.txt#1", "b.txt#1", "a.txt#2"]);
        std::fs::write(&path, "id,source,seq\nx#9,a.txt,1\n").unwrap();
        assert_eq!(row_ids(&Table::read(&path).unwrap()), ["x#9"]);
    }

    #[test]
    fn the_embedded_json_cannot_close_its_script_element() {
        let data = ReviewData {
            run: "r".into(),
            pages: vec![ReviewPage { lines: Some(vec!["</script><b>".into()]), ..Default::default() }],
            ..Default::default()
        };
        let html = render(&data);
        assert_eq!(html.matches("</script>").count(), html.matches("<script").count());
        assert!(html.contains("\\u003c/script>\\u003cb>"));
    }
}
