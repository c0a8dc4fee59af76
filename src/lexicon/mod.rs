//! The lexicon: every word list the stages read, in one room, so that a
//! synonym is added once and no two copies drift apart.
//!
//! * [`headers`] — column headers and their synonyms (`任务目标`, `承诺事项`, …)
//!   and the words of the fast "may this page hold a table" check;
//! * [`verbs`] — pledge verbs (`verbs.txt`) that open a cell;
//! * [`particles`] — characters and words that cannot end or open a clause;
//! * [`measure`] — measure words next to figures, and `units.tsv`, the unit
//!   table of `fields::quantity`;
//! * [`segment`] — jieba's cut over its dictionary and `words.txt`, from tables made at build time;
//! * [`text`] — character classes: folding full-width forms, display width, punctuation.

pub mod headers;
pub mod measure;
pub mod particles;
pub mod segment;
pub mod text;
pub mod verbs;
