//! `pledges gen --positioned FORMATS`: generated pages as PDF and OCR output.
//!
//! ```text
//! pledges gen --positioned pdf,tsv --preset pdf-2col --count 5 --seed 1 --out pages/
//! pledges gen --positioned all --all-presets --count 2 --seed 7 --out pos/
//! pledges gen --positioned tsv --skew-deg 1 --split-cjk-rate 0.9 --out noisy/
//! ```
//!
//! Each format goes to `OUT/<format>/`, each file beside its gold:
//! `g<index>_<preset>_<issue date>_p<page>.<ext>` and `….gold.csv` (a
//! multi-page attachment is one file named after its first page, with one
//! gold file per page, named after that page). Knob flags shared with text pages
//! (`--tables-min`, `--continue-rate`, …) mean the same here;
//! `--drop-number-rate` and `--stray-space-rate` become OCR slips.
use super::gen::{Args, KnobFlags};
use super::Outcome;
use anyhow::Context;
use pledges::gen::positioned::{self, AltoUnit, Format, PdfFont, PdfProducer, PositionedKnobs};
use std::collections::HashSet;
use std::path::Path;

/// One optional flag per [`PositionedKnobs`] field that text pages do not
/// have; a given flag overrides the preset.
#[derive(clap::Args, Debug, Default)]
pub struct PosKnobFlags {
    /// Fewest newspaper columns on a page.
    #[arg(long)]
    pub columns_min: Option<usize>,
    /// Most newspaper columns on a page.
    #[arg(long)]
    pub columns_max: Option<usize>,
    /// Smallest body font size in points (each list draws one size).
    #[arg(long)]
    pub font_pt_min: Option<f64>,
    /// Largest body font size in points.
    #[arg(long)]
    pub font_pt_max: Option<f64>,
    /// Smallest line pitch, in font sizes.
    #[arg(long)]
    pub pitch_min: Option<f64>,
    /// Largest line pitch, in font sizes.
    #[arg(long)]
    pub pitch_max: Option<f64>,
    /// Width of the 序号 column's text area, in em.
    #[arg(long)]
    pub seq_em: Option<f64>,
    /// Narrowest deadline column text area in em; below 7 em `2022年12月底前` wraps inside its cell.
    #[arg(long)]
    pub deadline_em_min: Option<f64>,
    /// Widest deadline column text area in em.
    #[arg(long)]
    pub deadline_em_max: Option<f64>,
    /// Probability that a list's tables are ruled (grid lines drawn).
    #[arg(long)]
    pub ruled_rate: Option<f64>,
    /// Probability that numbers and deadlines are centred vertically in tall rows (otherwise top-aligned with the target's first line).
    #[arg(long)]
    pub centre_rate: Option<f64>,
    /// Probability of an article (prose) on the page.
    #[arg(long)]
    pub article_rate: Option<f64>,
    /// Given an article: probability that it fills the first newspaper column beside the tables rather than spanning the page above them.
    #[arg(long)]
    pub article_beside_rate: Option<f64>,
    /// Probability that a table running on into the next newspaper column repeats its header row there.
    #[arg(long)]
    pub repeat_header_rate: Option<f64>,
    /// Probability that the list is a government attachment: no masthead, pages numbered from 1, header row repeated on each page, no marker.
    #[arg(long)]
    pub attachment_rate: Option<f64>,
    /// Resolution of the imagined scan, dots per inch.
    #[arg(long)]
    pub dpi: Option<f64>,
    /// ALTO MeasurementUnit.
    #[arg(long)]
    pub alto_unit: Option<AltoUnit>,
    /// Largest shift of each box edge, in pixels.
    #[arg(long)]
    pub jitter_px: Option<f64>,
    /// Largest page skew in degrees (each page draws one in ±this).
    #[arg(long)]
    pub skew_deg: Option<f64>,
    /// Per CJK word: probability that it comes out as 1–2-glyph words.
    #[arg(long)]
    pub split_cjk_rate: Option<f64>,
    /// Per pair of neighbouring words on a line: probability that they come out as one word (the space between them lost).
    #[arg(long)]
    pub merge_rate: Option<f64>,
    /// Per glyph: probability that it is lost.
    #[arg(long)]
    pub drop_glyph_rate: Option<f64>,
    /// Per glyph: probability that it is read as a look-alike.
    #[arg(long)]
    pub wrong_glyph_rate: Option<f64>,
    /// Per rule crossing a text line: probability of a `|` token there.
    #[arg(long)]
    pub rule_token_rate: Option<f64>,
    /// Per horizontal rule segment: probability of an empty word box on it.
    #[arg(long)]
    pub empty_box_rate: Option<f64>,
    /// Keep glyph slips within `eval --ocr-tolerant`'s default thresholds: at most 10% of a target line's glyphs and 25% of a deadline line's (true/false).
    #[arg(long)]
    pub slips_within_tolerance: Option<bool>,
    /// Per word: probability that its confidence is low (20–60).
    #[arg(long)]
    pub low_conf_rate: Option<f64>,
    /// The font the PDF writer uses: embedded (WenQuanYi Micro Hei, subset) or predefined (STSong-Light, UniGB-UCS2-H, not embedded).
    #[arg(long)]
    pub pdf_font: Option<PdfFont>,
    /// How the PDF places text: lines (one text object per line, typesetting systems), glyphs (each glyph on its own, browsers), office (a TJ per line with tracking, taller declared ascent/descent).
    #[arg(long)]
    pub pdf_producer: Option<PdfProducer>,
}

