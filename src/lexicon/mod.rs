//! The lexicon: what the stages know about words and characters.
//!
//! `text` (character classes: folding, display width, punctuation),
//! `segment` (the jieba segmenters, one dictionary parse),
//! `words.txt` (jieba's extra words), `units.tsv` (measure words and units).

pub mod segment;
pub mod text;
