//! Wrapping text at a column width the way the newspaper does: runs of
//! digits and Latin stay whole, no line starts with closing punctuation.
//!
//! ```
//! assert_eq!(pledges::gen::wrap("一二三四，五", 4.0), vec!["一二三", "四，五"]);
//! ```

use super::*;

/// Display width in half-em units: ASCII is narrow, everything else wide.
pub(super) fn char_width(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// Characters that stay together in one unbreakable run (`7.5%`, `R&D`).
pub(super) fn is_run_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".%+&-".contains(c)
}

/// Splits text into the units a line break may fall between.
pub(super) fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_run = false;
    for c in text.chars() {
        let run = is_run_char(c);
        match out.last_mut() {
            Some(last) if run && prev_run => last.push(c),
            _ => out.push(c.to_string()),
        }
        prev_run = run;
    }
    out
}

pub(super) fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

pub(super) fn starts_closing(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| CLOSING.contains(c))
}

/// Greedy wrap at `limit` half-ems: runs are never split, no line starts
/// with closing punctuation (the char before it moves down too), spaces at
/// a break vanish as they do in pdftotext output.
pub fn wrap(text: &str, width_em: f64) -> Vec<String> {
    let limit = (width_em * 2.0).round().max(2.0) as usize;
    let mut lines: Vec<Vec<String>> = vec![Vec::new()];
    for tok in tokens(text) {
        let current = lines.last_mut().expect("never empty");
        let used: usize = current.iter().map(|t| width(t)).sum();
        if tok == " " && current.is_empty() {
            continue;
        }
        if used + width(&tok) <= limit || current.is_empty() {
            current.push(tok);
            continue;
        }
        // Break: carry tokens down until the new line starts acceptably.
        let mut next = vec![tok];
        loop {
            // Spaces at a break vanish, so they never count as the carried char.
            while current.last().is_some_and(|t| t == " ") {
                current.pop();
            }
            if !starts_closing(&next[0]) || current.len() <= 1 {
                break;
            }
            next.insert(0, current.pop().expect("len > 1"));
        }
        if next[0] == " " {
            next.remove(0);
        }
        if next.is_empty() {
            continue;
        }
        lines.push(next);
    }
    lines.into_iter().map(|l| l.concat().trim_end().to_string()).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_runs_and_closing_punctuation() {
        let lines = wrap("确保全年固定资产投资增速16%（力争20%）", 8.0);
        assert!(lines.iter().all(|l| !starts_closing(l)));
        assert_eq!(lines.concat(), "确保全年固定资产投资增速16%（力争20%）");
        assert!(lines.iter().any(|l| l.contains("16%")));
        assert!(lines.iter().any(|l| l.contains("20%")));
    }

    #[test]
    fn wrap_moves_char_before_closing_punctuation() {
        // 4 em per line: "一二三四" fits, "，" may not start the next line.
        assert_eq!(wrap("一二三四，五", 4.0), vec!["一二三", "四，五"]);
    }
}
