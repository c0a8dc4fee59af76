//! A reviewed run becomes gold: the review page's corrections CSV applied to
//! the run's rows.
//!
//! The page exports `id,verdict,target,deadline`: one line per row a person
//! judged, `verdict` `right` or `wrong`, and `target`/`deadline` only where
//! they were edited (empty = unchanged). Applied to the run's `rows.csv`:
//!
//! * a row marked **right** is gold as extracted;
//! * an **edited** row is gold with the edit (its deadline date worked out
//!   again from an edited deadline), whatever its mark;
//! * a row marked **wrong without an edit** is left out of the gold: its
//!   right value is unknown, so it can score nothing. It is left out of the
//!   prediction as well, so it is not counted as an extra row either; the
//!   count is reported.
//! * a row without a verdict is left out the same way, unless the reviewer
//!   vouches for every unmarked row (`--unreviewed-right`: e.g. after
//!   checking only the flagged rows).
//!
//! Gold rows carry no `source_lines`: a reviewer fixes text, not line numbers.
//!
//! ```
//! use pledges::review::corrections::{parse_corrections, Verdict};
//! let c = parse_corrections("id,verdict,target,deadline\na.txt#2,wrong,新增企业6家,\n", "c.csv").unwrap();
//! assert_eq!(c[0].verdict, Verdict::Wrong);
//! assert_eq!(c[0].target.as_deref(), Some("新增企业6家"));
//! assert_eq!(c[0].deadline, None);
//! ```

use super::{row_ids, Table};
use crate::eval::{normalize, EvalRow};
use crate::fields::deadline;
use crate::Error;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The header of the corrections CSV the page exports.
pub(crate) const HEADER: &str = "id,verdict,target,deadline";

/// A person's judgement of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Wrong,
}

/// One line of a corrections CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub id: String,
    pub verdict: Verdict,
    /// The corrected target, when it was edited.
    pub target: Option<String>,
    /// The corrected deadline, when it was edited.
    pub deadline: Option<String>,
}

/// Reads a corrections file.
pub fn read_corrections(path: &Path) -> Result<Vec<Correction>, Error> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|err| Error::Io { file: file.clone(), err })?;
    parse_corrections(&text, &file)
}

/// Parses corrections CSV text; `file` names it in errors.
pub fn parse_corrections(text: &str, file: &str) -> Result<Vec<Correction>, Error> {
    let bad = |line: Option<u64>, message: String| Error::Csv { file: file.into(), line, message };
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().map_err(|e| bad(Some(1), e.to_string()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(id), Some(verdict)) = (column("id"), column("verdict")) else {
        return Err(bad(Some(1), format!("expected the header {HEADER}")));
    };
    let (target, deadline) = (column("target"), column("deadline"));
    let mut out = vec![];
    for record in reader.records() {
        let record = record.map_err(|e| bad(e.position().map(|p| p.line()), e.to_string()))?;
        let line = record.position().map(|p| p.line());
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).filter(|s| !s.is_empty()).map(str::to_string);
        let verdict = match field(Some(verdict)).as_deref() {
            Some("right") => Verdict::Right,
            Some("wrong") => Verdict::Wrong,
            other => return Err(bad(line, format!("verdict {other:?}: expected right or wrong"))),
        };
        let id = field(Some(id)).ok_or_else(|| bad(line, "empty id".into()))?;
        out.push(Correction { id, verdict, target: field(target), deadline: field(deadline) });
    }
    Ok(out)
}

/// A line of the gold CSV written from a reviewed run (the columns of rows.csv
/// that a reviewer vouches for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldRow {
    pub source: String,
    pub issue_date: String,
    pub page: String,
    pub department: String,
    pub category: String,
    pub seq: String,
    pub target: String,
    pub deadline: String,
    pub deadline_date: String,
}

/// The gold a reviewed run gives, and what was left out of it.
#[derive(Debug, Clone, Default)]
pub struct ReviewedGold {
    pub gold: Vec<GoldRow>,
    /// Gold rows taken as extracted (marked right, or unmarked with `--unreviewed-right`).
    pub as_extracted: usize,
    /// Gold rows that carry an edit.
    pub edited: usize,
    /// Rows marked wrong without an edit.
    pub wrong_unedited: Vec<GoldRow>,
    /// Rows without a verdict (empty with `--unreviewed-right`).
    pub unreviewed: Vec<GoldRow>,
    left_out_keys: HashSet<Key>,
}

type Key = (String, String, String, String, String);

fn key(issue_date: &str, page: &str, department: &str, category: &str, seq: &str) -> Key {
    (normalize(issue_date), normalize(page), normalize(department), normalize(category), normalize(seq))
}

impl ReviewedGold {
    /// Whether a predicted row stands where the gold has no known value
    /// (so it is neither scored nor counted as extra).
    pub fn leaves_out(&self, row: &EvalRow) -> bool {
        let page = row.page.map(|p| p.to_string()).unwrap_or_default();
        let k = key(row.issue_date.as_deref().unwrap_or(""), &page, &row.department, &row.category, &row.seq);
        self.left_out_keys.contains(&k)
    }

    /// Writes the gold rows as a CSV that `pledges eval` reads as gold.
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        let header =
            ["source", "issue_date", "page", "department", "category", "seq", "target", "deadline", "deadline_date"];
        crate::run::output::write_csv(path, &self.gold, &header, false)
    }
}

