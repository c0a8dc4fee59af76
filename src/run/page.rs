//! One page end to end: decode → classify → segment → skeleton → align →
//! rows, with the page's issue date and number, its leftovers and the
//! problems worth telling the user about.
//!
//! Every non-blank line is accounted for exactly once ([`Use`]): as part of a
//! row (target, deadline or number), as table structure (department,
//! category, header), as page furniture, or as a leftover with a reason.
//!
//! ```
//! let text = "市测试局\n序号\n（一）指标类\n1\n2\n任务目标\n新增企业5家\n完成调查\n完成时限\n12月底前\n6月底前\n";
//! let page = pledges::run::page::extract_page("2022-03-22_p03.txt", text.as_bytes(), &Default::default()).unwrap();
//! assert_eq!(page.issue_date.as_deref(), Some("2022-03-22"));
//! assert_eq!(page.rows[1].target, "完成调查");
//! assert_eq!(&*page.rows[1].deadline_date, "2022-06-30");
//! ```

use crate::align::group::TARGET_WITHOUT_ROW;
use crate::align::{align_group, side_trust, Aligned};
use crate::fields::{calendar, deadline};
use crate::layout::classify::{classify_in, department_name, names_an_office, Context, Kind};
use crate::layout::segment::{segment, Furniture};
use crate::layout::skeleton::{after_rows_aligned, build, Skeleton, Table};
use crate::layout::unfold::{rewrite, Gaps};
use crate::lexicon::headers::{holds_header_row, may_hold_table};
use crate::lexicon::text::{push_number, trimmed};
use crate::model::row::{line_runs, parse_line_runs, Shared};
use crate::model::{Continuation, DeadlineKind, Flag, FlagKind, LineNo, ProblemKind};
use crate::model::{Leftover, Line, PageResult, Problem, Row, Use};
use crate::read::decode::{decode_str, line_texts, split_lines};
use crate::Error;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Options that apply to every page of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Issue date (`YYYY-MM-DD`) for pages whose masthead and file name tell none.
    pub date: Option<String>,
}

/// Extracts the rows of one page read from `source`.
pub fn extract_page(source: &str, bytes: &[u8], opts: &Options) -> Result<PageResult, Error> {
    let (text, _) = decode_str(source, bytes)?;
    let mut page = if may_hold_table(&text) {
        let lines = split_lines(&text);
        extract_text_lines(source, &lines, opts, Gaps::of_page(&text))
    } else {
        no_table(source, line_texts(&text))
    };
    page.tally_lines();
    Ok(page)
}

impl PageResult {
    /// Counts the page's non-blank lines and its furniture from `uses`.
    pub fn tally_lines(&mut self) {
        self.line_count = self.uses.iter().flatten().count();
        self.furniture_count =
            self.uses.iter().flatten().filter(|u| matches!(u, Use::Furniture | Use::Structure)).count();
    }
}

/// A page without any table: all its lines are furniture.
fn no_table<'a>(source: &str, lines: impl Iterator<Item = &'a str>) -> PageResult {
    let uses = lines.map(|t| (!trimmed(t).is_empty()).then_some(Use::Furniture)).collect();
    PageResult { source: source.to_owned(), uses, ..Default::default() }
}

/// Whether a page has the parts of a table: a deadline, or a header or
/// category line. Bare numbers and text alone are not a table.
fn has_table_parts(kinds: &[Kind]) -> bool {
    kinds.iter().any(|k| {
        matches!(
            k,
            Kind::Deadline
                | Kind::SeqHeader
                | Kind::TargetHeader
                | Kind::DeadlineHeader
                | Kind::HeaderRow
                | Kind::Category { .. }
                | Kind::Department
        )
    })
}

/// [`extract_page`] on already decoded lines.
pub fn extract_lines(source: &str, lines: &[Line], opts: &Options) -> PageResult {
    extract_text_lines(source, lines, opts, Gaps::Unknown)
}

/// [`extract_lines`] knowing what `gaps` tells of the page's column gaps.
fn extract_text_lines(source: &str, lines: &[Line], opts: &Options, gaps: Gaps) -> PageResult {
    let mut page = extract_read_lines(source, lines, opts, Context::none(), gaps);
    doubt_rows_beside_left_over_targets(&mut page, lines);
    doubt_targets_across_blank_lines(&mut page, lines);
    page
}

/// Text input: a row's target lines parted only by blank lines (`168-169;
/// 171-171`, 170 blank) joined two blocks of text, which a cell's wrapped
/// lines never are in a text layer that sets cells as lines of their own:
/// plain `pdftotext` of cells set as text boxes of their own gives each box
/// its lines together and a blank line after it, so such a row took in
/// another row's text (gen's PDF pages as plain text, seeds 21–27: 166
/// rows, every one wrong, 2 of them unflagged; none on gen's text pages or
/// in `corpus/`). Flagged `line_out_of_place`.
fn doubt_targets_across_blank_lines(page: &mut PageResult, lines: &[Line]) {
    let blank = |no: usize| lines.get(no.wrapping_sub(1)).is_some_and(|l| trimmed(&l.text).is_empty());
    for row in page.rows.iter_mut() {
        if runs_part_at_blank_lines(&row.source_lines, blank) {
            row.add_flag(Flag::LineOutOfPlace);
        }
    }
}

/// Whether two consecutive runs of `source_lines` stand apart by `blank`
/// lines only. A row of one run (no `;`, nearly every row) has no two: it
/// is answered without parsing its runs into a vector, which cost ≈ 0.05 M
/// instructions a full table page.
fn runs_part_at_blank_lines(source_lines: &str, blank: impl Fn(usize) -> bool) -> bool {
    if !source_lines.contains(';') {
        return false;
    }
    let runs = parse_line_runs(source_lines);
    runs.windows(2).any(|w| (w[0].1 + 1..w[1].0).all(&blank) && w[1].0 > w[0].1 + 1)
}

