//! Printing table parts onto the sheet: column-wise number, target and
//! deadline blocks with their blank lines, row-wise tables, and tables
//! printed one row per line.

use super::*;
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(super) fn print_group(
    sheet: &mut Sheet,
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    style: &Style,
    tables: &[Table],
    group: &[Part],
) {
    if group.len() == 1 && group[0].row_wise {
        print_row_wise(sheet, rng, knobs, style, &tables[group[0].table], group[0]);
        return;
    }
    if group.len() == 1 && group[0].layout {
        print_layout(sheet, rng, knobs, style, &tables[group[0].table], group[0]);
        return;
    }
    for part in group {
        print_numbers(sheet, rng, knobs, &tables[part.table], *part);
    }
    for part in group {
        print_targets(sheet, rng, knobs, style, &tables[part.table], *part);
    }
    for part in group {
        print_deadlines(sheet, rng, knobs, style, &tables[part.table], *part);
    }
}

pub(super) fn is_tall(table: &Table, i: usize) -> bool {
    table.rows[i].lines.len() > 1
}

/// Side columns (numbers, deadlines) get a blank before a row when it or the
/// row above is tall: the side cell sits mid-row, so pdftotext sees a wide
/// vertical gap.
pub(super) fn side_blank_rate(knobs: &Knobs, table: &Table, i: usize) -> f64 {
    let tall = is_tall(table, i) || (i > 0 && is_tall(table, i - 1));
    if tall {
        knobs.blank_side_rate
    } else {
        knobs.blank_side_flat_rate
    }
}

/// Blank between two target cells of one category, by their heights.
pub(super) fn target_blank_rate(knobs: &Knobs, above: &Row, below: &Row) -> f64 {
    let (a, b) = (above.lines.len(), below.lines.len());
    if a > 1 && b > 1 {
        knobs.blank_tall_rate
    } else if a != b {
        knobs.blank_unequal_rate
    } else {
        knobs.blank_equal_rate
    }
}

pub(super) fn print_numbers(sheet: &mut Sheet, rng: &mut ChaCha8Rng, knobs: &Knobs, table: &Table, part: Part) {
    if !part.continued() {
        sheet.push(table.department.clone());
        sheet.maybe_blank(rng, 0.2);
        sheet.push("序号");
        sheet.maybe_blank(rng, 0.8);
    }
    for i in part.from..part.to {
        let row = &table.rows[i];
        if table.is_category_start(i) {
            sheet.maybe_blank(rng, 0.5);
            sheet.push(table.header_of(row.category).to_string());
            sheet.maybe_blank(rng, 0.4);
        } else {
            sheet.maybe_blank(rng, side_blank_rate(knobs, table, i));
        }
        if let Some(number) = &row.number {
            sheet.push(number.clone());
        }
    }
    // The seed has a blank after all 6 number blocks; the next line may be a
    // department name, so losing it is a rare slip, not the rule.
    sheet.maybe_blank(rng, 0.98);
}

/// A text column's opening: a blank, then its header unless the part runs
/// on from another column or OCR lost it.
fn open_column(sheet: &mut Sheet, rng: &mut ChaCha8Rng, knobs: &Knobs, part: Part, header: &'static str) {
    sheet.blank();
    if !part.continued() && !chance(rng, knobs.missing_header_rate) {
        sheet.push(header);
        sheet.maybe_blank(rng, 0.95);
    }
}

pub(super) fn print_targets(
    sheet: &mut Sheet,
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    style: &Style,
    table: &Table,
    part: Part,
) {
    open_column(sheet, rng, knobs, part, style.target_header);
    for i in part.from..part.to {
        if i > part.from {
            if table.is_category_start(i) {
                sheet.blank();
            } else {
                let p = target_blank_rate(knobs, &table.rows[i - 1], &table.rows[i]);
                sheet.maybe_blank(rng, p);
            }
        }
        sheet.target_cell(part.table, i, &table.rows[i].lines);
    }
    sheet.blank();
}

pub(super) fn print_deadlines(
    sheet: &mut Sheet,
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    style: &Style,
    table: &Table,
    part: Part,
) {
    open_column(sheet, rng, knobs, part, style.deadline_header);
    for i in part.from..part.to {
        if i > part.from {
            // The seed has a blank at all 17 category boundaries here.
            let p = if table.is_category_start(i) { 0.95 } else { side_blank_rate(knobs, table, i) };
            sheet.maybe_blank(rng, p);
        }
        for line in wrap_deadline(rng, knobs, &table.rows[i].deadline) {
            sheet.push(line);
        }
    }
    sheet.blank();
}

