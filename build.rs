//! Builds the tables of the word segmenter (`src/lexicon/segment.rs`) at
//! build time, so a run starts with them ready instead of parsing jieba's
//! dictionary (≈ 0.43 G instructions, ≈ 0.1 s, on every run before).
//!
//! Input: jieba's dictionary (`data/jieba_dict.txt`, the `dict.txt` jieba-rs
//! embeds, MIT, see `data/NOTICE`) and the words of work reports
//! (`src/lexicon/words.txt`). The frequency jieba gives an added word comes
//! from jieba-rs itself (`add_word` returns what its `suggest_freq` chose),
//! so the second dictionary is exactly jieba's. The tag jieba guesses for a
//! CJK char its dictionary lacks comes from jieba-rs too (its POS HMM).
//!
//! Output in `OUT_DIR`: little-endian arrays (`seg_*.bin`) and `seg_meta.rs`
//! (counts, the two totals' logarithms, the tag names). The trie's nodes
//! are numbered level by level, each node's children in char order and
//! contiguous, so a node's children are `first[node]..first[node + 1]`;
//! the children of nodes with many are also in a hash table.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Marks a node that ends no word.
const NO_WORD: u32 = u32::MAX;

include!("src/lexicon/segment/cjk_ranges.rs");

/// A dictionary entry as jieba-rs keeps it.
struct Record {
    word: String,
    freq: usize,
    tag: u8,
}

/// The two dictionaries: jieba's, and jieba's plus the report words.
struct Dictionaries {
    records: Vec<Record>,
    /// Entries of jieba's own dictionary; the rest are report words.
    general_words: usize,
    general_total: usize,
    /// Each record's frequency once the report words are added.
    report_freqs: Vec<usize>,
    report_total: usize,
    tags: Vec<String>,
}

fn intern(tags: &mut Vec<String>, tag: &str) -> u8 {
    let i = tags.iter().position(|t| t == tag).unwrap_or_else(|| {
        tags.push(tag.to_string());
        tags.len() - 1
    });
    u8::try_from(i).expect("fewer than 256 tags")
}

/// Reads jieba's dictionary as `Jieba::load_default_dict` does, then adds
/// the report words as `Jieba::add_word(word, None, None)` does.
fn dictionaries(dict: &str, report_words: &[&str]) -> Dictionaries {
    let mut tags = Vec::new();
    let mut records = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for line in dict.lines() {
        let mut iter = line.split_ascii_whitespace();
        let Some(word) = iter.next() else { continue };
        let freq = iter.next().map_or(0, |x| x.parse::<usize>().expect("frequency"));
        let tag = intern(&mut tags, iter.next().unwrap_or(""));
        // A repeated word (jieba's dictionary has none) would count in the
        // total twice and name its last record, as in jieba-rs's first load.
        ids.insert(word.to_string(), records.len());
        records.push(Record { word: word.to_string(), freq, tag });
    }
    let general_words = records.len();
    let general_total = records.iter().map(|r| r.freq).sum();
    let mut report_freqs: Vec<usize> = records.iter().map(|r| r.freq).collect();
    let mut report_total: usize = general_total;
    let mut jieba = jieba_rs::Jieba::new();
    let empty_tag = intern(&mut tags, "");
    for &word in report_words {
        let freq = jieba.add_word(word, None, None);
        match ids.get(word) {
            Some(&id) => {
                report_total += freq;
                report_total -= report_freqs[id];
                report_freqs[id] = freq;
            }
            None => {
                ids.insert(word.to_string(), records.len());
                records.push(Record { word: word.to_string(), freq, tag: empty_tag });
                report_freqs.push(freq);
                report_total += freq;
            }
        }
    }
    // Records a later duplicate replaced are left out of the trie.
    for (id, record) in records.iter_mut().enumerate() {
        if ids[&record.word] != id {
            record.word.clear();
        }
    }
    Dictionaries { records, general_words, general_total, report_freqs, report_total, tags }
}

/// The trie of all words: per node its first child, the char leading to
/// it and the word it ends.
struct Trie {
    first: Vec<u32>,
    chars: Vec<u32>,
    words: Vec<u32>,
}

fn trie(records: &[Record]) -> Trie {
    let words: Vec<Vec<char>> = records.iter().map(|r| r.word.chars().collect()).collect();
    let mut order: Vec<usize> = (0..words.len()).filter(|&i| !words[i].is_empty()).collect();
    order.sort_by(|&a, &b| words[a].cmp(&words[b]));
    let longest = words.iter().map(Vec::len).max().unwrap_or(0);
    // Node of each word's prefix of the current length (0 = the root).
    let mut at = vec![0u32; words.len()];
    let (mut parents, mut chars, mut ends) = (vec![0u32], vec![0u32], vec![NO_WORD]);
    for depth in 1..=longest {
        // Sorted words give each level's nodes in (parent, char) order.
        let mut last: Option<(u32, char)> = None;
        for &w in order.iter().filter(|&&w| words[w].len() >= depth) {
            let key = (at[w], words[w][depth - 1]);
            if last != Some(key) {
                parents.push(key.0);
                chars.push(key.1 as u32);
                ends.push(NO_WORD);
                last = Some(key);
            }
            let node = (parents.len() - 1) as u32;
            at[w] = node;
            if words[w].len() == depth {
                ends[node as usize] = w as u32;
            }
        }
    }
    // Parents never decrease along the node ids, so children are contiguous.
    let mut first = vec![0u32; parents.len() + 1];
    let mut count = vec![0u32; parents.len()];
    for &p in &parents[1..] {
        count[p as usize] += 1;
    }
    let mut next = 1u32;
    for (node, &n) in count.iter().enumerate() {
        first[node] = next;
        next += n;
    }
    first[parents.len()] = next;
    Trie { first, chars, words: ends }
}

