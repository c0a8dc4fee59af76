//! `pledges gen`: write synthetic pages and their gold rows.
//!
//! ```text
//! pledges gen --seed 1 --count 5 --out pages/ --width-em 16 --row-wise-rate 0.5
//! pledges gen --all-presets --count 2 --seed 1 --out corpus/gen
//! pledges gen --archive 1000 --seed 1 --out archive/
//! ```
//!
//! Each page becomes `DIR/<name>.txt` plus `DIR/<name>.gold.csv`; names are
//! `g<index>_<preset>_<issue date>_p<page>` so a directory listing sorts
//! in generation order.
use super::Outcome;
use anyhow::Context;
use pledges::gen::{self, GeneratedPage, Knobs};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Seed for every random choice; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Pages to generate (per preset with --all-presets); a continued list
    /// adds its second page.
    #[arg(long, default_value_t = 1)]
    pub count: usize,
    /// Output directory (created if missing).
    #[arg(long, required_unless_present = "list_presets")]
    pub out: Option<PathBuf>,
    /// Start from a named preset (see --list-presets) instead of the defaults.
    #[arg(long, conflicts_with = "all_presets")]
    pub preset: Option<String>,
    /// Generate --count pages for every preset.
    #[arg(long)]
    pub all_presets: bool,
    /// Print the preset names with their knobs and exit.
    #[arg(long)]
    pub list_presets: bool,
    /// Write an archive of this many pages (mostly prose) instead.
    #[arg(long, value_name = "PAGES")]
    pub archive: Option<usize>,
    /// Share of archive pages that carry pledge tables.
    #[arg(long, default_value_t = 0.1)]
    pub table_rate: f64,
    /// Size of the archive's table pages: `small` (≈ 30 rows) or `full`
    /// (≈ 100 rows, 7–11 KB, like the real seed page). Knob flags apply on top.
    #[arg(long, value_enum, default_value_t = gen::TableSize::Small)]
    pub table_size: gen::TableSize,
    #[command(flatten)]
    pub knobs: Box<KnobFlags>,
    /// Write pages as printed: FORMATS is a comma list of pdf, tsv, hocr,
    /// alto, paddle, or `all`; presets and knobs are then the positioned
    /// ones (see --list-presets with --positioned).
    #[arg(long, value_name = "FORMATS")]
    pub positioned: Option<super::gen_positioned::FormatList>,
    #[command(flatten)]
    pub pos_knobs: Box<super::gen_positioned::PosKnobFlags>,
}

