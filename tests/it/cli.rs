//! The binary as users run it: batches with bad files, exit codes, stdin,
//! `--excel`, `--strict`, and identical output whatever `--jobs` is.

use crate::common::{corpus, pledges, stderr, GOOD};
use std::path::Path;
use std::process::{Command, Output};

#[test]
fn bad_files_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in");
    std::fs::create_dir(&inp).unwrap();
    std::fs::write(inp.join("2022-01-01_p01.txt"), GOOD).unwrap();
    std::fs::write(inp.join("2022-01-02_empty.txt"), "").unwrap();
    std::fs::write(inp.join("2022-01-03_binary.txt"), b"abc\n\x00\x01\x02\x03").unwrap();
    std::fs::write(inp.join("2022-01-04_bad.txt"), b"ok\n\xff\xfe\xfd\n").unwrap();
    std::fs::write(inp.join("2022-01-05_p02.txt"), GOOD).unwrap();
    let out = dir.path().join("out");
    let o = pledges(&["extract", inp.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("2022-01-02_empty.txt: empty file"), "{err}");
    assert!(err.contains("2022-01-03_binary.txt:2: binary content"), "{err}");
    assert!(err.contains("2022-01-04_bad.txt:2: bytes are neither"), "{err}");
    assert!(err.contains("5 pages read (3 unreadable), 2 with tables, 2 rows"), "{err}");
    let rows = std::fs::read_to_string(out.join("rows.csv")).unwrap();
    assert_eq!(rows.lines().count(), 3);
}