/// Text input: a target line no row took (`target line without a row`) is
/// most likely the first line of the row whose number or target follows
/// it, or the wrapped end of the row whose target or deadline comes before
/// it. Plain `pdftotext` of a page whose cells are text boxes of their own
/// sets a cell's first line before the row's number (centred beside the
/// cell) and its last after the deadline, so the row came out short and
/// unflagged (gen's PDF pages as plain text, seeds 21–27: 33 rows). The
/// nearest row on each side, past only blank lines, numbers, deadlines and
/// other such left-over lines, is flagged `target_line_left_over`.
/// (Positioned input answers this with the lines' geometry, in
/// [`crate::run::positioned`].)
fn doubt_rows_beside_left_over_targets(page: &mut PageResult, lines: &[Line]) {
    let left: Vec<usize> =
        page.leftovers.iter().filter(|l| l.reason == TARGET_WITHOUT_ROW).map(|l| l.line.index()).collect();
    if left.is_empty() {
        return;
    }
    let use_of = |i: usize| page.uses.get(i).copied().flatten();
    let passable = |i: usize| {
        lines.get(i).is_some_and(|l| trimmed(&l.text).is_empty())
            || matches!(use_of(i), Some(Use::Number | Use::Deadline))
            || left.contains(&i)
    };
    let nearest_target = |from: usize, step: isize| {
        let mut i = from.checked_add_signed(step)?;
        while i < lines.len() && passable(i) {
            i = i.checked_add_signed(step)?;
        }
        (use_of(i) == Some(Use::Target)).then(|| lines[i].no.get())
    };
    let doubted: Vec<usize> =
        left.iter().flat_map(|&l| [nearest_target(l, -1), nearest_target(l, 1)]).flatten().collect();
    for row in page.rows.iter_mut().filter(|r| r.holds_any_line(&doubted)) {
        row.add_flag(Flag::TargetLineLeftOver);
    }
}

/// [`extract_lines`] with what the document's reader knows of its lines
/// beyond their text ([`Context`]: positioned input's slipped deadlines).
pub fn extract_lines_in(source: &str, lines: &[Line], opts: &Options, ctx: &Context) -> PageResult {
    extract_read_lines(source, lines, opts, ctx, Gaps::Unknown)
}

/// [`extract_lines_in`] knowing what `gaps` tells of the page's column gaps.
fn extract_read_lines(source: &str, lines: &[Line], opts: &Options, ctx: &Context, gaps: Gaps) -> PageResult {
    // A table printed one row per line is read column by column, like the rest.
    if let Some(unfolded) = rewrite(lines, ctx, gaps) {
        let mut page = extract_columns(source, &unfolded.lines, opts, ctx);
        page.uses = unfolded.fold_uses(&page.uses, lines.len());
        settle_split_lines(&mut page, lines);
        return page;
    }
    extract_columns(source, lines, opts, ctx)
}

/// Accounting for a rewritten page ([`rewrite`]) in its input lines.
///
/// A line split into pieces whose target went into a row is that row's,
/// even when another of its pieces (a number out of sequence, a deadline
/// too many) found no place: that piece is no leftover then, but a doubt on
/// the row, flagged `row_line_piece_unused`. A line with several pieces
/// left over is one leftover; the second line of a wrapped deadline left
/// over is one of its own.
fn settle_split_lines(page: &mut PageResult, lines: &[Line]) {
    let uses = &page.uses;
    let (kept, in_rows): (Vec<Leftover>, Vec<Leftover>) =
        page.leftovers.drain(..).partition(|l| uses[l.line.index()] == Some(Use::Leftover));
    // A line with several pieces left over is one leftover line, shown whole.
    let before = kept.len();
    let mut seen = std::collections::HashSet::new();
    page.leftovers = kept.into_iter().filter(|l| seen.insert(l.line)).collect();
    let merged = page.leftovers.len() != before;
    // A leftover names its input line as printed, not the piece or the join read from it.
    for l in page.leftovers.iter_mut() {
        l.text = lines.iter().find(|x| x.no == l.line).map_or_else(|| l.text.clone(), |x| x.text.clone());
    }
    // The second line of a wrapped deadline left over is a leftover line of its own.
    let mut added = false;
    for (i, line) in lines.iter().enumerate() {
        if page.uses[i] == Some(Use::Leftover) && !seen.contains(&line.no) {
            page.leftovers.push(leftover(&page.source, lines, i, "wrapped part of a line left over"));
            added = true;
        }
    }
    page.leftovers.sort_by_key(|l| l.line);
    if in_rows.is_empty() && !merged && !added {
        return;
    }
    report_leftovers(page);
    let unused: Vec<usize> = in_rows.iter().map(|l| l.line.get()).collect();
    for row in page.rows.iter_mut().filter(|r| r.holds_any_line(&unused)) {
        row.add_flag(Flag::RowLinePieceUnused);
    }
}

/// [`extract_lines`] on a page whose tables are read column by column.
fn extract_columns(source: &str, lines: &[Line], opts: &Options, ctx: &Context) -> PageResult {
    let kinds = classify_in(lines, ctx);
    if !has_table_parts(&kinds) {
        // A news article continued from page 1 (`（上接1版）`), a numbered
        // list in prose: words a table would have, but no table.
        return no_table(source, lines.iter().map(|l| l.text.as_str()));
    }
    let seg = segment(&kinds);
    let sk = build(&seg.blocks);
    let mut page = PageResult { source: source.to_owned(), uses: vec![None; lines.len()], ..Default::default() };
    let (date, uncertain) = issue_date(source, lines, &kinds);
    page.issue_date = date.or_else(|| opts.date.clone());
    page.issue_date_uncertain = uncertain;
    page.page = page_number(source, lines, &kinds);
    page.continuations = kinds
        .iter()
        .filter_map(|k| match k {
            Kind::Continuation { to: true, page } => Some(Continuation::To(*page)),
            Kind::Continuation { to: false, page } => Some(Continuation::From(*page)),
            _ => None,
        })
        .chain(lines.iter().filter_map(|l| trailing_marker(&l.text).map(|(_, page)| Continuation::To(page))))
        .collect();
    // A table without its department at the top of a page carries on a list
    // only when the page says so (`（上接3版）`); otherwise its name was lost.
    let says_continued = page.continuations.iter().any(|c| matches!(c, Continuation::From(_)));
    page.starts_continued = says_continued && sk.tables.first().is_some_and(|t| t.continued);
    for (i, f) in &seg.furniture {
        let structure = matches!(f, Furniture::Header | Furniture::OtherCell);
        page.uses[*i] = Some(if structure { Use::Structure } else { Use::Furniture });
    }
    mark_structure(&mut page, &sk);
    let mut last_aligned: FxHashMap<(usize, usize), u32> = FxHashMap::default();
    let trust = side_trust(&sk.groups);
    let facts = RowFacts::of(&page, &sk, lines);
    let mut dates = Readings::new(facts.year);
    let mut first_group_rows = None;
    // A row per slot, about: rows are large, and the vector grown row by
    // row moved them all half a dozen times a page.
    page.rows.reserve(sk.groups.iter().map(|g| g.slots.len()).sum());
    for group in &sk.groups {
        let trimmed = after_rows_aligned(group, &last_aligned);
        let (aligned, left) = align_group(source, trimmed.as_ref().unwrap_or(group), lines, trust);
        for a in &aligned {
            let last = last_aligned.entry((a.slot.table, a.slot.category)).or_default();
            *last = (*last).max(a.slot.seq);
            let row = to_row(&page, &facts, &mut dates, a, lines);
            mark_row(&mut page, a);
            page.rows.push(row);
        }
        for (line, reason) in left {
            page.uses[line] = Some(Use::Leftover);
            page.leftovers.push(leftover(source, lines, line, reason));
        }
        first_group_rows.get_or_insert(page.rows.len());
    }
    if page.starts_continued {
        flag_rows_a_carried_list_may_have_lost(&mut page.rows[..first_group_rows.unwrap_or(0)]);
    }
    for (line, reason) in &sk.stray {
        page.uses[*line] = Some(Use::Leftover);
        page.leftovers.push(leftover(source, lines, *line, reason));
    }
    flag_repeated_rows(&mut page.rows);
    flag_departments_naming_no_office(&mut page.rows);
    doubt_the_department_after_a_swallowed_header(&mut page.rows);
    number_rows(&mut page.rows, source);
    account_rest(&mut page, lines, &kinds);
    page.has_table = !page.rows.is_empty();
    report(&mut page, &kinds);
    page
}

