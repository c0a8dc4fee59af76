//! `pledges extract INPUT... --out DIR`: the main job.
//!
//! Reads pages (files, directories walked for text and positioned files, `-` for stdin) in
//! parallel, reports each bad file on stderr and goes on, and writes
//! `rows.csv`, `quantities.csv` and `leftovers.csv` (and with `--xlsx`
//! `pledges.xlsx`) into DIR, identical
//! whatever `--jobs` is.

use super::Outcome;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pledges::model::PageResult;
use pledges::run::batch::{self, Run};
use pledges::run::stream::Pipeline;
use pledges::{Options, Row};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Page files or directories (walked for text pages, PDFs, TSV, hOCR, ALTO and PaddleOCR JSON, sorted); `-` reads stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output directory (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Issue date (YYYY-MM-DD) for pages whose masthead and file name tell none.
    #[arg(long)]
    pub date: Option<String>,
    /// Write a UTF-8 BOM so spreadsheets open the Chinese text right.
    #[arg(long)]
    pub excel: bool,
    /// Fail a file that has any leftover line or flagged row.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar, no summary line and no warnings (errors still show).
    #[arg(long, short)]
    pub quiet: bool,
    /// Also report pages without any pledge table.
    #[arg(long, short)]
    pub verbose: bool,
    /// Process only the I-th of N deterministic shares of the inputs (`2/8`).
    /// Without it, a Slurm array task (`SLURM_ARRAY_TASK_ID` of
    /// `SLURM_ARRAY_TASK_COUNT`) or a Kubernetes Indexed Job
    /// (`JOB_COMPLETION_INDEX` of `--shard-count`) takes its share.
    #[arg(long, value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// How many shares a Kubernetes Indexed Job has (its `completions`),
    /// for `JOB_COMPLETION_INDEX`; else read from `PLEDGES_SHARD_COUNT`.
    #[arg(long)]
    pub shard_count: Option<usize>,
    /// Also write DIR/review.html, a page to check the rows against their input.
    #[arg(long)]
    pub review: bool,
    /// Also write DIR/pledges.xlsx: a sheet per CSV file plus a `flags` legend.
    #[arg(long)]
    pub xlsx: bool,
}

/// The share this process takes: `--shard`, else the scheduler's task index.
fn shard_of(args: &Args, env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Option<(usize, usize)>> {
    if args.shard.is_some() {
        return Ok(args.shard);
    }
    let number = |name: &str| -> anyhow::Result<Option<usize>> {
        env(name).map(|v| v.trim().parse().with_context(|| format!("{name}={v}: not a number"))).transpose()
    };
    // Slurm numbers array tasks from the array's first index (usually 0 or 1);
    // SLURM_ARRAY_TASK_MIN says which.
    if let (Some(id), Some(count)) = (number("SLURM_ARRAY_TASK_ID")?, number("SLURM_ARRAY_TASK_COUNT")?) {
        let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        let i = id.checked_sub(min).context("SLURM_ARRAY_TASK_ID below SLURM_ARRAY_TASK_MIN")? + 1;
        return checked_shard(i, count).map(Some);
    }
    if let Some(index) = number("JOB_COMPLETION_INDEX")? {
        let count = match args.shard_count {
            Some(n) => Some(n),
            None => number("PLEDGES_SHARD_COUNT")?,
        };
        let count =
            count.context("JOB_COMPLETION_INDEX needs --shard-count or PLEDGES_SHARD_COUNT (the Job's completions)")?;
        return checked_shard(index + 1, count).map(Some);
    }
    Ok(None)
}

fn checked_shard(i: usize, n: usize) -> anyhow::Result<(usize, usize)> {
    anyhow::ensure!(n > 0 && (1..=n).contains(&i), "shard {i}/{n}: need 1 <= I <= N");
    Ok((i, n))
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (i, n) = s.split_once('/').ok_or("expected I/N, e.g. 2/8")?;
    let (i, n): (usize, usize) =
        (i.parse().map_err(|_| "I is not a number")?, n.parse().map_err(|_| "N is not a number")?);
    if n == 0 || i == 0 || i > n {
        return Err(format!("shard {i}/{n}: need 1 <= I <= N"));
    }
    Ok((i, n))
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    if let Some(d) = &args.date {
        anyhow::ensure!(is_iso_date(d), "--date {d}: expected a real date, YYYY-MM-DD");
    }
    let mut skipped = vec![];
    let mut inputs = batch::list_inputs_noting(&args.inputs, &mut skipped)?;
    // --quiet keeps stderr for errors: a skipped answer file beside its page is no news.
    for s in skipped.iter().filter(|_| !args.quiet) {
        eprintln!("note: {}: skipped, not a page file (takes {})", s.display(), batch::PAGE_EXTENSIONS.join(", "));
    }
    if inputs.is_empty() {
        eprintln!("error: no page files among the inputs ({} file(s) skipped)", skipped.len());
        return Ok(Outcome::Problems);
    }
    if let Some((i, n)) = shard_of(&args, |name| std::env::var(name).ok())? {
        inputs = batch::shard(inputs, i, n);
    }
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let pipeline = Pipeline::with_workers(workers(args.jobs));
    let opts = Options { date: args.date.clone() };
    let bar = progress(inputs.len() as u64, args.quiet);
    let mut report = Report::default();
    let mut run = Run::spilling(&args.out, args.excel)?;
    // Each page is reported and spilled to disk in input order while the
    // workers go on with the pages after it (pages come with their CSV
    // fragments built in the workers).
    batch::extract_prepared_in_order(&inputs, &opts, &pipeline, &|| bar.inc(1), |input, result| match result {
        Ok(prepared) => {
            if !prepared.page.starts_continued {
                report.page(&prepared.page, &args);
            }
            run.push_prepared(prepared)
        }
        Err(err) => {
            report.error(&err.to_string());
            run.unreadable.push((input.name(), err.to_string()));
            Ok(())
        }
    })?;
    bar.finish_and_clear();
    run.finish_and_write(&args.out, args.excel)?;
    if args.review {
        pledges::review::write_review(&args.out)?;
    }
    if args.xlsx {
        pledges::run::xlsx::write_run_workbook(&args.out)?;
    }
    // Pages carrying on another page's list are complete only now.
    for page in run.pages.iter().filter(|p| p.starts_continued) {
        report.page(page, &args);
    }
    if !args.quiet {
        report.summary(&run.pages, started);
    }
    Ok(if report.problems { Outcome::Problems } else { Outcome::Clean })
}

/// Worker threads for `--jobs`: all cores when not given (or 0).
fn workers(jobs: Option<usize>) -> usize {
    match jobs {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// `YYYY-MM-DD` naming a day that exists (`2022-13-45` does not).
fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let field = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap_or(0);
    shaped && pledges::fields::deadline::is_real_date(field(0..4) as i32, field(5..7), field(8..10))
}

fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    // Whole pages per second: indicatif's own {per_sec} prints `7.2462/s`.
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} pages  {rate}  ETA {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", pages_per_second(state.per_sec()));
        });
    bar.set_style(style);
    bar
}

