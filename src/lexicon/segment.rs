//! Our word segmenter: jieba's cut without HMM (`Jieba::cut(text, false)`),
//! its tags (`Jieba::tag(text, false)`) and `has_word`, answering exactly
//! what jieba-rs answers, from tables made at build time (`build.rs`).
//!
//! Why not jieba-rs itself: it builds its dictionary on every run
//! (decompress 5 MB, parse 349,045 lines, fill its trie: 0.43 G
//! instructions, ≈ 0.1 s before the first table page could be cut), and
//! it can neither build its trie ahead of time nor serialize it. Here the
//! trie, the words' log frequencies and tags are arrays in the binary, read
//! in place: start-up costs nothing. jieba-rs stays as the oracle: the tests
//! below check our cut, tags and `has_word` against it over the corpus,
//! generated pages and thousands of random strings, for both dictionaries.
//! The dictionary is jieba's `dict.txt` (MIT, `data/jieba_dict.txt`).
//!
//! How jieba cuts (and so how this does): the text is split into blocks of
//! the chars of its dictionary words (CJK ideographs, ASCII letters and
//! digits, `+#&._%-`); any other char is a token of its own (`\r\n` one
//! token). In a block every dictionary word starting at each char is found
//! (the DAG), and the route of highest summed `ln(freq) - ln(total)` is
//! taken from the end (ties go to the longer word); chars the route leaves
//! alone that are ASCII letters or digits are joined into one token.
//!
//! Two dictionaries: [`GENERAL`] (jieba's) for the quantity extractor, and
//! [`WITH_REPORT_WORDS`] for the aligner, with the words of government work
//! reports (`words.txt`) added as `add_word(word, None, None)` adds them
//! (a frequency that joins the word, which also changes the total). They
//! share one trie; a report word is simply not a word to [`GENERAL`].
//!
//! ```
//! use pledges::lexicon::segment::{GENERAL, WITH_REPORT_WORDS};
//! assert!(GENERAL.has_word("我们") && WITH_REPORT_WORDS.has_word("我们"));
//! let words: Vec<&str> = GENERAL.cut("我们中出了一个叛徒").iter().map(|t| t.word).collect();
//! assert_eq!(words, ["我们", "中", "出", "了", "一个", "叛徒"]);
//! ```

use std::cell::RefCell;
use std::ops::ControlFlow;

include!(concat!(env!("OUT_DIR"), "/seg_meta.rs"));

/// Marks a trie node that ends no word (see `build.rs`).
const NO_WORD: u32 = u32::MAX;

/// A little-endian `u32` array in the binary.
struct U32s(&'static [u8]);

impl U32s {
    #[inline(always)]
    fn get(&self, i: u32) -> u32 {
        let i = i as usize * 4;
        u32::from_le_bytes(self.0[i..i + 4].try_into().expect("four bytes"))
    }
}

/// A little-endian `u64` array in the binary.
struct U64s(&'static [u8]);

impl U64s {
    #[inline(always)]
    fn get(&self, i: usize) -> u64 {
        let i = i * 8;
        u64::from_le_bytes(self.0[i..i + 8].try_into().expect("eight bytes"))
    }
}

/// A little-endian `f64` array in the binary.
struct F64s(&'static [u8]);

impl F64s {
    #[inline(always)]
    fn get(&self, i: u32) -> f64 {
        let i = i as usize * 8;
        f64::from_le_bytes(self.0[i..i + 8].try_into().expect("eight bytes"))
    }
}

macro_rules! table {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name))
    };
}

/// The trie of both dictionaries' words, numbered level by level: the
/// children of a node are the nodes `first[node]..first[node + 1]`, in
/// order of the char leading to each (`chars`); `words` is the word a node
/// ends (`NO_WORD` for none). The root is node 0.
struct Trie {
    first: U32s,
    chars: U32s,
    words: U32s,
    /// The root's child on each char below U+10000 (0 for none).
    root: U32s,
    /// The children of nodes with more than `SCAN_CHILDREN`, hashed by
    /// (node, char): each slot `key << 20 | child`, with `key = (node << 21
    /// | char) + 1`; 0 marks an empty slot (see `build.rs`).
    hash: U64s,
    /// Each word's tag, an index into `TAG_NAMES`.
    tags: &'static [u8],
    /// The tag jieba guesses for each CJK char (in `CJK_RANGES` order).
    guessed: &'static [u8],
}

static TRIE: Trie = Trie {
    first: U32s(table!("seg_first.bin")),
    chars: U32s(table!("seg_chars.bin")),
    words: U32s(table!("seg_words.bin")),
    root: U32s(table!("seg_root.bin")),
    hash: U64s(table!("seg_hash.bin")),
    tags: table!("seg_tags.bin"),
    guessed: table!("seg_guessed.bin"),
};