impl PosKnobFlags {
    fn apply(&self, shared: &KnobFlags, mut k: PositionedKnobs) -> PositionedKnobs {
        // Exhaustive on purpose: a knob without a flag does not compile.
        macro_rules! set {
            ($src:expr; $($f:ident),*) => { $( if let Some(v) = $src.$f { k.$f = v; } )* };
        }
        set!(self;
            columns_min,
            columns_max,
            font_pt_min,
            font_pt_max,
            pitch_min,
            pitch_max,
            seq_em,
            deadline_em_min,
            deadline_em_max,
            ruled_rate,
            centre_rate,
            article_rate,
            article_beside_rate,
            repeat_header_rate,
            attachment_rate,
            dpi,
            alto_unit,
            jitter_px,
            skew_deg,
            split_cjk_rate,
            merge_rate,
            drop_glyph_rate,
            wrong_glyph_rate,
            rule_token_rate,
            empty_box_rate,
            slips_within_tolerance,
            low_conf_rate,
            pdf_font,
            pdf_producer
        );
        set!(shared;
            tables_min,
            tables_max,
            max_rows_per_category,
            keep_space_rate,
            alt_deadline_rate,
            alt_header_rate,
            continue_rate,
            drop_number_rate,
            stray_space_rate
        );
        let PositionedKnobs {
            columns_min: _,
            columns_max: _,
            font_pt_min: _,
            font_pt_max: _,
            pitch_min: _,
            pitch_max: _,
            seq_em: _,
            deadline_em_min: _,
            deadline_em_max: _,
            ruled_rate: _,
            centre_rate: _,
            article_rate: _,
            article_beside_rate: _,
            repeat_header_rate: _,
            attachment_rate: _,
            dpi: _,
            alto_unit: _,
            jitter_px: _,
            skew_deg: _,
            split_cjk_rate: _,
            merge_rate: _,
            drop_glyph_rate: _,
            wrong_glyph_rate: _,
            rule_token_rate: _,
            empty_box_rate: _,
            slips_within_tolerance: _,
            low_conf_rate: _,
            pdf_font: _,
            pdf_producer: _,
            tables_min: _,
            tables_max: _,
            max_rows_per_category: _,
            keep_space_rate: _,
            alt_deadline_rate: _,
            alt_header_rate: _,
            continue_rate: _,
            drop_number_rate: _,
            stray_space_rate: _,
        } = &k;
        k
    }
}

impl std::str::FromStr for FormatList {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::parse_list(s).map(FormatList)
    }
}

