//! From a scanned candidate to a [`Quantity`]: which prefix qualifiers
//! start a word (jieba decides), the metric before the figure (or after the
//! unit when there is none before), and the printed span.
//!
//! ```text
//! 城镇登记失业率控制在3%以内 → metric 城镇登记失业率, qualifier at_most, text 控制在3%以内
//! ```

// The general segmenter, shared with the aligner's (one dictionary parse).
use super::scan::Found;
use super::text::Text;
use super::units::Qual;
use super::Quantity;
use crate::lexicon::segment::{Token, GENERAL as JIEBA};

/// Ends a clause for the metric. The enumeration comma 、 is not one: in
/// `新增省级众创空间、科技孵化器等创新载体2家` it joins the parts of one
/// metric, and where it separates two quantities (`项目4个、省重点建设项目3个`)
/// the previous quantity already bounds the clause.
pub(super) fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '；' | '。' | ',' | ';' | '：' | ':' | '！' | '？' | '!' | '?' | '\n' | '\r')
}

/// When the jieba cut of a clause is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cut {
    /// Only where a word of it can change the quantity (see [`ClauseWords`]).
    WhereNeeded,
    /// For every quantity: the slow path the shortcut is tested against.
    #[cfg_attr(not(test), allow(dead_code))]
    Always,
}

/// The jieba cut of the clause before a figure, made on first use. Most
/// quantities ask nothing of it: a cut is only read for a prefix qualifier
/// (does it start a word?), a clause opening on 其中/确保 and a metric
/// ending on 的/及/和/与 (are they whole words?). The cut costs ≈ 3,000
/// instructions a quantity, most of `finish`.
pub(super) struct ClauseWords<'a> {
    span: &'a str,
    cut: Cut,
    words: std::cell::OnceCell<Vec<Token<'a>>>,
}

impl<'a> ClauseWords<'a> {
    fn new(span: &'a str, cut: Cut) -> Self {
        ClauseWords { span, cut, words: std::cell::OnceCell::new() }
    }

    /// The words of the clause when `asked` (or when every cut is made);
    /// none otherwise, which answers as the words would where `asked` is false.
    fn words_if(&self, asked: bool) -> &[Token<'a>] {
        if !asked && self.cut == Cut::WhereNeeded {
            return &[];
        }
        self.words.get_or_init(|| if self.span.is_empty() { Vec::new() } else { JIEBA.cut(self.span) })
    }
}

/// The quantity of `f`, its strings moved out of `f` (what is left of it,
/// its spans, bounds the metrics of [`fill_empty_metrics_from_after`]).
pub(super) fn finish(text: &Text, f: &mut Found, prev_end: usize, done: &[Quantity], cut: Cut) -> Quantity {
    let clause_start = (prev_end..f.start).rev().find(|&k| is_clause_break(text.chars[k])).map_or(prev_end, |k| k + 1);
    let span = text.printed(clause_start, f.figure_start);
    let words = ClauseWords::new(span, cut);
    // Asked only while there are prefix qualifiers to check.
    let is_word_start = |char_idx: usize| words.words_if(true).iter().any(|t| t.start + clause_start == char_idx);
    // Accept prefix qualifiers from the figure outwards while each one starts a word.
    let mut accepted_from = f.prefixes.len();
    while accepted_from > 0 && is_word_start(f.prefixes[accepted_from - 1].0) {
        accepted_from -= 1;
    }
    let kept = &f.prefixes[accepted_from..];
    let start = kept.first().map_or(f.figure_start, |p| p.0);
    let metric_end = text.skip_spaces_back(start);
    let metric = trim_metric(text.printed(clause_start, metric_end), &words, clause_start, metric_end);
    let quals = qualifier_codes(kept.iter().map(|p| p.1).chain(f.after.iter().copied()));
    let metric = if metric.is_empty() && !done.is_empty() && only_brackets_between(text, prev_end, start) {
        done[done.len() - 1].metric.clone()
    } else {
        metric
    };
    Quantity {
        metric,
        value: std::mem::take(&mut f.value),
        value_high: std::mem::take(&mut f.value_high),
        unit: std::mem::take(&mut f.unit),
        magnitude_value: std::mem::take(&mut f.magnitude_value),
        base_unit: std::mem::take(&mut f.base_unit),
        qualifier: quals,
        text: text.printed(start, f.end).to_string(),
        flags: if f.in_quoted_name { "in_quoted_name".into() } else { String::new() },
    }
}

/// The codes of `quals` in order, each once, joined with `;`: built in
/// place, without a Vec of codes to join (most quantities have none or one).
pub(super) fn qualifier_codes(quals: impl Iterator<Item = Qual>) -> String {
    let mut seen = [false; Qual::COUNT];
    let mut codes = String::new();
    for q in quals {
        if !std::mem::replace(&mut seen[q as usize], true) {
            if !codes.is_empty() {
                codes.push(';');
            }
            codes.push_str(q.code());
        }
    }
    codes
}

pub(super) fn only_brackets_between(text: &Text, from: usize, to: usize) -> bool {
    from < to && text.chars[from..to].iter().all(|c| matches!(c, '（' | '(' | '）' | ')' | ' ' | '[' | ']'))
}

