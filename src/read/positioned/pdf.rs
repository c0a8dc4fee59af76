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
//!
//! A batch of PDF files has [`ReadAhead`] run `pdftotext` on the next
//! files while the current one's words are made rows, so poppler's time
//! and ours overlap instead of adding up.

use super::{problem, tsv, Unit, WordPage};
use crate::Error;
use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Condvar, Mutex, MutexGuard};

/// The program run, overridable for tests and unusual installs.
pub const PDFTOTEXT_ENV: &str = "PLEDGES_PDFTOTEXT";

/// What to install when `pdftotext` is missing.
pub const INSTALL_HINT: &str =
    "pdftotext (poppler) is not installed: install the packages poppler-utils and poppler-data (Debian/Ubuntu: sudo apt-get install poppler-utils poppler-data)";

/// What `pdftotext` answered for one PDF: its output, or why it could not
/// be started or waited for.
#[derive(Debug)]
pub enum Answer {
    Ran(Output),
    CannotStart(std::io::Error),
    Failed(std::io::Error),
}

fn program() -> String {
    std::env::var(PDFTOTEXT_ENV).unwrap_or_else(|_| "pdftotext".into())
}

/// Runs `pdftotext -tsv` on `path` when the bytes are a file on disk, else on the bytes through stdin.
pub fn run(bytes: &[u8], path: Option<&Path>) -> Answer {
    let mut cmd = Command::new(program());
    cmd.args(["-enc", "UTF-8", "-tsv"]);
    match path {
        Some(p) => cmd.arg(p),
        None => cmd.arg("-"),
    };
    cmd.arg("-").stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if path.is_some() { Stdio::null() } else { Stdio::piped() });
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => return Answer::CannotStart(e),
    };
    if path.is_none() {
        if let Some(mut stdin) = child.stdin.take() {
            // A PDF poppler refuses early closes the pipe: its exit status tells why.
            let _ = stdin.write_all(bytes);
        }
    }
    child.wait_with_output().map_or_else(Answer::Failed, Answer::Ran)
}

/// Reads a PDF's text layer: `path` when the bytes are a file on disk, else the bytes through stdin.
pub fn read(source: &str, bytes: &[u8], path: Option<&Path>) -> Result<Vec<WordPage>, Error> {
    pages(source, run(bytes, path))
}

/// The pages of a PDF from what `pdftotext` answered for it.
pub fn pages(source: &str, answer: Answer) -> Result<Vec<WordPage>, Error> {
    let out = match answer {
        Answer::Ran(out) => out,
        Answer::CannotStart(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(problem(source, None, INSTALL_HINT))
        }
        Answer::CannotStart(e) => return Err(problem(source, None, &format!("cannot run {}: {e}", program()))),
        Answer::Failed(e) => return Err(problem(source, None, &format!("{} failed: {e}", program()))),
    };
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

/// How many PDFs [`ReadAhead`] keeps read and waiting to be taken (a
/// page's TSV is 10–300 KB). Eight covered poppler's time for the ~0.1 s the
/// first table page once waited for jieba's dictionary; more only hold memory.
pub const READ_AHEAD: usize = 8;

/// `pdftotext` run on the PDF files of a batch, in order, ahead of the
/// workers that need them: [`ReadAhead::run`] on a thread of its own,
/// [`ReadAhead::take`] in the workers. A file a worker reaches first is
/// left to that worker, so every PDF is read once whatever the timing, and
/// its answer is the one the worker would have had (same command).
#[derive(Default)]
pub struct ReadAhead {
    state: Mutex<AheadState>,
    changed: Condvar,
}

#[derive(Default)]
struct AheadState {
    /// Files started (`None`) or read and not yet taken.
    runs: FxHashMap<PathBuf, Option<Answer>>,
    /// Files a worker reached before the read-ahead: it reads them itself.
    claimed: FxHashSet<PathBuf>,
    /// Answers read and not yet taken.
    waiting: usize,
    stopped: bool,
}

impl ReadAhead {
    fn lock(&self) -> MutexGuard<'_, AheadState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads `files` in order (those whose name ends `.pdf` and whose
    /// bytes are a PDF's), never more than [`READ_AHEAD`] waiting, until
    /// done or [`ReadAhead::stop`].
    pub fn run(&self, files: &[PathBuf]) {
        for file in files.iter().filter(|f| has_pdf_name(f) && starts_as_pdf(f)) {
            {
                let mut state = self.lock();
                while state.waiting >= READ_AHEAD && !state.stopped {
                    state = self.changed.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
                }
                if state.stopped {
                    return;
                }
                // Named twice: the first answer stands.
                if state.claimed.contains(file) || state.runs.contains_key(file) {
                    continue;
                }
                state.runs.insert(file.clone(), None);
            }
            let answer = run(&[], Some(file));
            let mut state = self.lock();
            state.runs.insert(file.clone(), Some(answer));
            state.waiting += 1;
            self.changed.notify_all();
        }
    }

    /// What `pdftotext` answered for `file`, waiting if it is running;
    /// `None` (and the file is the caller's to read) if it was not started.
    pub fn take(&self, file: &Path) -> Option<Answer> {
        let mut state = self.lock();
        loop {
            match state.runs.get_mut(file) {
                None => {
                    state.claimed.insert(file.to_path_buf());
                    return None;
                }
                Some(None) => state = self.changed.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner()),
                Some(slot) => {
                    let answer = slot.take();
                    state.runs.remove(file);
                    state.waiting -= 1;
                    self.changed.notify_all();
                    return answer;
                }
            }
        }
    }

    /// Ends [`ReadAhead::run`] at its next file (the batch is done).
    pub fn stop(&self) {
        self.lock().stopped = true;
        self.changed.notify_all();
    }
}

fn has_pdf_name(file: &Path) -> bool {
    file.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Whether `file`'s first bytes are a PDF's as [`super::sniff`] tells
/// (it tells a PDF by the first [`super::SNIFF_BYTES`] after a BOM).
fn starts_as_pdf(file: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(super::SNIFF_BYTES + 3);
    let read = std::fs::File::open(file).and_then(|f| f.take(super::SNIFF_BYTES as u64 + 3).read_to_end(&mut head));
    read.is_ok() && super::sniff(&head) == super::Format::Pdf
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
