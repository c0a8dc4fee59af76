//! Stage 4: blocks → page skeleton.
//!
//! Groups the blocks the way pdftotext interleaves them (all number columns
//! of a run of departments, then their target columns, then their deadline
//! columns), attaches headerless number columns to the table they continue,
//! and turns every number column into row slots: one per pledge, with its
//! category and row number, repaired where OCR dropped numbers (`3`, ` 5`
//! means a row 4 whose number was lost).
//!
//! ```
//! use pledges::layout::{classify::classify_line, segment::segment, skeleton::build};
//! let kinds: Vec<_> = "市测试局\n序号\n（一）指标类\n1\n3\n任务目标\n甲\n乙\n丙\n".lines().map(classify_line).collect();
//! let sk = build(&segment(&kinds).blocks);
//! assert_eq!(sk.groups[0].slots.len(), 3); // number 2 was dropped
//! assert_eq!(sk.groups[0].slots[1].seq, 2);
//! ```

use crate::fields::category::Class;
use crate::layout::segment::{Block, Column, NumEntry, NumberBlock};
use crate::model::{Flag, Flags};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// One department's table on this page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Line index of the department name, when printed on this page.
    pub department: Option<usize>,
    /// Further lines of a wrapped department name.
    pub name_lines: Vec<usize>,
    /// The table's first rows carry on from an earlier page (no header here).
    pub continued: bool,
    pub categories: Vec<Category>,
}

/// A category of a table (`指标类`); `name` is empty when its header was lost.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub header: Option<usize>,
    /// The ordinal printed before the name (`（二）` → 2); 0 when none was
    /// read (header lost, or OCR garbled the ordinal).
    pub ordinal: u32,
    /// Rows counted so far (the last seq).
    pub rows: u32,
}

/// One pledge row before alignment: where it sits, not yet what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub table: usize,
    pub category: usize,
    pub seq: u32,
    /// Line index of its printed number; `None` when OCR dropped it.
    pub number_line: Option<usize>,
    /// Whether a blank line stood between the previous row's number and
    /// this one's, when both were printed one after the other. pdftotext
    /// leaves one where either row is taller than one line.
    pub gap_before: Option<bool>,
    /// What kind of category it is in (`指标类` → indicator), for the
    /// aligner's weak evidence of content.
    pub class: Class,
    pub flags: Flags,
}

/// Number columns of a run of tables with the target and deadline columns that follow them.
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub slots: Vec<Slot>,
    pub targets: Vec<Column>,
    pub deadlines: Vec<Column>,
    /// The last row of the same table in the group before, when this group
    /// opens a new category of it: rows whose numbers OCR dropped right
    /// after a column break may still belong to that earlier category.
    pub before: Option<Slot>,
}

/// How consecutive slots relate: the aligner rewards cuts at blank lines
/// where a category or a table ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Boundary {
    Row,
    Category,
    Table,
}

/// How slot `b` relates to the slot `a` before it.
pub(crate) fn boundary_between(a: &Slot, b: &Slot) -> Boundary {
    if a.table != b.table {
        Boundary::Table
    } else if a.category != b.category {
        Boundary::Category
    } else {
        Boundary::Row
    }
}