/// One optional flag per [`Knobs`] field; a given flag overrides the preset.
#[derive(clap::Args, Debug, Default)]
pub struct KnobFlags {
    /// Target column width in em (CJK char and full-width punctuation 1 em, ASCII letter/digit/space 0.5 em).
    #[arg(long)]
    pub width_em: Option<f64>,
    /// Probability that an ASCII space of the source text is printed.
    #[arg(long)]
    pub keep_space_rate: Option<f64>,
    /// Fewest tables (departments) on a page.
    #[arg(long)]
    pub tables_min: Option<usize>,
    /// Most tables (departments) on a page.
    #[arg(long)]
    pub tables_max: Option<usize>,
    /// Most rows in one category of one table (each category draws 1..=this).
    #[arg(long)]
    pub max_rows_per_category: Option<usize>,
    /// Fewest departments in one column-wise group.
    #[arg(long)]
    pub group_min: Option<usize>,
    /// Most departments in one column-wise group (the seed has 3, 1 and 4).
    #[arg(long)]
    pub group_max: Option<usize>,
    /// Probability that a column-wise table breaks across newspaper columns: its tail starts the next group with no headers at all.
    #[arg(long)]
    pub split_rate: Option<f64>,
    /// Probability that a table is read row by row (cells as text boxes).
    #[arg(long)]
    pub row_wise_rate: Option<f64>,
    /// Probability of a blank line between two multi-line target cells of one category (seed: 4 of 5).
    #[arg(long)]
    pub blank_tall_rate: Option<f64>,
    /// Probability of a blank line between target cells of different heights (seed: 1 of 22).
    #[arg(long)]
    pub blank_unequal_rate: Option<f64>,
    /// Probability of a blank line between two one-line target cells (seed: 0 of 64).
    #[arg(long)]
    pub blank_equal_rate: Option<f64>,
    /// Probability of a blank line in the number / deadline column before a row when it or the row above is multi-line (seed: 26 of 26).
    #[arg(long)]
    pub blank_side_rate: Option<f64>,
    /// The same between two one-line rows (seed: 0 of 64).
    #[arg(long)]
    pub blank_side_flat_rate: Option<f64>,
    /// Probability of a blank line after each cell in row-wise tables.
    #[arg(long)]
    pub row_wise_blank_rate: Option<f64>,
    /// Per row: probability that its number line is missing.
    #[arg(long)]
    pub drop_number_rate: Option<f64>,
    /// Per category: probability that a run of 2..=12 numbers is missing.
    #[arg(long)]
    pub drop_run_rate: Option<f64>,
    /// Per category header: probability of `(一）` or `(一)` brackets.
    #[arg(long)]
    pub half_bracket_rate: Option<f64>,
    /// Per number / deadline: probability of full-width digits (`１２月底前`).
    #[arg(long)]
    pub fullwidth_digit_rate: Option<f64>,
    /// Per number: probability of a stray leading space (` 5`).
    #[arg(long)]
    pub stray_space_rate: Option<f64>,
    /// Per non-continued column-wise block: probability that its 任务目标 / 完成时限 header is missing.
    #[arg(long)]
    pub missing_header_rate: Option<f64>,
    /// Probability that the list continues on a second page (下转 / 上接).
    #[arg(long)]
    pub continue_rate: Option<f64>,
    /// Probability that the masthead is not in the seed's shape.
    #[arg(long)]
    pub masthead_variant_rate: Option<f64>,
    /// Probability that a page uses 承诺事项/工作目标 and 完成时间/时限 headers.
    #[arg(long)]
    pub alt_header_rate: Option<f64>,
    /// Per row: probability of a deadline worded as in other issues (年底前, 6月30日前, 上半年, 长期坚持 …).
    #[arg(long)]
    pub alt_deadline_rate: Option<f64>,
    /// Probability of a second prose paragraph before the title.
    #[arg(long)]
    pub second_paragraph_rate: Option<f64>,
    /// Probability that a table is printed the way `pdftotext -layout` or a line-by-line OCR writes it.
    #[arg(long)]
    pub layout_rate: Option<f64>,
    /// Per deadline of 7 characters or more: probability that it wraps over two lines.
    #[arg(long)]
    pub deadline_wrap_rate: Option<f64>,
    /// Where targets, deadlines, departments and mastheads come from: seed (the real page's), other (a bank written in other cities' wording) or mixed.
    #[arg(long, value_name = "seed|other|mixed")]
    pub texts: Option<gen::TextBank>,
}

