//! Synthetic newspaper pages with known answers.
//!
//! Real pledge pages are scarce and hand-labelling them is slow, so this
//! module fabricates pages that look like what `pdftotext` makes of a printed
//! 工作承诺清单 — mastheads, a lead paragraph, tables linearized column by
//! column in groups or row by row, blank lines, OCR slips, lists continued on
//! the next page — together with the exact gold rows.
//!
//! By default all target texts and deadlines are real ones from the seed page
//! (`corpus/seed/*.source-gold.csv`), recombined into new departments, so the
//! vocabulary the parser sees is the vocabulary of real lists; `Knobs::texts`
//! switches to a bank written in other cities' wording (see [`TextBank`]). Every random
//! choice comes from a `ChaCha8Rng` seeded with the caller's seed, so the same
//! seed and knobs always give the same bytes.
//!
//! ## What a generated page looks like
//!
//! ```text
//! (blank) masthead line (blank) editor/page line (blank)   -- 5 lines, 3 shapes
//! lead paragraph, wrapped at 62 em [blank, second paragraph]
//! (blank) title line                                       -- “…”工作承诺清单
//! units…                                                   -- see below
//! [（下转N+1版）]                                          -- when the list continues
//! ```
//!
//! A *column-wise group* (1–4 tables) prints, for each table, its number
//! block (`dept`, `序号`, then per category its header `（一）指标类` and the
//! numbers), then each table's target block (`任务目标`, blank, cells),
//! then each table's deadline block (`完成时限`, blank, deadlines). A table
//! split across newspaper columns ends its group; its tail starts the next
//! group with no dept / 序号 / 任务目标 / 完成时限 lines (a category header
//! only if the split falls on a category start).
//!
//! A *row-wise table* prints `dept`, then the header as either three lines
//! `序号` `任务目标` `完成时限` (60%), one line `序号 任务目标 完成时限`
//! (30%) or three lines `任务目标` `序号` `完成时限` (10%), a blank, then per
//! row: [category header], number, target lines, deadline, each followed by
//! a blank with `row_wise_blank_rate`.
//!
//! A continued list's second page is: masthead, `（上接N版）`, then the rest
//! of the cut table with no dept or header lines (its gold rows keep the
//! department and the seq numbering of page one), then further tables.
//!
//! ```
//! use pledges::gen::{generate, Knobs};
//! let pages = generate(7, &Knobs::default());
//! let page = &pages[0];
//! let lines: Vec<&str> = page.text.lines().collect();
//! let row = &page.gold[0];
//! let (a, b) = row.source_lines.split_once('-').unwrap();
//! let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
//! assert_eq!(lines[a - 1..b].concat(), row.target);
//! ```
//!
//! The jobs, one file each: [`preset`] (knobs), [`page`] (whole pages and
//! their gold), [`archive`], `table` (tables before printing), `print`
//! (tables onto the sheet), [`wrap`], `date`, [`seed_texts`] and
//! [`vocab`] (the words pages are made of), [`positioned`] (the same
//! tables as positioned words, PDF and OCR files).

pub mod archive;
mod date;
pub mod page;
pub mod positioned;
pub mod preset;
mod print;
pub mod seed_texts;
mod table;
mod texts;
pub mod vocab;
pub mod wrap;

pub use archive::*;
use date::*;
pub use page::*;
pub use preset::*;
use print::*;
pub use seed_texts::*;
use table::*;
pub use texts::TextBank;
pub use vocab::*;
pub use wrap::*;
