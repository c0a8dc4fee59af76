//! The lexicon: what the stages know about words and characters.
//!
//! `text` (character classes: folding, display width, punctuation),
//! `words.txt` (jieba's extra words), `units.tsv` (measure words and units).

pub mod text;
