//! The review page in a real browser: `extract --review` on the generated
//! corpus, then headless Chromium opens `review.html#selftest` (the page
//! drives its own controls: jumps to the first flagged row from the summary,
//! marks it wrong, edits another row's target, marks a third right, filters
//! to flagged rows, builds the export CSV) and the test reads what the page
//! wrote into its DOM; a screenshot must show something; the exported CSV
//! goes through `pledges eval --corrections`.
//!
//! Without a `chromium` binary the browser tests skip with a loud message,
//! except under `CI=true`, where that is a failure.

use crate::common::pledges;
use pledges::review::{flags, gather};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A run over `corpus/gen` with its review page, in a fresh directory.
fn reviewed_run() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/gen");
    let o = pledges(&["extract", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--review"]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no chromium: install Debian's chromium package"
        );
        eprintln!("\n\n!!!!! SKIPPED: no chromium binary; the review page was NOT tested in a browser !!!!!\n\n");
    }
    found
}

/// Runs headless Chromium on `url` with `mode` (`--dump-dom` or `--screenshot=…`).
fn run_chromium(bin: &Path, mode: &str, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(bin)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--window-size=1280,900", mode, url])
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn file_url(path: &Path, hash: &str) -> String {
    format!("file://{}#{hash}", path.canonicalize().unwrap().display())
}

/// The JSON the self-test wrote into `<pre id="selftest-result">`.
fn selftest_result(dom: &str) -> serde_json::Value {
    let open = "<pre id=\"selftest-result\">";
    let start = dom.rfind(open).expect("the self-test wrote no result") + open.len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_page_is_one_file_with_nothing_to_fetch() {
    let (_dir, out) = reviewed_run();
    let html = std::fs::read_to_string(out.join("review.html")).unwrap();
    for outside in ["<script src", "<link", "http://", "https://", "@import", "url("] {
        assert!(!html.contains(outside), "review.html refers outside itself: {outside}");
    }
    let data = gather(&out).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/gen");
    let inputs = std::fs::read_dir(corpus)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt"));
    assert_eq!(data.pages_read, inputs.count());
    let rows: usize = data.pages.iter().map(|p| p.rows.len()).sum();
    assert_eq!(rows, std::fs::read_to_string(out.join("rows.csv")).unwrap().lines().count() - 1);
    assert!(data.pages.iter().all(|p| p.lines.is_some()), "every input was read again");
}

#[test]
fn positioned_input_shows_its_lines_where_they_stand() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/positioned/pdftotext");
    let o = pledges(&["extract", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--review"]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
    let data = gather(&out).unwrap();
    assert!(!data.pages.is_empty());
    for page in &data.pages {
        let lines = page.lines.as_ref().unwrap_or_else(|| panic!("{}: {}", page.source, page.note));
        assert_eq!(page.line_boxes.len(), lines.len(), "{}", page.source);
        for (text, b) in lines.iter().zip(&page.line_boxes) {
            assert_eq!(text.trim().is_empty(), b.is_none(), "{}: {text:?}", page.source);
        }
        for row in &page.rows {
            assert!(!row.boxes.is_empty(), "{} has no position", row.id);
            assert!(row.spans.iter().all(|&(a, b)| a >= 1 && a <= b && b <= lines.len()), "{}", row.id);
        }
    }
}

#[test]
fn review_rebuilds_the_page_from_a_finished_run() {
    let (_dir, out) = reviewed_run();
    let first = std::fs::read(out.join("review.html")).unwrap();
    std::fs::remove_file(out.join("review.html")).unwrap();
    let o = pledges(&["review", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(out.join("review.html")).unwrap(), first, "same run, same page");
}

#[test]
fn headless_chromium_reviews_a_run_and_eval_scores_the_corrections() {
    let Some(bin) = chromium() else { return };
    let (dir, out) = reviewed_run();
    let page = out.join("review.html");
    let result = selftest_result(&run_chromium(&bin, "--dump-dom", &file_url(&page, "selftest")));

    // What the page shows, against the run's own files.
    let data = gather(&out).unwrap();
    let (page_index, first) = data
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.rows.iter().find(|r| !r.flags.is_empty()).map(|r| (i, r)))
        .expect("corpus/gen has flagged rows");
    let rows = &data.pages[page_index].rows;
    assert_eq!(result["flagged_id"], first.id.as_str());
    assert_eq!(result["page"], page_index + 1);
    assert_eq!(result["flagged_found"], true);
    let meaning = format!("{}: {}", first.flags[0], flags::meaning(&first.flags[0]));
    assert_eq!(result["flagged_meaning"], meaning.as_str());
    assert_eq!(result["rows_shown"], rows.len());
    let flagged_here = rows.iter().filter(|r| !r.flags.is_empty()).count();
    assert_eq!(result["rows_shown_flagged_only"], flagged_here);
    assert!(flagged_here < rows.len(), "the filter hides something");
    let flagged_pages = data.pages.iter().filter(|p| p.rows.iter().any(|r| !r.flags.is_empty())).count();
    assert_eq!(result["pages_listed_flagged_only"], flagged_pages);
    assert_eq!(result["edited_marked_wrong"], true);
    assert_eq!(result["export_is_blob"], true);
    assert_eq!(result["stored"].as_object().map(|o| o.len()), Some(3), "verdicts kept in localStorage");

    // The export: the edited row (the page's first other row), the row marked
    // right, the flagged row marked wrong, in run order.
    let others: Vec<_> = rows.iter().filter(|r| r.id != first.id).collect();
    let mut expected = vec![
        (others[0].id.clone(), format!("{},wrong,{}（已核）,", others[0].id, others[0].target)),
        (others[1].id.clone(), format!("{},right,,", others[1].id)),
        (first.id.clone(), format!("{},wrong,,", first.id)),
    ];
    let order = |id: &str| rows.iter().position(|r| r.id == id).unwrap();
    expected.sort_by_key(|(id, _)| order(id));
    let csv = format!(
        "id,verdict,target,deadline\n{}\n",
        expected.iter().map(|e| e.1.as_str()).collect::<Vec<_>>().join("\n")
    );
    assert_eq!(result["export_csv"], csv.as_str());

    // The corrections make gold: one row right as extracted, one edited (so
    // the run gets it wrong), the wrong one and the unreviewed ones left out.
    let corrections = dir.path().join("corrections.csv");
    std::fs::write(&corrections, &csv).unwrap();
    let (c, o) = (corrections.to_str().unwrap(), out.to_str().unwrap());
    let score = |extra: &[&str]| -> serde_json::Value {
        let r = pledges(&[&["eval", "--corrections", c, "--run", o, "--json"], extra].concat());
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        serde_json::from_slice(&r.stdout).unwrap()
    };
    let reviewed = score(&[]);
    assert_eq!(reviewed["overall"]["rows"]["correct"], 1);
    assert_eq!(reviewed["overall"]["rows"]["total"], 2);
    assert_eq!(reviewed["overall"]["extra"], 0);
    let all_rows: usize = data.pages.iter().map(|p| p.rows.len()).sum();
    let vouched = score(&["--unreviewed-right"]);
    assert_eq!(vouched["overall"]["rows"]["total"], all_rows - 1);
    assert_eq!(vouched["overall"]["rows"]["correct"], all_rows - 2);
}

#[test]
fn headless_chromium_screenshot_shows_the_page() {
    let Some(bin) = chromium() else { return };
    let (dir, out) = reviewed_run();
    let shot = dir.path().join("review.png");
    run_chromium(&bin, &format!("--screenshot={}", shot.display()), &file_url(&out.join("review.html"), "flagged"));
    let png = std::fs::read(&shot).expect("chromium wrote a screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // A blank 1280×900 page compresses to ~6 KB; text and tints take far more.
    assert!(png.len() > 40_000, "screenshot looks blank: {} bytes", png.len());
}