/// `7.2462` pages a second → `7.2 pages/s`; whole pages from 10 on.
fn pages_per_second(rate: f64) -> String {
    if rate >= 10.0 {
        format!("{rate:.0} pages/s")
    } else {
        format!("{rate:.1} pages/s")
    }
}

/// `1 page`, `2 pages`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// What the run tells on stderr, and whether any file had problems.
#[derive(Default)]
struct Report {
    problems: bool,
    errors: usize,
}

impl Report {
    fn error(&mut self, message: &str) {
        eprintln!("error: {message}");
        self.problems = true;
        self.errors += 1;
    }

    fn page(&mut self, page: &PageResult, args: &Args) {
        if !page.has_table && page.problems.is_empty() {
            if args.verbose {
                eprintln!("note: {}: no pledge table", page.source);
            }
            return;
        }
        let flagged: Vec<&Row> = page.rows.iter().filter(|r| !r.flags.is_empty()).collect();
        let strict_fail = args.strict && (!page.leftovers.is_empty() || !flagged.is_empty());
        for p in page.problems.iter().filter(|_| !args.quiet) {
            let at = p.line.map(|l| format!(":{l}")).unwrap_or_default();
            eprintln!("warning: {}{at}: {}", page.source, p.message);
        }
        if args.verbose {
            if let Some(first) = flagged.first() {
                let at = first.source_lines.split('-').next().unwrap_or("");
                eprintln!("note: {}:{at}: {} flagged row(s), first: {}", page.source, flagged.len(), first.flags);
            }
        }
        if strict_fail {
            eprintln!("error: {}", strict_message(page, &flagged));
        }
        // A page whose columns do not add up, or with lines no row could take, is a problem page.
        self.problems |= strict_fail || !page.problems.is_empty();
    }

    fn summary(&self, pages: &[PageResult], started: Instant) {
        let with_tables = pages.iter().filter(|p| p.has_table).count();
        let counts = |p: &PageResult| match &p.spilled {
            Some(s) => (s.row_count, s.flagged, s.leftover_count),
            None => (p.rows.len(), p.rows.iter().filter(|r| !r.flags.is_empty()).count(), p.leftovers.len()),
        };
        let (rows, flagged, leftovers) =
            pages.iter().map(counts).fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        eprintln!(
            "pledges: {} read ({} unreadable), {with_tables} with tables, {}, {flagged} flagged, {}, {:.2}s",
            plural(pages.len() + self.errors, "page"),
            self.errors,
            plural(rows, "row"),
            plural(leftovers, "leftover"),
            started.elapsed().as_secs_f64()
        );
    }
}

/// Why `--strict` fails a page, at the first line a user must look at: the
/// first flagged row's target (with its flags) or the first leftover line.
fn strict_message(page: &PageResult, flagged: &[&Row]) -> String {
    let row_line = |r: &Row| r.source_lines.split(['-', ';']).next().and_then(|l| l.parse::<usize>().ok());
    let first_row = flagged.first().and_then(|r| Some((row_line(r)?, *r)));
    let first_leftover = page.leftovers.first().map(|l| l.line.0);
    let line = match (first_row.map(|(l, _)| l), first_leftover) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let at = line.map(|l| format!(":{l}")).unwrap_or_default();
    let mut message = format!(
        "{}{at}: --strict: {} flagged row(s), {} leftover line(s)",
        page.source,
        flagged.len(),
        page.leftovers.len()
    );
    if let Some((l, r)) = first_row {
        message += &format!("; first flagged row at line {l}: {} {} {} ({})", r.department, r.category, r.seq, r.flags);
    }
    if let Some(l) = page.leftovers.first() {
        message += &format!("; first leftover at line {}: {}", l.line, l.reason);
    }
    message
}
