//! The kind of a deadline cell, a column of rows.csv (`deadline_kind`);
//! `crate::fields::deadline` reads it.
//!
//! ```
//! use pledges::model::DeadlineKind;
//! assert_eq!(DeadlineKind::Range.as_str(), "range");
//! assert_eq!(DeadlineKind::default(), DeadlineKind::None);
//! ```

/// What kind of deadline a cell states; `deadline_kind` in rows.csv.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineKind {
    /// Done by a date: `12月底前`, `年底`, `上半年`, `三季度`, `2025年前`.
    By,
    /// At a month or day, no `前`: `11月`, `2021.8`, `2006.11.30`, `9月投入使用`.
    On,
    /// From one date to another: `2020年1月至2020年6月`, `2021年1-6月`, `2020-2024年`;
    /// the date is the end, `deadline_start` the start.
    Range,
    /// From a date on, no end: `2023年9月之后` (no date, only a start); `9月起`,
    /// `7月1日起` (in force from that day: the start is also the date).
    Start,
    /// Throughout, no end: `长期坚持`, `持续推进`; `全年`, `年内持续推进` keep the year end as date.
    Ongoing,
    /// Several deadlines in one cell (`1.2021年8月 2.2021年12月`, `3月底前…6月底前…`): the last is the date.
    Multiple,
    /// A length of time from an unstated start: `2-3年内`, `6个月内`; no date.
    Span,
    /// Nothing read as a deadline.
    #[default]
    None,
}

impl DeadlineKind {
    /// The name written to CSV: `by`, `on`, `range`, …
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::By => "by",
            DeadlineKind::On => "on",
            DeadlineKind::Range => "range",
            DeadlineKind::Start => "start",
            DeadlineKind::Ongoing => "ongoing",
            DeadlineKind::Multiple => "multiple",
            DeadlineKind::Span => "span",
            DeadlineKind::None => "none",
        }
    }
}
