//! The target as normalized chars with a map back to the printed bytes:
//! the scanner reads `１２％` as `12%` and still cuts spans from the text as
//! printed.
//!
//! ```text
//! "新增１２家" → chars 新 增 1 2 家, byte_at 0 3 6 9 12 15
//! ```

use super::figure::opens_figure;

/// The target as normalized chars (full-width digits, letters, `%`, `.` and
/// the ideographic space folded to ASCII, one char for one char) plus the
/// byte offset of every char, so spans can be cut from the printed text.
/// How deep in quotes a char stands is worked out only for the chars that
/// carry a quantity ([`Text::quote_depth`]), not for every char of every text.
pub(super) struct Text<'a> {
    pub(super) printed: &'a str,
    pub(super) chars: Vec<char>,
    pub(super) byte_at: Vec<usize>,
}

impl<'a> Text<'a> {
    pub(super) fn new(printed: &'a str) -> Self {
        let n = printed.len();
        let mut chars = Vec::with_capacity(n / 2);
        let mut byte_at = Vec::with_capacity(n / 2 + 1);
        for (b, c) in printed.char_indices() {
            chars.push(normalize_char(c));
            byte_at.push(b);
        }
        byte_at.push(n);
        Text { printed, chars, byte_at }
    }

    /// How many quotes (`“`, `《`, `「`, `『`, or an ASCII `"` pair) are open
    /// at char `i`, the char's own opening mark counted, its closing mark not.
    pub(super) fn quote_depth(&self, i: usize) -> u8 {
        let mut depth: u8 = 0;
        let mut ascii_quote_open = false;
        for &c in &self.chars[..i] {
            match c {
                '“' | '《' | '「' | '『' => depth = depth.saturating_add(1),
                '"' => ascii_quote_open = !ascii_quote_open,
                _ => {}
            }
            if matches!(c, '”' | '》' | '」' | '』') {
                depth = depth.saturating_sub(1);
            }
        }
        match self.chars[i] {
            '“' | '《' | '「' | '『' => depth = depth.saturating_add(1),
            '"' => ascii_quote_open = !ascii_quote_open,
            _ => {}
        }
        depth + u8::from(ascii_quote_open)
    }

    /// The first char at or after `i` that can open a figure
    /// ([`opens_figure`]), or [`Text::len`] when none does. The scanner
    /// finds nothing at the chars before it, so it jumps there: most chars
    /// of a target open no figure.
    pub(super) fn next_opener(&self, i: usize) -> usize {
        let rest = self.chars.get(i..).unwrap_or_default();
        rest.iter().position(|&c| opens_figure(c)).map_or(self.len(), |k| i + k)
    }

    pub(super) fn len(&self) -> usize {
        self.chars.len()
    }

    pub(super) fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    pub(super) fn printed(&self, from: usize, to: usize) -> &'a str {
        &self.printed[self.byte_at[from]..self.byte_at[to]]
    }

    /// Whether `word` stands at char `i`. Char by char rather than a slice
    /// `==`, which calls `memcmp`: the scanner asks ~40 qualifier and unit
    /// words at each figure, and nearly all differ at their first char.
    pub(super) fn starts_with(&self, i: usize, word: &[char]) -> bool {
        let Some(rest) = self.chars.get(i..) else {
            return false;
        };
        rest.len() >= word.len() && word.iter().zip(rest).all(|(w, c)| w == c)
    }

    pub(super) fn skip_spaces(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t')) {
            i += 1;
        }
        i
    }

    pub(super) fn skip_spaces_back(&self, mut i: usize) -> usize {
        while i > 0 && matches!(self.chars[i - 1], ' ' | '\t') {
            i -= 1;
        }
        i
    }
}

pub(super) fn normalize_char(c: char) -> char {
    // Most chars (Chinese, ASCII) stand below the full-width block: one
    // compare settles them, where the match below takes a dozen.
    if (c as u32) < 0xFF01 {
        return if matches!(c, '\u{3000}' | '\u{a0}') { ' ' } else { c };
    }
    normalize_full_width(c)
}

/// [`normalize_char`] for any char; the chars it folds but the spaces are
/// all of the full-width block (U+FF01 on).
fn normalize_full_width(c: char) -> char {
    match c {
        // Full-width forms sit at a fixed offset from ASCII. The full-width
        // comma stays: it is a clause break, not a thousands separator.
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '．' | '－' | '＋' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' | '\u{a0}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_answers_as_the_slice_compare() {
        let text = Text::new("达到１２万元以上");
        let words: [&[char]; 6] = [&[], &['达'], &['达', '到'], &['1', '2'], &['上'], &['以', '上', '了']];
        for i in 0..=text.len() + 1 {
            for word in words {
                let slow = text.chars.get(i..i + word.len()) == Some(word);
                assert_eq!(text.starts_with(i, word), slow, "{word:?} at {i}");
            }
        }
    }

    #[test]
    fn the_shortcut_folds_every_char_as_the_full_match() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(normalize_char(c), normalize_full_width(c), "{c:?}");
        }
    }
}