/// `pdf,tsv` / `all` as a clap value.
#[derive(Debug, Clone)]
pub struct FormatList(pub Vec<Format>);

/// Writes `--count` lists per selected preset in every format asked for.
pub fn run(args: &Args, formats: &[Format]) -> anyhow::Result<Outcome> {
    let out = args.out.clone().context("--out is required")?;
    let runs = selected(args)?;
    let mut used = HashSet::new();
    let mut index = 0;
    let mut written = 0;
    for (preset, knobs) in &runs {
        for _ in 0..args.count {
            index += 1;
            let doc = unique_doc(args.seed, index, knobs, &mut used);
            for &format in formats {
                let dir = out.join(format.name());
                std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
                for file in doc.render(format)? {
                    let first = &doc.sheets[file.sheets[0]];
                    let stem = |preset: &Option<&str>, sheet: &positioned::layout::Sheet| match preset {
                        Some(p) => format!("g{index:04}_{p}_{}_p{:02}", sheet.issue_date, sheet.page),
                        None => format!("g{index:04}_{}_p{:02}", sheet.issue_date, sheet.page),
                    };
                    write_file(&dir, &stem(preset, first), format, &file.bytes)?;
                    // One gold file per page, named after it, so that eval
                    // can group every page by preset (a multi-page file's
                    // later pages get gold files of their own).
                    for &i in &file.sheets {
                        let gold = dir.join(format!("{}.gold.csv", stem(preset, &doc.sheets[i])));
                        let w =
                            std::fs::File::create(&gold).with_context(|| format!("cannot write {}", gold.display()))?;
                        positioned::write_gold(std::io::BufWriter::new(w), &doc.gold_pages(&[i]))
                            .with_context(|| format!("cannot write {}", gold.display()))?;
                    }
                    written += 1;
                }
            }
        }
    }
    eprintln!("wrote {written} files to {}", out.display());
    Ok(Outcome::Clean)
}

fn write_file(dir: &Path, stem: &str, format: Format, bytes: &[u8]) -> anyhow::Result<()> {
    let path = dir.join(format!("{stem}.{}", format.extension()));
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

type Run = (Option<&'static str>, PositionedKnobs);

fn selected(args: &Args) -> anyhow::Result<Vec<Run>> {
    let presets = positioned::presets();
    let apply = |k| args.pos_knobs.apply(&args.knobs, k);
    if args.all_presets {
        return Ok(presets.into_iter().map(|(n, k)| (Some(n), apply(k))).collect());
    }
    match &args.preset {
        None => Ok(vec![(None, apply(PositionedKnobs::default()))]),
        Some(want) => {
            let names: Vec<&str> = presets.iter().map(|(n, _)| *n).collect();
            let (name, knobs) = presets
                .into_iter()
                .find(|(n, _)| n == want)
                .with_context(|| format!("unknown positioned preset {want:?}; known: {}", names.join(", ")))?;
            Ok(vec![(Some(name), apply(knobs))])
        }
    }
}

/// Prints the positioned presets with their knobs.
pub fn list_presets() -> anyhow::Result<Outcome> {
    for (name, knobs) in positioned::presets() {
        println!("{name}\t{}", serde_json::to_string(&knobs)?);
    }
    Ok(Outcome::Clean)
}

/// A document for one index, re-seeded until no (issue date, page) repeats
/// in this run, because eval tells pages apart by that pair.
fn unique_doc(
    seed: u64,
    index: usize,
    knobs: &PositionedKnobs,
    used: &mut HashSet<(String, u32)>,
) -> positioned::Document {
    let mut attempt: u64 = 0;
    loop {
        let doc_seed = seed.wrapping_mul(1_000_003).wrapping_add(index as u64).wrapping_add(attempt << 32);
        let doc = positioned::generate(doc_seed, knobs);
        let keys: Vec<(String, u32)> = doc.sheets.iter().map(|s| (s.issue_date.clone(), s.page)).collect();
        if keys.iter().all(|k| !used.contains(k)) {
            used.extend(keys);
            return doc;
        }
        attempt += 1;
    }
}