include!("segment/cjk_ranges.rs");

impl Trie {
    /// The child of `node` on `c`.
    #[inline(always)]
    fn child(&self, node: u32, c: char) -> Option<u32> {
        if node == 0 {
            return self.root_child(c);
        }
        self.inner_child(node, c)
    }

    /// The child of the root on `c`: the first step of every walk.
    #[inline(always)]
    fn root_child(&self, c: char) -> Option<u32> {
        if (c as u32) < 0x1_0000 {
            let child = self.root.get(c as u32);
            return (child != 0).then_some(child);
        }
        self.hashed_child(0, c)
    }

    /// The child on `c` of `node`, which is not the root.
    #[inline(always)]
    fn inner_child(&self, node: u32, c: char) -> Option<u32> {
        let (lo, hi) = (self.first.get(node), self.first.get(node + 1));
        if hi - lo <= SCAN_CHILDREN {
            return (lo..hi).find(|&i| self.chars.get(i) == c as u32);
        }
        self.hashed_child(node, c)
    }

    /// The child of `node` on `c` from the hash table.
    #[inline(always)]
    fn hashed_child(&self, node: u32, c: char) -> Option<u32> {
        const CHILD_BITS: u32 = 20;
        let key = ((u64::from(node) << 21) | u64::from(c)) + 1;
        let mask = (1 << HASH_BITS) - 1;
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - HASH_BITS)) as usize;
        loop {
            let slot = self.hash.get(i);
            if slot == 0 {
                return None;
            }
            if slot >> CHILD_BITS == key {
                return Some((slot & ((1 << CHILD_BITS) - 1)) as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// The node `word` leads to.
    fn node_of(&self, word: &str) -> Option<u32> {
        word.chars().try_fold(0, |node, c| self.child(node, c))
    }

    /// Index of `c` in `guessed`, if it is a CJK char.
    fn cjk_index(c: char) -> Option<usize> {
        let mut base = 0;
        for (lo, hi) in CJK_RANGES {
            if (lo..=hi).contains(&c) {
                return Some(base + (c as usize - lo as usize));
            }
            base += hi as usize - lo as usize + 1;
        }
        None
    }
}

/// A token of [`Segmenter::cut`], as jieba-rs's `Token`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    pub word: &'a str,
    /// Char offset of the token in the text.
    pub start: usize,
    /// Char offset of the end of the token.
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// A tagged token of [`Segmenter::tag`], as jieba-rs's `Tag`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tag<'a> {
    pub word: &'a str,
    pub tag: &'static str,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// One step of the best route through a block (jieba-rs's `RouteEntry`).
#[derive(Clone, Copy)]
struct Step {
    /// Log-probability of the rest of the block from this char.
    prob: f64,
    /// Index of the char after the chosen word.
    end: u32,
    /// The chosen word, `NO_WORD` for a char no word starts at.
    word: u32,
}

/// Buffers reused across cuts, so a cut allocates only its output.
#[derive(Default)]
struct Scratch {
    /// The block's chars: byte offset in the block and value.
    chars: Vec<(u32, char)>,
    /// The DAG: per char, the words starting there as (end index, word),
    /// shortest first; char `i`'s are `edges[starts[i]..starts[i + 1]]`.
    edges: Vec<(u32, u32)>,
    starts: Vec<u32>,
    route: Vec<Step>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Whether jieba puts `c` in a block it segments with its dictionary
/// (jieba-rs's `RE_HAN_DEFAULT` class: CJK ideographs, ASCII letters and
/// digits, and `+#&._%-`); any other char is cut as a token of its own.
/// The ranges are [`CJK_RANGES`] written out, so the test is one compare
/// chain (a test checks the two agree).
pub(crate) fn is_block_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// A token as the cut hands it on: where it is and, when the cut knows it,
/// the word of the dictionary it is.
struct Piece<'a> {
    token: Token<'a>,
    word: Option<u32>,
}

/// jieba's segmenter over one of the two dictionaries.
pub struct Segmenter {
    /// Word ids below this are words of the dictionary.
    words: u32,
    log_freqs: F64s,
    log_total: f64,
}

/// jieba with its general dictionary only (what the quantity extractor cuts with).
pub static GENERAL: Segmenter = Segmenter {
    words: GENERAL_WORDS,
    log_freqs: F64s(table!("seg_general.bin")),
    log_total: f64::from_bits(GENERAL_LOG_TOTAL),
};

/// jieba with its general dictionary plus the words of government work
/// reports it would split (`words.txt`, added at build time).
pub static WITH_REPORT_WORDS: Segmenter = Segmenter {
    words: REPORT_WORDS,
    log_freqs: F64s(table!("seg_report.bin")),
    log_total: f64::from_bits(REPORT_LOG_TOTAL),
};

impl Segmenter {
    /// Whether `word` is a word of the dictionary (jieba-rs's `has_word`).
    pub fn has_word(&self, word: &str) -> bool {
        self.word_id(word).is_some()
    }

    fn word_id(&self, word: &str) -> Option<u32> {
        let id = TRIE.words.get(TRIE.node_of(word)?);
        (id < self.words).then_some(id)
    }

    /// jieba-rs's `cut(text, false)`.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        let mut tokens = Vec::new();
        self.cut_each::<false>(text, |p| {
            tokens.push(p.token);
            ControlFlow::Continue(())
        });
        tokens
    }

    /// jieba-rs's `tag(text, false)`.
    pub fn tag<'a>(&self, text: &'a str) -> Vec<Tag<'a>> {
        let mut tags = Vec::new();
        self.cut_each::<true>(text, |p| {
            tags.push(self.tagged(p));
            ControlFlow::Continue(())
        });
        tags
    }

    /// The tag of the first token of `text` (of `tag(text)`), without
    /// cutting past the block it lies in.
    pub fn first_tag(&self, text: &str) -> Option<&'static str> {
        let mut first = None;
        self.cut_each::<true>(text, |p| {
            first = Some(self.tagged(p).tag);
            ControlFlow::Break(())
        });
        first
    }

    /// Whether a token other than ASCII spans byte `at` of `text` (starts
    /// before it and ends after it), without collecting the tokens.
    pub fn splits_at(&self, text: &str, at: usize) -> bool {
        let mut found = false;
        self.cut_each::<false>(text, |p| {
            let t = &p.token;
            if t.byte_start >= at {
                return ControlFlow::Break(());
            }
            found = t.byte_end > at && !t.word.is_ascii();
            if found {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        found
    }

    /// [`Segmenter::splits_at`] the join of `tail` and `head`, when both
    /// are all block chars ([`is_block_char`]): the two make one block, so
    /// its route alone answers, without joining the texts or making tokens.
    /// The aligner asks this of every gap between two lines.
    ///
    /// A token spans the join only as a step of the route (a run of ASCII
    /// chars the route leaves alone is ASCII), and a step only as a word of
    /// the DAG: when no word starting in `tail` reaches past the join (most
    /// gaps), neither the DAG nor the route is made.
    pub fn splits_block_at(&self, tail: &str, head: &str) -> bool {
        debug_assert!(tail.chars().chain(head.chars()).all(is_block_char));
        if !self.word_spans(tail, head) {
            return false;
        }
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            scratch.chars.clear();
            // The byte offsets are not needed: no token is made.
            scratch.chars.extend(tail.chars().map(|c| (0, c)));
            let join = scratch.chars.len();
            scratch.chars.extend(head.chars().map(|c| (0, c)));
            self.dag(scratch);
            self.route(scratch);
            let (chars, route) = (&scratch.chars, &scratch.route);
            let mut x = 0;
            while x < join {
                let y = route[x].end as usize;
                if y > join {
                    return chars[x..y].iter().any(|&(_, c)| !c.is_ascii());
                }
                x = y;
            }
            false
        })
    }

    /// Whether a word of the dictionary starts in `tail` and ends in `head`
    /// (an edge of the DAG of the two joined that spans the join): the trie
    /// is walked from each char of `tail` through the rest of it, and on
    /// into `head` while some word goes on; no word is collected. The walk
    /// through `tail` is [`Trie::node_of`] with the root's step taken once:
    /// `node_of` in its place, which asks at every step whether the node is
    /// the root, measured 3.20 -> 3.23 M instructions a full table page.
    fn word_spans(&self, tail: &str, head: &str) -> bool {
        tail.char_indices().any(|(i, first)| {
            let rest = &tail[i + first.len_utf8()..];
            let Some(node) = TRIE.root_child(first) else { return false };
            let Some(mut node) = rest.chars().try_fold(node, |node, c| TRIE.inner_child(node, c)) else {
                return false;
            };
            for c in head.chars() {
                let Some(child) = TRIE.inner_child(node, c) else { return false };
                if TRIE.words.get(child) < self.words {
                    return true;
                }
                node = child;
            }
            false
        })
    }

    /// [`Segmenter::first_tag`] of `block`, all block chars ([`is_block_char`]):
    /// the tag of its route's first step, without the cut's tokens. The
    /// aligner asks this of the first block of most lines.
    pub fn first_block_tag(&self, block: &str) -> Option<&'static str> {
        debug_assert!(block.chars().all(is_block_char));
        if block.is_empty() {
            return None;
        }
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            self.plan(block, scratch);
            let Scratch { chars, edges, starts, route } = &*scratch;
            let n = chars.len();
            // The first token, as `cut_block` makes it: the route's first
            // step, or the run of ASCII letters and digits that the route
            // leaves alone one by one, whose word is known for one char only.
            let alone = |x: usize| route[x].end as usize == x + 1 && chars[x].1.is_ascii_alphanumeric();
            let (end, word) = if alone(0) {
                let end = (1..n).find(|&x| !alone(x)).unwrap_or(n);
                (end, if end == 1 { route[0].word } else { NO_WORD })
            } else {
                (route[0].end as usize, route[0].word)
            };
            let word = match word {
                NO_WORD => {
                    edges[starts[0] as usize..starts[1] as usize].iter().find(|e| e.0 as usize == end).map(|e| e.1)
                }
                id => Some(id),
            };
            Some(match word {
                Some(id) => TAG_NAMES[TRIE.tags[id as usize] as usize],
                None => guess_tag(&block[..chars.get(end).map_or(block.len(), |&(b, _)| b as usize)]),
            })
        })
    }

    fn tagged<'a>(&self, p: Piece<'a>) -> Tag<'a> {
        let tag = match p.word {
            Some(id) => TAG_NAMES[TRIE.tags[id as usize] as usize],
            None => guess_tag(p.token.word),
        };
        let Token { word, start, end, byte_start, byte_end } = p.token;
        Tag { word, tag, start, end, byte_start, byte_end }
    }

    /// Cuts `text` as jieba-rs's `cut_each` does and hands each token to
    /// `emit` until it breaks. With `IDS` each token carries its word when
    /// it is one of the dictionary (as jieba-rs's `tag_each` finds it).
    fn cut_each<'a, const IDS: bool>(&self, text: &'a str, mut emit: impl FnMut(Piece<'a>) -> ControlFlow<()>) {
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            let mut at = Cursor { text, byte: 0, char: 0 };
            while at.byte < text.len() {
                let flow = if is_block_char(text[at.byte..].chars().next().expect("a char")) {
                    self.cut_block::<IDS>(&mut at, scratch, &mut emit)
                } else {
                    self.cut_outside::<IDS>(&mut at, &mut emit)
                };
                if flow.is_break() {
                    return;
                }
            }
        });
    }

    /// The chars before the next block char, each a token (`\r\n` one).
    fn cut_outside<'a, const IDS: bool>(
        &self,
        at: &mut Cursor<'a>,
        emit: &mut impl FnMut(Piece<'a>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        while let Some(c) = at.text[at.byte..].chars().next().filter(|&c| !is_block_char(c)) {
            let pair = c == '\r' && at.text[at.byte + 1..].starts_with('\n');
            let (bytes, chars) = if pair { (2, 2) } else { (c.len_utf8(), 1) };
            let token = at.token(bytes, chars);
            let word = if IDS { self.word_id(token.word) } else { None };
            emit(Piece { token, word })?;
        }
        ControlFlow::Continue(())
    }

    /// The block at `at`: its DAG, its best route, its tokens.
    fn cut_block<'a, const IDS: bool>(
        &self,
        at: &mut Cursor<'a>,
        scratch: &mut Scratch,
        emit: &mut impl FnMut(Piece<'a>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let rest = &at.text[at.byte..];
        let len = rest.find(|c| !is_block_char(c)).unwrap_or(rest.len());
        let block = &rest[..len];
        self.plan(block, scratch);
        let Scratch { chars, edges, starts, route } = &*scratch;
        let n = chars.len();
        let byte_at = |i: usize| chars.get(i).map_or(block.len(), |&(b, _)| b as usize);
        // A word spanning chars x..y, found in the DAG (jieba-rs's `word_at`).
        let word_at = |x: usize, y: usize| {
            edges[starts[x] as usize..starts[x + 1] as usize].iter().find(|e| e.0 as usize == y).map(|e| e.1)
        };
        let mut span = |x: usize, y: usize, word: u32| {
            let token = at.token(byte_at(y) - byte_at(x), y - x);
            let word = match word {
                NO_WORD if IDS => word_at(x, y),
                NO_WORD => None,
                id => Some(id),
            };
            emit(Piece { token, word })
        };
        // Chars the route leaves alone that are ASCII letters or digits run
        // together into one token, whose word is known for one char only.
        let (mut x, mut run) = (0, None);
        while x < n {
            let Step { end, word, .. } = route[x];
            let y = end as usize;
            if y - x == 1 && chars[x].1.is_ascii_alphanumeric() {
                run.get_or_insert(x);
            } else {
                if let Some(s) = run.take() {
                    span(s, x, if x - s == 1 { route[s].word } else { NO_WORD })?;
                }
                span(x, y, word)?;
            }
            x = y;
        }
        if let Some(s) = run {
            span(s, n, if n - s == 1 { route[s].word } else { NO_WORD })?;
        }
        ControlFlow::Continue(())
    }

    /// `block`'s chars, its DAG and its best route, into `scratch`.
    fn plan(&self, block: &str, scratch: &mut Scratch) {
        scratch.chars.clear();
        scratch.chars.extend(block.char_indices().map(|(i, c)| (i as u32, c)));
        self.dag(scratch);
        self.route(scratch);
    }

    /// Every word of the dictionary starting at every char of the block,
    /// shortest first (jieba-rs's `for_each_prefix_at_every_char`).
    fn dag(&self, scratch: &mut Scratch) {
        let Scratch { chars, edges, starts, .. } = scratch;
        edges.clear();
        starts.clear();
        (0..chars.len()).for_each(|pos| self.words_at(chars, pos, edges, starts));
        starts.push(edges.len() as u32);
    }

    /// The words starting at char `pos` of the block `chars`, shortest
    /// first, into the DAG (`edges`, `starts`) after those of the chars before.
    #[inline(always)]
    fn words_at(&self, chars: &[(u32, char)], pos: usize, edges: &mut Vec<(u32, u32)>, starts: &mut Vec<u32>) {
        starts.push(edges.len() as u32);
        let Some(mut node) = TRIE.root_child(chars[pos].1) else { return };
        let mut end = pos + 1;
        loop {
            let word = TRIE.words.get(node);
            if word < self.words {
                edges.push((end as u32, word));
            }
            let Some(child) = chars.get(end).and_then(|&(_, c)| TRIE.inner_child(node, c)) else { break };
            (node, end) = (child, end + 1);
        }
    }

    /// The best route from each char to the block's end (jieba-rs's
    /// `calc`, the same arithmetic in the same order).
    fn route(&self, scratch: &mut Scratch) {
        let Scratch { chars, edges, starts, route } = scratch;
        let n = chars.len();
        route.clear();
        route.resize(n + 1, Step { prob: 0.0, end: n as u32, word: NO_WORD });
        let log_total = self.log_total;
        let log1 = 0.0f64 - log_total;
        for idx in (0..n).rev() {
            let mut best: Option<Step> = None;
            for &(end, word) in &edges[starts[idx] as usize..starts[idx + 1] as usize] {
                let prob = self.log_freqs.get(word) - log_total + route[end as usize].prob;
                if best.is_none_or(|b| prob > b.prob || (prob == b.prob && end > b.end)) {
                    best = Some(Step { prob, end, word });
                }
            }
            route[idx] = best.unwrap_or(Step { prob: log1 + route[idx + 1].prob, end: idx as u32 + 1, word: NO_WORD });
        }
    }
}

