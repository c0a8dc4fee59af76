//! Character-level helpers shared by every stage: folding full-width forms,
//! display width, punctuation classes.
//!
//! Parsing always works on the *folded* form (full-width digits, letters and
//! brackets as ASCII) while the text written out stays as printed.
//!
//! ```
//! use pledges::lexicon::text::{fold, width};
//! assert_eq!(fold("（一)指标类１２"), "(一)指标类12");
//! assert_eq!(width("新增5家"), 3.5);
//! ```

/// Full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space as ASCII.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends [`fold`] of `s` to `out`: the aligner folds every line into
/// buffers it reuses, where a new `String` per line cost an allocation.
pub fn fold_into(s: &str, out: &mut String) {
    // The runs between folding chars are copied whole, not char by char:
    // most chars of a line (ideographs, `、`, `。`) fold to themselves.
    out.reserve(s.len());
    let mut copied = 0;
    for (at, c) in folding_chars(s) {
        out.push_str(&s[copied..at]);
        out.push(fold_char(c));
        copied = at + c.len_utf8();
    }
    out.push_str(&s[copied..]);
}

/// The chars of `s` that [`fold_char`] changes, with their byte offsets.
/// Only U+FF01..U+FF5E (first byte EF) and U+3000 (first byte E3) fold,
/// so only the chars opening on those bytes are decoded (both bytes only
/// ever open a char: UTF-8 continuation bytes are 0x80..=0xBF).
fn folding_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let opens = s.bytes().enumerate().filter(|&(_, b)| b == 0xEF || b == 0xE3);
    opens.filter_map(move |(at, _)| s[at..].chars().next().map(|c| (at, c))).filter(|&(_, c)| fold_char(c) != c)
}

/// `s.trim()`, told from the bytes at each end for most lines: a line that
/// opens and closes on no white space char (`char::is_whitespace`: ASCII
/// tab to CR and space, U+0085, U+00A0, U+1680, U+2000..=U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000) is returned whole. `str::trim` decodes
/// the char at each end through a searcher and a Unicode table, ≈ 100
/// instructions a line, and every stage trims every line; a line with white
/// space at an end is trimmed by `str::trim` itself.
pub fn trimmed(s: &str) -> &str {
    let bytes = s.as_bytes();
    if opens_on_white(bytes) || closes_on_white(bytes) {
        s.trim()
    } else {
        s
    }
}

/// `str::trim_end`, testing the last char's bytes first (see [`trimmed`]).
pub(crate) fn trimmed_end(s: &str) -> &str {
    if closes_on_white(s.as_bytes()) {
        s.trim_end()
    } else {
        s
    }
}

/// `str::trim_start`, testing the first char's bytes first (see [`trimmed`]).
pub(crate) fn trimmed_start(s: &str) -> &str {
    if opens_on_white(s.as_bytes()) {
        s.trim_start()
    } else {
        s
    }
}

/// Whether `bytes` (UTF-8) open on a white space char ([`trimmed`]).
fn opens_on_white(bytes: &[u8]) -> bool {
    match bytes {
        [b, ..] if b.is_ascii() => matches!(b, b'\t'..=b'\r' | b' '),
        [0xC2, 0x85 | 0xA0, ..] | [0xE1, 0x9A, 0x80, ..] | [0xE3, 0x80, 0x80, ..] => true,
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..] => true,
        _ => false,
    }
}

/// Whether `bytes` (UTF-8) close on a white space char ([`trimmed`]).
fn closes_on_white(bytes: &[u8]) -> bool {
    match bytes {
        [.., b] if b.is_ascii() => matches!(b, b'\t'..=b'\r' | b' '),
        [.., 0xC2, 0x85 | 0xA0] | [.., 0xE1, 0x9A, 0x80] | [.., 0xE3, 0x80, 0x80] => true,
        [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [.., 0xE2, 0x81, 0x9F] => true,
        _ => false,
    }
}

/// Appends `n` in decimal, zero-padded to `min_width` digits: what
/// `write!(out, "{n:0min_width$}")` writes, without the formatting
/// machinery (row ids, ISO dates and line runs are written for every row).
///
/// ```
/// let mut s = String::from("p#");
/// pledges::lexicon::text::push_number(&mut s, 7, 2);
/// assert_eq!(s, "p#07");
/// ```
pub fn push_number(out: &mut String, n: u64, min_width: usize) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(n);
    for _ in digits.len()..min_width {
        out.push('0');
    }
    out.push_str(digits);
}

