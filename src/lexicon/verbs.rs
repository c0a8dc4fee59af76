//! Pledge verbs (`verbs.txt`): verbs that open most pledges, so a target
//! line starting with one likely starts a cell.
//!
//! ```
//! assert!(pledges::lexicon::verbs::opens_with_pledge_verb("新增企业5家"));
//! assert!(!pledges::lexicon::verbs::opens_with_pledge_verb("开发区域"));
//! assert!(pledges::lexicon::verbs::opens_with_pledge_verb("基本完成《城市有机更新专项规划》"));
//! assert!(!pledges::lexicon::verbs::opens_with_pledge_verb("基本养老保险参保率达到95%"));
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

/// Words that may stand before a pledge verb at the head of a pledge: an
/// adverb (`基本完成《…规划》`, `进一步深化…`) or `研究` (`研究制定《…》`,
/// `研究出台…`). Not `率先`: `…在全省` / `率先实现…` goes on a clause the
/// line above opened.
pub const VERB_MODIFIERS: &[&str] = &["基本", "进一步", "持续", "积极", "全力", "稳步", "逐步", "大力", "着力", "研究"];

/// Whether `line` opens with a pledge verb, or with one of
/// [`VERB_MODIFIERS`] and then a pledge verb.
pub fn opens_with_pledge_verb(line: &str) -> bool {
    let opens = |line: &str| {
        let Some(first) = line.chars().next() else { return false };
        BY_FIRST.get(&first).is_some_and(|verbs| verbs.iter().any(|v| line.starts_with(v)))
    };
    opens(line) || VERB_MODIFIERS.iter().any(|m| line.strip_prefix(m).is_some_and(opens))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_modifier_before_a_pledge_verb_opens_a_pledge() {
        // Proptest seed 8: `…和资金补助办法等` / `基本完成《…规划》` was read as one cell.
        assert!(opens_with_pledge_verb("基本完成《城市有机更新专项规划》《"));
        assert!(opens_with_pledge_verb("研究制定《城市更新条例》实") && opens_with_pledge_verb("进一步深化改革"));
        assert!(!opens_with_pledge_verb("基本养老保险参保率") && !opens_with_pledge_verb("研究院建成"));
        assert!(!opens_with_pledge_verb("率先实现“无证明”办事"));
    }
}