/// The tables of a page and the groups of columns that hold their rows.
#[derive(Debug, Clone, Default)]
pub struct Skeleton {
    pub tables: Vec<Table>,
    pub groups: Vec<Group>,
    /// Number-column lines that could not be placed (numbers out of sequence).
    pub stray: Vec<(usize, &'static str)>,
}

/// Builds the skeleton of a page from its blocks.
pub fn build(blocks: &[Block]) -> Skeleton {
    let mut sk = Skeleton::default();
    let mut phase = Phase::Numbers;
    let mut group = Group::default();
    for block in blocks {
        // Target and deadline columns may come in either order (N+ T+ D+ or
        // N+ D+ T+); a column kind coming back, or a number column after
        // them, opens the next group.
        let block_phase = Phase::of(block);
        let returns = block_phase != phase
            && match block_phase {
                Phase::Numbers => true,
                Phase::Targets => !group.targets.is_empty(),
                Phase::Deadlines => !group.deadlines.is_empty(),
            };
        if returns {
            reconcile_rows(&mut sk, &mut group);
            sk.groups.push(std::mem::take(&mut group));
        }
        phase = block_phase;
        match block {
            Block::Numbers(nb) => add_numbers(&mut sk, &mut group, nb),
            Block::Targets(c) => group.targets.push(c.clone()),
            Block::Deadlines(c) => group.deadlines.push(c.clone()),
        }
    }
    reconcile_rows(&mut sk, &mut group);
    sk.groups.push(group);
    sk.groups.retain(|g| !(g.slots.is_empty() && g.targets.is_empty() && g.deadlines.is_empty()));
    adopt_orphans(&mut sk.groups, &mut sk.tables);
    link_categories_across_breaks(&mut sk.groups);
    flag_rows_after_empty_categories(&mut sk);
    trust_lists_without_categories(&mut sk, blocks);
    flag_rows_after_empty_departments(&mut sk);
    flag_tables_out_of_category_order(&mut sk);
    sk
}

/// A table's printed categories run `（一）`, `（二）`, … with names of their
/// own. Where they do not (a table under its own heading opening on `（二）`,
/// an ordinal that does not follow the one before, a name printed twice),
/// plain `pdftotext` of newspaper columns put another table's categories
/// under this heading: a table carried on in the next column, read after
/// the heading of the table printed there. Every row of such a table is
/// flagged `department_uncertain` (gen's PDF pages as plain `pdftotext`,
/// seeds 21–27: 18 wrong rows unflagged, e.g. `市国资委` then `（二）项目类`
/// holding another office's rows). Ordinals not read (0) and categories
/// whose header was lost say nothing.
fn flag_tables_out_of_category_order(sk: &mut Skeleton) {
    let out_of_order = |t: &Table| {
        let printed: Vec<&Category> = t.categories.iter().filter(|c| c.header.is_some()).collect();
        let opens_past_one = !t.continued && t.department.is_some() && printed.first().is_some_and(|c| c.ordinal > 1);
        let skips =
            printed.windows(2).any(|w| w[0].ordinal > 0 && w[1].ordinal > 0 && w[1].ordinal != w[0].ordinal + 1);
        let twice = printed.iter().enumerate().any(|(i, c)| printed[..i].iter().any(|b| b.name == c.name));
        opens_past_one || skips || twice
    };
    let doubtful: Vec<bool> = sk.tables.iter().map(out_of_order).collect();
    for slot in sk.groups.iter_mut().flat_map(|g| g.slots.iter_mut()).filter(|s| doubtful[s.table]) {
        slot.flags.add(Flag::DepartmentUncertain);
    }
}

/// A department printed on the page with no row under it lost its rows to
/// the department after it: plain `pdftotext` (no `-layout`) of a page set
/// in newspaper columns puts a heading before the rows that the previous
/// table carries on in the next column, so those rows, and every table's
/// after them, may sit under the wrong heading. Rows of the tables after
/// the empty one are flagged `department_uncertain` (gen's pdf presets as
/// plain text, seed 21: wrong unflagged rows 105 → 43).
///
/// Likewise a table printed under its own heading (no `上接`) whose first
/// row's number is not printed: its numbering starts past 1, so its first
/// rows were read elsewhere, and its rows and the tables' after it are
/// flagged from that table on.
fn flag_rows_after_empty_departments(sk: &mut Skeleton) {
    let first_slot = |t: usize| sk.groups.iter().flat_map(|g| g.slots.iter()).find(|s| s.table == t);
    let doubtful = |t: usize| {
        let table = &sk.tables[t];
        match first_slot(t) {
            None => table.department.is_some(),
            Some(s) => !table.continued && s.number_line.is_none(),
        }
    };
    let Some(from) = (0..sk.tables.len()).find(|&t| doubtful(t)) else { return };
    for slot in sk.groups.iter_mut().flat_map(|g| g.slots.iter_mut()).filter(|s| s.table >= from) {
        slot.flags.add(Flag::DepartmentUncertain);
    }
}

/// A list that prints no category at all (numbered straight through under
/// each department, as other cities print them) lost none: its rows'
/// empty category is no doubt, where `category_unknown` flagged every row
/// of such a page. Only where no numbering starts over inside a table (a
/// sign of a lost category line) and no table is carried on from another
/// page (whose category that page shows).
fn trust_lists_without_categories(sk: &mut Skeleton, blocks: &[Block]) {
    let printed = |b: &Block| match b {
        Block::Numbers(nb) => nb.entries.iter().any(|e| matches!(e, NumEntry::Category { .. })),
        _ => false,
    };
    let starts_over = sk.tables.iter().any(|t| t.categories.len() > 1);
    if blocks.iter().any(printed) || starts_over || sk.tables.iter().any(|t| t.continued) {
        return;
    }
    for slot in sk.groups.iter_mut().flat_map(|g| g.slots.iter_mut()) {
        slot.flags.remove(Flag::CategoryUnknown);
    }
}

/// A category printed with no numbered row under it (OCR dropped its one
/// row's number), in a group whose deadline column outnumbers its rows:
/// the lost row is that category's, where the aligner cannot restore it (it
/// restores rows at the ends of categories that have rows), so the rows
/// after the empty category may each carry the next row's deadline and
/// text. They are flagged `rows_uncertain` (tsv `ocr-mm10`, seed 23: a
/// lone `项目类` row's text went into the next category's first row, and
/// three rows were wrong, unflagged).
fn flag_rows_after_empty_categories(sk: &mut Skeleton) {
    // Per table, the last category that an earlier group's rows reached.
    let mut reached: FxHashMap<usize, usize> = FxHashMap::default();
    for g in &mut sk.groups {
        if deadline_rows(g) > g.slots.len() {
            let tables = &sk.tables;
            let empty = |table: usize, cats: Range<usize>| {
                cats.into_iter()
                    .any(|c| tables[table].categories.get(c).is_some_and(|cat| cat.rows == 0 && !cat.name.is_empty()))
            };
            let first_after = (0..g.slots.len()).find(|&i| {
                let s = &g.slots[i];
                let from = match i.checked_sub(1).map(|j| &g.slots[j]) {
                    Some(p) if p.table == s.table => p.category + 1,
                    _ => reached.get(&s.table).map_or(0, |&c| c + 1),
                };
                empty(s.table, from..s.category)
            });
            if let Some(first) = first_after {
                for s in &mut g.slots[first..] {
                    s.flags.add(Flag::RowsUncertain);
                }
            }
        }
        for s in &g.slots {
            let r = reached.entry(s.table).or_insert(s.category);
            *r = (*r).max(s.category);
        }
    }
}

/// Sets [`Group::before`] where a group opens a new category of the table
/// the group before ended with.
fn link_categories_across_breaks(groups: &mut [Group]) {
    for g in 1..groups.len() {
        let (done, rest) = groups.split_at_mut(g);
        let (Some(last), Some(first)) = (done[g - 1].slots.last(), rest[0].slots.first()) else { continue };
        if last.table == first.table && last.category != first.category {
            rest[0].before = Some(last.clone());
        }
    }
}

/// `slots` with `n` rows added after position `end`, continuing its
/// category; at position 0, continuing `before`'s (see [`Group::before`]).
pub(crate) fn with_rows_after(slots: &[Slot], end: usize, n: usize, before: Option<&Slot>) -> Vec<Slot> {
    let Some(last) = (if end == 0 { before } else { slots.get(end - 1) }) else { return slots.to_vec() };
    let added = (1..=n as u32).map(|i| Slot {
        seq: last.seq + i,
        number_line: None,
        gap_before: None,
        flags: Flags::from([Flag::RowFromDeadlineCount]),
        ..last.clone()
    });
    let mut out = slots[..end].to_vec();
    out.extend(added);
    out.extend_from_slice(&slots[end..]);
    out
}

/// Adds the rows that a department's own deadline column proves OCR
/// dropped the numbers of at the end of this group, so that the rows the
/// table carries on with in the next group are numbered after them.
fn reconcile_rows(sk: &mut Skeleton, group: &mut Group) {
    drop_rows_restored_before(sk.groups.last(), group);
    let mut slots = std::mem::take(&mut group.slots);
    let before = sk.groups.last().and_then(|g| g.slots.last());
    let opens_category = |s: &Slot| before.is_some_and(|b| b.table == s.table && b.category != s.category);
    for span in deadline_spans(&slots, &group.deadlines).unwrap_or_default().iter().rev() {
        let extra = span.deadlines.len().saturating_sub(span.slots.len());
        let (first, last) = (&slots[span.slots.start], &slots[span.slots.end - 1]);
        // With several categories in play (the category before a column
        // break counts), which one lost rows is for the aligner to judge
        // from the target text.
        let carried = span.slots.start == 0 && opens_category(first);
        let one_category = first.table == last.table && first.category == last.category && !carried;
        // The department's own deadline column counts its rows: trust it
        // however many numbers OCR or a column break lost.
        if extra > 0 && one_category {
            slots = with_rows_after(&slots, span.slots.end, extra, None);
        }
    }
    for s in &slots {
        let cat = &mut sk.tables[s.table].categories[s.category];
        cat.rows = cat.rows.max(s.seq);
    }
    group.slots = slots;
}

/// The rows of a group that one deadline column answers for: slot and
/// deadline index ranges (deadlines counted over the group's columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub slots: Range<usize>,
    pub deadlines: Range<usize>,
}

