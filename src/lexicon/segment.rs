//! The jieba segmenters, built from one parse of jieba's dictionary.
//!
//! Parsing the dictionary costs about 0.35 billion instructions (0.1–0.3 s);
//! the quantity extractor and the aligner each need a segmenter, so the
//! dictionary is parsed once and cloned for the aligner, which adds the words
//! of government work reports (`words.txt`). The two stay apart because
//! the added words change the frequencies both cut with.
//!
//! ```
//! use pledges::lexicon::segment::{GENERAL, WITH_REPORT_WORDS};
//! assert!(GENERAL.has_word("我们") && WITH_REPORT_WORDS.has_word("我们"));
//! ```

use jieba_rs::Jieba;
use std::sync::LazyLock;

/// jieba with its general dictionary only (what the quantity extractor cuts with).
pub static GENERAL: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// jieba with its general dictionary plus the words of government work
/// reports it would split (`words.txt`, shipped in the binary).
pub static WITH_REPORT_WORDS: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = GENERAL.clone();
    for word in include_str!("words.txt").lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#')) {
        jieba.add_word(word, None, None);
    }
    jieba
});

/// Builds both segmenters now, e.g. on a thread of its own while the first
/// pages are read, rather than inside the first table page's worker.
pub fn warm_up() {
    LazyLock::force(&WITH_REPORT_WORDS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_words_are_added_to_the_aligners_copy_only() {
        let word = include_str!("words.txt").lines().map(str::trim).find(|w| !w.is_empty() && !w.starts_with('#'));
        let word = word.expect("words.txt has words");
        assert!(WITH_REPORT_WORDS.has_word(word));
        let added = include_str!("words.txt").lines().filter(|w| !GENERAL.has_word(w.trim())).count();
        assert!(added > 0, "some report words are new to the general dictionary");
    }
}