/// Gives every row its id, `<source>#<n>` in page order.
fn number_rows(rows: &mut [Row], source: &str) {
    for (i, row) in rows.iter_mut().enumerate() {
        // Not `format!`: this runs for every row of the archive.
        let mut id = String::with_capacity(source.len() + 4);
        id.push_str(source);
        id.push('#');
        push_number(&mut id, i as u64 + 1, 0);
        row.id = id;
    }
}

/// Rows of one page that claim the same (department, category, seq): one
/// of them at least is misplaced, and which is not known, so all are
/// flagged `seq_repeated`.
fn flag_repeated_rows(rows: &mut [Row]) {
    // Rows come table by table and category by category: each row's
    // (department, category) is found among the few pairs seen so far,
    // most often the last one, by comparing; hashing both names twice a
    // row cost more.
    let mut pairs: Vec<(&str, &str)> = vec![];
    let mut keys: Vec<(usize, u32)> = Vec::with_capacity(rows.len());
    for r in rows.iter() {
        let pair = (&*r.department, &*r.category);
        let id = pairs.iter().rposition(|p| *p == pair).unwrap_or_else(|| {
            pairs.push(pair);
            pairs.len() - 1
        });
        keys.push((id, r.seq));
    }
    let mut count: FxHashMap<(usize, u32), usize> = FxHashMap::default();
    for key in &keys {
        *count.entry(*key).or_default() += 1;
    }
    let repeated: Vec<bool> = keys.iter().map(|key| count[key] > 1).collect();
    for (r, _) in rows.iter_mut().zip(repeated).filter(|(_, rep)| *rep) {
        r.add_flag(Flag::SeqRepeated);
    }
}

/// Rows under a department whose name is no office's ([`names_an_office`]):
/// a target line read as a heading, so they may be another department's,
/// and are flagged `department_uncertain` (gen's PDF pages as plain
/// `pdftotext`, seeds 21–23: 12 rows of 39 wrong and unflagged). Rows come
/// table by table, so the name is tested once per run of rows.
fn flag_departments_naming_no_office(rows: &mut [Row]) {
    let mut last: Option<(Shared, bool)> = None;
    for row in rows.iter_mut().filter(|r| !r.department.is_empty()) {
        let office = match &last {
            Some((name, office)) if *name == row.department => *office,
            _ => {
                let office = names_an_office(&row.department);
                last = Some((row.department.clone(), office));
                office
            }
        };
        if !office {
            row.add_flag(Flag::DepartmentUncertain);
        }
    }
}

/// A row whose target holds a table's header row (`…（四）其他类序号 任务目标
/// 完成时限 承办…`: OCR read a ruled table row-wise and ran a department's
/// heading, its category and its header into one line) may have taken the
/// next table's heading with it; what stands as that table's heading may
/// then be a target's wrapped tail (`升级现场会`, held-out seed 9857,
/// `pdf-ruled` as OCR). The rows of the next department after such a row
/// are flagged `department_uncertain`.
fn doubt_the_department_after_a_swallowed_header(rows: &mut [Row]) {
    let swallowed: Vec<usize> = (0..rows.len()).filter(|&i| holds_header_row(&rows[i].target)).collect();
    for i in swallowed {
        let own = rows[i].department.clone();
        let Some(next) = rows[i + 1..].iter().position(|r| r.department != own).map(|j| i + 1 + j) else {
            continue;
        };
        let name = rows[next].department.clone();
        for row in rows[next..].iter_mut().take_while(|r| r.department == name) {
            row.add_flag(Flag::DepartmentUncertain);
        }
    }
}

/// On a page carrying a list on (`（上接N版）`) that prints a category
/// header above its first row, a row restored from the deadline count in
/// its first group may as well be a row of the list carried on, above that
/// header; the aligner cannot place it there (the page does not show that
/// list's category), so every row from the top to the restored one, which
/// such a row would shift, is flagged `rows_uncertain`. Rows of the carried
/// category itself (no header yet) are left to the join with the page
/// before, which renumbers them (`run::batch`).
fn flag_rows_a_carried_list_may_have_lost(first_group: &mut [Row]) {
    if first_group.first().is_none_or(|r| r.flags.contains(Flag::CategoryUnknown)) {
        return;
    }
    let Some(last_restored) = first_group.iter().rposition(|r| r.flags.contains(Flag::RowFromDeadlineCount)) else {
        return;
    };
    for row in &mut first_group[..last_restored] {
        row.add_flag(Flag::RowsUncertain);
    }
}

fn leftover(source: &str, lines: &[Line], line: usize, reason: &str) -> Leftover {
    Leftover {
        source: source.to_owned(),
        line: lines[line].no,
        text: lines[line].text.clone(),
        reason: reason.to_owned(),
        position: String::new(),
    }
}

