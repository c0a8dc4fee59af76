//! Writes laid-out sheets as a real PDF with a CJK font.
//!
//! Two fonts, as Chinese PDFs carry them:
//! - [`PdfFont::Embedded`]: WenQuanYi Micro Hei from the Debian package
//!   `fonts-wqy-microhei`, subset to the glyphs used (`subsetter`) and
//!   embedded as a CID TrueType font with `Identity-H` and a `ToUnicode`
//!   map, so any reader decodes the text without outside data.
//! - [`PdfFont::Predefined`]: `STSong-Light` with `UniGB-UCS2-H`, not
//!   embedded — what many newspaper and office producers write; readers
//!   need the Adobe-GB1 maps (`poppler-data`).
//!
//! Every glyph is declared 1 em wide, ASCII ½ em, the metric
//! [`super::layout`] uses, so the word boxes a reader computes are the
//! boxes laid out. Each run is one text object at its own position.
//!
//! ```no_run
//! use pledges::gen::positioned::{generate, pdf, PdfFont, PdfProducer, PositionedKnobs};
//! let doc = generate(1, &PositionedKnobs::default());
//! let bytes = pdf::write(&[&doc.sheets[0]], PdfFont::Embedded, PdfProducer::Lines).unwrap();
//! assert!(bytes.starts_with(b"%PDF-"));
//! ```

use super::layout::{Sheet, PAGE_HEIGHT, PAGE_WIDTH};
use super::{PdfFont, PdfProducer};
use crate::Error;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Where Debian's `fonts-wqy-microhei` puts the font; `PLEDGES_CJK_FONT`
/// names another TrueType file or collection (face 0 is used).
pub(crate) const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Where the baseline sits below a run's box top, in em: the glyph box of
/// the layout is 0.88 em above the baseline and 0.12 below.
const ASCENT: f64 = 0.88;
const FONT_NAME: &[u8] = b"F1";

/// The font file the embedded mode reads.
pub fn font_path() -> PathBuf {
    std::env::var_os("PLEDGES_CJK_FONT").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEFAULT_FONT))
}

/// One PDF holding `sheets` as its pages, in order.
pub fn write(sheets: &[&Sheet], font: PdfFont, producer: PdfProducer) -> Result<Vec<u8>, Error> {
    let mut alloc = Ref::new(1);
    let mut next = || alloc.bump();
    let catalog_id = next();
    let tree_id = next();
    let font_id = next();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id);
    let page_ids: Vec<(Ref, Ref)> = sheets.iter().map(|_| (next(), next())).collect();
    pdf.pages(tree_id).kids(page_ids.iter().map(|p| p.0)).count(sheets.len() as i32);

    let encode: Box<dyn Fn(char) -> Vec<u8>> = match font {
        PdfFont::Embedded => {
            let glyphs = embed_font(&mut pdf, font_id, &mut next, sheets, producer)?;
            Box::new(move |c| glyphs.get(&c).copied().unwrap_or(0).to_be_bytes().to_vec())
        }
        PdfFont::Predefined => {
            predefined_font(&mut pdf, font_id, &mut next, producer);
            Box::new(|c| {
                // UniGB-UCS2-H has GB2312's middle dot at U+30FB only (poppler
                // reads it back as U+00B7); U+00B7 itself would be lost.
                let c = if c == '·' { '・' } else { c };
                let mut units = [0u16; 2];
                c.encode_utf16(&mut units).iter().flat_map(|u| u.to_be_bytes()).collect()
            })
        }
    };

    for (sheet, (page_id, content_id)) in sheets.iter().zip(&page_ids) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH as f32, PAGE_HEIGHT as f32));
        page.parent(tree_id);
        page.contents(*content_id);
        page.resources().fonts().pair(Name(FONT_NAME), font_id);
        page.finish();
        let content = page_content(sheet, &encode, producer);
        pdf.stream(*content_id, &compress(&content)).filter(Filter::FlateDecode);
    }
    Ok(pdf.finish())
}

fn page_content(sheet: &Sheet, encode: &dyn Fn(char) -> Vec<u8>, producer: PdfProducer) -> Vec<u8> {
    let mut c = Content::new();
    if !sheet.rules.is_empty() {
        c.set_line_width(0.6);
        for r in &sheet.rules {
            c.move_to(r.x0 as f32, flip(r.y0));
            c.line_to(r.x1 as f32, flip(r.y1));
        }
        c.stroke();
    }
    for run in &sheet.runs {
        let baseline = flip(run.y + ASCENT * run.size);
        c.begin_text();
        c.set_font(Name(FONT_NAME), run.size as f32);
        match producer {
            PdfProducer::Lines => {
                let bytes: Vec<u8> = run.text.chars().flat_map(encode).collect();
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x as f32, baseline]);
                c.show(Str(&bytes));
            }
            PdfProducer::Glyphs => {
                let mut x = run.x;
                for ch in run.text.chars() {
                    if ch != ' ' {
                        c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x as f32, baseline]);
                        c.show(Str(&encode(ch)));
                    }
                    x += advance(ch) as f64 / 1000.0 * run.size;
                }
            }
            PdfProducer::Office => {
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x as f32, baseline]);
                let mut tj = c.show_positioned();
                let mut items = tj.items();
                // Tracking nudges that cancel out pairwise, so the run
                // still ends where the layout put its end.
                for (i, ch) in run.text.chars().enumerate() {
                    items.show(Str(&encode(ch)));
                    items.adjust(if i % 2 == 0 { 12.0 } else { -12.0 });
                }
            }
        }
        c.end_text();
    }
    c.finish().to_vec()
}

