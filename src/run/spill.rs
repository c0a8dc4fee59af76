//! Keeping memory flat over a whole archive: each page's CSV fragments are
//! written to a temporary file in the output directory as soon as the page
//! is extracted, and copied into place in sorted order at the end.
//!
//! Only what sorting and joining need stays in memory: the page's key, its
//! counts, its last row (a list continued on the next page takes its
//! department from it) and, for the rare page that carries on a list from
//! another page, its rows (they are completed once every page is known).
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let mut spill = pledges::run::spill::SpillFile::create(dir.path()).unwrap();
//! let range = spill.append(b"a,b\n").unwrap();
//! assert_eq!(range, 0..4);
//! ```

use crate::Error;
use serde::Serialize;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An anonymous temporary file beside the outputs, appended to as pages come.
pub struct SpillFile {
    file: std::io::BufWriter<std::fs::File>,
    len: u64,
    dir: PathBuf,
    /// A copy moved the file position away from the end.
    copied: bool,
}

impl SpillFile {
    /// Creates the spill file in `dir` (removed by the OS when dropped).
    pub fn create(dir: &Path) -> Result<Self, Error> {
        let file = tempfile::tempfile_in(dir).map_err(|err| Error::Write { path: dir.to_owned(), err })?;
        Ok(SpillFile { file: std::io::BufWriter::new(file), len: 0, dir: dir.to_owned(), copied: false })
    }

    /// Appends `bytes`, returning where they went.
    pub fn append(&mut self, bytes: &[u8]) -> Result<Range<u64>, Error> {
        if self.copied {
            // A copy moved the file position: appends go to the end.
            self.file.seek(SeekFrom::Start(self.len)).map_err(|err| self.err(err))?;
            self.copied = false;
        }
        self.file.write_all(bytes).map_err(|err| self.err(err))?;
        let start = self.len;
        self.len += bytes.len() as u64;
        Ok(start..self.len)
    }

    /// Copies `range` of the spill file into `out` (call once appending is done).
    pub fn copy(&mut self, range: &Range<u64>, out: &mut impl Write) -> Result<(), Error> {
        if range.is_empty() {
            return Ok(());
        }
        self.file.flush().map_err(|err| self.err(err))?;
        self.copied = true;
        let file = self.file.get_mut();
        let io = |err| Error::Write { path: self.dir.clone(), err };
        file.seek(SeekFrom::Start(range.start)).map_err(io)?;
        std::io::copy(&mut (&*file).take(range.end - range.start), out).map_err(io)?;
        Ok(())
    }

    fn err(&self, err: std::io::Error) -> Error {
        Error::Write { path: self.dir.clone(), err }
    }
}

/// Records as CSV lines without a header, exactly as the output files hold them.
pub(crate) fn csv_fragment<T: Serialize>(records: &[T]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for r in records {
        w.serialize(r).expect("serializing to memory cannot fail");
    }
    w.into_inner().expect("flushing to memory cannot fail")
}