/// The chars of a word list such as `DANGLING`, for asking whether a char
/// is one of them: `str::contains(char)` searches a non-ASCII char's bytes
/// as a substring (≈ 150 instructions), a sorted list answers in a few
/// compares. The answer is the same: in UTF-8 a char's bytes occur in a
/// string only where that char stands.
pub struct CharSet {
    chars: Vec<char>,
    /// Bit `c % 128` of every char `c` of the set: most chars asked about
    /// are none of them, and a clear bit says so without the search (the
    /// aligner asks a dozen sets of every line).
    bits: u128,
}

impl CharSet {
    /// The set of the chars of `chars`.
    pub fn new(chars: &str) -> CharSet {
        let mut set: Vec<char> = chars.chars().collect();
        set.sort_unstable();
        set.dedup();
        let bits = set.iter().fold(0, |bits, &c| bits | CharSet::bit(c));
        CharSet { chars: set, bits }
    }

    fn bit(c: char) -> u128 {
        1 << (c as u32 % 128)
    }

    /// Whether `c` is one of the chars: `chars.contains(c)`.
    pub fn contains(&self, c: char) -> bool {
        self.bits & CharSet::bit(c) != 0 && self.chars.binary_search(&c).is_ok()
    }
}

/// [`fold`] for one character.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Display width in em: an ASCII character is half a CJK character.
///
/// Newspapers set Latin letters and digits narrower than ideographs; half an
/// em is close enough to rank how full a wrapped line is.
pub fn width(s: &str) -> f32 {
    width_of_half_ems(half_ems(s))
}

/// [`width`] in half-ems, an integer: the widths of the pieces of a text
/// add up (and subtract) exactly, so a width can be had from another's.
pub(crate) fn half_ems(s: &str) -> u32 {
    // Counted over the bytes (a char's first byte is ASCII or 0xC0 and up):
    // the f32 sum of 0.5s and 1.0s is exact, so the number is the same as
    // adding up [`char_width`], without a float add per char.
    s.bytes().map(|b| u32::from(b < 0x80) + 2 * u32::from(b >= 0xC0)).sum()
}

/// The [`width`] of a text `half_ems` half-ems wide.
pub(crate) fn width_of_half_ems(half_ems: u32) -> f32 {
    if half_ems == 0 {
        // What an empty f32 sum gives.
        return -0.0;
    }
    half_ems as f32 / 2.0
}

/// [`width`] of one character.
pub fn char_width(c: char) -> f32 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

/// Whether `c` is a CJK unified ideograph of the basic block (U+4E00–U+9FFF),
/// the characters names and targets are written in.
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Punctuation that never starts a line in Chinese typesetting: a line that
/// starts with one continues the cell above.
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        fold_char(c),
        ',' | '.'
            | ';'
            | ':'
            | ')'
            | ']'
            | '%'
            | '!'
            | '?'
            | '，'
            | '。'
            | '、'
            | '；'
            | '：'
            | '）'
            | '》'
            | '”'
            | '’'
            | '」'
            | '』'
            | '】'
            | '％'
            | '‰'
    )
}

/// Punctuation after which a sentence goes on: a line that ends with one
/// continues on the next line.
pub(crate) fn is_continuing(c: char) -> bool {
    matches!(
        fold_char(c),
        ',' | ';' | ':' | '(' | '[' | '，' | '、' | '；' | '：' | '（' | '《' | '“' | '‘' | '「' | '『' | '【'
    )
}

/// Brackets and quotes in `s` that do not pair up within it: closing ones
/// with no opening one before them, and opening ones left open. Either
/// says the text is part of a longer cell: `管理的实施意见》《重大产业招`
/// (1, 1) continues a title from the line above and opens another.
/// (The aligner has it from [`fold_scan`]; this is the oracle of its tests.)
#[cfg(test)]
pub(crate) fn unbalanced(s: &str) -> (u32, u32) {
    let mut open = 0u32;
    let mut unopened = 0;
    // Worked on the UTF-8 bytes (every bracket is ASCII or a three-byte
    // char led by E2, E3 or EF), skipping the ideographs between them.
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(next) = bytes[at..].iter().position(|&b| matches!(b, b'(' | b')' | b'[' | b']' | 0xE2 | 0xE3 | 0xEF))
    {
        at += next;
        let (side, len) = bracket_at(bytes, at);
        match side {
            Some(Bracket::Opening) => open += 1,
            Some(Bracket::Closing) if open == 0 => unopened += 1,
            Some(Bracket::Closing) => open -= 1,
            None => {}
        }
        at += len;
    }
    (unopened, open)
}

