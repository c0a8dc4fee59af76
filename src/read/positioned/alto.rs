//! ALTO XML (v2–v4), the format of digitized newspaper archives: `String`
//! elements with `HPOS VPOS WIDTH HEIGHT CONTENT WC`, grouped in
//! `TextLine`s, on `Page`s, measured in the `MeasurementUnit` of the
//! description (`pixel`, `mm10` or `inch1200`). Boxes stay in that unit.
//!
//! ```
//! let xml = r#"<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description><MeasurementUnit>mm10</MeasurementUnit></Description>
//!   <Layout><Page WIDTH="2100" HEIGHT="2970" PHYSICAL_IMG_NR="1"><PrintSpace><TextBlock><TextLine>
//!   <String HPOS="100" VPOS="200" WIDTH="50" HEIGHT="40" CONTENT="序号" WC="0.93"/>
//!   </TextLine></TextBlock></PrintSpace></Page></Layout></alto>"#;
//! let pages = pledges::read::positioned::alto::read("a.xml", xml).unwrap();
//! assert_eq!(pages[0].unit, pledges::read::positioned::Unit::Mm10);
//! assert_eq!(pages[0].words[0].bbox.x1, 150.0);
//! assert_eq!(pages[0].words[0].confidence, Some(93.0));
//! ```

use super::{problem, BBox, Unit, Word, WordPage};
use crate::Error;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Reads ALTO `text`.
pub fn read(source: &str, text: &str) -> Result<Vec<WordPage>, Error> {
    let mut reader = Reader::from_str(text);
    let mut pages: Vec<WordPage> = vec![];
    let mut unit = Unit::Pixel;
    let mut in_unit = false;
    let mut saw_root = false;
    let mut depth = 0usize;
    let mut line = 0u32;
    loop {
        let at = pages.last().map(|p| p.number);
        let event = reader.read_event().map_err(|e| {
            problem(source, at, &format!("ALTO XML is not well-formed at byte {}: {e}", reader.error_position()))
        })?;
        let opens = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e) if !saw_root => {
                if e.local_name().as_ref() != b"alto" {
                    let root = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    return Err(problem(source, None, &format!("XML root is <{root}>, not ALTO's <alto>")));
                }
                saw_root = true;
                depth += usize::from(opens);
            }
            Event::Start(e) => {
                depth += 1;
                in_unit = e.local_name().as_ref() == b"MeasurementUnit";
                element(source, &e, reader.decoder(), unit, &mut pages, &mut line)?;
            }
            Event::Empty(e) => element(source, &e, reader.decoder(), unit, &mut pages, &mut line)?,
            Event::Text(t) if in_unit => {
                let name = t.decode().unwrap_or_default();
                unit = match name.trim() {
                    "pixel" => Unit::Pixel,
                    "mm10" => Unit::Mm10,
                    "inch1200" => Unit::Inch1200,
                    other => {
                        return Err(problem(
                            source,
                            None,
                            &format!("unknown ALTO MeasurementUnit `{other}` (expected pixel, mm10 or inch1200)"),
                        ))
                    }
                };
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                in_unit = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(problem(source, None, "no XML element found, not ALTO"));
    }
    if depth > 0 {
        return Err(problem(
            source,
            pages.last().map(|p| p.number),
            "ALTO XML is cut short (elements left open at the end)",
        ));
    }
    Ok(pages)
}

/// Acts on a `Page`, `TextLine` or `String` element.
fn element(
    source: &str,
    e: &BytesStart,
    decoder: quick_xml::encoding::Decoder,
    unit: Unit,
    pages: &mut Vec<WordPage>,
    line: &mut u32,
) -> Result<(), Error> {
    match e.local_name().as_ref() {
        b"Page" => {
            let number = pages.len() as u32 + 1;
            let a = Attrs::of(e, decoder);
            pages.push(WordPage {
                number,
                width: a.num("WIDTH"),
                height: a.num("HEIGHT"),
                unit,
                words: vec![],
                skew: None,
            });
        }
        b"TextLine" => *line += 1,
        b"String" => {
            let page = pages.last_mut().ok_or_else(|| problem(source, None, "ALTO String outside any Page"))?;
            let a = Attrs::of(e, decoder);
            let text = a.get("CONTENT").unwrap_or_default();
            if text.trim().is_empty() {
                return Ok(());
            }
            let (x, y) = (a.num("HPOS"), a.num("VPOS"));
            page.words.push(Word {
                bbox: BBox { x0: x, y0: y, x1: x + a.num("WIDTH"), y1: y + a.num("HEIGHT") },
                text: text.trim().to_owned(),
                confidence: a.get("WC").and_then(|v| v.trim().parse::<f32>().ok()).map(|c| c * 100.0),
                line: Some(*line),
            });
        }
        _ => {}
    }
    Ok(())
}

/// An element's attributes by local name.
struct Attrs(Vec<(Vec<u8>, String)>);

impl Attrs {
    fn of(e: &BytesStart, decoder: quick_xml::encoding::Decoder) -> Attrs {
        Attrs(
            e.attributes()
                .flatten()
                .map(|a| {
                    (
                        a.key.local_name().as_ref().to_vec(),
                        a.decode_and_unescape_value(decoder).unwrap_or_default().into_owned(),
                    )
                })
                .collect(),
        )
    }
    fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == name.as_bytes()).map(|(_, v)| v.clone())
    }
    fn num(&self, name: &str) -> f32 {
        self.get(name).and_then(|v| v.trim().parse().ok()).unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_unit_is_named() {
        let xml = "<alto><Description><MeasurementUnit>cm</MeasurementUnit></Description></alto>";
        assert_eq!(
            read("u.xml", xml).unwrap_err().to_string(),
            "u.xml: unknown ALTO MeasurementUnit `cm` (expected pixel, mm10 or inch1200)"
        );
    }

    #[test]
    fn truncated_and_foreign_xml_are_refused() {
        let cut = "<alto><Layout><Page WIDTH='10' HEIGHT='10'><TextLine><String HPOS='1' VPOS='1' WIDTH='2' HEIGHT='2' CONTENT='a'/>";
        assert_eq!(
            read("t.xml", cut).unwrap_err().to_string(),
            "t.xml page 1: ALTO XML is cut short (elements left open at the end)"
        );
        assert_eq!(
            read("f.xml", "<rss><channel/></rss>").unwrap_err().to_string(),
            "f.xml: XML root is <rss>, not ALTO's <alto>"
        );
    }

    #[test]
    fn alto_v2_with_namespace_prefix() {
        let xml = r#"<?xml version="1.0"?><a:alto xmlns:a="http://www.loc.gov/standards/alto/ns-v2#"><a:Layout>
<a:Page ID="p1" WIDTH="100" HEIGHT="200"><a:TextLine><a:String HPOS="1.5" VPOS="2" WIDTH="3" HEIGHT="4" CONTENT="A&amp;B"/><a:SP/></a:TextLine></a:Page>
<a:Page ID="p2" WIDTH="100" HEIGHT="200"><a:TextLine><a:String HPOS="1" VPOS="2" WIDTH="3" HEIGHT="4" CONTENT="1"/></a:TextLine></a:Page></a:Layout></a:alto>"#;
        let pages = read("v2.xml", xml).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].words[0].text, "A&B");
        assert_eq!(pages[0].words[0].bbox.x0, 1.5);
        assert_eq!(pages[0].words[0].confidence, None);
    }
}