/// Department and category lines of tables that got rows; the others are
/// left to [`account_rest`], which reports them as leftovers.
fn mark_structure(page: &mut PageResult, sk: &Skeleton) {
    for t in sk.tables.iter().filter(|t| t.categories.iter().any(|c| c.rows > 0)) {
        let headers = t.categories.iter().filter(|c| c.rows > 0).filter_map(|c| c.header);
        for line in t.department.into_iter().chain(t.name_lines.iter().copied()).chain(headers) {
            page.uses[line] = Some(Use::Structure);
        }
    }
}

fn mark_row(page: &mut PageResult, a: &Aligned) {
    for &l in &a.target_lines {
        page.uses[l] = Some(Use::Target);
    }
    if let Some(l) = a.deadline_line {
        page.uses[l] = Some(Use::Deadline);
    }
    if let Some(l) = a.slot.number_line {
        page.uses[l] = Some(Use::Number);
    }
}

/// Headers, furniture the segmenter did not see, and whatever is left.
fn account_rest(page: &mut PageResult, lines: &[Line], kinds: &[Kind]) {
    for (i, kind) in kinds.iter().enumerate().take(lines.len()) {
        // A line is `Kind::Blank` exactly when it is white space only.
        if page.uses[i].is_some() || *kind == Kind::Blank {
            continue;
        }
        let (usage, reason) = match kind {
            Kind::SeqHeader | Kind::HeaderRow | Kind::TargetHeader | Kind::DeadlineHeader | Kind::OtherHeader => {
                (Use::Structure, "")
            }
            Kind::Department => (Use::Leftover, "department without rows"),
            Kind::Number(_) => (Use::Leftover, "number without a row"),
            Kind::Category { .. } => (Use::Leftover, CATEGORY_WITHOUT_ROWS),
            Kind::Deadline => (Use::Leftover, "deadline without a row"),
            _ => (Use::Leftover, "text outside any table"),
        };
        page.uses[i] = Some(usage);
        if usage == Use::Leftover {
            page.leftovers.push(leftover(&page.source, lines, i, reason));
        }
    }
    page.leftovers.sort_by_key(|l| l.line);
}

/// The leftover reason of a category line no row stands under.
pub(crate) const CATEGORY_WITHOUT_ROWS: &str = "category without rows";

/// What the rows of a page share, worked out once a page rather than once
/// a row.
struct RowFacts {
    /// The page's source, as every row writes it.
    source: Shared,
    /// The page's issue date as a row writes it (empty when unknown).
    issue_date: Shared,
    /// The page number as a row writes it.
    page: Shared,
    /// The issue's year, that of a deadline which names none.
    year: Option<i32>,
    /// Each table's department, by table index.
    departments: Vec<Shared>,
    /// Each table's categories' names, by table and category index.
    categories: Vec<Vec<Shared>>,
}

impl RowFacts {
    fn of(page: &PageResult, sk: &Skeleton, lines: &[Line]) -> RowFacts {
        let department = |t: &Table| {
            let name = t.department.into_iter().chain(t.name_lines.iter().copied());
            name.map(|l| department_name(&lines[l].text)).collect::<String>().into()
        };
        let categories = |t: &Table| t.categories.iter().map(|c| Shared::from(c.name.as_str())).collect();
        RowFacts {
            source: page.source.as_str().into(),
            issue_date: page.issue_date.as_deref().unwrap_or_default().into(),
            page: page.page.map(|p| p.to_string()).unwrap_or_default().into(),
            year: page.issue_date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()),
            departments: sk.tables.iter().map(department).collect(),
            categories: sk.tables.iter().map(categories).collect(),
        }
    }
}

fn to_row<'a>(page: &PageResult, facts: &RowFacts, dates: &mut Readings<'a>, a: &Aligned, lines: &'a [Line]) -> Row {
    let department = facts.departments[a.slot.table].clone();
    let deadline = a.deadline_line.map_or("", |l| trimmed(&lines[l].text));
    let read = dates.of(deadline);
    let mut flags = a.flags.clone();
    if department.is_empty() {
        flags.add(Flag::DepartmentUnknown);
    }
    if page.issue_date.is_none() {
        flags.add(Flag::IssueDateUnknown);
    }
    if page.issue_date_uncertain {
        flags.add(Flag::IssueDateUncertain);
    }
    if read.tail_only {
        flags.add(Flag::DeadlineFragment);
    }
    Row {
        id: String::new(),
        source: facts.source.clone(),
        issue_date: facts.issue_date.clone(),
        page: facts.page.clone(),
        department,
        category: facts.categories[a.slot.table][a.slot.category].clone(),
        seq: a.slot.seq,
        target: target_text(a, lines),
        deadline_date: read.date,
        deadline_kind: read.kind,
        deadline_start: read.start,
        deadline: deadline.to_owned(),
        source_lines: line_runs(a.target_lines.iter().map(|&l| lines[l].no.get())),
        flags,
        position: String::new(),
    }
}

/// What a row takes from its deadline cell's text, read once a page per
/// distinct text: a page prints a handful of deadlines a hundred times,
/// and each row read its own (the memo of [`deadline::read`]) and wrote
/// its dates anew.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    kind: DeadlineKind,
    /// `deadline_date`: ISO, or empty.
    date: Shared,
    /// `deadline_start`: ISO, or empty.
    start: Shared,
    /// Whether the cell is only a deadline's tail ([`deadline::is_tail_only`]).
    tail_only: bool,
}

/// The [`Reading`]s of one page's deadline cells, by their text.
struct Readings<'a> {
    /// The issue's year, that of a deadline which names none.
    year: Option<i32>,
    seen: FxHashMap<&'a str, Reading>,
}

impl<'a> Readings<'a> {
    fn new(year: Option<i32>) -> Self {
        Readings { year, seen: FxHashMap::default() }
    }

    /// The reading of deadline cell `text` (trimmed; empty for none).
    fn of(&mut self, text: &'a str) -> Reading {
        let year = self.year;
        self.seen.entry(text).or_insert_with(|| Reading::of(text, year)).clone()
    }
}

impl Reading {
    fn of(text: &str, year: Option<i32>) -> Reading {
        let read = deadline::read(text, year);
        Reading {
            kind: read.kind,
            date: read.date_iso().into(),
            start: read.start_iso().into(),
            tail_only: deadline::is_tail_only(text),
        }
    }
}

