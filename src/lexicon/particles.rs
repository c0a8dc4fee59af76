//! Characters and words that tie a line to the one above or below it:
//! particles that cannot end a clause, joiners that cannot open a pledge,
//! bounds that follow the figure they bound.
//!
//! ```
//! use pledges::lexicon::particles::{DANGLING, LEADING_JOINERS};
//! assert!(DANGLING.contains('的') && LEADING_JOINERS.contains('和'));
//! ```

/// Characters that cannot end a clause: a line ending in one goes on.
pub const DANGLING: &str = "的和及与对在为了把被向从将并或其之由按于至同到";

/// Characters that do not open a pledge but go on with the line above
/// (`和资金补助办法等`). Not `与`: `与团市委联合建立…` opens one.
pub const LEADING_JOINERS: &str = "和及等的或并之";

/// Words that bound a figure and stand before it (`不少于1000小时`).
pub(crate) const LEADING_BOUNDS: &[&str] = &["不少于", "不低于", "不超过", "不高于", "不多于"];

/// Words that bound a figure and stand after it (`8%以上`, `3%以内`).
pub(crate) const TRAILING_BOUNDS: &[&str] = &["以上", "以下", "以内", "左右"];

/// Joining words after which a line ending two characters later goes on
/// (`…特色工程和名校` / `培育工程`).
pub(crate) const CONJUNCTIONS: &str = "和及与并";