/// Layout y (down from the top) to PDF y (up from the bottom).
fn flip(y: f64) -> f32 {
    (PAGE_HEIGHT - y) as f32
}

fn compress(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// Declared advance of a character in thousandths of an em.
fn advance(c: char) -> f32 {
    if c.is_ascii() {
        500.0
    } else {
        1000.0
    }
}

/// Embeds the subset font; returns char → glyph id (= CID).
fn embed_font(
    pdf: &mut Pdf,
    font_id: Ref,
    next: &mut impl FnMut() -> Ref,
    sheets: &[&Sheet],
    producer: PdfProducer,
) -> Result<BTreeMap<char, u16>, Error> {
    let path = font_path();
    let data = std::fs::read(&path).map_err(|err| Error::MissingFont { path: path.clone(), err })?;
    let face = ttf_parser::Face::parse(&data, 0).map_err(|e| Error::MissingFont {
        path: path.clone(),
        err: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    })?;
    let mut glyphs: BTreeMap<char, u16> = BTreeMap::new();
    for c in sheets.iter().flat_map(|s| s.runs.iter()).flat_map(|r| r.text.chars()) {
        glyphs.entry(c).or_insert_with(|| face.glyph_index(c).map_or(0, |g| g.0));
    }
    let ids: Vec<u16> = glyphs.values().copied().collect();
    let subset = subsetter::subset(&data, 0, subsetter::Profile::pdf(&ids)).map_err(|e| Error::MissingFont {
        path: path.clone(),
        err: std::io::Error::new(std::io::ErrorKind::InvalidData, format!("cannot subset: {e}")),
    })?;

    let (cid_id, descriptor_id, cmap_id, file_id) = (next(), next(), next(), next());
    // A subset font's name starts with six capitals and a plus sign.
    let base = Name(b"PLGWQY+WenQuanYiMicroHei");
    pdf.type0_font(font_id)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);
    let info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    let mut cid = pdf.cid_font(cid_id);
    cid.subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(info)
        .font_descriptor(descriptor_id)
        .default_width(1000.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = cid.widths();
    for (&c, &g) in &glyphs {
        widths.consecutive(g, [advance(c)]);
    }
    widths.finish();
    cid.finish();

    let scale = 1000.0 / face.units_per_em() as f32;
    let bb = face.global_bounding_box();
    pdf.font_descriptor(descriptor_id)
        .name(base)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            bb.x_min as f32 * scale,
            bb.y_min as f32 * scale,
            bb.x_max as f32 * scale,
            bb.y_max as f32 * scale,
        ))
        .italic_angle(0.0)
        .ascent(producer.ascent())
        .descent(producer.descent())
        .cap_height(700.0)
        .stem_v(80.0)
        .font_file2(file_id);

    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), info);
    for (&c, &g) in &glyphs {
        cmap.pair(g, c);
    }
    let cmap = cmap.finish();
    pdf.cmap(cmap_id, &cmap);
    pdf.stream(file_id, &compress(&subset)).filter(Filter::FlateDecode).pair(Name(b"Length1"), subset.len() as i32);
    Ok(glyphs)
}

/// `STSong-Light`, `UniGB-UCS2-H`: text is UCS-2 big-endian; ASCII (CIDs
/// 1–95 of Adobe-GB1) is half width, the rest 1 em.
fn predefined_font(pdf: &mut Pdf, font_id: Ref, next: &mut impl FnMut() -> Ref, producer: PdfProducer) {
    let (cid_id, descriptor_id) = (next(), next());
    let base = Name(b"STSong-Light");
    pdf.type0_font(font_id).base_font(base).encoding_predefined(Name(b"UniGB-UCS2-H")).descendant_font(cid_id);
    let mut cid = pdf.cid_font(cid_id);
    cid.subtype(CidFontType::Type0)
        .base_font(base)
        .system_info(SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"GB1"), supplement: 2 })
        .font_descriptor(descriptor_id)
        .default_width(1000.0);
    cid.widths().same(1, 95, 500.0);
    cid.finish();
    pdf.font_descriptor(descriptor_id)
        .name(base)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(-25.0, -254.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(producer.ascent())
        .descent(producer.descent())
        .cap_height(880.0)
        .stem_v(93.0);
}
