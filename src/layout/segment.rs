//! Stage 3: classified lines → column blocks.
//!
//! pdftotext writes a table column by column, so a page is a run of blocks:
//! number columns (department, `序号`, categories, row numbers), target
//! columns (`任务目标` and wrapped text) and deadline columns (`完成时限` and
//! one deadline per row). A block starts at its header, or, when OCR lost the
//! header, where the kind of line changes. Lines outside any block are page
//! furniture (masthead, title, lead paragraph, continuation markers).
//!
//! ```
//! use pledges::{layout::classify::classify, read::decode::decode, layout::segment::{segment, Block}};
//! let text = decode("p", "市测试局\n序号\n（一）指标类\n1\n任务目标\n新增企业5家\n完成时限\n12月底前\n".as_bytes()).unwrap();
//! let blocks = segment(&classify(&text.lines)).blocks;
//! assert!(matches!(blocks[0], Block::Numbers(_)));
//! assert!(matches!(blocks[1], Block::Targets(_)));
//! assert!(matches!(blocks[2], Block::Deadlines(_)));
//! ```

use crate::layout::classify::Kind;

/// An entry of a number column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumEntry {
    Category {
        line: usize,
        ordinal: u32,
        name: String,
    },
    /// `blank_before`: a blank line stood right before this number.
    Number {
        line: usize,
        n: u32,
        blank_before: bool,
    },
}

/// A number column: optional department and headers, then categories and numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberBlock {
    /// Index of the department line, when printed.
    pub department: Option<usize>,
    /// Further lines of a department name that wrapped.
    pub name_lines: Vec<usize>,
    /// Indices of `序号` and header-row lines.
    pub headers: Vec<usize>,
    pub entries: Vec<NumEntry>,
}

/// A column of lines (target text or deadlines) with its optional header.
/// `blank_before[i]` tells whether a blank line stood before `lines[i]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    pub header: Option<usize>,
    pub lines: Vec<usize>,
    pub blank_before: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Numbers(NumberBlock),
    Targets(Column),
    Deadlines(Column),
}

/// Why a line is page furniture rather than table content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    Masthead,
    Title,
    Prose,
    Continuation,
    Header,
    /// A cell of a column besides number, target and deadline (`责任单位`).
    OtherCell,
}

/// The blocks of a page and its furniture lines.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub blocks: Vec<Block>,
    pub furniture: Vec<(usize, Furniture)>,
}

/// Splits classified lines into blocks.
pub fn segment(kinds: &[Kind]) -> Segments {
    let mut seg = Segments::default();
    let mut blank = false;
    let mut seen_table = false;
    // Under an other column's header (`责任单位`), until a line of another kind.
    let mut other_column = false;
    for (i, kind) in kinds.iter().enumerate() {
        if *kind == Kind::Blank {
            blank = true;
            continue;
        }
        other_column = match kind {
            Kind::OtherHeader => true,
            Kind::Text => other_column,
            _ => false,
        };
        if other_column && *kind == Kind::Text {
            seg.furniture.push((i, Furniture::OtherCell));
            blank = false;
            continue;
        }
        // Text after a table part, or after `（上接3版）`, is table text, not a lead paragraph.
        seen_table |= !matches!(kind, Kind::Text | Kind::Masthead | Kind::Title | Kind::Continuation { to: true, .. });
        place(&mut seg, i, kind, blank, seen_table);
        blank = false;
    }
    drop_empty_columns(&mut seg);
    seg
}

fn place(seg: &mut Segments, i: usize, kind: &Kind, blank: bool, seen_table: bool) {
    match kind {
        Kind::Blank => {}
        Kind::Masthead => seg.furniture.push((i, Furniture::Masthead)),
        Kind::Title => seg.furniture.push((i, Furniture::Title)),
        Kind::OtherHeader => seg.furniture.push((i, Furniture::Header)),
        Kind::Continuation { .. } => seg.furniture.push((i, Furniture::Continuation)),
        Kind::Department => match seg.blocks.last_mut() {
            // A name wrapped over two lines (`市文化和广电旅游体` / `育局`).
            Some(Block::Numbers(b)) if b.department.is_some() && b.headers.is_empty() && b.entries.is_empty() => {
                b.name_lines.push(i)
            }
            _ => seg.blocks.push(Block::Numbers(NumberBlock { department: Some(i), ..Default::default() })),
        },
        Kind::SeqHeader | Kind::HeaderRow => match seg.blocks.last_mut() {
            Some(Block::Numbers(b)) if b.entries.is_empty() => b.headers.push(i),
            _ => seg.blocks.push(Block::Numbers(NumberBlock { headers: vec![i], ..Default::default() })),
        },
        Kind::Category { ordinal, name } => {
            let entry = NumEntry::Category { line: i, ordinal: *ordinal, name: name.clone() };
            number_block(seg).entries.push(entry);
        }
        Kind::Number(n) => number_block(seg).entries.push(NumEntry::Number { line: i, n: *n, blank_before: blank }),
        Kind::TargetHeader | Kind::DeadlineHeader if opening_table(seg) => {
            // Row-by-row tables print all column headers under the name.
            if let Some(Block::Numbers(b)) = seg.blocks.last_mut() {
                b.headers.push(i);
            }
        }
        Kind::TargetHeader => seg.blocks.push(Block::Targets(Column { header: Some(i), ..Default::default() })),
        Kind::DeadlineHeader => seg.blocks.push(Block::Deadlines(Column { header: Some(i), ..Default::default() })),
        Kind::Deadline => push_line(deadline_column(seg), i, blank),
        Kind::Text if !seen_table => seg.furniture.push((i, Furniture::Prose)),
        Kind::Text => push_line(target_column(seg), i, blank),
    }
}

