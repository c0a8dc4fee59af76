//! Pledge verbs (`verbs.txt`): verbs that open most pledges, so a target
//! line starting with one likely starts a cell.
//!
//! ```
//! assert!(pledges::lexicon::verbs::opens_with_pledge_verb("新增企业5家"));
//! assert!(!pledges::lexicon::verbs::opens_with_pledge_verb("开发区域"));
//! ```

use std::sync::LazyLock;

static VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("verbs.txt").lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#')).collect()
});

/// The pledge verbs, in the file's order.
pub fn pledge_verbs() -> &'static [&'static str] {
    &VERBS
}

/// Whether `line` opens with a pledge verb.
pub fn opens_with_pledge_verb(line: &str) -> bool {
    VERBS.iter().any(|v| line.starts_with(v))
}
