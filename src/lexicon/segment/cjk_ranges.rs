// Included by `build.rs` and `src/lexicon/segment.rs`, so the order the
// build script stores the guessed tags in and the order the segmenter reads
// them in are one list.

/// The CJK ranges jieba-rs counts as ideographs (its `is_cjk`), in the
/// order the tags jieba guesses for them are stored (`Trie::guessed`).
const CJK_RANGES: [(char, char); 9] = [
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{20000}', '\u{2A6DF}'),
    ('\u{2A700}', '\u{2B73F}'),
    ('\u{2B740}', '\u{2B81F}'),
    ('\u{2B820}', '\u{2CEAF}'),
    ('\u{2CEB0}', '\u{2EBEF}'),
    ('\u{2F800}', '\u{2FA1F}'),
];
