//! Stage 5: the aligner — cut target lines into exactly as many cells as the
//! table has rows, and pair rows with deadlines.
//!
//! The number and deadline columns fix how many rows a group of tables has;
//! the target column only says where lines break. Every gap between two
//! target lines gets a score, the log-odds that a cell ends there, from all
//! the evidence at once:
//!
//! * a blank line (pdftotext never puts one inside a cell);
//! * on a positioned page, the step down between the two lines in line
//!   pitches of their column (`line_step`): a row's padding or rule makes
//!   it taller than a cell's own, graded, also below a blank line's step;
//! * how full the line above is: a line ends short only where its cell ends,
//!   because the next line's first word would otherwise have fit;
//! * a word that the break splits (jieba over the text around the break), a
//!   figure split from its unit (`7万吨` / `标煤`, `项目4` / `个以上`);
//! * punctuation: a line ending in `，` or an open `《`/`（`, a line starting
//!   with a closing mark or a joiner (`和…`), a short clause cut off after a
//!   comma (`，建立规上`) go on; a line ending on its figure (`…2.66%`) or a
//!   next line opening on a verb leans to a cut;
//! * category and table boundaries, which fall on blank lines (in the target
//!   and the deadline column), and rows that the number and deadline columns
//!   show to be one line tall.
//!
//! A dynamic program over (line, cell) then picks the cuts with the best
//! total score that give exactly the known number of cells, with the header
//! of each department's target column forcing a table boundary. Where the
//! deadlines outnumber the rows, the rows OCR lost are placed at the category
//! ends where the text fits best. A backward pass gives every gap its margin
//! to the best reading that decides it the other way; where the margin is
//! small, the rows that reading would change are flagged `cut_uncertain`.
//!
//! The files follow those jobs: [`evidence`] scores gaps, [`side`] reads the
//! number and deadline columns' blank lines, [`lattice`] is the DP,
//! [`lost_rows`] places rows OCR lost, [`doubt`] picks among close readings
//! and flags them, [`group`] runs one group through all of it; every
//! number they weigh with is a named field of [`weights::Weights`].
//!
//! ```
//! use pledges::align::evidence::gap_score;
//! // "...完成率 30%以" / "上，4个..." splits 以上: the cell goes on.
//! assert!(gap_score("一季度投资增长 16%以上，省“4+1”重大项目投资完成率 30%以", "上，4个第十二批省集中开工项目开工率100%", 28.5, false) < 0.0);
//! // A short line followed by a new pledge: a cut.
//! assert!(gap_score("召开服务业发展大会", "落地信用惠企便民场景10个", 28.5, false) > 0.0);
//! ```

pub mod doubt;
pub mod evidence;
pub mod group;
pub mod lattice;
pub mod lost_rows;
pub mod side;
#[cfg(test)]
mod testing;
pub mod weights;

pub use group::{align_group, Aligned};
pub use side::{side_trust, SideTrust};