/// Applies `corrections` to the rows of the run in `run_dir`.
/// An id the run does not have is an error: the corrections belong to another run.
pub fn reviewed_gold(
    run_dir: &Path,
    corrections: &[Correction],
    unreviewed_right: bool,
) -> Result<ReviewedGold, Error> {
    let rows_path = run_dir.join("rows.csv");
    let table = Table::read(&rows_path)?;
    let ids = row_ids(&table);
    let known: HashSet<&str> = ids.iter().map(String::as_str).collect();
    if let Some(c) = corrections.iter().find(|c| !known.contains(c.id.as_str())) {
        return Err(Error::Csv {
            file: rows_path.display().to_string(),
            line: None,
            message: format!("no row {} in this run: the corrections belong to another run", c.id),
        });
    }
    let by_id: HashMap<&str, &Correction> = corrections.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = ReviewedGold::default();
    for (record, id) in table.records.iter().zip(&ids) {
        let get = |name: &str| table.get(record, name).to_string();
        let mut row = GoldRow {
            source: get("source"),
            issue_date: get("issue_date"),
            page: get("page"),
            department: get("department"),
            category: get("category"),
            seq: get("seq"),
            target: get("target"),
            deadline: get("deadline"),
            deadline_date: get("deadline_date"),
        };
        let correction = by_id.get(id.as_str());
        let edited = correction.is_some_and(|c| apply_edit(&mut row, c));
        match correction.map(|c| c.verdict) {
            _ if edited => out.edited += 1,
            Some(Verdict::Right) => out.as_extracted += 1,
            None if unreviewed_right => out.as_extracted += 1,
            verdict => {
                out.left_out_keys.insert(key(&row.issue_date, &row.page, &row.department, &row.category, &row.seq));
                match verdict {
                    Some(_) => out.wrong_unedited.push(row),
                    None => out.unreviewed.push(row),
                }
                continue;
            }
        }
        out.gold.push(row);
    }
    Ok(out)
}

/// Puts the edited fields into `row`; false when nothing differs.
fn apply_edit(row: &mut GoldRow, c: &Correction) -> bool {
    let mut changed = false;
    if let Some(target) = c.target.as_ref().filter(|t| **t != row.target) {
        row.target = target.clone();
        changed = true;
    }
    if let Some(d) = c.deadline.as_ref().filter(|d| **d != row.deadline) {
        let year = row.issue_date.get(..4).and_then(|y| y.parse().ok());
        row.deadline = d.clone();
        row.deadline_date = deadline::resolve(d, year).iso().unwrap_or_default();
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUN: &str =
        "source,issue_date,page,department,category,seq,target,deadline,deadline_date,source_lines,flags\n\
        a.txt,2022-03-22,3,市甲局,指标类,1,新增企业5家,12月底前,2022-12-31,10-10,\n\
        a.txt,2022-03-22,3,市甲局,指标类,2,完成调查,6月底前,2022-06-30,11-11,cut_uncertain\n\
        a.txt,2022-03-22,3,市甲局,指标类,3,出台办法,9月底前,2022-09-30,12-12,\n\
        b.txt,2022-03-23,2,市乙局,项目类,1,建成公园,年底前,2022-12-31,7-7,\n";

    fn run_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("rows.csv"), RUN).unwrap();
        dir
    }

    fn corrections() -> Vec<Correction> {
        parse_corrections(
            "id,verdict,target,deadline\na.txt#1,right,,\na.txt#2,wrong,完成调查工作,2023年3月底前\na.txt#3,wrong,,\n",
            "c.csv",
        )
        .unwrap()
    }

    #[test]
    fn right_rows_stay_edited_rows_change_wrong_rows_leave() {
        let dir = run_dir();
        let g = reviewed_gold(dir.path(), &corrections(), false).unwrap();
        assert_eq!((g.as_extracted, g.edited, g.wrong_unedited.len(), g.unreviewed.len()), (1, 1, 1, 1));
        let targets: Vec<&str> = g.gold.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(targets, ["新增企业5家", "完成调查工作"]);
        assert_eq!((g.gold[1].deadline.as_str(), g.gold[1].deadline_date.as_str()), ("2023年3月底前", "2023-03-31"));
        assert_eq!(g.wrong_unedited[0].target, "出台办法");
        assert_eq!(g.unreviewed[0].source, "b.txt");
    }

    #[test]
    fn unreviewed_rows_count_as_right_when_vouched_for() {
        let dir = run_dir();
        let g = reviewed_gold(dir.path(), &corrections(), true).unwrap();
        assert_eq!((g.as_extracted, g.edited, g.gold.len()), (2, 1, 3));
        let left_out = EvalRow {
            issue_date: Some("2022-03-22".into()),
            page: Some(3),
            department: "市甲局".into(),
            category: "指标类".into(),
            seq: "3".into(),
            ..Default::default()
        };
        assert!(g.leaves_out(&left_out));
        assert!(!g.leaves_out(&EvalRow { seq: "1".into(), ..left_out }));
    }

    #[test]
    fn an_id_of_another_run_is_refused() {
        let dir = run_dir();
        let c = parse_corrections("id,verdict\nz.txt#1,right\n", "c.csv").unwrap();
        let err = reviewed_gold(dir.path(), &c, false).unwrap_err().to_string();
        assert!(err.contains("no row z.txt#1"), "{err}");
    }

    #[test]
    fn a_bad_verdict_names_its_line() {
        let err = parse_corrections("id,verdict\na#1,right\na#2,maybe\n", "c.csv").unwrap_err().to_string();
        assert!(err.starts_with("c.csv:3:"), "{err}");
        assert!(parse_corrections("x,y\n", "c.csv").is_err());
    }
}
