//! PDF pages with a text layer, read through poppler's `pdftotext -tsv`.
//!
//! Poppler (with `poppler-data`) decodes the predefined CJK encodings that
//! Chinese newspaper PDFs use (UniGB-UCS2-H, GBK-EUC-H), which the pure
//! Rust PDF crates do not; so the PDF goes to `pdftotext` as a process and
//! its TSV comes back through [`super::tsv`], boxes in PDF points.
//!
//! A PDF that poppler cannot open (encrypted, damaged, not a PDF) and one
//! without any text (a scan) each give one line naming the file and what
//! to do; a missing `pdftotext` names the package to install.

use super::{problem, tsv, Unit, WordPage};
use crate::Error;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The program run, overridable for tests and unusual installs.
pub const PDFTOTEXT_ENV: &str = "PLEDGES_PDFTOTEXT";

/// What to install when `pdftotext` is missing.
pub const INSTALL_HINT: &str =
    "pdftotext (poppler) is not installed: install the packages poppler-utils and poppler-data (Debian/Ubuntu: sudo apt-get install poppler-utils poppler-data)";

/// Reads a PDF's text layer: `path` when the bytes are a file on disk, else the bytes through stdin.
pub fn read(source: &str, bytes: &[u8], path: Option<&Path>) -> Result<Vec<WordPage>, Error> {
    let program = std::env::var(PDFTOTEXT_ENV).unwrap_or_else(|_| "pdftotext".into());
    let mut cmd = Command::new(&program);
    cmd.args(["-enc", "UTF-8", "-tsv"]);
    match path {
        Some(p) => cmd.arg(p),
        None => cmd.arg("-"),
    };
    cmd.arg("-").stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if path.is_some() { Stdio::null() } else { Stdio::piped() });
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => problem(source, None, INSTALL_HINT),
        _ => problem(source, None, &format!("cannot run {program}: {e}")),
    })?;
    if path.is_none() {
        if let Some(mut stdin) = child.stdin.take() {
            // A PDF poppler refuses early closes the pipe: its exit status tells why.
            let _ = stdin.write_all(bytes);
        }
    }
    let out = child.wait_with_output().map_err(|e| problem(source, None, &format!("{program} failed: {e}")))?;
    if !out.status.success() {
        return Err(refused(source, out.status.code(), &String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let pages = tsv::read(source, &text, Unit::Point)?;
    if pages.iter().all(|p| p.words.is_empty()) {
        return Err(problem(source, None, &no_text_layer(source)));
    }
    Ok(pages)
}

/// One line on why poppler refused a PDF, from its exit code
/// (1: cannot open, 3: permissions) and first error message.
fn refused(source: &str, code: Option<i32>, stderr: &str) -> Error {
    let first = stderr.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let encrypted = code == Some(3) || stderr.contains("password") || stderr.contains("ncrypt");
    let message = if encrypted {
        "PDF is encrypted: decrypt it first (e.g. qpdf --decrypt --password=… in.pdf out.pdf)".to_owned()
    } else if first.is_empty() {
        format!("damaged or not a PDF (pdftotext exit code {})", code.map_or("?".into(), |c| c.to_string()))
    } else {
        format!("damaged or not a PDF: {first}")
    };
    problem(source, None, &message)
}

/// What to do with a PDF without a text layer.
fn no_text_layer(source: &str) -> String {
    format!(
        "PDF has no text layer (a scan?): OCR it first, e.g. `pdftoppm -r 300 -png {source} page && for p in page-*.png; do tesseract -l chi_sim \"$p\" \"${{p%.png}}\" tsv; done`, then give pledges the .tsv files"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_one_line() {
        let e = refused("a.pdf", Some(1), "Command Line Error: Incorrect password\n");
        assert!(e.to_string().starts_with("a.pdf: PDF is encrypted"));
        let e = refused("b.pdf", Some(1), "Syntax Error: Couldn't find trailer dictionary\nSyntax Error: x\n");
        assert_eq!(e.to_string(), "b.pdf: damaged or not a PDF: Syntax Error: Couldn't find trailer dictionary");
        assert!(!no_text_layer("c.pdf").contains('\n'));
    }
}
