//! `pledges eval GOLD PRED`: score predicted rows against gold rows.
//!
//! ```text
//! pledges eval corpus/gen out/rows.csv
//! pledges eval corpus/gen out/ --json
//! pledges eval --gold corpus/gen corpus/gen --errors wrong.csv
//! pledges eval corpus/positioned out/rows.csv --ocr-tolerant
//! pledges eval gold.csv rows.csv --quantities-gold q.gold.csv --quantities-pred out/quantities.csv
//! pledges eval --corrections corrections.csv --run out/ [PRED]   # a reviewed run as gold
//! ```
//!
//! GOLD and PRED are CSV files or directories (every `*.gold.csv` and
//! `rows.csv` below them). The exit code says nothing about the score: it
//! is non-zero only when an input cannot be used.
use super::Outcome;
use anyhow::Context;
use pledges::{eval, review, run::batch, Options};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// `GOLD PRED`: gold rows and predicted rows, each a CSV file or a
    /// directory of *.gold.csv / rows.csv. With `--gold`: the pages to
    /// extract and score (files or directories).
    #[arg(required_unless_present = "corrections")]
    pub paths: Vec<PathBuf>,
    /// Gold rows; the positional paths are then pages that eval extracts itself.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also print scores pooled per generator preset (gold files named
    /// `g<index>_<preset>_…`, as `pledges gen --all-presets` writes them).
    #[arg(long)]
    pub by_preset: bool,
    /// Gold quantities.csv, scored against --quantities-pred.
    #[arg(long, requires = "quantities_pred")]
    pub quantities_gold: Option<PathBuf>,
    /// Predicted quantities.csv.
    #[arg(long, requires = "quantities_gold")]
    pub quantities_pred: Option<PathBuf>,
    /// Also print one line per page (the summary alone by default).
    #[arg(long)]
    pub pages: bool,
    /// Also write every wrong, missing and extra row (gold beside prediction,
    /// with the prediction's flags) to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// A review page's corrections CSV: the run in --run becomes the gold
    /// (PRED, if given, is scored against it; else the run itself).
    #[arg(long, requires = "run", conflicts_with = "gold", value_name = "CSV")]
    pub corrections: Option<PathBuf>,
    /// The output directory the corrections were made on.
    #[arg(long, requires = "corrections", value_name = "DIR")]
    pub run: Option<PathBuf>,
    /// With --corrections: rows without a verdict are right as extracted
    /// (default: left out of the gold).
    #[arg(long, requires = "corrections")]
    pub unreviewed_right: bool,
    /// With --corrections: also write the reviewed gold as a CSV.
    #[arg(long, requires = "corrections", value_name = "FILE")]
    pub write_gold: Option<PathBuf>,
    /// Score OCR output: a matched row is right when its target is at least
    /// --target-min and its deadline at least --deadline-min similar to gold
    /// (1 − normalized edit distance), since the recognizer's slips are not
    /// alignment errors.
    #[arg(long)]
    pub ocr_tolerant: bool,
    /// Least target similarity with --ocr-tolerant.
    #[arg(long, default_value_t = eval::tolerant::Tolerance::default().target_min, requires = "ocr_tolerant")]
    pub target_min: f64,
    /// Least deadline similarity with --ocr-tolerant.
    #[arg(long, default_value_t = eval::tolerant::Tolerance::default().deadline_min, requires = "ocr_tolerant")]
    pub deadline_min: f64,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let scratch = tempfile::tempdir()?;
    let (gold, pred) = match (&args.gold, &args.corrections, &args.run) {
        (_, Some(corrections), Some(run)) => reviewed(&args, corrections, run, scratch.path())?,
        (Some(gold), _, _) => (eval::read_rows(gold)?, eval::read_rows(extract_into(&args.paths, scratch.path())?)?),
        _ => match args.paths.as_slice() {
            [gold, pred] => (eval::read_rows(gold)?, eval::read_rows(pred)?),
            _ => anyhow::bail!("expected GOLD PRED, or --gold GOLD INPUT..."),
        },
    };
    let pred = if args.ocr_tolerant {
        let tolerance = eval::tolerant::Tolerance { target_min: args.target_min, deadline_min: args.deadline_min };
        eval::tolerant::snap_to_gold(&gold, &pred, &tolerance)
    } else {
        pred
    };
    let mut report = eval::evaluate(&gold, &pred);
    if let Some(path) = &args.errors {
        write_mistakes(path, &eval::mistakes(&gold, &pred))?;
    }
    if let (Some(g), Some(p)) = (&args.quantities_gold, &args.quantities_pred) {
        let (g, p) = (eval::read_quantities(g)?, eval::read_quantities(p)?);
        let p = eval::quantities_on_gold_pages(&gold, p);
        report.quantities = Some(eval::evaluate_quantities(&g, &p));
    }
    let presets = report.group_pages(eval::preset_of);
    let text = if args.json {
        let mut value = serde_json::to_value(&report)?;
        if args.by_preset {
            value["presets"] = serde_json::to_value(&presets)?;
        }
        format!("{}\n", serde_json::to_string_pretty(&value)?)
    } else {
        let mut text = report.to_string();
        if args.pages && !report.pages.is_empty() {
            text.push('\n');
            report.page_table(&mut text)?;
        }
        if args.by_preset {
            let rows: Vec<(String, &eval::Scores)> = presets.iter().map(|(k, v)| (k.clone(), v)).collect();
            text.push('\n');
            eval::score_table(&mut text, "preset", &rows)?;
        }
        text
    };
    // A closed pipe (`| head`) is the reader's choice, not an error.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(Outcome::Clean),
    }
}