/// Which tables each deadline column belongs to.
///
/// A `完成时限` header opens a department's deadline column, so the columns
/// split the group's tables into consecutive runs; where OCR lost a header,
/// one column covers several tables. Of those splits, the one whose row
/// counts best match the columns' deadline counts wins. `None` when the
/// columns cannot be matched to tables: more columns than tables, or two
/// splits that fit equally badly.
pub(crate) fn deadline_spans(slots: &[Slot], columns: &[Column]) -> Option<Vec<Span>> {
    let tables = table_spans(slots);
    if columns.is_empty() || columns.len() > tables.len() {
        return None;
    }
    let counts: Vec<usize> = columns.iter().map(|c| c.lines.len()).collect();
    let mut best: Option<(usize, Vec<usize>)> = None;
    let mut tied = false;
    for starts in table_starts(tables.len(), columns.len()) {
        let cost: usize = (0..starts.len())
            .map(|j| {
                let end = starts.get(j + 1).copied().unwrap_or(tables.len());
                let rows = tables[end - 1].1 - tables[starts[j]].0;
                rows.abs_diff(counts[j])
            })
            .sum();
        match &best {
            Some((c, _)) if cost > *c => {}
            Some((c, _)) if cost == *c => tied = true,
            _ => {
                best = Some((cost, starts));
                tied = false;
            }
        }
    }
    let (cost, starts) = best?;
    if tied && cost > 0 {
        return None;
    }
    let mut first_deadline = 0;
    let spans = (0..starts.len())
        .map(|j| {
            let end = starts.get(j + 1).copied().unwrap_or(tables.len());
            let deadlines = first_deadline..first_deadline + counts[j];
            first_deadline = deadlines.end;
            Span { slots: tables[starts[j]].0..tables[end - 1].1, deadlines }
        })
        .collect();
    Some(spans)
}

