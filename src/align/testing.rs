//! Helpers for the aligner's unit tests: flows with given gap scores and
//! slots with given boundaries.

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
        text: vec![String::new(); scores.len() + 1],
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
