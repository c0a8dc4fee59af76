//! Scoring predicted rows against gold rows.
//!
//! Row accuracy alone hides *why* a parser fails, so besides it this module
//! measures where target cells were cut (boundary precision/recall/F1 and
//! WindowDiff over the page's target lines), deadlines, missing and extra
//! rows, and whether wrong rows carried a flag — an unflagged wrong row is
//! the expensive kind, because nobody looks at it.
//!
//! Rows are matched on (issue_date, page, department, category, seq), using
//! issue_date and page only when both sides have them. Targets are compared
//! after NFKC with all white space removed, so `增长 16%` equals `增长16%`.
//!
//! ```
//! use pledges::eval::{evaluate, EvalRow};
//! let gold = vec![EvalRow { department: "市财政局".into(), category: "指标类".into(),
//!     seq: "1".into(), target: "增长 16%".into(), deadline: "12月底前".into(), ..Default::default() }];
//! let pred = vec![EvalRow { target: "增长16％".into(), ..gold[0].clone() }];
//! let report = evaluate(&gold, &pred);
//! assert_eq!(report.overall.rows.correct, 1);
//! assert_eq!(report.row_accuracy(), 1.0);
//! ```
//!
//! The jobs, one file each: [`rows`] (what is compared, normalized),
//! [`read`] (CSV in), [`score`] (matching and scoring), [`quantities`],
//! [`report`] (the figures and their table).

pub mod quantities;
pub mod read;
pub mod report;
pub mod rows;
pub mod score;
pub mod tolerant;

pub use quantities::*;
pub use read::*;
pub use report::*;
pub use rows::*;
pub use score::*;