/// Gold from a reviewed run, and the prediction with the rows the gold
/// knows nothing about left out.
fn reviewed(
    args: &Args,
    corrections: &std::path::Path,
    run: &std::path::Path,
    scratch: &std::path::Path,
) -> anyhow::Result<(Vec<eval::EvalRow>, Vec<eval::EvalRow>)> {
    let corrections = review::corrections::read_corrections(corrections)?;
    let reviewed = review::corrections::reviewed_gold(run, &corrections, args.unreviewed_right)?;
    let gold_path = args.write_gold.clone().unwrap_or_else(|| scratch.join("reviewed.gold.csv"));
    reviewed.write(&gold_path)?;
    let pred_path = match args.paths.as_slice() {
        [] => run.join("rows.csv"),
        [pred] => pred.clone(),
        _ => anyhow::bail!("with --corrections, give at most one PRED"),
    };
    let mut pred = eval::read_rows(&pred_path)?;
    pred.retain(|row| !reviewed.leaves_out(row));
    eprintln!(
        "reviewed gold: {} rows ({} as extracted, {} edited); left out: {} marked wrong without an edit, {} without a verdict",
        reviewed.gold.len(),
        reviewed.as_extracted,
        reviewed.edited,
        reviewed.wrong_unedited.len(),
        reviewed.unreviewed.len()
    );
    Ok((eval::read_rows(&gold_path)?, pred))
}

fn write_mistakes(path: &std::path::Path, mistakes: &[eval::Mistake]) -> anyhow::Result<()> {
    let mut out = csv::Writer::from_path(path).with_context(|| format!("{}", path.display()))?;
    for m in mistakes {
        out.serialize(m)?;
    }
    out.flush()?;
    Ok(())
}

/// Runs extraction over `inputs` into `dir` and returns the rows file.
fn extract_into(inputs: &[PathBuf], dir: &std::path::Path) -> anyhow::Result<PathBuf> {
    let inputs = batch::list_inputs(inputs)?;
    let results = batch::extract_all(&inputs, &Options::default(), &|| {});
    let mut run = batch::Run::default();
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok(page) => run.pages.push(page),
            Err(err) => run.unreadable.push((input.name(), err.to_string())),
        }
    }
    run.finish_and_write(dir, false)?;
    Ok(dir.join("rows.csv"))
}