/// What one pass over a line's bytes finds ([`fold_scan`]): the aligner
/// asks all of it of every line, and a pass per question (fold, width,
/// brackets, the last clause) cost it four times the reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineScan {
    /// The line's [`half_ems`].
    pub(crate) half_ems: u32,
    /// The line's [`unbalanced`] brackets.
    pub(crate) unbalanced: (u32, u32),
    /// Where the last `,`, `;` or `:` stands in the folded line (each
    /// full-width one folded to it), if any.
    pub(crate) last_separator: Option<usize>,
    /// Where the last `、` stands in the folded line, if any.
    pub(crate) last_list_mark: Option<usize>,
}

/// Appends [`fold`] of `s` to `out` (as [`fold_into`]) and reads `s` on
/// the way ([`LineScan`]); the positions are offsets in what was appended.
pub(crate) fn fold_scan(s: &str, out: &mut String) -> LineScan {
    let bytes = s.as_bytes();
    let mut scan = LineScan { half_ems: 0, unbalanced: (0, 0), last_separator: None, last_list_mark: None };
    out.reserve(s.len());
    // Bytes of `s` copied to `out` up to here, and how many bytes the
    // chars folded so far lost (a three-byte form folds to one byte).
    let (mut copied, mut shrunk) = (0, 0);
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            scan.half_ems += 1;
            if matches!(b, b',' | b';' | b':') {
                scan.last_separator = Some(at - shrunk);
            }
            count_bracket(&mut scan.unbalanced, bracket_at(bytes, at).0);
            at += 1;
            continue;
        }
        scan.half_ems += 2;
        // Every char whose fold, bracket or mark matters opens on E2, E3 or
        // EF; the ideographs between (E4..E9) are only stepped over.
        if matches!(b, 0xE2 | 0xE3 | 0xEF) {
            count_bracket(&mut scan.unbalanced, bracket_at(bytes, at).0);
            if (b, bytes[at + 1], bytes[at + 2]) == (0xE3, 0x80, 0x81) {
                scan.last_list_mark = Some(at - shrunk);
            }
            let c = s[at..].chars().next().unwrap_or_default();
            let folded = fold_char(c);
            if folded != c {
                out.push_str(&s[copied..at]);
                out.push(folded);
                if matches!(folded, ',' | ';' | ':') {
                    scan.last_separator = Some(at - shrunk);
                }
                shrunk += c.len_utf8() - folded.len_utf8();
                copied = at + c.len_utf8();
            }
        }
        at += match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
    }
    out.push_str(&s[copied..]);
    scan
}

/// Counts the bracket `side` into `(unopened, open)` (see [`unbalanced`]).
fn count_bracket((unopened, open): &mut (u32, u32), side: Option<Bracket>) {
    match side {
        Some(Bracket::Opening) => *open += 1,
        Some(Bracket::Closing) if *open == 0 => *unopened += 1,
        Some(Bracket::Closing) => *open -= 1,
        None => {}
    }
}

/// Which side of a pair a bracket or quote stands on.
enum Bracket {
    Opening,
    Closing,
}