/// Where the cut is in the text: byte and char offsets.
struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
}

impl<'a> Cursor<'a> {
    /// The token of the next `bytes` bytes (`chars` chars), moving past it.
    fn token(&mut self, bytes: usize, chars: usize) -> Token<'a> {
        let (byte_start, start) = (self.byte, self.char);
        (self.byte, self.char) = (byte_start + bytes, start + chars);
        Token { word: &self.text[byte_start..self.byte], start, end: self.char, byte_start, byte_end: self.byte }
    }
}

/// jieba-rs's `guess_tag` for a token that is no dictionary word: `m` for
/// digits, `eng` for other ASCII letters and digits, the POS HMM's guess
/// for a CJK char (made at build time; such a token is one char, as no
/// word starts with it), `x` for anything else.
fn guess_tag(word: &str) -> &'static str {
    let (mut eng, mut m) = (0, 0);
    for c in word.chars().filter(char::is_ascii_alphanumeric) {
        eng += 1;
        m += usize::from(c.is_ascii_digit());
    }
    if eng > 0 {
        return if eng == m { "m" } else { "eng" };
    }
    let mut chars = word.chars();
    match (chars.next().and_then(Trie::cjk_index), chars.next()) {
        (Some(i), None) => TAG_NAMES[TRIE.guessed[i] as usize],
        // A cut gives no other token with a CJK char and no dictionary word.
        _ => "x",
    }
}

#[cfg(test)]
mod tests;
