//! The aligner's scoring numbers, in one place, with what each is worth.
//!
//! Every piece of gap evidence ([`super::evidence`]) is named after its
//! weight, so `PLEDGES_DEBUG=1` prints the names below; the lattice and the
//! placement of lost rows read theirs from here too. `PLEDGES_WEIGHTS`
//! overrides weights for one run (`PLEDGES_WEIGHTS=opener=2,blank=6 pledges
//! eval …`), which is how a weight is swept; an unknown name is refused.
//! Numbers that follow from others ([`Weights::close_placement`]) are
//! computed, never written twice.
//!
//! Log-odds: a positive evidence weight leans to a cut between two lines, a
//! negative one to the cell going on.
//!
//! ```
//! use pledges::align::weights::Weights;
//! let w = Weights::parse("opener=2.5").unwrap();
//! assert_eq!(w.opener, 2.5);
//! assert_eq!(w.close_placement(), 6.5);
//! assert!(Weights::parse("no_such_weight=1").is_err());
//! ```

use crate::Error;
use std::sync::LazyLock;

macro_rules! weights {
    ($($(#[doc = $doc:expr])* $name:ident: $default:expr,)*) => {
        /// The aligner's weights; [`Default`] gives the tuned values.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Weights {
            $($(#[doc = $doc])* pub $name: f32,)*
        }

        impl Default for Weights {
            fn default() -> Self {
                Weights { $($name: $default,)* }
            }
        }

        impl Weights {
            /// Every weight's name, in the order of the struct.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name),)*];

            /// Sets the weight called `name`; `false` when there is none.
            fn set(&mut self, name: &str, value: f32) -> bool {
                match name {
                    $(stringify!($name) => self.$name = value,)*
                    _ => return false,
                }
                true
            }
        }
    };
}

weights! {
    // ---- gap evidence (log-odds that a cell ends between two lines)
    /// A blank line between the two lines: pdftotext never puts one inside a cell.
    blank: 8.0,
    /// Per em of room left on the line above beyond the next line's first
    /// piece (a line ends short only where its cell ends).
    fullness: 1.5,
    /// The least room counted, in em (a line overfull by more tells no more).
    fullness_floor: -2.0,
    /// The most room counted, in em.
    fullness_ceiling: 3.0,
    /// The line above ends on a mark that goes on (`，`, `、`, an open bracket).
    continuing_mark: -5.0,
    /// The next line opens on a closing mark (kinsoku carried it down).
    opens_on_closing: -6.0,
    /// The next line's second character is a closing mark (`版），…`).
    closing_second: -2.0,
    /// The line above's last clause is a few characters without a figure (`，建立规上`, `：新建`).
    short_last_clause: -1.5,
    /// The next line opens on a round bracket (`（12个班），…`): a note on what precedes it.
    opens_on_bracket: -2.5,
    /// A list of `、` items runs across the break (`…、乡村` / `振兴、…`).
    list_runs_on: -2.0,
    /// The line above ends on one character after `、` (`、花` / `川小学`).
    lone_last_item: -2.0,
    /// The line above ends two characters or fewer after `和/及/与/并`.
    short_last_conjunct: -1.0,
    /// The line above leaves a bracket or title mark open.
    left_open: -4.0,
    /// The next line closes a bracket the line above opened (`…《加强` / `意见》`).
    closes_above: -4.0,
    /// The line above ends on a full stop.
    full_stop: 1.5,
    /// The break splits a run of ASCII letters or digits.
    splits_ascii: -3.0,
    /// A figure at the end of the line above, a measure word opening the next.
    figure_then_measure: -3.0,
    /// The next line opens on a figure (pledges open with a verb); not on a
    /// name that starts with one (`2022年省运会`, `5G基站`, `12345热线`).
    opens_on_figure: -2.0,
    /// The line above ends on a character that cannot end a clause (`的`, `和`).
    dangling: -3.0,
    /// A scrap narrower than `short_tail_width` after a full line is the tail of its cell.
    short_tail: -2.0,
    /// How narrow a scrap is, in em, for `short_tail` (5 until pages in other
    /// cities' wording showed 6-character tails: `实现试点方案`, `落实情况督查`).
    short_tail_width: 6.5,
    /// jieba reads a word across the break.
    splits_word: -2.5,
    /// The break cuts a quantity (`7万吨` / `标煤`).
    splits_quantity: -3.0,
    /// The next line opens on a joiner (`和…`, `等…`).
    leading_joiner: -2.5,
    /// The next line opens on a bound of a figure (`不少于…`, `以上`).
    opens_on_bound: -2.5,
    /// The line above ends on its figure (`…2.66%`, `…5320个`, `…8%以上`).
    /// 2 (was 0.5): on the dev seeds a full line ending on its figure ends
    /// its cell at log-odds 2 to 3 above a full line ending otherwise, and
    /// narrow columns, whose lines are nearly all full, have little else.
    /// 3 (was 2) once a figure after a magnitude or a length counts
    /// (`8.6亿元`, `20公里`): on dev seeds 1-40, both text banks, right rows
    /// flagged fell by 47 of 1,446 (the narrow preset with `--texts other`:
    /// 117 -> 99 of 6,081) with the same wrong rows, none unflagged.
    ends_on_figure: 3.0,
    /// The line above's last clause names a measure without a figure
    /// (`…参保人数`) and the next opens on a verb giving its value
    /// (`净增1.5万人`): the measure's value goes on below.
    measure_then_value: -2.5,
    /// The next line opens on a pledge verb (`新增`, `完成`, …).
    opener: 1.5,
    /// The next line opens on a label and its colon (`农村供水工程：新建…`,
    /// `城区：完成…`), as pledges in other cities' lists often do: on dev
    /// seeds 1-6 (both text banks) 696 of 700 such lines open a cell.
    opens_on_label: 1.5,
    /// jieba tags the next line's first word a verb (+) or a noun, numeral,
    /// measure word or particle (−).
    first_word_pos: 0.4,
    /// Per line pitch that the step down from the line above to the next
    /// exceeds one pitch, on a positioned page (text has no steps): cell
    /// padding or a rule makes the step between two rows taller than the
    /// step within a cell, also where it stays under a blank line's.
    line_step: 10.0,
    /// The least excess step counted, in pitches (a step shorter than the
    /// column's pitch is jitter, or lines pressed together).
    line_step_floor: -0.3,
    /// The most excess step counted, in pitches (a taller step has a blank
    /// line, which says the rest).
    line_step_ceiling: 0.5,

    // ---- the lattice (the DP over cuts)
    /// A category or table boundary on a blank line.
    boundary_on_blank: 2.0,
    /// Penalty for a category or table boundary between lines printed
    /// without a gap (when the column uses blank lines at all).
    boundary_without_blank: 4.0,
    /// Penalty per extra line of a row the side columns show one line tall.
    single_row: 1.5,
    /// Penalty for a reading that had to give up a header on a table
    /// boundary or a line beside its row: any reading that keeps them wins.
    loose_reading: 100.0,
    /// A gap decided by less than this margin is a coin toss (odds of about
    /// 12 to 1): the cells beside it are flagged `cut_uncertain`.
    uncertain: 2.5,
    /// How much of the target column's blank-line habit (log-odds of its
    /// blank lines given the rows' heights, see `doubt`) counts against a
    /// close reading; 0 leaves it out.
    blank_habit: 1.0,
    /// How far past `uncertain` a reading may score and still be weighed as
    /// a rival when only the side columns' word that rows are one line tall
    /// (`single_row`) keeps it away: a tall row printed without its blank
    /// line in the number and deadline columns says the same. Two extra
    /// lines' worth; 0 weighs that word only for table boundaries no header
    /// pins.
    side_doubt_reach: 3.0,

    // ---- the side columns (how far their blank lines are believed)
    /// Share of gaps on which the number and deadline columns agree for
    /// their blank lines to count in full.
    side_agreement_full: 0.9,
    /// Below this share, their blank lines do not follow the rows' heights:
    /// they are ignored (between the two they count half).
    side_agreement: 0.75,
    /// Fewest gaps compared for the agreement to say anything (a count).
    side_min_compared: 3.0,

    // ---- lost rows (rows whose numbers OCR dropped)
    /// How much more than one blank line of the deadline column at a
    /// category boundary (`boundary_on_blank + boundary_without_blank`) two
    /// placements may differ by and still be a coin toss.
    close_placement_slack: 0.5,
}

impl Weights {
    /// Two placements of lost rows whose scores differ by less than this are
    /// a coin toss: a little more than what one blank line of the deadline
    /// column at a category boundary is worth, since pdftotext sometimes
    /// drops one.
    pub fn close_placement(&self) -> f32 {
        self.boundary_on_blank + self.boundary_without_blank + self.close_placement_slack
    }

    /// The defaults with `spec` (`name=value,name=value`) applied.
    pub fn parse(spec: &str) -> Result<Weights, Error> {
        let mut w = Weights::default();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let bad = |reason: String| Error::Weights { spec: spec.to_owned(), reason };
            let (name, value) = pair.split_once('=').ok_or_else(|| bad(format!("`{pair}` is not name=value")))?;
            let value: f32 = value.trim().parse().map_err(|_| bad(format!("`{value}` is not a number")))?;
            if !w.set(name.trim(), value) {
                return Err(bad(format!(
                    "no weight is called `{}` (known: {})",
                    name.trim(),
                    Weights::NAMES.join(", ")
                )));
            }
        }
        Ok(w)
    }

    /// The weights of this run: the defaults, with `PLEDGES_WEIGHTS` applied.
    pub fn from_env() -> Result<Weights, Error> {
        Weights::parse(&std::env::var("PLEDGES_WEIGHTS").unwrap_or_default())
    }

    /// The run's weights, read once. A binary calls [`Weights::from_env`]
    /// first to refuse a bad `PLEDGES_WEIGHTS` cleanly; here it panics.
    pub fn get() -> &'static Weights {
        static RUN: LazyLock<Weights> = LazyLock::new(|| Weights::from_env().unwrap_or_else(|e| panic!("{e}")));
        &RUN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_and_unknown_names_are_refused() {
        let w = Weights::parse("blank=6, single_row=2").unwrap();
        assert_eq!((w.blank, w.single_row, w.opener), (6.0, 2.0, 1.5));
        assert_eq!(Weights::parse("").unwrap(), Weights::default());
        let err = Weights::parse("blnak=6").unwrap_err().to_string();
        assert!(err.contains("no weight is called `blnak`"), "{err}");
        assert!(Weights::parse("blank").is_err());
        assert!(Weights::parse("blank=much").is_err());
    }

    #[test]
    fn close_placement_follows_the_boundary_weights() {
        let w = Weights::default();
        assert_eq!(w.close_placement(), 6.5, "2 + 4 + 0.5");
        let w = Weights::parse("boundary_without_blank=5").unwrap();
        assert_eq!(w.close_placement(), 7.5);
    }
}
