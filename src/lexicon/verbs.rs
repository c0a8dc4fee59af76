//! Pledge verbs (`verbs.txt`): verbs that open most pledges, so a target
//! line starting with one likely starts a cell.
//!
//! ```
//! assert!(pledges::lexicon::verbs::opens_with_pledge_verb("新增企业5家"));
//! assert!(!pledges::lexicon::verbs::opens_with_pledge_verb("开发区域"));
//! ```

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

static VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("verbs.txt").lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#')).collect()
});

/// The pledge verbs, in the file's order.
pub fn pledge_verbs() -> &'static [&'static str] {
    &VERBS
}

/// The pledge verbs by their first character: a line is compared only with
/// the verbs that open with its own first character (one lookup instead of
/// sixty comparisons on every target line the aligner reads).
static BY_FIRST: LazyLock<FxHashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_first: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
    for v in VERBS.iter() {
        if let Some(c) = v.chars().next() {
            by_first.entry(c).or_default().push(v);
        }
    }
    by_first
});

/// Whether `line` opens with a pledge verb.
pub fn opens_with_pledge_verb(line: &str) -> bool {
    let Some(first) = line.chars().next() else { return false };
    BY_FIRST.get(&first).is_some_and(|verbs| verbs.iter().any(|v| line.starts_with(v)))
}
