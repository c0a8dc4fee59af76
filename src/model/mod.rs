//! The model: the plain types every stage passes on, in one place.
//!
//! Each stage imports from here and nothing here imports a stage, so data
//! flows one way: `read` makes [`Line`]s, `layout` and `align` decide which
//! lines are which row's ([`Use`]), `run` turns them into [`Row`]s,
//! [`Leftover`]s and a [`PageResult`].
//!
//! ```
//! use pledges::model::{Line, LineNo};
//! let lines = Line::numbered(["序号", "1"]);
//! assert_eq!(lines[1].no, LineNo(2));
//! assert_eq!(lines[1].no.index(), 1);
//! ```

pub mod accounting;
pub mod deadline;
pub mod flag;
pub mod line;
pub mod page;
pub mod row;

pub use deadline::DeadlineKind;
pub use flag::{Flag, FlagKind, Flags};
pub use line::{Geom, Line, LineNo};
pub use page::{Continuation, PageResult, Problem, ProblemKind, Spilled, Use};
pub use row::{Leftover, Row};