#[test]
fn clean_run_exits_zero_and_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["extract", "-", "--out", dir.path().to_str().unwrap(), "--date", "2022-03-22"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(GOOD.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = std::fs::read_to_string(dir.path().join("rows.csv")).unwrap();
    assert_eq!(
        rows.lines().nth(1),
        Some("-#1,-,2022-03-22,,市甲局,指标类,1,新增企业5家,12月底前,2022-12-31,by,,6-6,,")
    );
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = vec![];
    for jobs in ["1", "2", "4"] {
        let out = dir.path().join(jobs);
        let o =
            pledges(&["extract", corpus("").to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", jobs, "-q"]);
        assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
        outputs.push(["rows.csv", "leftovers.csv"].map(|f| std::fs::read(out.join(f)).unwrap()));
    }
    assert!(outputs[0][0].len() > 1000);
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn excel_writes_a_bom_and_strict_fails_on_flags() {
    let dir = tempfile::tempdir().unwrap();
    let seed = corpus("seed/000_5c28f99ac9fc0060.txt");
    let o = pledges(&["extract", seed.to_str().unwrap(), "--out", dir.path().to_str().unwrap(), "--excel", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(dir.path().join("rows.csv")).unwrap().starts_with("\u{feff}id,source,".as_bytes()));
    // Regression (issue 13, defect 8): the real page, all 115 rows right, failed --strict.
    let o = pledges(&["extract", seed.to_str().unwrap(), "--out", dir.path().to_str().unwrap(), "--strict", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Three numbers, two target lines: flagged rows fail --strict, naming the first one's line.
    let short = dir.path().join("short.txt");
    let page = "市甲局\n序号\n（一）指标类\n1\n2\n3\n任务目标\n新建床位150张\n新增学位5320个\n完成时限\n12月底前\n12月底前\n12月底前\n";
    std::fs::write(&short, page).unwrap();
    let out = dir.path().join("short");
    let o = pledges(&["extract", short.to_str().unwrap(), "--out", out.to_str().unwrap(), "--strict", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("short.txt:8: --strict: 3 flagged row(s)"), "{}", stderr(&o));
}

#[test]
fn unusable_arguments_exit_two() {
    let o = pledges(&["extract", "no/such/dir/file.txt", "--out", "/dev/null/x"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(Path::new(env!("CARGO_BIN_EXE_pledges")).exists());
}

#[test]
fn shards_merged_equal_one_run_even_across_a_continued_list() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = corpus("gen");
    let run = |out: &Path, extra: &[&str]| {
        let mut args = vec!["extract", corpus_dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"];
        args.extend_from_slice(extra);
        let o = pledges(&args);
        assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    };
    let full = dir.path().join("full");
    run(&full, &[]);
    // Shard the corpus so that a shard boundary cuts a continued list from
    // its first page (the first share count, from 2 on, that does).
    let shard_run = |n: usize| -> (Vec<std::path::PathBuf>, usize) {
        let shards: Vec<_> = (1..=n).map(|i| dir.path().join(format!("n{n}s{i}"))).collect();
        for (i, s) in shards.iter().enumerate() {
            run(s, &["--shard", &format!("{}/{n}", i + 1)]);
        }
        let cut = shards
            .iter()
            .map(|s| std::fs::read_to_string(s.join("rows.csv")).unwrap().matches("continuation_page_missing").count())
            .sum();
        (shards, cut)
    };
    let (shards, cut) = (2..=8).map(shard_run).find(|(_, cut)| *cut > 0).unwrap_or_default();
    assert!(cut > 0, "some shard boundary should cut a continued list in this corpus");
    let merged = dir.path().join("merged");
    let mut args = vec!["merge"];
    let names: Vec<String> = shards.iter().map(|s| s.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    args.extend(["--out", merged.to_str().unwrap()]);
    let o = pledges(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["rows.csv", "quantities.csv", "leftovers.csv", "pages.csv"] {
        assert_eq!(std::fs::read(full.join(f)).unwrap(), std::fs::read(merged.join(f)).unwrap(), "{f}");
    }
}

#[test]
fn a_weight_override_applies_and_an_unknown_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2022-01-01_p01.txt");
    std::fs::write(&page, GOOD).unwrap();
    let out = dir.path().join("out");
    let run = |weights: &str| {
        Command::new(env!("CARGO_BIN_EXE_pledges"))
            .args(["extract", page.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .env("PLEDGES_WEIGHTS", weights)
            .output()
            .expect("run pledges")
    };
    let o = run("blank=6,opener=2");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run("blnak=6");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("PLEDGES_WEIGHTS=blnak=6: no weight is called `blnak`"), "{}", stderr(&o));
}

#[test]
fn the_readme_flag_table_is_the_flag_enum() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("| flag | kind | meaning |").expect("the README has a flag table");
    let table: String = readme[start..].lines().take_while(|l| l.starts_with('|')).map(|l| format!("{l}\n")).collect();
    assert_eq!(table, pledges::model::flag::markdown_table());
    let o = pledges(&["flags", "--markdown"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), table);
}

/// Runs `extract` over corpus/gen with extra arguments and environment,
/// after clearing every scheduler variable the test process may carry.
fn extract_with_env(out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pledges"));
    cmd.args(["extract", corpus("gen").to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"]).args(extra);
    for var in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
        "JOB_COMPLETION_INDEX",
        "PLEDGES_SHARD_COUNT",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied()).output().expect("run pledges")
}

fn pages_csv(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("pages.csv")).unwrap()
}

#[test]
fn slurm_and_kubernetes_task_indexes_pick_the_same_share_as_shard() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str], env: &[(&str, &str)]| {
        let out = dir.path().join(name);
        let o = extract_with_env(&out, extra, env);
        assert!(o.status.code().is_some_and(|c| c <= 1), "{name}: {}", stderr(&o));
        pages_csv(&out)
    };
    let second_of_three = run("shard", &["--shard", "2/3"], &[]);
    let all = run("all", &[], &[]);
    assert!(second_of_three.lines().count() > 2 && second_of_three.lines().count() < all.lines().count());
    // Slurm arrays numbered from 0 (the default) and from 1 (`--array=1-3`).
    let slurm0 = [("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "3")];
    assert_eq!(run("slurm0", &[], &slurm0), second_of_three);
    let slurm1 = [("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "3"), ("SLURM_ARRAY_TASK_MIN", "1")];
    assert_eq!(run("slurm1", &[], &slurm1), second_of_three);
    // Kubernetes: the index from the Job, the count by flag or environment.
    assert_eq!(run("k8s-flag", &["--shard-count", "3"], &[("JOB_COMPLETION_INDEX", "1")]), second_of_three);
    assert_eq!(run("k8s-env", &[], &[("JOB_COMPLETION_INDEX", "1"), ("PLEDGES_SHARD_COUNT", "3")]), second_of_three);
    // --shard wins over the environment.
    assert_eq!(run("both", &["--shard", "2/3"], &slurm1[..2]), second_of_three);
}

#[test]
fn a_task_index_without_its_count_or_out_of_range_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = extract_with_env(&dir.path().join("a"), &[], &[("JOB_COMPLETION_INDEX", "0")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--shard-count"), "{}", stderr(&o));
    let o =
        extract_with_env(&dir.path().join("b"), &[], &[("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "3")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn quiet_prints_no_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2022-01-01_p01.txt");
    std::fs::write(&page, "任务目标\n完成时限\n").unwrap();
    let out = dir.path().join("out");
    let loud = pledges(&["extract", page.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(stderr(&loud).contains("warning: "), "{}", stderr(&loud));
    let quiet = pledges(&["extract", page.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!((quiet.status.code(), stderr(&quiet).as_str()), (Some(1), ""));
}

#[test]
fn the_gnu_parallel_recipe_merges_to_one_run() {
    if Command::new("parallel").arg("--version").output().is_err() {
        eprintln!("skipped: GNU parallel is not installed (.ci/run installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one");
    let o = extract_with_env(&one, &[], &[]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    let recipe = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/parallel.sh");
    let sharded = dir.path().join("sharded");
    let o = Command::new(recipe)
        .args([corpus("gen").to_str().unwrap(), sharded.to_str().unwrap(), "5", env!("CARGO_BIN_EXE_pledges")])
        .output()
        .expect("run deploy/parallel.sh");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["rows.csv", "quantities.csv", "leftovers.csv", "pages.csv"] {
        assert_eq!(std::fs::read(one.join(f)).unwrap(), std::fs::read(sharded.join("all").join(f)).unwrap(), "{f}");
    }
}

/// Regression: `--quiet` printed a "skipped, not a page file" note for every
/// gold CSV beside the pages of `corpus/seed` (the directory holds three).
#[test]
fn quiet_names_no_skipped_answer_files() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let quiet = pledges(&["extract", "corpus/seed", "--out", dir, "--quiet"]);
    assert!(quiet.status.success(), "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "", "--quiet keeps stderr for errors");
    let loud = pledges(&["extract", "corpus/seed", "--out", dir]);
    assert!(stderr(&loud).contains("000_5c28f99ac9fc0060.gold.csv: skipped"), "{}", stderr(&loud));
}