/// Every way for `columns` deadline columns to start at tables `0 = s0 <
/// s1 < …` of `tables`.
fn table_starts(tables: usize, columns: usize) -> Vec<Vec<usize>> {
    fn extend(prefix: &mut Vec<usize>, tables: usize, columns: usize, out: &mut Vec<Vec<usize>>) {
        if prefix.len() == columns {
            out.push(prefix.clone());
            return;
        }
        let next = prefix.last().map_or(0, |s| s + 1);
        let latest = tables - (columns - prefix.len());
        let range = if prefix.is_empty() { 0..=0 } else { next..=latest };
        for s in range {
            prefix.push(s);
            extend(prefix, tables, columns, out);
            prefix.pop();
        }
    }
    let mut out = vec![];
    extend(&mut Vec::with_capacity(columns), tables, columns, &mut out);
    out
}

/// `(start, end)` slot ranges of each table in the group, in order.
fn table_spans(slots: &[Slot]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = vec![];
    for (i, s) in slots.iter().enumerate() {
        match spans.last_mut() {
            Some(span) if slots[span.0].table == s.table => span.1 = i + 1,
            _ => spans.push((i, i + 1)),
        }
    }
    spans
}

/// When a table carries on in this group and OCR dropped the numbers right
/// at the break (`1` | `3 4`), the lost rows may end the earlier group or
/// open this one. Fewer deadlines here than rows says they ended the earlier
/// group (whose own deadlines then restore them): drop them here.
fn drop_rows_restored_before(previous: Option<&Group>, group: &mut Group) {
    let Some(prev) = previous.filter(|p| !p.slots.is_empty()) else { return };
    let short_before = deadline_rows(prev).saturating_sub(prev.slots.len());
    // The table carried on is the first one here: its own deadline column
    // tells, when the columns can be matched to tables.
    let surplus = match deadline_spans(&group.slots, &group.deadlines) {
        Some(spans) => spans[0].slots.len().saturating_sub(spans[0].deadlines.len()),
        None => group.slots.len().saturating_sub(deadline_rows(group)),
    };
    let same_table = prev.slots.last().map(|s| s.table) == group.slots.first().map(|s| s.table);
    if deadline_rows(group) == 0 || surplus == 0 || short_before == 0 || !same_table {
        return;
    }
    let leading = group.slots.iter().take_while(|s| s.number_line.is_none() && s.seq > 1).count();
    group.slots.drain(..surplus.min(leading).min(short_before));
}

/// The group brought up to date with the rows that earlier groups of the
/// page aligned (`aligned` maps (table, category) to the last row so far),
/// or `None` when nothing changes.
///
/// When a table breaks across newspaper columns right where OCR dropped
/// numbers (`1` | `4`), the earlier group's deadline column may restore
/// rows 2 and 3 there: this group's leading rows with inferred numbers
/// that were already aligned are dropped, and rows it may add to the
/// category before the break are numbered after the ones aligned there.
pub(crate) fn after_rows_aligned(group: &Group, aligned: &FxHashMap<(usize, usize), u32>) -> Option<Group> {
    let last = |s: &Slot| aligned.get(&(s.table, s.category)).copied();
    let repeated =
        group.slots.iter().take_while(|s| s.number_line.is_none() && last(s).is_some_and(|l| s.seq <= l)).count();
    let before = group.before.as_ref().and_then(|b| Some(Slot { seq: last(b).filter(|&l| l > b.seq)?, ..b.clone() }));
    if repeated == 0 && before.is_none() {
        return None;
    }
    Some(Group { slots: group.slots[repeated..].to_vec(), before: before.or(group.before.clone()), ..group.clone() })
}

/// Whether a group holds target and deadline lines but no number column.
fn is_orphan(g: &Group) -> bool {
    g.slots.is_empty() && !g.targets.is_empty() && !g.deadlines.is_empty()
}

/// How many deadlines a group's deadline columns hold.
pub(crate) fn deadline_rows(g: &Group) -> usize {
    g.deadlines.iter().map(|c| c.lines.len()).sum()
}