impl KnobFlags {
    fn apply(&self, mut k: Knobs) -> Knobs {
        // The destructuring is exhaustive on purpose: a knob without a flag
        // here does not compile.
        macro_rules! set {
            ($($f:ident),*) => {
                $( if let Some(v) = self.$f { k.$f = v; } )*
                let Knobs { $($f: _),* } = &k;
            };
        }
        set!(
            width_em,
            keep_space_rate,
            tables_min,
            tables_max,
            max_rows_per_category,
            group_min,
            group_max,
            split_rate,
            row_wise_rate,
            blank_tall_rate,
            blank_unequal_rate,
            blank_equal_rate,
            blank_side_rate,
            blank_side_flat_rate,
            row_wise_blank_rate,
            drop_number_rate,
            drop_run_rate,
            half_bracket_rate,
            fullwidth_digit_rate,
            stray_space_rate,
            missing_header_rate,
            continue_rate,
            masthead_variant_rate,
            alt_header_rate,
            alt_deadline_rate,
            second_paragraph_rate,
            layout_rate,
            deadline_wrap_rate,
            texts
        );
        k
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if let Some(formats) = &args.positioned {
        if args.list_presets {
            return super::gen_positioned::list_presets();
        }
        return super::gen_positioned::run(&args, &formats.0);
    }
    if args.list_presets {
        for (name, knobs) in gen::knob_presets() {
            println!("{name}\t{}", serde_json::to_string(&knobs)?);
        }
        return Ok(Outcome::Clean);
    }
    let out = args.out.clone().context("--out is required")?;
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    if let Some(pages) = args.archive {
        return write_archive(&out, args.seed, pages, args.table_rate, args.knobs.apply(args.table_size.knobs()));
    }
    let runs = selected_presets(&args)?;
    let mut used = HashSet::new();
    let mut index = 0;
    let mut written = 0;
    for (preset, knobs) in runs {
        for _ in 0..args.count {
            index += 1;
            for page in unique_pages(args.seed, index, &knobs, &mut used) {
                let name = match preset {
                    Some(p) => format!("g{index:04}_{p}_{}_p{:02}", page.issue_date, page.page),
                    None => format!("g{index:04}_{}_p{:02}", page.issue_date, page.page),
                };
                write_page(&out, &name, &page)?;
                written += 1;
            }
        }
    }
    eprintln!("wrote {written} pages to {}", out.display());
    Ok(Outcome::Clean)
}

type Run = (Option<&'static str>, Knobs);

fn selected_presets(args: &Args) -> anyhow::Result<Vec<Run>> {
    let presets = gen::knob_presets();
    if args.all_presets {
        return Ok(presets.into_iter().map(|(n, k)| (Some(n), args.knobs.apply(k))).collect());
    }
    match &args.preset {
        None => Ok(vec![(None, args.knobs.apply(Knobs::default()))]),
        Some(want) => {
            let names: Vec<&str> = presets.iter().map(|(n, _)| *n).collect();
            let (name, knobs) = presets
                .into_iter()
                .find(|(n, _)| n == want)
                .with_context(|| format!("unknown preset {want:?}; known: {}", names.join(", ")))?;
            Ok(vec![(Some(name), args.knobs.apply(knobs))])
        }
    }
}

/// Pages for one index, re-seeded until no (issue date, page) repeats in
/// this run, because eval tells pages apart by that pair.
fn unique_pages(seed: u64, index: usize, knobs: &Knobs, used: &mut HashSet<(String, u32)>) -> Vec<GeneratedPage> {
    let mut attempt: u64 = 0;
    loop {
        let page_seed = seed.wrapping_mul(1_000_003).wrapping_add(index as u64).wrapping_add(attempt << 32);
        let pages = gen::generate(page_seed, knobs);
        if pages.iter().all(|p| !used.contains(&(p.issue_date.clone(), p.page))) {
            used.extend(pages.iter().map(|p| (p.issue_date.clone(), p.page)));
            return pages;
        }
        attempt += 1;
    }
}

fn write_page(dir: &Path, name: &str, page: &GeneratedPage) -> anyhow::Result<()> {
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, &page.text).with_context(|| format!("cannot write {}", txt.display()))?;
    let gold = dir.join(format!("{name}.gold.csv"));
    let file = std::fs::File::create(&gold).with_context(|| format!("cannot write {}", gold.display()))?;
    gen::write_gold(std::io::BufWriter::new(file), page).with_context(|| format!("cannot write {}", gold.display()))?;
    Ok(())
}

fn write_archive(out: &Path, seed: u64, pages: usize, table_rate: f64, knobs: Knobs) -> anyhow::Result<Outcome> {
    let mut tables = 0;
    for page in gen::generate_archive_with(seed, pages, table_rate, knobs) {
        if page.gold.is_empty() {
            let txt = out.join(format!("{}.txt", page.name));
            std::fs::write(&txt, &page.text).with_context(|| format!("cannot write {}", txt.display()))?;
        } else {
            tables += 1;
            write_page(out, &page.name, &page)?;
        }
    }
    eprintln!("wrote {pages} archive pages ({tables} with tables) to {}", out.display());
    Ok(Outcome::Clean)
}
