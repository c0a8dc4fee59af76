//! # pledges
//!
//! Realign Chinese government pledge tables (工作承诺清单) from text that PDF
//! extraction or OCR linearized column by column, and pull out every quantity
//! and deadline date.
//!
//! Data flows one way, one module per stage, a plain type between stages:
//!
//! ```text
//! bytes ─decode→ Page(lines) ─classify→ [Kind] ─segment→ [Block]
//!       ─skeleton→ Skeleton(tables, groups) ─align→ [Row] ─quantity/deadline→ CSV
//! ```
//!
//! ```
//! let page = pledges::extract_page("demo.txt", "市测试局\n序号\n（一）指标类\n1\n2\n任务目标\n新增企业5家\n完成调查\n完成时限\n12月底前\n6月底前\n".as_bytes(), &Default::default()).unwrap();
//! assert_eq!(page.rows.len(), 2);
//! assert_eq!(page.rows[1].target, "完成调查");
//! ```

pub mod align;
pub mod error;
pub mod eval;
pub mod fields;
pub mod gen;
pub mod layout;
pub mod lexicon;
pub mod model;
pub mod read;
pub mod review;
pub mod run;
#[cfg(test)]
mod testing;

pub use error::Error;
pub use model::{PageResult, Row};
pub use run::page::{extract_page, Options};
