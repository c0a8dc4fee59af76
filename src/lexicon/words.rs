//! jieba with its general dictionary plus the words of government work
//! reports it would split (`words.txt`, shipped in the binary).
//!
//! ```
//! let text = "开工建设长三角五金研究院";
//! let words = pledges::lexicon::words::jieba().cut(text, false);
//! assert!(words.len() > 1);
//! assert_eq!(words.iter().map(|w| w.word).collect::<String>(), text);
//! ```

use jieba_rs::Jieba;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for word in include_str!("words.txt").lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#')) {
        jieba.add_word(word, None, None);
    }
    jieba
});

/// The shared jieba.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// Loads jieba's dictionary (about 0.3 s) now, e.g. on a thread of its own
/// while the first pages are read, rather than inside the first table page.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}