/// The root's child on each char of the Basic Multilingual Plane (0 for
/// none): the first step of every walk, taken without a search.
fn root_bmp(trie: &Trie) -> Vec<u32> {
    let mut table = vec![0u32; 0x1_0000];
    for node in trie.first[0]..trie.first[1] {
        if let Some(slot) = table.get_mut(trie.chars[node as usize] as usize) {
            *slot = node;
        }
    }
    table
}

/// The tag jieba gives each CJK char alone when no word of its dictionary
/// starts with it (what its POS HMM guesses), as indices into `tags`.
fn guessed_cjk_tags(tags: &mut Vec<String>) -> Vec<u8> {
    let empty = jieba_rs::Jieba::empty();
    let mut guessed = Vec::new();
    let mut buf = [0u8; 4];
    for (lo, hi) in CJK_RANGES {
        for c in lo..=hi {
            let tagged = empty.tag(c.encode_utf8(&mut buf), false);
            guessed.push(intern(tags, tagged[0].tag));
        }
    }
    guessed
}

/// Nodes with more children than this have them in the hash table (a
/// scan of up to this many chars is cheaper than a probe; more are not).
const SCAN_CHILDREN: u32 = 8;

/// The children of nodes with more than [`SCAN_CHILDREN`] children, in an
/// open-addressing table (linear probing, at most half full): each slot is
/// `key << 20 | child` with `key = (node << 21 | char) + 1`, 0 when empty.
/// Returns the slots and log2 of their count.
fn child_hash(trie: &Trie) -> (Vec<u64>, u32) {
    let parents = trie.first.len() - 1;
    let big = |p: usize| trie.first[p + 1] - trie.first[p] > SCAN_CHILDREN;
    let entries: u32 = (0..parents).filter(|&p| big(p)).map(|p| trie.first[p + 1] - trie.first[p]).sum();
    let bits = (2 * entries as usize).next_power_of_two().trailing_zeros().max(4);
    assert!(trie.chars.len() < 1 << 20, "node ids fit in 20 bits");
    let mut slots = vec![0u64; 1 << bits];
    for parent in (0..parents).filter(|&p| big(p)) {
        for child in trie.first[parent]..trie.first[parent + 1] {
            let key = ((parent as u64) << 21 | u64::from(trie.chars[child as usize])) + 1;
            let mut i = hash_slot(key, bits);
            while slots[i] != 0 {
                i = (i + 1) & ((1 << bits) - 1);
            }
            slots[i] = key << 20 | u64::from(child);
        }
    }
    (slots, bits)
}

/// The slot a key hashes to (the same function as in `segment.rs`).
fn hash_slot(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

fn write(dir: &Path, name: &str, bytes: Vec<u8>) {
    std::fs::write(dir.join(name), bytes).expect("write to OUT_DIR");
}

fn u32s(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn log_freqs(freqs: impl Iterator<Item = usize>) -> Vec<u8> {
    freqs.flat_map(|f| (f as f64).ln().to_bits().to_le_bytes()).collect()
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=data/jieba_dict.txt");
    println!("cargo::rerun-if-changed=src/lexicon/words.txt");
    println!("cargo::rerun-if-changed=src/lexicon/segment/cjk_ranges.rs");
    let dict = std::fs::read_to_string("data/jieba_dict.txt").expect("data/jieba_dict.txt");
    let words_txt = std::fs::read_to_string("src/lexicon/words.txt").expect("src/lexicon/words.txt");
    let report_words: Vec<&str> =
        words_txt.lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#')).collect();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));

    let mut d = dictionaries(&dict, &report_words);
    let trie = trie(&d.records);
    let guessed = guessed_cjk_tags(&mut d.tags);
    write(&out, "seg_first.bin", u32s(&trie.first));
    write(&out, "seg_chars.bin", u32s(&trie.chars));
    write(&out, "seg_words.bin", u32s(&trie.words));
    write(&out, "seg_root.bin", u32s(&root_bmp(&trie)));
    let (slots, hash_bits) = child_hash(&trie);
    write(&out, "seg_hash.bin", slots.iter().flat_map(|v| v.to_le_bytes()).collect());
    write(&out, "seg_tags.bin", d.records.iter().map(|r| r.tag).collect());
    write(&out, "seg_guessed.bin", guessed);
    write(&out, "seg_general.bin", log_freqs(d.records.iter().map(|r| r.freq)));
    write(&out, "seg_report.bin", log_freqs(d.report_freqs.iter().copied()));

    let mut meta = String::new();
    let general_log_total = (d.general_total as f64).ln().to_bits();
    let report_log_total = (d.report_total as f64).ln().to_bits();
    writeln!(meta, "const SCAN_CHILDREN: u32 = {SCAN_CHILDREN};").unwrap();
    writeln!(meta, "const HASH_BITS: u32 = {hash_bits};").unwrap();
    writeln!(meta, "const GENERAL_WORDS: u32 = {};", d.general_words).unwrap();
    writeln!(meta, "const REPORT_WORDS: u32 = {};", d.records.len()).unwrap();
    writeln!(meta, "const GENERAL_LOG_TOTAL: u64 = {general_log_total:#x};").unwrap();
    writeln!(meta, "const REPORT_LOG_TOTAL: u64 = {report_log_total:#x};").unwrap();
    writeln!(meta, "const TAG_NAMES: [&str; {}] = {:?};", d.tags.len(), d.tags).unwrap();
    std::fs::write(out.join("seg_meta.rs"), meta).expect("write to OUT_DIR");
}