/// A row's target: its lines as printed, joined, in a string made once to
/// a size they fit in (grown line by line, a wrapped target was moved).
fn target_text(a: &Aligned, lines: &[Line]) -> String {
    let mut target = String::with_capacity(a.target_lines.iter().map(|&l| lines[l].text.len()).sum());
    target.extend(a.target_lines.iter().map(|&l| without_marker(&lines[l].text)));
    target
}

/// `（下转4版）` printed at the end of a target line rather than on its own.
static TRAILING_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]\s*下转\s*第?\s*(\d{1,2})\s*版\s*[)）]\s*$").unwrap());

/// The text before a trailing continuation marker and the page it names.
#[inline]
fn trailing_marker(text: &str) -> Option<(&str, u32)> {
    // Every match holds `下转`; a test for the last byte of `转` (E8 BD AC),
    // branch-free and vectorized (a memchr call cost more on lines this
    // short), spares most lines the substring search and the regex. Inlined into its callers, the test costs
    // no call per line (the search's frame, set up for every line, cost
    // about as much as the test).
    if text.len() < SHORTEST_TRAILING_MARKER {
        return None;
    }
    let last_of_zhuan = text.bytes().fold(0u8, |any, b| any | u8::from(b == 0xAC));
    if last_of_zhuan == 0 || !text.contains("下转") {
        return None;
    }
    marker_by_pattern(text)
}

/// The fewest bytes of a line [`trailing_marker`] answers: a char before
/// the marker (1), its brackets (1 each), `下转` (6), a digit (1) and `版`
/// (3). Row numbers and most deadline cells are shorter, and are spared
/// the byte pass.
const SHORTEST_TRAILING_MARKER: usize = 13;

/// [`trailing_marker`] on a line that holds `下转`.
#[inline(never)]
fn marker_by_pattern(text: &str) -> Option<(&str, u32)> {
    let c = TRAILING_MARKER.captures(text)?;
    let start = c.get(0)?.start();
    let before = trimmed(&text[..start]);
    (!before.is_empty()).then(|| (before, c[1].parse().unwrap_or(0)))
}

/// A target line as printed, without a continuation marker glued to its end.
fn without_marker(text: &str) -> &str {
    trailing_marker(text).map_or(trimmed(text), |(before, _)| before)
}

/// Tells about pages that look like they hold a list but yield nothing,
/// about tables whose columns do not add up, and about leftovers.
fn report(page: &mut PageResult, kinds: &[Kind]) {
    let header = kinds.iter().position(|k| matches!(k, Kind::TargetHeader | Kind::DeadlineHeader | Kind::SeqHeader));
    if page.rows.is_empty() && header.is_some() {
        let (line, kind) = (header.map(LineNo::of_index), ProblemKind::HeadersWithoutRows);
        page.problems.push(Problem { line, kind, message: "table headers but no pledge rows".into() });
    }
    let structural = |r: &&Row| r.flags.any_of(FlagKind::Structural);
    let broken: Vec<&Row> = page.rows.iter().filter(structural).collect();
    if let Some(first) = broken.first() {
        let line = parse_line_runs(&first.source_lines).first().map(|&(a, _)| LineNo(a));
        let message = format!("{} row(s) whose columns do not add up, first: {}", broken.len(), first.flags);
        page.problems.push(Problem { line, kind: ProblemKind::ColumnsDoNotAddUp, message });
    }
    report_leftovers(page);
}

/// The page's one problem line about leftovers, made anew.
fn report_leftovers(page: &mut PageResult) {
    page.problems.retain(|p| p.kind != ProblemKind::Leftovers);
    if let Some(first) = page.leftovers.first() {
        let message = format!("{} leftover line(s), first: {}", page.leftovers.len(), first.reason);
        page.problems.push(Problem { line: Some(first.line), kind: ProblemKind::Leftovers, message });
    }
}

static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").unwrap());
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^.{0,16}?(?:星\s*期|周)\s*([一二三四五六日天])").unwrap());
static FILE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:\D|$)").unwrap());
static PAGE_IN_MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第\s*(\d{1,2})\s*版|(?:^|[^\d.])(\d{1,2})\s*版|编辑\s*[:：]\s*[\p{Han}·]{1,6}?\s*(\d{1,2})(?:\s|$|[A-Za-z])|(?:^|\s)(\d{1,2})\s+[A-Z]{3,}|^\s*(\d{1,2})\s*$").unwrap()
});
static FILE_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[^a-z])p(?:age)?[-_]?(\d{1,2})(?:\D|$)").unwrap());

/// The issue date: from the masthead, else from the file name; and whether
/// it is in doubt. OCR slips a masthead's digits (`18日` read as `1日`), so
/// the masthead is checked against the weekday it prints and the file
/// name's date: a file date the printed weekday confirms wins over a
/// masthead date it contradicts; a disagreement nothing settles keeps the
/// masthead's date and is reported.
fn issue_date(source: &str, lines: &[Line], kinds: &[Kind]) -> (Option<String>, bool) {
    let masthead = lines.iter().zip(kinds).filter(|(_, k)| **k == Kind::Masthead).map(|(l, _)| l.text.as_str());
    let printed = masthead.filter_map(|t| Some((t, DATE.captures(t)?))).find_map(|(t, c)| {
        let date = valid_date(&c[1], &c[2], &c[3])?;
        let after = &t[c.get(0)?.end()..];
        Some((date, WEEKDAY.captures(after).and_then(|w| weekday_number(&w[1]))))
    });
    let from_name = FILE_DATE.captures(file_name(source)).and_then(|c| valid_date(&c[1], &c[2], &c[3]));
    let (date, uncertain) = match (printed, from_name) {
        (None, named) => (named, false),
        (Some((date, Some(day))), named) if date.weekday() != day => match named {
            Some(named) if named.weekday() == day => (Some(named), false),
            _ => (Some(date), true),
        },
        (Some((date, day)), Some(named)) if named != date => (Some(date), day != Some(date.weekday())),
        (Some((date, _)), _) => (Some(date), false),
    };
    (date.map(|d| d.iso()), uncertain)
}

/// `星期四` → 3 (Monday = 0).
fn weekday_number(name: &str) -> Option<u32> {
    "一二三四五六日".chars().position(|c| name.starts_with(c)).or(name.starts_with('天').then_some(6)).map(|i| i as u32)
}

/// A calendar date as a masthead or a file name gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ymd(i32, u32, u32);