pub(super) const OPENERS: &[char] = &['（', '(', '《', '“', '「', '[', '【', '"'];
pub(super) const CLOSERS: &[char] = &['）', ')', '》', '”', '」', ']', '】', '"'];

/// Drops edge brackets and spaces, a leading 其中/确保 and a trailing 的 —
/// the last two only when jieba cut them as whole words.
pub(super) fn trim_metric(raw: &str, words: &ClauseWords, clause_start: usize, metric_end: usize) -> String {
    let mut s = raw;
    // Whole-word trimming uses the jieba cut of the clause, whose offsets are
    // relative to `clause_start`. The clause's first word is a prefix of it,
    // and the word ending at `metric_end` a suffix of `raw`: where those
    // cannot be a word trimmed here, the cut is not asked for.
    let first_asked = words.span.starts_with("其中") || words.span.starts_with("确保");
    let first = words.words_if(first_asked).first().map(|t| t.word);
    if let Some(w @ ("其中" | "确保")) = first {
        s = &s[w.len()..];
    }
    let last_asked = raw.ends_with(['的', '及', '和', '与']);
    match words.words_if(last_asked).iter().find(|t| t.end + clause_start == metric_end).map(|t| t.word) {
        Some("的") => s = s.strip_suffix('的').unwrap_or(s),
        // `200个项目及83项政策处理工作`: the words before 及 belong to the
        // previous quantity, so this one gets its metric from after the unit.
        Some(w @ ("及" | "以及" | "和" | "与")) if s.ends_with(w) => return String::new(),
        _ => {}
    }
    trim_edges(s).to_string()
}

pub(super) fn trim_edges(s: &str) -> &str {
    if !may_trim(s) {
        return s;
    }
    trim_edges_ungated(s)
}

/// [`trim_edges`] without the [`may_trim`] gate (the tests' slow path).
fn trim_edges_ungated(mut s: &str) -> &str {
    loop {
        let before = s.len();
        s = s.trim_matches(|c: char| c.is_whitespace() || c == '、');
        s = s.trim_start_matches(CLOSERS);
        s = s.trim_end_matches(OPENERS);
        if let Some(c) = s.chars().next() {
            if let Some(k) = OPENERS.iter().position(|&o| o == c) {
                if !s.contains(CLOSERS[k]) {
                    s = &s[c.len_utf8()..];
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Whether [`trim_edges`] may change `s`: only when its first or last char
/// is one it drops. Most metrics open and end on a Han char, and the loop,
/// which runs at least twice, costs ~350 instructions for nothing.
fn may_trim(s: &str) -> bool {
    let droppable = |c: char| c.is_whitespace() || c == '、' || OPENERS.contains(&c);
    let (Some(first), Some(last)) = (s.chars().next(), s.chars().next_back()) else {
        return false;
    };
    droppable(first) || CLOSERS.contains(&first) || droppable(last)
}

/// A quantity still without a metric (`4个第十二批省集中开工项目…`) takes
/// the words after its unit, up to the next quantity or clause end.
pub(super) fn fill_empty_metrics_from_after(text: &Text, found: &[Found], out: &mut [Quantity]) {
    for k in 0..out.len() {
        if !out[k].metric.is_empty() {
            continue;
        }
        let from = found[k].end;
        let limit = found.get(k + 1).map_or(text.len(), |n| n.start);
        let to = (from..limit).find(|&c| is_clause_break(text.chars[c]) || text.chars[c] == '、').unwrap_or(limit);
        let words = trim_edges(text.printed(from, to));
        if !words.is_empty() {
            out[k].metric = words.to_string();
            add_flag(&mut out[k].flags, "metric_after");
        }
    }
}

pub(super) fn add_flag(flags: &mut String, flag: &str) {
    if !flags.is_empty() {
        flags.push(';');
    }
    flags.push_str(flag);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus_lines;

    #[test]
    fn the_gate_of_trim_edges_changes_no_answer() {
        let mut texts: Vec<String> = ["", " ", "、", "（a）", "“新增", "人数）", "《计划》", "a b ", "\u{3000}x"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        texts.extend(corpus_lines());
        for text in &texts {
            // Every piece between two clause breaks, and every suffix of the line.
            let pieces = text.split(is_clause_break).map(str::to_string);
            let suffixes = text.char_indices().map(|(b, _)| text[b..].to_string());
            for piece in pieces.chain(suffixes) {
                assert_eq!(trim_edges(&piece), trim_edges_ungated(&piece), "{piece:?}");
            }
        }
    }

    #[test]
    fn qualifier_codes_are_each_code_once_in_order() {
        use Qual::*;
        let codes = |q: &[Qual]| qualifier_codes(q.iter().copied());
        assert_eq!(codes(&[]), "");
        assert_eq!(codes(&[Aim, Reach, AtLeast]), "aim;reach;at_least");
        assert_eq!(codes(&[Over, Over, AtMost, Over]), "over;at_most");
        let all = [AtLeast, AtMost, Over, Under, Nearly, About, Aim, Reach];
        assert_eq!(all.len(), Qual::COUNT);
        let joined: Vec<&str> = all.iter().map(|q| q.code()).collect();
        assert_eq!(codes(&all), joined.join(";"));
    }
}
