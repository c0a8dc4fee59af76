//! Stage 1: bytes → lines.
//!
//! Detects the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else
//! GB18030, which covers GBK and GB2312), refuses binary content, and splits
//! on LF, CRLF and lone CR. Lines keep their text exactly as printed; line
//! numbers are 1-based as in any editor.
//!
//! ```
//! let page = pledges::read::decode::decode("p.txt", b"a\r\nb\rc").unwrap();
//! assert_eq!(page.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
//! assert_eq!(page.lines[2].no.get(), 3);
//! ```

use crate::Error;
use encoding_rs::{Encoding, GB18030, UTF_8};
use std::borrow::Cow;

use crate::model::{Line, LineNo};

/// A decoded input file.
#[derive(Debug, Clone)]
pub struct Text {
    pub source: String,
    pub encoding: &'static str,
    pub lines: Vec<Line>,
}

/// Decodes `bytes` read from `source` into lines.
pub fn decode(source: &str, bytes: &[u8]) -> Result<Text, Error> {
    let (text, encoding) = decode_str(source, bytes)?;
    Ok(Text { source: source.into(), encoding, lines: split_lines(&text) })
}

/// Decodes `bytes` into one string (borrowed when it is UTF-8 already),
/// refusing empty, blank and binary content.
pub fn decode_str<'a>(source: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, &'static str), Error> {
    if bytes.is_empty() {
        return Err(Error::Empty { file: source.into() });
    }
    let (text, encoding) = to_string(source, bytes)?;
    if let Some(line) = first_binary_line(&text) {
        return Err(Error::Binary { file: source.into(), line });
    }
    if text.trim().is_empty() {
        return Err(Error::Empty { file: source.into() });
    }
    Ok((text, encoding))
}

fn to_string<'a>(source: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, &'static str), Error> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(undecodable(source, bytes, enc));
        }
        return Ok((Cow::Owned(text.into_owned()), enc.name()));
    }
    if let Some(text) = utf8(bytes) {
        return Ok((text, UTF_8.name()));
    }
    if bytes.contains(&0) {
        return Err(Error::Binary {
            file: source.into(),
            line: line_of(bytes, bytes.iter().position(|&b| b == 0).unwrap_or(0)),
        });
    }
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((Cow::Owned(text.into_owned()), GB18030.name())),
        None => Err(undecodable(source, bytes, GB18030)),
    }
}

/// `bytes` as a string when they are valid UTF-8 (borrowed), as
/// `std::str::from_utf8` tells. encoding_rs checks a long input sixteen or
/// thirty-two bytes at a time (simdutf8, chosen at run time); the standard
/// library's check takes a Chinese page char by char, ≈ 10 instructions a
/// byte, 0.09 M a full table page.
fn utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
    UTF_8.decode_without_bom_handling_and_without_replacement(bytes)
}

/// Names the line of the first byte that `enc` (the last decoder tried) refuses.
fn undecodable(source: &str, bytes: &[u8], enc: &'static Encoding) -> Error {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (_, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    Error::Undecodable { file: source.into(), line: line_of(bytes, read) }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count()
}

/// A text page has no NUL and hardly any other C0 control characters.
/// Works on bytes: every C0 control is one byte in UTF-8.
fn first_binary_line(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let controls = count_binary_controls(bytes);
    // A NUL is a binary control: without any, there is none to search for.
    if controls == 0 || (!bytes.contains(&0) && controls * 100 <= bytes.len().max(1)) {
        return None;
    }
    let pos = bytes.iter().position(|&b| b == 0 || is_binary_control(b)).unwrap_or(0);
    Some(line_of(bytes, pos))
}

/// How many bytes of `bytes` are [`is_binary_control`]. Counted in `u8`
/// over runs of at most 255 bytes (no run can overflow it), which the
/// compiler vectorizes sixteen bytes at a time; summed as `usize` per byte,
/// it was not (≈ 4.5 instructions a byte, 46 k a full table page).
fn count_binary_controls(bytes: &[u8]) -> usize {
    bytes
        .chunks(usize::from(u8::MAX))
        .map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(is_binary_control(b)))))
        .sum()
}

fn is_binary_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f
}

/// The lines of `text` without their endings (LF, CRLF or a lone CR).
pub fn line_texts(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    // Most pages have no CR: their lines end at the next LF. A plain loop
    // over the bytes finds it: lines are short (16 bytes on average), and a
    // `str::find` per line cost its searcher's set-up, ≈ 400 instructions a
    // line in all (a search for either char decoded every char).
    let has_cr = text.as_bytes().contains(&b'\r');
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let end = if has_cr {
            bytes.iter().position(|&b| b == b'\n' || b == b'\r')
        } else {
            bytes.iter().position(|&b| b == b'\n')
        };
        let end = end.unwrap_or(rest.len());
        let line = &rest[..end];
        let sep = match &rest.as_bytes()[end..] {
            [b'\r', b'\n', ..] => 2,
            [] => 0,
            _ => 1,
        };
        rest = &rest[end + sep..];
        Some(line)
    })
}

/// The numbered lines of `text` ([`line_texts`]), in a vector made once to
/// the size the count of line ends gives (grown line by line, it was moved
/// about a dozen times a page).
pub fn split_lines(text: &str) -> Vec<Line> {
    if text.as_bytes().contains(&b'\r') {
        return Line::numbered(line_texts(text));
    }
    let feeds = line_feeds(text.as_bytes());
    let mut lines = Vec::with_capacity(feeds.len() + 1);
    let mut start = 0;
    for at in feeds {
        lines.push(Line::new(LineNo::of_index(lines.len()), &text[start..at]));
        start = at + 1;
    }
    if start < text.len() {
        lines.push(Line::new(LineNo::of_index(lines.len()), &text[start..]));
    }
    lines
}