/// Gives rows to groups of target and deadline lines that have no number
/// column: in a table read row by row, those are rows whose numbers OCR
/// dropped. A run of such groups takes the next group's leading rows whose
/// numbers were inferred (`2` … `5` → rows 3 and 4), else rows carrying on
/// the group before it.
fn adopt_orphans(groups: &mut [Group], tables: &mut Vec<Table>) {
    let mut i = 0;
    while i < groups.len() {
        if !is_orphan(&groups[i]) {
            i += 1;
            continue;
        }
        let end = (i..groups.len()).find(|&j| !is_orphan(&groups[j])).unwrap_or(groups.len());
        let needs: Vec<usize> = groups[i..end].iter().map(deadline_rows).collect();
        let total: usize = needs.iter().sum();
        let inferred_next =
            groups.get(end).map_or(0, |n| n.slots.iter().take_while(|s| s.number_line.is_none()).count());
        if inferred_next >= total {
            let mut taken = groups[end].slots.drain(..total).collect::<Vec<_>>().into_iter();
            for (g, need) in groups[i..end].iter_mut().zip(&needs) {
                g.slots = taken.by_ref().take(*need).collect();
            }
        } else if let Some(last) = groups[..i].iter().rev().find_map(|g| g.slots.last()).cloned() {
            carry_on(groups, i, end, &needs, &last);
        } else if let Some(first) =
            groups.get(end).and_then(|g| g.slots.first()).filter(|f| f.seq as usize > total).cloned()
        {
            // A page opening with rows of a list carried on from another
            // page, before its first printed number: they come right before it.
            let mut seq = first.seq - total as u32;
            for (g, need) in groups[i..end].iter_mut().zip(&needs) {
                g.slots = (0..*need)
                    .map(|_| {
                        seq += 1;
                        Slot {
                            seq: seq - 1,
                            number_line: None,
                            gap_before: None,
                            flags: Flags::from([Flag::SeqInferred]),
                            ..first.clone()
                        }
                    })
                    .collect();
            }
        } else if tables.is_empty() && groups.iter().all(|g| g.slots.is_empty()) {
            // A page that only carries on a list from another page, every
            // number lost: rows of a table of its own, numbered from 1 until
            // the pages are joined (which numbers them after the page before).
            tables.push(Table { continued: true, categories: vec![Category::default()], ..Table::default() });
            let mut seq = 0;
            for (g, need) in groups[i..end].iter_mut().zip(&needs) {
                g.slots = (0..*need)
                    .map(|_| {
                        seq += 1;
                        Slot {
                            table: 0,
                            category: 0,
                            seq,
                            number_line: None,
                            gap_before: None,
                            class: Class::Unknown,
                            flags: Flags::from([Flag::SeqInferred, Flag::CategoryUnknown]),
                        }
                    })
                    .collect();
            }
            tables[0].categories[0].rows = seq;
        }
        i = end;
    }
}

