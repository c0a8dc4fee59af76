//! Helpers for the aligner's unit tests: flows with given gap scores,
//! slots with given boundaries, and random groups drawn from a fixed seed.

use super::group::Flow;
use super::side::side_weight;
use crate::layout::skeleton::{Boundary, Slot};
use rustc_hash::FxHashMap;

pub(super) fn flow_of(scores: &[f32], blank: &[bool], header: &[bool]) -> Flow {
    Flow {
        lines: (0..=scores.len()).collect(),
        score: scores.to_vec(),
        blank: blank.to_vec(),
        header: header.to_vec(),
        text: (0..=scores.len()).map(|_| "").collect(),
        why: vec![],
        beside: FxHashMap::default(),
        trust: side_weight(0, 0),
        source: String::new(),
    }
}

pub(super) fn slots(kinds: &[Boundary]) -> Vec<Slot> {
    let mut out = vec![Slot {
        table: 0,
        category: 0,
        seq: 1,
        number_line: None,
        gap_before: None,
        class: crate::fields::category::Class::Unknown,
        flags: Default::default(),
    }];
    for k in kinds {
        let mut s = out.last().unwrap().clone();
        match k {
            Boundary::Row => s.seq += 1,
            Boundary::Category => (s.category, s.seq) = (s.category + 1, 1),
            Boundary::Table => (s.table, s.category, s.seq) = (s.table + 1, 0, 1),
        }
        out.push(s);
    }
    out
}

/// A xorshift draw for the aligner's randomized tests: a fixed seed, so a
/// failing case is the same case on every run and every machine.
pub(super) struct Draw(pub u64);

impl Draw {
    /// A number in `0..m`.
    pub(super) fn below(&mut self, m: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % m as u64) as usize
    }

    /// A random reading of `n` lines into `k` cells: each cell's first
    /// line, cell 0 on line 0, the other `k - 1` starts drawn among lines
    /// `1..n`.
    pub(super) fn reading(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut cuts: Vec<usize> = (1..n).collect();
        while cuts.len() > k - 1 {
            cuts.remove(self.below(cuts.len()));
        }
        std::iter::once(0).chain(cuts).collect()
    }
}

/// A random group's gaps for `n` lines cut into `k` cells: each gap's score
/// drawn from `values`, a blank line after one gap in `blank_one_in`, and
/// the `k - 1` boundaries (rows twice as often as categories).
pub(super) fn random_cuts(
    draw: &mut Draw,
    n: usize,
    k: usize,
    values: &[f32],
    blank_one_in: usize,
) -> (Vec<f32>, Vec<bool>, Vec<Boundary>) {
    let scores = (0..n - 1).map(|_| values[draw.below(values.len())]).collect();
    let blank = (0..n - 1).map(|_| draw.below(blank_one_in) == 0).collect();
    let kinds = (0..k - 1).map(|_| [Boundary::Row, Boundary::Row, Boundary::Category][draw.below(3)]).collect();
    (scores, blank, kinds)
}