/// The last block is a table's name and headers with no row numbers yet.
fn opening_table(seg: &Segments) -> bool {
    matches!(seg.blocks.last(), Some(Block::Numbers(b)) if b.entries.is_empty() && b.department.is_some())
}

fn push_line(col: &mut Column, i: usize, blank: bool) {
    col.blank_before.push(blank && !col.lines.is_empty());
    col.lines.push(i);
}

fn number_block(seg: &mut Segments) -> &mut NumberBlock {
    last_or_new(
        seg,
        |b| if let Block::Numbers(n) = b { Some(n) } else { None },
        || Block::Numbers(NumberBlock::default()),
    )
}

fn target_column(seg: &mut Segments) -> &mut Column {
    last_or_new(seg, |b| if let Block::Targets(c) = b { Some(c) } else { None }, || Block::Targets(Column::default()))
}

fn deadline_column(seg: &mut Segments) -> &mut Column {
    last_or_new(
        seg,
        |b| if let Block::Deadlines(c) = b { Some(c) } else { None },
        || Block::Deadlines(Column::default()),
    )
}

/// The last block when it is of the wanted kind (`get` finds it), else a
/// new one made by `new`: a column goes on until the kind of line changes.
fn last_or_new<T>(seg: &mut Segments, get: fn(&mut Block) -> Option<&mut T>, new: fn() -> Block) -> &mut T {
    if seg.blocks.last_mut().and_then(get).is_none() {
        seg.blocks.push(new());
    }
    seg.blocks.last_mut().and_then(get).expect("a block of the wanted kind was just pushed")
}

/// A header with nothing under it (row-by-row tables print `任务目标` and
/// `完成时限` once above all rows) is furniture, not a column.
fn drop_empty_columns(seg: &mut Segments) {
    let mut kept = Vec::with_capacity(seg.blocks.len());
    for block in seg.blocks.drain(..) {
        match &block {
            Block::Targets(c) | Block::Deadlines(c) if c.lines.is_empty() => {
                seg.furniture.extend(c.header.map(|h| (h, Furniture::Header)));
            }
            _ => kept.push(block),
        }
    }
    seg.blocks = kept;
    seg.furniture.sort_unstable_by_key(|(line, _)| *line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::classify::classify_line;

    fn seg(text: &str) -> Segments {
        segment(&text.lines().map(classify_line).collect::<Vec<_>>())
    }

    #[test]
    fn headerless_blocks_start_where_the_kind_changes() {
        let s = seg("市测试局\n序号\n1\n2\n新增企业5家\n\n完成调查\n12月底前\n6月底前\n3\n");
        assert_eq!(s.blocks.len(), 4);
        let Block::Targets(t) = &s.blocks[1] else { panic!() };
        assert_eq!(t.lines, [4, 6]);
        assert_eq!(t.blank_before, [false, true]);
        let Block::Numbers(n) = &s.blocks[3] else { panic!() };
        assert_eq!(n.department, None);
    }

    #[test]
    fn prose_before_the_first_table_is_furniture() {
        let s = seg("现将各部门单位工作承诺予以刊登。\n“扛旗争先”工作承诺清单\n市测试局\n序号\n1\n");
        assert_eq!(s.furniture, [(0, Furniture::Prose), (1, Furniture::Title)]);
    }

    #[test]
    fn headers_under_a_name_belong_to_its_table() {
        let s = seg("市测试局\n任务目标\n序号\n完成时限\n（一）指标类\n1\n新增企业5家\n12月底前\n");
        let Block::Numbers(n) = &s.blocks[0] else { panic!() };
        assert_eq!((n.department, n.headers.clone()), (Some(0), vec![1, 2, 3]));
        assert_eq!(n.entries.len(), 2);
    }

    #[test]
    fn header_only_columns_are_furniture() {
        let s = seg("市测试局\n序号\n1\n新增企业5家\n12月底前\n任务目标\n完成时限\n2\n完成调查\n6月底前\n");
        assert_eq!(s.furniture, [(5, Furniture::Header), (6, Furniture::Header)]);
        assert_eq!(s.blocks.len(), 6);
    }
}