/// The bracket (folded: `（` as `(`) whose UTF-8 starts at byte `at` of
/// `bytes`, if it is one, and the length of the char there.
fn bracket_at(bytes: &[u8], at: usize) -> (Option<Bracket>, usize) {
    let b = bytes[at];
    if b.is_ascii() {
        let side = match b {
            b'(' | b'[' => Some(Bracket::Opening),
            b')' | b']' => Some(Bracket::Closing),
            _ => None,
        };
        return (side, 1);
    }
    // E2, E3 and EF lead three-byte chars: “ ” (E2 80 9C/9D), 《》「」『』【】
    // (E3 80 8A..91, opening on the even byte), （ ）［ ］ (EF BC 88/89/BB/BD).
    let side = match (b, bytes[at + 1], bytes[at + 2]) {
        (0xE2, 0x80, 0x9C) | (0xEF, 0xBC, 0x88 | 0xBB) => Some(Bracket::Opening),
        (0xE2, 0x80, 0x9D) | (0xEF, 0xBC, 0x89 | 0xBD) => Some(Bracket::Closing),
        (0xE3, 0x80, 0x8A..=0x91) if bytes[at + 2] % 2 == 0 => Some(Bracket::Opening),
        (0xE3, 0x80, 0x8A..=0x91) => Some(Bracket::Closing),
        _ => None,
    };
    (side, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_set_answers_what_str_contains_answers() {
        use crate::lexicon::measure::{ENDS_A_FIGURE, FOLLOWS_A_FIGURE};
        use crate::lexicon::particles::{CONJUNCTIONS, DANGLING, LEADING_JOINERS};
        let lists = [DANGLING, LEADING_JOINERS, CONJUNCTIONS, FOLLOWS_A_FIGURE, ENDS_A_FIGURE, "%年月日", "", "a个"];
        let mut probes: String = lists.concat() + "新增学位5320个，、。 　（）abc%\u{0}😀\u{10FFFF}";
        // Chars that share a bit with the sets' chars but are none of them.
        probes.extend(('\u{0}'..='\u{FFFF}').step_by(3));
        for list in lists {
            let set = CharSet::new(list);
            for c in probes.chars() {
                assert_eq!(set.contains(c), list.contains(c), "{c:?} in {list:?}");
            }
        }
    }

    #[test]
    fn trimmed_is_str_trim() {
        // Every char alone, at either end and at both, beside ideographs and ASCII.
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("{c}新a"), format!("a新{c}"), format!("{c}增{c}"), format!("{c}{c}")] {
                assert_eq!(trimmed(&s), s.trim(), "{c:?} {s:?}");
                assert_eq!((trimmed_start(&s), trimmed_end(&s)), (s.trim_start(), s.trim_end()), "{c:?} {s:?}");
            }
        }
        for s in ["", " ", "\u{3000}\u{3000}", " 新增 ", "\t12月底前\r", "a", "\u{85}x\u{a0}"] {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
            assert_eq!((trimmed_start(s), trimmed_end(s)), (s.trim_start(), s.trim_end()), "{s:?}");
        }
        for line in crate::testing::corpus_lines() {
            assert_eq!(trimmed(&line), line.trim(), "{line:?}");
            assert_eq!((trimmed_start(&line), trimmed_end(&line)), (line.trim_start(), line.trim_end()));
        }
    }

    #[test]
    fn push_number_writes_what_format_writes() {
        for n in [0u64, 1, 9, 10, 99, 100, 2022, 9999, 12345, u32::MAX.into(), u64::MAX] {
            for width in [0, 1, 2, 4, 6] {
                let mut s = String::from("x");
                push_number(&mut s, n, width);
                assert_eq!(s, format!("x{n:0width$}"), "{n} {width}");
            }
        }
    }

    #[test]
    fn width_is_the_sum_of_char_widths() {
        for s in ["", "新增5家", "R&D经费支出占GDP比重达2.66%", "１２月底前", "\u{3000}a", "é😀x"] {
            let summed: f32 = s.chars().map(char_width).sum();
            assert_eq!(width(s).to_bits(), summed.to_bits(), "{s:?}");
        }
    }

    /// [`fold`] and [`unbalanced`] char by char, as they were written first.
    fn fold_by_chars(s: &str) -> String {
        s.chars().map(fold_char).collect()
    }

    fn unbalanced_by_chars(s: &str) -> (u32, u32) {
        let mut open = 0u32;
        let mut unopened = 0;
        for c in s.chars().map(fold_char) {
            match c {
                '(' | '（' | '《' | '“' | '「' | '『' | '【' | '[' => open += 1,
                ')' | '）' | '》' | '”' | '」' | '』' | '】' | ']' if open == 0 => unopened += 1,
                ')' | '）' | '》' | '”' | '」' | '』' | '】' | ']' => open -= 1,
                _ => {}
            }
        }
        (unopened, open)
    }

    #[test]
    fn byte_wise_fold_and_brackets_answer_what_char_wise_ones_answer() {
        // Every char of the planes the bytes could confuse (E2, E3 and EF
        // lead bytes among them), one at a time and run together.
        let chars: Vec<char> = (0..0x1_0000).chain(0x1_F600..0x1_F650).filter_map(char::from_u32).collect();
        for c in &chars {
            let s = format!("新{c}增({c}");
            assert_eq!(fold(&s), fold_by_chars(&s), "{c:?}");
            assert_eq!(unbalanced(&s), unbalanced_by_chars(&s), "{c:?}");
        }
        for run in chars.chunks(7) {
            let s: String = run.iter().collect();
            assert_eq!(fold(&s), fold_by_chars(&s), "{s:?}");
            assert_eq!(unbalanced(&s), unbalanced_by_chars(&s), "{s:?}");
        }
        let brackets = "（）()［］[]《》「」『』【】“”‘’〈〉｛｝";
        for a in brackets.chars() {
            for b in brackets.chars() {
                for s in [format!("{a}{b}"), format!("{b}x{a}"), format!("{a}{a}，{b}")] {
                    assert_eq!(unbalanced(&s), unbalanced_by_chars(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn fold_is_fold_char_on_every_char() {
        let samples = [
            "",
            "新增5家",
            "１２月底前",
            "（一）指标类：",
            "Ｒ＆Ｄ　经费",
            "、。《》“”",
            "\u{FF00}\u{FF5F}\u{FFE5}\u{3001}",
            "ａ😀ｚ\u{3000}",
        ];
        for s in samples {
            let by_char: String = s.chars().map(fold_char).collect();
            assert_eq!(fold(s), by_char, "{s:?}");
        }
        // Every char of the folding blocks and their neighbours.
        for c in ('\u{2FF0}'..='\u{3010}').chain('\u{FEF0}'..='\u{FFFF}') {
            let s = format!("a{c}新{c}");
            assert_eq!(fold(&s), s.chars().map(fold_char).collect::<String>(), "{c:?}");
        }
    }

    /// [`fold_scan`] as the passes it replaces: [`fold`], [`half_ems`],
    /// [`unbalanced`] and a search of the folded text for the marks.
    fn scan_by_passes(s: &str) -> (String, LineScan) {
        let folded = fold(s);
        let scan = LineScan {
            half_ems: half_ems(s),
            unbalanced: unbalanced(s),
            last_separator: folded.rfind([',', ';', ':']),
            last_list_mark: folded.rfind('、'),
        };
        (folded, scan)
    }

    #[test]
    fn fold_scan_finds_what_the_passes_find() {
        // Every char of the planes the bytes could confuse, one at a time and
        // run together, then brackets, marks and full-width forms in lines.
        let chars: Vec<char> = (0..0x1_0000).chain(0x1_F600..0x1_F650).filter_map(char::from_u32).collect();
        let mut texts: Vec<String> = chars.iter().map(|c| format!("新{c}增({c}，")).collect();
        texts.extend(chars.chunks(7).map(|run| run.iter().collect::<String>()));
        let marks = "（）()［］[]《》「」『』【】“”‘’，,；;：:、　 ａ１新";
        for a in marks.chars() {
            for b in marks.chars() {
                texts.extend([format!("{a}{b}"), format!("{b}x{a}"), format!("{a}{a}，{b}、新增")]);
            }
        }
        let mut marked = 0;
        for s in &texts {
            let mut out = String::from("前");
            let scan = fold_scan(s, &mut out);
            let (folded, oracle) = scan_by_passes(s);
            assert_eq!((&out[3..], scan), (folded.as_str(), oracle), "{s:?}");
            marked += usize::from(scan.last_separator.is_some() && scan.last_list_mark.is_some());
        }
        assert!(marked > 100, "{marked}");
    }

    #[test]
    fn fold_into_appends_what_fold_gives() {
        let mut out = String::from("前");
        for s in ["", "新增5家", "（一）指标类：", "Ｒ＆Ｄ　经费", "ａ😀ｚ\u{3000}"] {
            let before = out.clone();
            fold_into(s, &mut out);
            assert_eq!(out, before + &fold(s), "{s:?}");
        }
    }

    #[test]
    fn folds_full_width_forms_only() {
        assert_eq!(fold("１２月底前"), "12月底前");
        assert_eq!(fold("（一）指标类"), "(一)指标类");
        assert_eq!(fold("Ｒ＆Ｄ　经费"), "R&D 经费");
    }

    #[test]
    fn width_counts_ascii_as_half() {
        assert_eq!(width("GDP增长7.5%"), 5.5);
        assert_eq!(width(""), 0.0);
    }

    #[test]
    fn brackets_that_do_not_pair_up() {
        assert_eq!(unbalanced("拟定《加强政府投资"), (0, 1));
        assert_eq!(unbalanced("（1.0 版），编制出台《“扩中”"), (0, 1));
        assert_eq!(unbalanced("增速16%（力争20%）"), (0, 0));
        assert_eq!(unbalanced("管理的实施意见》《重大产业招"), (1, 1));
        assert_eq!(unbalanced("版），编制出台《“扩中”“提"), (1, 2));
    }

    #[test]
    fn punctuation_classes() {
        assert!(is_closing('，') && is_closing('%') && is_closing('）'));
        assert!(!is_closing('新'));
        assert!(is_continuing('、') && is_continuing('《') && !is_continuing('。'));
    }
}
