//! Bad positioned input: each bad file gets one clear line naming it (and
//! its page where it has one), the batch goes on, the exit code is 1, and
//! nothing panics. Fixtures are made here, a few hundred bytes each.

use std::path::Path;
use std::process::Command;

/// A one-page PDF with `content` as its page's content stream; `extra`
/// objects appended and `trailer_extra` added to the trailer.
fn pdf(content: &[u8], extra: &[&[u8]], trailer_extra: &str) -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    objs.extend(extra.iter().map(|e| e.to_vec()));
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1)
            .as_bytes(),
    );
    out
}

const GOOD_TSV: &str =
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t400\t300\t-1\t\n\
5\t1\t1\t1\t1\t1\t0\t0\t40\t10\t95\t市测试局\n\
5\t1\t1\t1\t2\t1\t0\t20\t20\t10\t95\t序号\n\
5\t1\t1\t1\t2\t2\t40\t20\t40\t10\t95\t任务目标\n\
5\t1\t1\t1\t2\t3\t140\t20\t40\t10\t95\t完成时限\n\
5\t1\t1\t1\t3\t1\t0\t40\t60\t10\t95\t（一）指标类\n\
5\t1\t1\t1\t4\t1\t5\t60\t5\t10\t95\t1\n\
5\t1\t1\t1\t4\t2\t40\t60\t60\t10\t95\t新增企业5家\n\
5\t1\t1\t1\t4\t3\t140\t60\t40\t10\t95\t12月底前\n\
5\t1\t1\t1\t5\t1\t5\t80\t5\t10\t95\t2\n\
5\t1\t1\t1\t5\t2\t40\t80\t40\t10\t30\t完成调查\n\
5\t1\t1\t1\t5\t3\t140\t80\t40\t10\t95\t6月底前\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn every_bad_file_gets_one_line_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in");
    std::fs::create_dir(&inp).unwrap();
    let encrypt = format!("<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >>", "11".repeat(32), "22".repeat(32));
    let id = "/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]";
    write(&inp, "encrypted.pdf", &pdf(b"BT /F1 12 Tf 20 150 Td (Hello) Tj ET", &[encrypt.as_bytes()], id));
    let good_pdf = pdf(b"BT /F1 12 Tf 20 150 Td (Hello) Tj ET", &[], "");
    write(&inp, "damaged.pdf", &good_pdf[..good_pdf.len() / 2]);
    write(&inp, "scan.PDF", &pdf(b"0 0 1 rg 10 10 100 100 re f", &[], ""));
    write(&inp, "cut.xml", b"<alto><Layout><Page WIDTH='10' HEIGHT='10'><TextLine><String HPOS='1' VPOS='1' WIDTH='2' HEIGHT='2' CONTENT='a'/>");
    write(&inp, "feed.xml", b"<?xml version='1.0'?><rss><channel/></rss>");
    write(&inp, "units.xml", b"<alto><Description><MeasurementUnit>cm</MeasurementUnit></Description></alto>");
    write(&inp, "columns.tsv", b"level\tpage_num\tleft\ttext\n5\t1\t3\tx\n");
    write(&inp, "page.tsv", GOOD_TSV.as_bytes());
    write(&inp, "notes.md", b"not a page");
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["extract", inp.to_str().unwrap(), "--out", out.to_str().unwrap(), "--date", "2022-03-22"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let line = |file: &str| {
        let hits: Vec<&str> =
            err.lines().filter(|l| l.contains(&format!("{file}:")) || l.contains(&format!("{file} "))).collect();
        assert_eq!(hits.len(), 1, "{file}: {hits:?}\n{err}");
        hits[0].to_owned()
    };
    assert!(line("encrypted.pdf").contains("PDF is encrypted"));
    assert!(line("damaged.pdf").contains("damaged or not a PDF"));
    assert!(line("scan.PDF").contains("no text layer") && line("scan.PDF").contains("tesseract -l chi_sim"));
    assert!(line("cut.xml").contains("page 1: ALTO XML is cut short"));
    assert!(line("feed.xml").contains("not ALTO XML"));
    assert!(line("units.xml").contains("unknown ALTO MeasurementUnit `cm`"));
    assert!(line("columns.tsv").contains("TSV header lacks column(s) top, width, height"));
    assert!(line("notes.md").contains("skipped"));
    let rows = std::fs::read_to_string(out.join("rows.csv")).unwrap();
    let rows: Vec<&str> = rows.lines().collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[1].ends_with(",新增企业5家,12月底前,2022-12-31,by,,4-4,,\"p1:5,60,180,70\""), "{}", rows[1]);
    assert!(rows[2].ends_with(",完成调查,6月底前,2022-06-30,by,,5-5,low_confidence,\"p1:5,80,180,90\""), "{}", rows[2]);
}

#[test]
fn an_empty_directory_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["extract", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no page files among the inputs"));
}

#[test]
fn a_pdf_without_poppler_names_the_package() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.pdf", &pdf(b"BT /F1 12 Tf 20 150 Td (Hello) Tj ET", &[], ""));
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .env("PLEDGES_PDFTOTEXT", "/nonexistent/pdftotext")
        .args(["extract", dir.path().join("a.pdf").to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a.pdf: pdftotext (poppler) is not installed")
            && err.contains("apt-get install poppler-utils poppler-data"),
        "{err}"
    );
}
