//! `pledges extract INPUT... --out DIR`: the main job.
//!
//! Reads pages (files, directories walked for text and positioned files, `-` for stdin) in
//! parallel, reports each bad file on stderr and goes on, and writes
//! `rows.csv`, `quantities.csv` and `leftovers.csv` into DIR, identical
//! whatever `--jobs` is.

use super::Outcome;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pledges::run::batch::{self, Run};
use pledges::run::page::PageResult;
use pledges::{Options, Row};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Pages extracted in parallel before their rows are spilled to disk.
const CHUNK: usize = 4096;

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
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also report pages without any pledge table.
    #[arg(long, short)]
    pub verbose: bool,
    /// Process only the I-th of N deterministic shares of the inputs (`2/8`).
    #[arg(long, value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
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
        anyhow::ensure!(is_iso_date(d), "--date {d}: expected YYYY-MM-DD");
    }
    let mut skipped = vec![];
    let mut inputs = batch::list_inputs_noting(&args.inputs, &mut skipped)?;
    for s in &skipped {
        eprintln!("note: {}: skipped, not a page file (takes {})", s.display(), batch::PAGE_EXTENSIONS.join(", "));
    }
    if inputs.is_empty() {
        eprintln!("error: no page files among the inputs ({} file(s) skipped)", skipped.len());
        return Ok(Outcome::Problems);
    }
    if let Some((i, n)) = args.shard {
        inputs = batch::shard(inputs, i, n);
    }
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    // Most pages of an archive are news prose: the dictionary loads while they are read.
    std::thread::spawn(pledges::align::warm_up);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build()?;
    let opts = Options { date: args.date.clone() };
    let bar = progress(inputs.len() as u64, args.quiet);
    let mut report = Report::default();
    let mut run = Run::spilling(&args.out)?;
    // Chunks bound memory: a chunk's pages are extracted in parallel, then
    // reported and spilled to disk before the next chunk is read.
    for chunk in inputs.chunks(CHUNK) {
        let results = pool.install(|| batch::extract_all(chunk, &opts, &|| bar.inc(1)));
        for (input, result) in chunk.iter().zip(results) {
            match result {
                Ok(page) => {
                    if !page.starts_continued {
                        report.page(&page, &args);
                    }
                    run.push(page)?;
                }
                Err(err) => {
                    report.error(&err.to_string());
                    run.unreadable.push((input.name(), err.to_string()));
                }
            }
        }
    }
    bar.finish_and_clear();
    run.finish_and_write(&args.out, args.excel)?;
    // Pages carrying on another page's list are complete only now.
    for page in run.pages.iter().filter(|p| p.starts_continued) {
        report.page(page, &args);
    }
    if !args.quiet {
        report.summary(&run.pages, started);
    }
    Ok(if report.problems { Outcome::Problems } else { Outcome::Clean })
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} pages  {per_sec}  ETA {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
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
        for p in &page.problems {
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
            eprintln!(
                "error: {}: --strict: {} flagged row(s), {} leftover line(s)",
                page.source,
                flagged.len(),
                page.leftovers.len()
            );
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
            "pledges: {} pages read ({} unreadable), {with_tables} with tables, {rows} rows, {flagged} flagged, {leftovers} leftovers, {:.2}s",
            pages.len() + self.errors,
            self.errors,
            started.elapsed().as_secs_f64()
        );
    }
}