/// Rows for orphan groups `i..end` continuing `last`'s category; later rows
/// of that category move down to make room.
fn carry_on(groups: &mut [Group], i: usize, end: usize, needs: &[usize], last: &Slot) {
    let mut seq = last.seq;
    for (g, need) in groups[i..end].iter_mut().zip(needs) {
        g.slots = (0..*need)
            .map(|_| {
                seq += 1;
                Slot {
                    seq,
                    number_line: None,
                    gap_before: None,
                    flags: Flags::from([Flag::SeqInferred, Flag::RowFromDeadlineCount]),
                    ..last.clone()
                }
            })
            .collect();
    }
    let added = seq - last.seq;
    for later in &mut groups[end..] {
        for s in later.slots.iter_mut().filter(|s| s.table == last.table && s.category == last.category) {
            s.seq += added;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Numbers,
    Targets,
    Deadlines,
}

impl Phase {
    fn of(block: &Block) -> Phase {
        match block {
            Block::Numbers(_) => Phase::Numbers,
            Block::Targets(_) => Phase::Targets,
            Block::Deadlines(_) => Phase::Deadlines,
        }
    }
}

fn add_numbers(sk: &mut Skeleton, group: &mut Group, nb: &NumberBlock) {
    // A headerless column that starts over at （一） is a table whose name
    // was lost, not the rest of the table before it.
    let starts_over = matches!(nb.entries.first(), Some(NumEntry::Category { ordinal: 1, .. }));
    let opens_table = nb.department.is_some() || !nb.headers.is_empty() || sk.tables.is_empty() || starts_over;
    if opens_table {
        let continued = nb.department.is_none() && !starts_over;
        sk.tables.push(Table {
            department: nb.department,
            name_lines: nb.name_lines.clone(),
            continued,
            categories: vec![],
        });
    }
    let table = sk.tables.len() - 1;
    let mut run = Run::default();
    for entry in &nb.entries {
        match entry {
            NumEntry::Category { line, ordinal, name } => {
                run.flush(sk, group, table);
                let category = Category { name: name.clone(), header: Some(*line), ordinal: *ordinal, rows: 0 };
                sk.tables[table].categories.push(category);
            }
            NumEntry::Number { line, n, blank_before } => {
                // Numbering restarts: a category header was lost (or, in
                // plain pdftotext of newspaper columns, printed after the
                // category's first rows), also where the column opens on
                // `1` after rows the category had in an earlier column (a
                // table printed one row per block): read on from those
                // rows, a `1` was out of sequence and its row took the next
                // seq of the wrong category, unflagged.
                let last = run.last.or_else(|| sk.tables[table].categories.last().map(|c| c.rows));
                if *n == 1 && last.is_some_and(|last| last > 1) {
                    run.flush(sk, group, table);
                    sk.tables[table].categories.push(Category::default());
                }
                run.push(*line, *n, *blank_before);
            }
        }
    }
    run.flush(sk, group, table);
}

/// Consecutive numbers under one category within one number column.
#[derive(Default)]
struct Run {
    numbers: Vec<(usize, u32)>,
    blank_before: Vec<bool>,
    last: Option<u32>,
}

impl Run {
    fn push(&mut self, line: usize, n: u32, blank_before: bool) {
        self.numbers.push((line, n));
        self.blank_before.push(blank_before);
        self.last = Some(n);
    }

    /// Turns the run into slots of the table's current category.
    fn flush(&mut self, sk: &mut Skeleton, group: &mut Group, table: usize) {
        let numbers = std::mem::take(&mut self.numbers);
        let blanks = std::mem::take(&mut self.blank_before);
        self.last = None;
        if numbers.is_empty() {
            return;
        }
        let t = &mut sk.tables[table];
        if t.categories.is_empty() {
            t.categories.push(Category::default());
        }
        let category = t.categories.len() - 1;
        let cat = &t.categories[category];
        // Rows carried on from another page keep their printed numbers.
        let carried_on = t.continued && cat.header.is_none() && cat.rows == 0;
        let first = if carried_on { numbers[0].1.clamp(1, 200) } else { cat.rows + 1 };
        let count = row_count(first, &numbers);
        // The category's name and class are the same for every row of the
        // run (the class, asked per row, searched the name for each word).
        let name = &t.categories[category].name;
        let (unknown, class) = (name.is_empty(), Class::of(name));
        for seq in first..first + count {
            let printed = numbers.iter().position(|(_, n)| *n == seq);
            let number_line = printed.map(|i| numbers[i].0);
            let gap_before = printed.filter(|&i| i > 0 && numbers[i - 1].1 + 1 == seq).map(|i| blanks[i]);
            let mut flags = Flags::default();
            // A number lost inside a run (`3`, ` 5` → row 4; the real page's
            // `9`, ` 21` → rows 10–20) is pinned: the printed numbers on both
            // sides (or the category's start) fix both the row and its seq, so
            // it is no doubt to check by hand. Only a run carried on from
            // another page, whose start the page does not show, is flagged.
            if number_line.is_none() && carried_on {
                flags.add(Flag::SeqInferred);
            }
            if unknown {
                flags.add(Flag::CategoryUnknown);
            }
            group.slots.push(Slot { table, category, seq, number_line, gap_before, class, flags });
        }
        t.categories[category].rows = first + count - 1;
        let placed = |n: u32| n >= first && n < first + count;
        sk.stray.extend(numbers.iter().filter(|(_, n)| !placed(*n)).map(|(l, _)| (*l, "number out of sequence")));
    }
}

/// Rows under a category run: as many as printed numbers, or up to the last
/// number when OCR dropped some (`1 2 3 5` → 5), within reason.
fn row_count(first: u32, numbers: &[(usize, u32)]) -> u32 {
    let printed = numbers.len() as u32;
    let last = numbers.last().map(|(_, n)| *n).unwrap_or(0);
    let span = (last + 1).saturating_sub(first);
    if span > printed && span <= printed * 3 + 20 {
        span
    } else {
        printed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::classify::classify_line;
    use crate::layout::segment::segment;

    fn skeleton(text: &str) -> Skeleton {
        build(&segment(&text.lines().map(classify_line).collect::<Vec<_>>()).blocks)
    }

    fn seqs(g: &Group) -> Vec<(usize, usize, u32)> {
        g.slots.iter().map(|s| (s.table, s.category, s.seq)).collect()
    }

    #[test]
    fn dropped_numbers_are_restored() {
        let sk = skeleton("市甲局\n序号\n（一）指标类\n1\n9\n 21\n（二）项目类\n1\n2\n");
        let g = &sk.groups[0];
        assert_eq!(g.slots.len(), 23);
        assert_eq!(g.slots[20].seq, 21);
        assert_eq!(g.slots[5].number_line, None);
        assert!(g.slots[5].flags.is_empty(), "a number lost between printed ones is pinned, no doubt");
        assert_eq!(boundary_between(&g.slots[20], &g.slots[21]), Boundary::Category);
    }

    #[test]
    fn numbers_lost_in_a_list_carried_on_stay_flagged() {
        // The page before decides where a carried-on list starts (see run::batch).
        let sk = skeleton("序号\n7\n 9\n任务目标\n甲\n乙\n丙\n完成时限\n12月底前\n12月底前\n12月底前\n");
        let g = &sk.groups[0];
        assert_eq!(g.slots.iter().map(|s| s.seq).collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!(g.slots[1].flags, Flags::from([Flag::SeqInferred, Flag::CategoryUnknown]));
    }

    /// Regression (gen's PDF pages as plain `pdftotext`, seed 22
    /// `ocr-rules`): each row its own run of columns, and a category line
    /// printed after its first rows. The number column that opens on `1`
    /// after the category's three rows starts a category whose header was
    /// lost (`category_unknown`); read on from 指标类, its rows were 指标类 4
    /// and 5, unflagged.
    #[test]
    fn a_column_opening_on_one_after_rows_of_its_category_starts_another() {
        let rows = "1\n任务目标\n甲\n完成时限\n12月底前\n2\n任务目标\n乙\n完成时限\n12月底前\n";
        let sk = skeleton(&format!("市甲局\n序号\n（一）指标类\n{rows}1\n任务目标\n丙\n完成时限\n6月底前\n"));
        let all: Vec<(usize, usize, u32)> = sk.groups.iter().flat_map(|g| seqs(g)).collect();
        assert_eq!(all, [(0, 0, 1), (0, 0, 2), (0, 1, 1)]);
        let last = sk.groups.iter().flat_map(|g| &g.slots).last().unwrap();
        assert_eq!(last.flags, Flags::from([Flag::CategoryUnknown]));
        assert_eq!(sk.tables[0].categories[1].name, "");
    }

    #[test]
    fn interleaved_departments_form_one_group() {
        let sk = skeleton("市甲局\n序号\n1\n2\n市乙局\n序号\n1\n任务目标\n甲\n任务目标\n乙\n完成时限\n12月底前\n");
        assert_eq!(sk.groups.len(), 1);
        assert_eq!(seqs(&sk.groups[0]), [(0, 0, 1), (0, 0, 2), (1, 0, 1)]);
        assert_eq!(sk.groups[0].targets.len(), 2);
        assert_eq!(boundary_between(&sk.groups[0].slots[1], &sk.groups[0].slots[2]), Boundary::Table);
    }

    #[test]
    fn headerless_numbers_continue_the_last_table() {
        let text = "市甲局\n序号\n（一）指标类\n1\n2\n任务目标\n甲\n乙\n完成时限\n12月底前\n12月底前\n3\n（二）项目类\n1\n市乙局\n序号\n1\n";
        let sk = skeleton(text);
        assert_eq!(sk.groups.len(), 2);
        assert_eq!(seqs(&sk.groups[1]), [(0, 0, 3), (0, 1, 1), (1, 0, 1)]);
        assert!(!sk.tables[0].continued);
    }

    #[test]
    fn restart_without_header_means_a_lost_category() {
        let sk = skeleton("市甲局\n序号\n（一）指标类\n1\n2\n1\n2\n");
        assert_eq!(seqs(&sk.groups[0]), [(0, 0, 1), (0, 0, 2), (0, 1, 1), (0, 1, 2)]);
        assert_eq!(sk.groups[0].slots[2].flags, Flags::from([Flag::CategoryUnknown]));
    }

    #[test]
    fn row_whose_number_was_dropped_in_a_row_by_row_table() {
        let text = "市甲局\n序号\n（一）指标类\n1\n甲\n12月底前\n乙\n6月底前\n3\n丙\n9月底前\n";
        let sk = skeleton(text);
        let all: Vec<(u32, bool)> =
            sk.groups.iter().flat_map(|g| g.slots.iter().map(|s| (s.seq, s.number_line.is_some()))).collect();
        assert_eq!(all, [(1, true), (2, false), (3, true)]);
        assert_eq!(sk.groups[1].targets[0].lines, [6]);
    }

    #[test]
    fn rows_whose_numbers_were_dropped_in_a_run() {
        let text = "市甲局\n序号\n（一）指标类\n1\n甲\n12月底前\n乙\n6月底前\n丙\n9月底前\n4\n丁\n9月底前\n";
        let sk = skeleton(text);
        let all: Vec<u32> = sk.groups.iter().flat_map(|g| g.slots.iter().map(|s| s.seq)).collect();
        assert_eq!(all, [1, 2, 3, 4]);
        assert_eq!(sk.groups.iter().map(|g| g.slots.len()).collect::<Vec<_>>(), [1, 1, 1, 1]);
    }

    #[test]
    fn row_whose_number_was_dropped_at_a_category_end() {
        let text = "市甲局\n序号\n（一）指标类\n1\n甲\n12月底前\n乙\n6月底前\n（二）项目类\n1\n丙\n9月底前\n";
        let sk = skeleton(text);
        let all: Vec<(usize, u32)> =
            sk.groups.iter().flat_map(|g| g.slots.iter().map(|s| (s.category, s.seq))).collect();
        assert_eq!(all, [(0, 1), (0, 2), (1, 1)]);
        assert_eq!(sk.groups[1].slots[0].flags, Flags::from([Flag::SeqInferred, Flag::RowFromDeadlineCount]));
    }

    #[test]
    fn rows_lost_at_a_column_break_stay_with_the_group_whose_deadlines_show_them() {
        let text = "市甲局\n序号\n（一）指标类\n1\n任务目标\n甲\n乙\n完成时限\n12月底前\n6月底前\n3\n4\n丙\n丁\n9月底前\n10月底前\n";
        let sk = skeleton(text);
        let seqs: Vec<Vec<u32>> = sk.groups.iter().map(|g| g.slots.iter().map(|s| s.seq).collect()).collect();
        // Group 1's own deadline column restores row 2; group 2 starts at its printed 3.
        assert_eq!(seqs, [vec![1, 2], vec![3, 4]]);
    }

    #[test]
    fn carried_on_rows_before_the_first_printed_number() {
        let sk = skeleton("（上接3版）\n甲\n12月底前\n乙\n6月底前\n5\n丙\n9月底前\n");
        let all: Vec<(u32, bool)> =
            sk.groups.iter().flat_map(|g| g.slots.iter().map(|s| (s.seq, s.number_line.is_some()))).collect();
        assert_eq!(all, [(3, false), (4, false), (5, true)]);
    }

    #[test]
    fn headerless_column_starting_over_is_a_new_table() {
        let sk = skeleton("市甲局\n序号\n（一）指标类\n1\n任务目标\n甲\n完成时限\n12月底前\n（一）指标类\n1\n");
        assert_eq!(sk.tables.len(), 2);
        assert_eq!((sk.tables[1].department, sk.tables[1].continued), (None, false));
    }

    #[test]
    fn page_starting_with_a_continued_table() {
        let sk = skeleton("6\n7\n（二）项目类\n1\n");
        assert!(sk.tables[0].continued);
        assert_eq!(sk.tables[0].department, None);
        assert_eq!(seqs(&sk.groups[0]), [(0, 0, 6), (0, 0, 7), (0, 1, 1)]);
    }

    fn uncertain(sk: &Skeleton) -> Vec<bool> {
        sk.groups.iter().flat_map(|g| &g.slots).map(|s| s.flags.contains(Flag::DepartmentUncertain)).collect()
    }

    #[test]
    fn rows_after_a_department_without_rows_are_uncertain() {
        // Plain pdftotext: 市甲局's heading, then 市乙局's before 市甲局's rows.
        let sk = skeleton("市甲局\n序号\n任务目标\n市乙局\n完成时限\n（一）指标类\n1\n2\n任务目标\n甲\n乙\n");
        assert_eq!(sk.tables.len(), 2);
        assert_eq!(uncertain(&sk), [true, true]);
        let sk = skeleton("市甲局\n序号\n（一）指标类\n1\n2\n任务目标\n甲\n乙\n");
        assert_eq!(uncertain(&sk), [false, false]);
    }

    /// Regression (gen's PDF pages as plain `pdftotext`, seeds 21–27): a
    /// table carried on in the next newspaper column read under the heading
    /// printed there. Its categories then open past `（一）`, skip an
    /// ordinal, or repeat a name; every row of that table is uncertain, the
    /// tables in order are not.
    #[test]
    fn categories_out_of_order_make_their_table_uncertain() {
        let t = "任务目标\n甲\n乙\n丙\n";
        let opens_past_one = skeleton(&format!("市甲局\n序号\n（二）项目类\n1\n2\n市乙局\n序号\n（一）指标类\n1\n{t}"));
        assert_eq!(uncertain(&opens_past_one), [true, true, false]);
        let skips = skeleton(&format!("市甲局\n序号\n（一）指标类\n1\n（三）其他类\n1\n2\n{t}"));
        assert_eq!(uncertain(&skips), [true, true, true]);
        let twice = skeleton(&format!("市甲局\n序号\n（一）政策类\n1\n（二）其他类\n1\n（三）政策类\n1\n{t}"));
        assert_eq!(uncertain(&twice), [true, true, true]);
        let in_order = skeleton(&format!("市甲局\n序号\n（一）指标类\n1\n（二）项目类\n1\n2\n{t}"));
        assert_eq!(uncertain(&in_order), [false, false, false]);
        // A list carried on from another page opens where it left off.
        let carried = skeleton(&format!("（二）项目类\n1\n（三）其他类\n1\n2\n{t}"));
        assert_eq!(uncertain(&carried), [false, false, false]);
    }

    #[test]
    fn numbering_past_one_under_a_printed_heading_is_uncertain() {
        let sk = skeleton("市甲局\n序号\n（一）指标类\n3\n4\n任务目标\n甲\n乙\n丙\n丁\n");
        assert_eq!(uncertain(&sk), [true, true, true, true]);
        // Carried on from another page (no heading): its numbers are its own.
        let sk = skeleton("3\n4\n任务目标\n甲\n乙\n");
        assert_eq!(uncertain(&sk), [false, false]);
    }
}