/// The byte offsets of every LF in `bytes`, found eight bytes at a time:
/// a page's lines are short (16 bytes on average), and a search per line
/// cost its set-up every time (≈ 230 instructions a line). `memchr_iter`
/// over the whole page, which re-enters its search after every match,
/// measured 0.16 M instructions a full table page more than this loop.
fn line_feeds(bytes: &[u8]) -> Vec<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const LOW7: u64 = 0x7F * ONES;
    let mut feeds = Vec::with_capacity(bytes.len() / 16 + 1);
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in words.by_ref() {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ (u64::from(b'\n') * ONES);
        // The high bit of each byte that is zero in `x` (an LF in `word`),
        // and of no other: the sum carries into a byte's high bit only
        // from its own low bits.
        let mut zeros = !(((x & LOW7) + LOW7) | x | LOW7);
        while zeros != 0 {
            feeds.push(base + zeros.trailing_zeros() as usize / 8);
            zeros &= zeros - 1;
        }
        base += 8;
    }
    feeds.extend(words.remainder().iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| base + i));
    feeds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Text) -> Vec<&str> {
        t.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn utf8_with_bom_and_crlf() {
        let t = decode("x", "\u{feff}序号\r\n1\r\n".as_bytes()).unwrap();
        assert_eq!(texts(&t), ["序号", "1"]);
    }

    #[test]
    fn gb18030() {
        let (bytes, _, _) = GB18030.encode("市教育局\n12月底前\n");
        let t = decode("x", &bytes).unwrap();
        assert_eq!(t.encoding, "gb18030");
        assert_eq!(texts(&t), ["市教育局", "12月底前"]);
    }

    #[test]
    fn utf16_le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "任务目标\n完成时限".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let t = decode("x", &bytes).unwrap();
        assert_eq!(texts(&t), ["任务目标", "完成时限"]);
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        assert!(matches!(decode("e", b""), Err(Error::Empty { .. })));
        assert!(matches!(decode("e", b"\n \n"), Err(Error::Empty { .. })));
    }

    #[test]
    fn binary_is_refused_with_its_line() {
        let err = decode("b.bin", b"ok\nok\n\x00\x01\x02binary").unwrap_err();
        assert_eq!(err.to_string(), "b.bin:3: binary content (NUL or control bytes), not a text page");
    }

    #[test]
    fn undecodable_names_the_line() {
        // 0xFF is invalid in both UTF-8 and GB18030.
        let err = decode("u.txt", b"line one\nline two \xff\n").unwrap_err();
        assert_eq!(err.to_string(), "u.txt:2: bytes are neither UTF-8, UTF-16 with BOM nor GB18030");
    }

    #[test]
    fn lines_end_at_lf_cr_and_crlf_alike() {
        for text in ["", "a", "a\n", "a\nb", "新\n\n增\n", "a\r\nb\rc\n\rd", "\r", "\n", "\r\n\r\n", "甲\r乙"] {
            let split: Vec<&str> = line_texts(text).collect();
            let mut by_char: Vec<&str> = text.split("\r\n").flat_map(|p| p.split(['\r', '\n'])).collect();
            if text.ends_with(['\r', '\n']) {
                by_char.pop();
            }
            if text.is_empty() {
                by_char.clear();
            }
            assert_eq!(split, by_char, "{text:?}");
        }
    }

    #[test]
    fn binary_controls_are_counted_as_byte_by_byte() {
        let mut bytes: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
        bytes.extend(std::iter::repeat_n(1u8, 600));
        for len in [0, 1, 254, 255, 256, 511, 1000, 2600] {
            let slice = &bytes[..len];
            let by_byte = slice.iter().filter(|&&b| is_binary_control(b)).count();
            assert_eq!(count_binary_controls(slice), by_byte, "{len}");
        }
    }

    #[test]
    fn split_lines_are_line_texts_numbered() {
        let mut texts: Vec<String> =
            ["", "a", "a\n", "a\nb", "新\n\n增\n", "a\r\nb\rc\n\rd", "\n", "\n\n", "12345678\n", "1234567\n\n"]
                .map(String::from)
                .into();
        texts.extend(crate::testing::corpus_pages().iter().map(|p| std::fs::read_to_string(p).unwrap()));
        let long: String = (0..300).map(|i| format!("{}\n", "新增a".repeat(i % 7))).collect();
        texts.push(long.clone());
        texts.push(long[1..].to_owned());
        for text in &texts {
            assert_eq!(split_lines(text), Line::numbered(line_texts(text)), "{text:?}");
        }
    }

    #[test]
    fn utf8_is_what_std_validates() {
        let mut inputs: Vec<Vec<u8>> =
            crate::testing::corpus_pages().iter().map(|p| std::fs::read(p).unwrap()).collect();
        // Every byte value at every place of a long Chinese text (the fast
        // check takes 64 bytes and more), and its every prefix (cut chars).
        let text = "序号任务目标完成时限（一）指标类12月底前新增企业5家，a b".repeat(3).into_bytes();
        for at in (0..text.len()).step_by(7) {
            for b in 0..=255u8 {
                let mut bad = text.clone();
                bad[at] = b;
                inputs.push(bad);
            }
            inputs.push(text[..at].to_vec());
        }
        for bytes in &inputs {
            assert_eq!(utf8(bytes).as_deref(), std::str::from_utf8(bytes).ok(), "{bytes:?}");
        }
    }

    #[test]
    fn lone_cr_and_trailing_newline() {
        let t = decode("x", b"a\rb\n\nc\n").unwrap();
        assert_eq!(texts(&t), ["a", "b", "", "c"]);
    }
}