impl Ymd {
    /// Monday = 0.
    fn weekday(self) -> u32 {
        calendar::weekday(self.0.into(), self.1, self.2)
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

fn valid_date(y: &str, m: &str, d: &str) -> Option<Ymd> {
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Ymd(y, m, d))
}

/// The page number: from the masthead, else from the file name (`p03`).
fn page_number(source: &str, lines: &[Line], kinds: &[Kind]) -> Option<u32> {
    let mut masthead = lines.iter().zip(kinds).filter(|(_, k)| **k == Kind::Masthead);
    let from_masthead = masthead.find_map(|(l, _)| {
        let text = DATE.replace_all(&l.text, " ");
        let caps = PAGE_IN_MASTHEAD.captures(&text)?;
        caps.iter().skip(1).flatten().next()?.as_str().parse().ok()
    });
    from_masthead.filter(|p| *p > 0).or_else(|| FILE_PAGE.captures(file_name(source)).and_then(|c| c[1].parse().ok()))
}

fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::classify::classify;

    fn lines(text: &str) -> Vec<Line> {
        Line::numbered(text.lines())
    }

    #[test]
    fn masthead_gives_date_and_page() {
        let l = lines("时政·要闻2022年3月22日 星期二\n\n融媒编辑：蒋立峰03 YONGKANG DAILY\n");
        let k = classify(&l);
        assert_eq!(issue_date("x.txt", &l, &k), (Some("2022-03-22".to_owned()), false));
        assert_eq!(page_number("x.txt", &l, &k), Some(3));
        let l = lines("要闻 2023年1月5日 星期四\n责任编辑：王某 02\n");
        let k = classify(&l);
        assert_eq!(page_number("x.txt", &l, &k), Some(2));
        let l = lines("要闻 2023年1月5日 星期四\n07\n");
        let k = classify(&l);
        assert_eq!(page_number("x.txt", &l, &k), Some(7));
    }

    #[test]
    fn file_name_is_the_fallback() {
        let l = lines("市测试局\n");
        let k = classify(&l);
        assert_eq!(issue_date("arch/20210514_p04.txt", &l, &k).0.as_deref(), Some("2021-05-14"));
        assert_eq!(page_number("arch/20210514_p04.txt", &l, &k), Some(4));
        assert_eq!(issue_date("a/2021-05-14.txt", &l, &k).0.as_deref(), Some("2021-05-14"));
        assert_eq!(issue_date("a/page.txt", &l, &k), (None, false));
    }

    #[test]
    fn a_masthead_date_its_weekday_or_file_name_contradicts_is_in_doubt() {
        let date = |source: &str, masthead: &str| {
            let l = lines(&format!("{masthead}\n责任编辑：王某 05\n"));
            issue_date(source, &l, &classify(&l))
        };
        let day = |d: &str| Some(d.to_owned());
        // OCR read 18日 as 1日; 2021-03-18 was a Thursday, 03-01 a Monday.
        let slipped = "要闻 2021年3月1日 星期四";
        assert_eq!(date("x/g_2021-03-18_p05.tsv", slipped), (day("2021-03-18"), false));
        assert_eq!(date("x/page05.tsv", slipped), (day("2021-03-01"), true));
        assert_eq!(date("x/g_2021-03-19_p05.tsv", slipped), (day("2021-03-01"), true));
        // No weekday printed: masthead and file name disagree, nothing settles it.
        assert_eq!(date("x/g_2021-03-18_p05.tsv", "2021年3月1日 责任编辑：王某"), (day("2021-03-01"), true));
        // The weekday confirms the masthead: a file name's other date does not matter.
        assert_eq!(date("x/g_2021-03-18_p05.tsv", "要闻 2021年3月18日 星期四"), (day("2021-03-18"), false));
        assert_eq!(date("x/g_2099-01-01.tsv", "要闻 2022年3月22日 星期二"), (day("2022-03-22"), false));
        assert_eq!(date("x/a.txt", "要闻 2023年1月5日 星期四"), (day("2023-01-05"), false));
        assert_eq!(Ymd(2024, 2, 29).weekday(), 3);
        assert_eq!(Ymd(2000, 1, 1).weekday(), 5);
    }

