//! TSV with word boxes: Tesseract's `tsv` output and poppler's
//! `pdftotext -tsv`.
//!
//! Both write `level page_num … left top width height conf text`, one row
//! per page, block, paragraph, line and word (level 5); poppler puts
//! `par_num` before `block_num`, so columns are found by their header name.
//! Page rows (level 1) give the page size; word rows the words.
//!
//! ```
//! use pledges::read::positioned::{tsv, Unit};
//! let text = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
//!             1\t1\t0\t0\t0\t0\t0\t0\t800\t1000\t-1\t\n\
//!             5\t1\t1\t1\t1\t1\t10\t20\t40\t12\t91.5\t序号\n";
//! let pages = tsv::read("p.tsv", text, Unit::Pixel).unwrap();
//! assert_eq!(pages[0].words[0].text, "序号");
//! assert_eq!(pages[0].words[0].bbox.x1, 50.0);
//! assert_eq!(pages[0].width, 800.0);
//! ```

use super::{line_id, problem, BBox, Unit, Word, WordPage};
use crate::Error;

/// Where each needed column stands in the header.
struct Columns {
    level: usize,
    page: usize,
    block: Option<usize>,
    par: Option<usize>,
    line: Option<usize>,
    left: usize,
    top: usize,
    width: usize,
    height: usize,
    conf: Option<usize>,
    text: usize,
    count: usize,
}

impl Columns {
    fn from_header(source: &str, header: &str) -> Result<Columns, Error> {
        let names: Vec<&str> = header.trim_end_matches('\r').split('\t').collect();
        let find = |n: &str| names.iter().position(|h| *h == n);
        let required = ["level", "page_num", "left", "top", "width", "height", "text"];
        let missing: Vec<&str> = required.iter().copied().filter(|n| find(n).is_none()).collect();
        if !missing.is_empty() {
            return Err(problem(source, None, &format!("TSV header lacks column(s) {}", missing.join(", "))));
        }
        let text = find("text").unwrap_or(0);
        if text + 1 != names.len() {
            return Err(problem(source, None, "TSV column `text` is not the last one"));
        }
        Ok(Columns {
            level: find("level").unwrap_or(0),
            page: find("page_num").unwrap_or(0),
            block: find("block_num"),
            par: find("par_num"),
            line: find("line_num"),
            left: find("left").unwrap_or(0),
            top: find("top").unwrap_or(0),
            width: find("width").unwrap_or(0),
            height: find("height").unwrap_or(0),
            conf: find("conf"),
            text,
            count: names.len(),
        })
    }
}

/// Reads TSV `text`; boxes are in `unit` (pixels for Tesseract, points for poppler).
pub fn read(source: &str, text: &str, unit: Unit) -> Result<Vec<WordPage>, Error> {
    let mut rows = text.split('\n');
    let header = rows.next().unwrap_or("");
    let cols = Columns::from_header(source, header)?;
    let mut pages: Vec<WordPage> = vec![];
    let mut fields: Vec<&str> = Vec::with_capacity(cols.count);
    for (i, row) in rows.enumerate() {
        let row = row.strip_suffix('\r').unwrap_or(row);
        if row.is_empty() {
            continue;
        }
        fields.clear();
        fields.extend(row.splitn(cols.count, '\t'));
        let bad = |what: &str| problem(source, pages.last().map(|p| p.number), &format!("TSV line {}: {what}", i + 2));
        if fields.len() < cols.count {
            return Err(bad(&format!("{} of {} columns (file cut short?)", fields.len(), cols.count)));
        }
        let num =
            |c: usize| fields[c].trim().parse::<f32>().map_err(|_| bad(&format!("`{}` is not a number", fields[c])));
        let int = |c: Option<usize>| c.and_then(|c| fields[c].trim().parse::<u32>().ok()).unwrap_or(0);
        let level = int(Some(cols.level));
        let page_no = int(Some(cols.page)).max(1);
        let (left, top, width, height) = (num(cols.left)?, num(cols.top)?, num(cols.width)?, num(cols.height)?);
        if pages.last().is_none_or(|p| p.number != page_no) {
            pages.push(WordPage { number: page_no, width: 0.0, height: 0.0, unit, words: vec![], skew: None });
        }
        let page = pages.last_mut().expect("pushed above");
        match level {
            1 => {
                page.width = page.width.max(left + width);
                page.height = page.height.max(top + height);
            }
            5 => {
                let text = fields[cols.text];
                if text.trim().is_empty() {
                    continue;
                }
                let confidence = cols.conf.and_then(|c| fields[c].trim().parse::<f32>().ok()).filter(|c| *c >= 0.0);
                page.words.push(Word {
                    bbox: BBox { x0: left, y0: top, x1: left + width, y1: top + height },
                    text: text.to_owned(),
                    confidence,
                    line: Some(line_id(int(cols.block), int(cols.par), int(cols.line))),
                });
            }
            _ => {}
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poppler_column_order_is_read_by_name() {
        let text = "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                    1\t1\t0\t0\t0\t0\t0.000000\t0.000000\t595.276000\t841.890000\t-1\t###PAGE###\n\
                    4\t1\t0\t0\t0\t0\t72.0\t70.0\t30.0\t10.0\t-1\t###LINE###\n\
                    5\t1\t0\t0\t0\t0\t72.0\t70.0\t30.0\t10.0\t100\t12月底前\n\
                    5\t2\t0\t0\t0\t0\t72.0\t70.0\t30.0\t10.0\t100\tword with space\n";
        let pages = read("p.tsv", text, Unit::Point).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].width, 595.276);
        assert_eq!(pages[0].words.len(), 1);
        assert_eq!(pages[0].words[0].confidence, Some(100.0));
        assert_eq!(pages[1].words[0].text, "word with space");
    }

    #[test]
    fn missing_columns_are_named() {
        let err = read("m.tsv", "level\tpage_num\ttext\n", Unit::Pixel).unwrap_err();
        assert_eq!(err.to_string(), "m.tsv: TSV header lacks column(s) left, top, width, height");
    }

    #[test]
    fn a_row_cut_short_names_its_line_and_page() {
        let text = "level\tpage_num\tleft\ttop\twidth\theight\tconf\ttext\n5\t1\t1\t1\t1\t1\t90\ta\n5\t1\t3\t4";
        let err = read("c.tsv", text, Unit::Pixel).unwrap_err();
        assert_eq!(err.to_string(), "c.tsv page 1: TSV line 3: 4 of 8 columns (file cut short?)");
    }
}
