//! The oracle: jieba-rs itself, with the same two dictionaries built as
//! the aligner and the quantity extractor built them before (`Jieba::new`,
//! then a clone with `words.txt` added). Our cut, tags, first tag,
//! `splits_at` and `has_word` must answer exactly what it answers.

use super::*;
use jieba_rs::Jieba;
use rand::{Rng, SeedableRng};
use std::sync::LazyLock;

static JIEBA_GENERAL: LazyLock<Jieba> = LazyLock::new(Jieba::new);

static JIEBA_REPORT: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = JIEBA_GENERAL.clone();
    for word in report_words() {
        jieba.add_word(word, None, None);
    }
    jieba
});

fn report_words() -> impl Iterator<Item = &'static str> {
    include_str!("../words.txt").lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#'))
}

fn pairs() -> [(&'static Segmenter, &'static Jieba); 2] {
    [(&GENERAL, &JIEBA_GENERAL), (&WITH_REPORT_WORDS, &JIEBA_REPORT)]
}

/// Checks every answer of `ours` on `text` against `jieba`'s.
fn assert_same(ours: &Segmenter, jieba: &Jieba, text: &str) {
    let expected: Vec<Token> = jieba
        .cut(text, false)
        .into_iter()
        .map(|t| Token { word: t.word, start: t.start, end: t.end, byte_start: t.byte_start, byte_end: t.byte_end })
        .collect();
    assert_eq!(ours.cut(text), expected, "cut of {text:?}");
    let tags = jieba.tag(text, false);
    let ours_tags = ours.tag(text);
    assert_eq!(ours_tags.len(), tags.len(), "tags of {text:?}");
    for (a, b) in ours_tags.iter().zip(&tags) {
        let b = (b.word, b.tag, b.start, b.end, b.byte_start, b.byte_end);
        assert_eq!((a.word, a.tag, a.start, a.end, a.byte_start, a.byte_end), b, "tags of {text:?}");
    }
    assert_eq!(ours.first_tag(text), tags.first().map(|t| t.tag), "first tag of {text:?}");
    for (at, _) in text.char_indices().skip(1) {
        let spans = expected.iter().any(|t| t.byte_start < at && t.byte_end > at && !t.word.is_ascii());
        assert_eq!(ours.splits_at(text, at), spans, "splits_at({text:?}, {at})");
        // The block the join falls in, cut alone, answers the same.
        let (before, after) = text.split_at(at);
        let tail = &before[before.trim_end_matches(is_block_char).len()..];
        let head = &after[..after.len() - after.trim_start_matches(is_block_char).len()];
        assert_eq!(ours.splits_block_at(tail, head), spans, "splits_block_at({tail:?}, {head:?})");
    }
    assert_eq!(ours.has_word(text), jieba.has_word(text), "has_word({text:?})");
    // Each block (and, at some offsets, the rest of one), whole and its
    // first six chars (what the aligner tags), tagged alone.
    let starts = text.char_indices().filter(|&(at, c)| {
        is_block_char(c) && text[..at].chars().next_back().is_none_or(|b| !is_block_char(b) || at % 5 == 0)
    });
    for (at, _) in starts {
        let after = &text[at..];
        let block = &after[..after.len() - after.trim_start_matches(is_block_char).len()];
        let six = &block[..block.char_indices().nth(6).map_or(block.len(), |(i, _)| i)];
        for block in [block, six] {
            let first = jieba.tag(block, false).first().map(|t| t.tag);
            assert_eq!(ours.first_block_tag(block), first, "first_block_tag({block:?})");
        }
    }
}

fn assert_same_for_both(text: &str) {
    for (ours, jieba) in pairs() {
        assert_same(ours, jieba, text);
    }
}

/// The lines of the text files of the corpus.
fn corpus_lines() -> Vec<String> {
    let mut lines = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus dir").map(|e| e.expect("entry").path()) {
            if entry.is_dir() {
                dirs.push(entry);
            } else if let Ok(text) = std::fs::read_to_string(&entry) {
                lines.extend(text.lines().map(String::from));
            }
        }
    }
    lines
}

#[test]
fn cuts_every_corpus_line_as_jieba() {
    let lines = corpus_lines();
    assert!(lines.len() > 10_000, "{}", lines.len());
    for line in &lines {
        assert_same_for_both(line);
        // The pieces the aligner cuts: short runs around breaks.
        for piece in line.split([' ', '\t', ',']).filter(|p| !p.is_empty()) {
            assert_same_for_both(piece);
        }
    }
}

#[test]
fn cuts_generated_pages_and_the_seed_page_as_jieba() {
    let seed = include_str!("../../../corpus/seed/000_5c28f99ac9fc0060.txt");
    assert_same_for_both(seed);
    let mut pages = 0;
    for (_, knobs) in crate::gen::knob_presets() {
        for seed in [1, 2, 3] {
            for page in crate::gen::generate(seed, &knobs) {
                assert_same_for_both(&page.text);
                for line in page.text.lines() {
                    assert_same_for_both(line);
                }
                pages += 1;
            }
        }
    }
    assert!(pages > 20, "{pages}");
}