    /// Rows told repeated by pair ids are those a count keyed by the names
    /// themselves tells: names shared across tables, seqs shared across
    /// categories.
    #[test]
    fn repeated_rows_are_told_as_by_their_names() {
        let names = [("市甲局", "指标类"), ("市乙局", "指标类"), ("市甲局", "项目类"), ("", ""), ("市甲局", "")];
        let by_names = |rows: &[Row]| {
            let mut count: FxHashMap<(&str, &str, u32), usize> = FxHashMap::default();
            for r in rows {
                *count.entry((&*r.department, &*r.category, r.seq)).or_default() += 1;
            }
            rows.iter().map(|r| count[&(&*r.department, &*r.category, r.seq)] > 1).collect::<Vec<_>>()
        };
        let mut state = 7u64;
        for _ in 0..300 {
            let rows: Vec<Row> = (0..12)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let (department, category) = names[(state >> 33) as usize % names.len()];
                    let seq = (state >> 20) as u32 % 4;
                    Row { department: department.into(), category: category.into(), seq, ..Default::default() }
                })
                .collect();
            let mut flagged = rows.clone();
            flag_repeated_rows(&mut flagged);
            let got: Vec<bool> = flagged.iter().map(|r| r.flags.contains(Flag::SeqRepeated)).collect();
            assert_eq!(got, by_names(&rows));
        }
    }

    #[test]
    fn rows_claiming_one_key_are_all_flagged() {
        // Regression: a row restored from a deadline count before a column
        // break and the same row printed after it both came out unflagged.
        let row = |seq: u32, flags: &str| Row {
            department: "市甲局".into(),
            category: "政策类".into(),
            seq,
            flags: flags.parse().unwrap(),
            ..Default::default()
        };
        let mut rows = vec![row(2, ""), row(3, "row_from_deadline_count"), row(3, "")];
        flag_repeated_rows(&mut rows);
        let flags: Vec<String> = rows.iter().map(|r| r.flags.to_string()).collect();
        assert_eq!(flags, ["", "row_from_deadline_count;seq_repeated", "seq_repeated"]);
    }

    /// Regression (held-out seed 9857, `pdf-ruled` read by OCR): a row
    /// that took in `市文化和广电旅游体育局 （四）其他类序号 任务目标 完成时限`
    /// left the next table under its target's wrapped tail `升级现场会`,
    /// unflagged. That table's rows are in doubt; the table after it, and
    /// the rows before the swallowing row, are not.
    #[test]
    fn the_department_after_a_swallowed_header_is_in_doubt() {
        let row = |department: &str, target: &str| Row {
            department: department.into(),
            target: target.into(),
            ..Default::default()
        };
        let mut rows = vec![
            row("市住房和城乡建设局", "新增省级清洁生产审核验收企业7家"),
            row(
                "市住房和城乡建设局",
                "市文化和广电旅游体育局 （四）其他类序号 任务目标 完成时限 承办金华市传统产业转型",
            ),
            row("升级现场会", "按照上级部署编制国土空间总体规划"),
            row("升级现场会", "举办高新技术成果展、工业设计展"),
            row("市水务局", "编制老金温铁路综合利用方案"),
        ];
        doubt_the_department_after_a_swallowed_header(&mut rows);
        let flags: Vec<String> = rows.iter().map(|r| r.flags.to_string()).collect();
        assert_eq!(flags, ["", "", "department_uncertain", "department_uncertain", ""]);
    }

    /// Regression (gen's PDF pages as plain `pdftotext`, seed 21
    /// `article-beside`): a cell's first line printed before the row's
    /// number and its last after the deadline were left over, and row 1
    /// came out short, unflagged. The rows beside the left-over lines are
    /// flagged; row 3, past its own target, is not.
    #[test]
    fn rows_beside_left_over_target_lines_are_in_doubt() {
        let text = "市交通运输局\n序号\n\n任务目标\n\n完成时限\n\n（一）指标类\n引进优秀教师100名\n1\n\n\
                    以上，公开招聘新教\n师（含雇员制教师）\n\n9月底前\n\n280人以上\n2\n\n3\n\n\
                    培育产业链上下游企\n业共同体2个以上\n淘汰落后产能涉及企\n业50家以上\n\n9月30日前\n\n12月底前\n";
        let page = extract_lines("2024-05-31_p07.txt", &lines(text), &Options::default());
        let rows: Vec<(&str, &str, String)> =
            page.rows.iter().map(|r| (r.target.as_str(), r.source_lines.as_str(), r.flags.to_string())).collect();
        let doubt = "target_line_left_over".to_string();
        assert_eq!(
            rows,
            [
                ("以上，公开招聘新教师（含雇员制教师）", "12-13", doubt.clone()),
                ("培育产业链上下游企业共同体2个以上", "22-23", doubt),
                ("淘汰落后产能涉及企业50家以上", "24-25", String::new()),
            ]
        );
        let left: Vec<(usize, &str)> = page.leftovers.iter().map(|l| (l.line.get(), l.reason.as_str())).collect();
        assert_eq!(left, [(9, TARGET_WITHOUT_ROW), (17, TARGET_WITHOUT_ROW)]);
    }

    /// Regression (gen's PDF pages as plain `pdftotext`, seed 22
    /// `narrow-deadlines`): row 1's number, then two text boxes, the second
    /// row 2's, its number printed elsewhere; row 1 took both, unflagged.
    #[test]
    fn a_target_across_a_blank_line_is_in_doubt() {
        let text = "市信访局\n序号\n\n任务目标\n\n完成时限\n\n（一）政策类\n1\n\n\
                    制定出台《永康市五金产业转型升级攻坚\n行动方案》\n\n出台《农村宅基地退出管理规定》\n\n3月底前\n";
        let page = extract_lines("2023-09-06_p02.txt", &lines(text), &Options::default());
        let rows: Vec<(&str, &str, String)> =
            page.rows.iter().map(|r| (r.target.as_str(), r.source_lines.as_str(), r.flags.to_string())).collect();
        let target = "制定出台《永康市五金产业转型升级攻坚行动方案》出台《农村宅基地退出管理规定》";
        assert_eq!(rows, [(target, "11-12;14-14", "line_out_of_place".to_string())]);
    }

    #[test]
    fn rows_of_a_page_share_its_fields_rather_than_copy_them() {
        let text = "市测试局\n序号\n（一）指标类\n1\n2\n任务目标\n新增企业5家\n完成调查\n完成时限\n12月底前\n6月底前\n";
        let page = extract_page("2022-03-22_p03.txt", text.as_bytes(), &Options::default()).unwrap();
        let [a, b] = &page.rows[..] else { panic!("two rows: {:?}", page.rows) };
        assert_eq!((&*a.source, &*a.issue_date, &*a.page), ("2022-03-22_p03.txt", "2022-03-22", "3"));
        assert_eq!((&*a.department, &*a.category), ("市测试局", "指标类"));
        let shared = [(&a.source, &b.source), (&a.issue_date, &b.issue_date), (&a.page, &b.page)];
        let shared = shared.into_iter().chain([(&a.department, &b.department), (&a.category, &b.category)]);
        assert!(shared.into_iter().all(|(x, y)| Shared::ptr_eq(x, y)));
    }

    #[test]
    fn a_pages_deadline_readings_answer_as_reading_each_row_did() {
        let texts = [
            "",
            "12月底前",
            "6月底前",
            "2021年1-6月",
            "2023年9月之后",
            "2-3年内",
            "底前",
            "月底前",
            "全年",
            "12月底前",
        ];
        for year in [None, Some(2022)] {
            let mut dates = Readings::new(year);
            for _ in 0..2 {
                for text in texts {
                    let read = deadline::read(text, year);
                    let slow = (read.kind, read.date_iso(), read.start_iso(), deadline::is_tail_only(text));
                    let got = dates.of(text);
                    assert_eq!((got.kind, got.date.to_string(), got.start.to_string(), got.tail_only), slow, "{text}");
                }
            }
        }
    }

    #[test]
    fn runs_part_at_blank_lines_answers_as_parsing_every_row_did() {
        let slow = |runs: &str, blank: &dyn Fn(usize) -> bool| {
            parse_line_runs(runs).windows(2).any(|w| (w[0].1 + 1..w[1].0).all(blank) && w[1].0 > w[0].1 + 1)
        };
        let blanks: [&dyn Fn(usize) -> bool; 3] = [&|_| true, &|_| false, &|n| n % 2 == 0];
        for runs in ["", "5-5", "11-12", "11-12;14-14", "11-12;13-13", "1-1;3-3;6-7", "x;", "4-4;", ";9-9"] {
            for blank in blanks {
                assert_eq!(runs_part_at_blank_lines(runs, blank), slow(runs, blank), "{runs}");
            }
        }
    }

    #[test]
    fn line_runs_are_always_first_last_pairs() {
        assert_eq!(line_runs([107, 108].into_iter()), "107-108");
        assert_eq!(line_runs([105].into_iter()), "105-105");
        assert_eq!(line_runs([66, 67, 69].into_iter()), "66-67;69-69");
        assert_eq!(line_runs(std::iter::empty()), "");
    }

    #[test]
    fn continued_news_article_is_not_a_table() {
        let text = "要闻 2023年1月5日 星期四\n（上接1版）\n会议指出，要坚持稳中求进。\n1\n全面推进乡村振兴。\n";
        let page = extract_lines("a.txt", &lines(text), &Options::default());
        assert!(page.rows.is_empty() && page.leftovers.is_empty() && page.problems.is_empty());
        assert!(!page.has_table);
    }

    /// A page carrying on a list, printed row by row, whose first row has
    /// its number centred: the lines above the number are that row's (they
    /// were left over as lines without a row, and the row lost them,
    /// unflagged: pdf `continued`, seed 28).
    #[test]
    fn a_carried_on_rows_lines_above_its_centred_number_are_its_own() {
        let text = "要闻2023年9月6日星期三    责任编辑：蒋立峰06\n\n（上接5版）\n\n        面向新生代、创二\n        代企业家等，创办\n   2    永商学院，扩容提    2023年12月底前\n        档MBA五金品牌研\n        讨班\n";
        let page = extract_lines("2023-09-06_p06.txt", &lines(text), &Options::default());
        assert!(page.leftovers.is_empty(), "{:?}", page.leftovers);
        let got: Vec<(u32, &str, &str)> =
            page.rows.iter().map(|r| (r.seq, r.target.as_str(), r.deadline.as_str())).collect();
        assert_eq!(got, [(2, "面向新生代、创二代企业家等，创办永商学院，扩容提档MBA五金品牌研讨班", "2023年12月底前")]);
    }

    /// The same row as OCR reads it: the deadline, centred in the row,
    /// set on the line above the number's. The lines above the number
    /// still run into it (they were left over, the row lost them,
    /// unflagged: tsv/hOCR/ALTO/PaddleOCR `continued`, seed 28).
    #[test]
    fn a_carried_on_rows_lines_above_its_number_stay_its_own_beside_a_deadline_set_higher() {
        let text = "要闻2023年9月6日星期三    责任编辑：蒋立峰06\n\n（上接5版）\n\n        面向新生代、创二\n        代企业家等，创办    2023年12月底前\n   2    永商学院，扩容提\n        档MBA五金品牌研\n        讨班\n\n市水务局\n序号    任务目标    完成时限\n（一）指标类\n   1    新增企业5家    12月底前\n";
        let page = extract_lines("2023-09-06_p06.txt", &lines(text), &Options::default());
        assert!(page.leftovers.is_empty(), "{:?}", page.leftovers);
        let got: Vec<(u32, &str, &str)> =
            page.rows.iter().map(|r| (r.seq, r.target.as_str(), r.deadline.as_str())).collect();
        let first = "面向新生代、创二代企业家等，创办永商学院，扩容提档MBA五金品牌研讨班";
        assert_eq!(got, [(2, first, "2023年12月底前"), (1, "新增企业5家", "12月底前")]);
    }

    /// Regression (gen's PDF pages as plain `pdftotext`, seed 21
    /// `article-beside`, seed 23 `pdf-browser`): a target's wrapped line
    /// that plain pdftotext set right before a category line was read as
    /// the heading of a department (`项目全流程管理的实`), and the rows
    /// under it came out wrong and unflagged: they are `department_uncertain`,
    /// the rows under an office's name are not.
    #[test]
    fn rows_under_a_heading_that_names_no_office_are_in_doubt() {
        let text = "市测试局\n序号\n（一）指标类\n1\n任务目标\n新增企业5家\n完成时限\n12月底前\n\n项目全流程管理的实\n（二）政策类\n1\n出台《管理办法》\n6月底前\n";
        let page = extract_lines("2022-03-22_p03.txt", &lines(text), &Options::default());
        let got: Vec<(&str, &str, u32, &str, &str, String)> = page
            .rows
            .iter()
            .map(|r| (&*r.department, &*r.category, r.seq, r.target.as_str(), r.deadline.as_str(), r.flags.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("市测试局", "指标类", 1, "新增企业5家", "12月底前", String::new()),
                ("项目全流程管理的实", "政策类", 1, "出台《管理办法》", "6月底前", "department_uncertain".into()),
            ]
        );
    }

    /// The shortest lines `trailing_marker` answers are as long as its
    /// length gate lets through; one byte less is none.
    #[test]
    fn the_shortest_trailing_markers_pass_the_length_gate() {
        for text in ["a(下转1版)", "a（下转1版）", "新(下转12版)"] {
            assert!(marker_by_pattern(text).is_some(), "{text}");
            assert!(trailing_marker(text).is_some(), "{text}");
        }
        assert_eq!("a(下转1版)".len(), SHORTEST_TRAILING_MARKER);
        for text in ["(下转1版)", "a(下转版)", "a下转1版)", "a(下转1版"] {
            assert!(marker_by_pattern(text).is_none(), "{text}");
        }
    }

    #[test]
    fn continuation_marker_glued_to_a_target_line() {
        let text = "市甲局\n序号\n（一）指标类\n1\n任务目标\n完成城市总体设计（下转4版）\n完成时限\n12月底前\n";
        let page = extract_lines("2022-03-22_p03.txt", &lines(text), &Options::default());
        assert_eq!(page.rows[0].target, "完成城市总体设计");
        assert_eq!(page.continuations, [Continuation::To(4)]);
    }

    #[test]
    fn every_line_is_used_once() {
        let text = "头条\n市测试局\n序号\n（一）指标类\n1\n任务目标\n新增企业5家\n完成时限\n12月底前\n多余的话\n";
        let page = extract_lines("t", &lines(text), &Options::default());
        let uses: Vec<_> = page.uses.iter().map(|u| u.unwrap()).collect();
        use Use::*;
        assert_eq!(
            uses,
            [Furniture, Structure, Structure, Structure, Number, Structure, Target, Structure, Deadline, Leftover]
        );
        assert_eq!(page.leftovers[0].reason, "target line without a row");
    }
}