/// A deadline as a narrow column prints it: on one line, or (with
/// `deadline_wrap_rate`, when 7 characters or more) cut after its year or
/// its month (`2022年12月` / `底前`).
pub(super) fn wrap_deadline(rng: &mut ChaCha8Rng, knobs: &Knobs, deadline: &str) -> Vec<String> {
    let chars: Vec<char> = deadline.chars().collect();
    // Drawn only when asked for, so that other knobs' pages stay as they were.
    if knobs.deadline_wrap_rate <= 0.0 || chars.len() < 7 || !chance(rng, knobs.deadline_wrap_rate) {
        return vec![deadline.to_string()];
    }
    let cuts: Vec<usize> = (1..chars.len() - 1).filter(|&k| matches!(chars[k - 1], '年' | '月')).collect();
    match cuts.choose(rng) {
        Some(&k) => vec![chars[..k].iter().collect(), chars[k..].iter().collect()],
        None => vec![deadline.to_string()],
    }
}

/// Header lines of a row-wise table: one of three shapes pdftotext gives for
/// the header text boxes.
pub(super) fn row_wise_headers(rng: &mut ChaCha8Rng, sheet: &mut Sheet, style: &Style) {
    match rng.random_range(0..10) {
        0..=5 => {
            sheet.push("序号");
            sheet.push(style.target_header);
            sheet.push(style.deadline_header);
        }
        6..=8 => {
            sheet.push(format!("序号 {} {}", style.target_header, style.deadline_header));
        }
        _ => {
            sheet.push(style.target_header);
            sheet.push("序号");
            sheet.push(style.deadline_header);
        }
    }
}

pub(super) fn print_row_wise(
    sheet: &mut Sheet,
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    style: &Style,
    table: &Table,
    part: Part,
) {
    sheet.blank();
    if !part.continued() {
        sheet.push(table.department.clone());
        row_wise_headers(rng, sheet, style);
        sheet.blank();
    }
    let p = knobs.row_wise_blank_rate;
    for i in part.from..part.to {
        let row = &table.rows[i];
        if table.is_category_start(i) {
            sheet.push(table.header_of(row.category).to_string());
            sheet.maybe_blank(rng, p);
        }
        if let Some(number) = &row.number {
            sheet.push(number.clone());
            sheet.maybe_blank(rng, p);
        }
        sheet.target_cell(part.table, i, &row.lines);
        sheet.maybe_blank(rng, p);
        sheet.push(row.deadline.clone());
        sheet.maybe_blank(rng, p);
    }
    sheet.blank();
}

/// A table as `pdftotext -layout` writes it: the number right-aligned in a
/// narrow column, the target lines padded to the column width, the number
/// and deadline on the middle line of their row.
pub(super) fn print_layout(
    sheet: &mut Sheet,
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    style: &Style,
    table: &Table,
    part: Part,
) {
    sheet.blank();
    let column = knobs.width_em.round().max(8.0) as usize;
    let pad = |text: &str| " ".repeat(2 * column.saturating_sub(width(text)) + 4);
    if !part.continued() {
        sheet.push(table.department.clone());
        sheet.push(format!("序号  {}{}{}", style.target_header, pad(style.target_header), style.deadline_header));
    }
    for i in part.from..part.to {
        let row = &table.rows[i];
        if table.is_category_start(i) {
            sheet.push(table.header_of(row.category).to_string());
        }
        let middle = (row.lines.len() - 1) / 2;
        let first = sheet.lines.len() + 1;
        for (j, line) in row.lines.iter().enumerate() {
            let (number, deadline) = if j == middle {
                (row.number.as_deref().map_or(String::new(), |n| n.trim().to_string()), row.deadline.as_str())
            } else {
                (String::new(), "")
            };
            let text = format!("{number:>4}    {line}{}{deadline}", pad(line));
            sheet.push(text.trim_end().to_string());
        }
        sheet.spans[part.table][i] = Some((first, sheet.lines.len()));
        sheet.maybe_blank(rng, knobs.blank_equal_rate);
    }
    sheet.blank();
}