/// Chars of every kind the cut treats apart.
fn char_pool() -> Vec<char> {
    let dict = include_str!("../../../data/jieba_dict.txt");
    let mut pool: Vec<char> = dict.lines().step_by(97).filter_map(|l| l.chars().next()).collect();
    pool.extend("abcxyzABCXYZ0123456789+#&._%-".chars());
    pool.extend("，。、；：！？（）《》“”·—…\u{3000} \t\r\n".chars());
    pool.extend("０１２３ＡＢＣａｂｃ％＋－．／".chars());
    // CJK extensions, compatibility ideographs, rare and unassigned ones, emoji.
    pool.extend(['㐀', '䶵', '\u{F900}', '\u{FA2D}', '𠀀', '𦡦', '\u{2A700}', '\u{2F800}', '\u{9FFF}', '😀', 'é', 'Ω']);
    pool
}

/// Random texts: chars from the pool mixed with whole dictionary words
/// and report words, so the route has words of every length to choose.
fn random_texts(seed: u64, count: usize) -> Vec<String> {
    let pool = char_pool();
    let dict: Vec<&str> = include_str!("../../../data/jieba_dict.txt")
        .lines()
        .step_by(13)
        .filter_map(|l| l.split(' ').next())
        .chain(report_words())
        .collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..rng.random_range(1..12) {
                if rng.random_bool(0.4) {
                    text.push_str(dict[rng.random_range(0..dict.len())]);
                } else {
                    text.push(pool[rng.random_range(0..pool.len())]);
                }
            }
            text
        })
        .collect()
}

#[test]
fn cuts_random_texts_as_jieba() {
    for text in random_texts(7, 6_000) {
        assert_same_for_both(&text);
    }
}

#[test]
fn cuts_odd_texts_as_jieba() {
    for text in [
        "",
        "a",
        "\r\n",
        "\r",
        "\n\r",
        "a\r\nb",
        "长三角",
        "5G基站",
        "R&D经费",
        "2.5%以上",
        "C++",
        "AT&T",
        "ab12",
        "１２万",
        "（一）",
        "，全市",
        "𦡦",
        "讥䶯䶰䶱䶲䶳䶴䶵𦡦",
        "我们中出了一个叛徒",
        "  ",
        "12.5亿元",
        "x-1",
        "...",
        "___",
        "鿿",
    ] {
        assert_same_for_both(text);
    }
}

#[test]
fn knows_every_word_jieba_knows() {
    let dict = include_str!("../../../data/jieba_dict.txt");
    for word in dict.lines().filter_map(|l| l.split(' ').next()).chain(report_words()) {
        for (ours, jieba) in pairs() {
            assert_eq!(ours.has_word(word), jieba.has_word(word), "{word:?}");
        }
        // Prefixes and extensions that are mostly no words.
        let cut = word.char_indices().nth(1).map_or(word, |(i, _)| &word[..i]);
        for other in [cut, &format!("{word}的")] {
            for (ours, jieba) in pairs() {
                assert_eq!(ours.has_word(other), jieba.has_word(other), "{other:?}");
            }
        }
    }
    let added = report_words().filter(|w| !GENERAL.has_word(w)).count();
    assert!(added > 0, "some report words are new to the general dictionary");
    assert!(report_words().all(|w| WITH_REPORT_WORDS.has_word(w)));
}

#[test]
fn guesses_the_tag_of_every_cjk_char_as_jieba() {
    // Each CJK char alone: its word's tag, or the tag jieba's HMM guesses.
    for (lo, hi) in CJK_RANGES {
        for c in (lo..=hi).step_by(7) {
            let text = c.to_string();
            for (ours, jieba) in pairs() {
                assert_eq!(ours.first_tag(&text), jieba.tag(&text, false).first().map(|t| t.tag), "{c:?}");
            }
        }
    }
}

#[test]
fn the_hash_table_and_the_root_table_find_what_a_scan_of_the_children_finds() {
    let nodes = TRIE.first.0.len() as u32 / 4 - 1;
    let (mut hashed, mut rooted) = (0, 0);
    for node in 0..nodes {
        let (lo, hi) = (TRIE.first.get(node), TRIE.first.get(node + 1));
        for child in lo..hi {
            let c = char::from_u32(TRIE.chars.get(child)).expect("a char");
            assert_eq!(TRIE.child(node, c), Some(child), "node {node} on {c:?}");
            if hi - lo > SCAN_CHILDREN {
                assert_eq!(TRIE.hashed_child(node, c), Some(child), "node {node} on {c:?}");
                hashed += 1;
            }
            rooted += usize::from(node == 0 && (c as u32) < 0x1_0000);
        }
        // A char that is no child of the node: the chars are sorted.
        let absent = (0x4E00..).filter_map(char::from_u32).find(|&c| (lo..hi).all(|i| TRIE.chars.get(i) != c as u32));
        assert_eq!(TRIE.child(node, absent.expect("a free char")), None, "node {node}");
    }
    assert!(hashed > 100_000 && rooted > 5_000, "{hashed} {rooted}");
}

#[test]
fn block_chars_are_ascii_word_chars_and_the_cjk_ranges() {
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let ascii = c.is_ascii_alphanumeric() || "+#&._%-".contains(c);
        assert_eq!(is_block_char(c), ascii || Trie::cjk_index(c).is_some(), "{c:?}");
    }
}
