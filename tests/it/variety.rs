//! Pages printed in forms the generator does not make (other cities'
//! numbering, headings and headers), each on a small hand-written page
//! with the exact rows it must give: every form either reads right or is
//! flagged, never silently wrong.

use pledges::{extract_page, Options, Row};

/// Two departments interleaved, as pdftotext reads them; the forms below
/// rewrite its headings, headers and numbers.
const PAGE: &str = "\
要闻2022年5月14日 星期六
责任编辑：王某 04
“担当作为”工作承诺清单
市教育局
序号
（一）指标类
1
2
（二）项目类
1
市水务局
序号
（一）政策类
1
任务目标
新增普惠性幼儿园学位600个
完成中小学校舍改造提升工程12处，
新建校园足球场3个
开工建设城东九年一贯制学校
任务目标
出台《城市节约用水管理办法》
完成时限
12月底前
6月底前
9月底前
完成时限
10月底前
";

type Brief = (String, String, u32, String, String);

fn rows(text: &str) -> Vec<Row> {
    extract_page("2022-05-14_p04.txt", text.as_bytes(), &Options::default()).unwrap().rows
}

fn brief(rows: &[Row]) -> Vec<Brief> {
    rows.iter()
        .map(|r| (r.department.to_string(), r.category.to_string(), r.seq, r.target.clone(), r.deadline.clone()))
        .collect()
}

fn expected() -> Vec<Brief> {
    let r = |d: &str, c: &str, s: u32, t: &str, dl: &str| (d.into(), c.into(), s, t.into(), dl.into());
    vec![
        r("市教育局", "指标类", 1, "新增普惠性幼儿园学位600个", "12月底前"),
        r("市教育局", "指标类", 2, "完成中小学校舍改造提升工程12处，新建校园足球场3个", "6月底前"),
        r("市教育局", "项目类", 1, "开工建设城东九年一贯制学校", "9月底前"),
        r("市水务局", "政策类", 1, "出台《城市节约用水管理办法》", "10月底前"),
    ]
}

/// Every row as expected and none flagged.
fn assert_clean(text: &str) {
    let rows = rows(text);
    assert_eq!(brief(&rows), expected(), "{text}");
    assert!(rows.iter().all(|r| r.flags.is_empty()), "{:?}", rows.iter().map(|r| &r.flags).collect::<Vec<_>>());
}

#[test]
fn the_plain_page_reads_right() {
    assert_clean(PAGE);
}

/// `编号` for `序号` was read as text: no department was confirmed and
/// every row of such a page came out wrong and unflagged.
#[test]
fn a_number_column_headed_bianhao() {
    assert_clean(&PAGE.replace("序号", "编号"));
}

/// A category with its count of rows or a colon was read as text: its rows
/// went to the category before it (all flagged, none right).
#[test]
fn categories_with_a_count_or_a_colon() {
    for (one, two) in [
        ("一、指标类（2项）", "二、项目类（1项）"),
        ("（一）指标类（共2项）", "（二）项目类（共1项）"),
        ("指标类：", "项目类："),
        ("一、指标类：", "二、项目类："),
    ] {
        assert_clean(&PAGE.replace("（一）指标类", one).replace("（二）项目类", two));
    }
}

/// A department heading with an ordinal, a label, a suffix or a colon was
/// not a department (every row flagged, none right), or (a suffix) named
/// the department otherwise than every other list.
#[test]
fn department_headings_with_ordinals_labels_and_suffixes() {
    for (a, b) in [
        ("1.市教育局", "2.市水务局"),
        ("1、市教育局", "2、市水务局"),
        ("一、市教育局", "二、市水务局"),
        ("承诺单位：市教育局", "承诺单位：市水务局"),
        ("市教育局工作承诺", "市水务局工作承诺"),
        ("市教育局2022年工作承诺", "市水务局2022年度工作承诺"),
        ("市教育局承诺事项", "市水务局承诺事项"),
        ("市教育局：", "市水务局："),
    ] {
        assert_clean(&PAGE.replace("市教育局", a).replace("市水务局", b));
    }
}

/// Rows numbered `①②③` were read as text: every row of the list was lost
/// (its lines all left over).
#[test]
fn rows_numbered_with_enclosed_numerals() {
    let text = PAGE
        .replace("1\n2\n（二）", "①\n②\n（二）")
        .replace("项目类\n1\n", "项目类\n①\n")
        .replace("政策类\n1\n", "政策类\n①\n");
    assert_clean(&text);
    assert_clean(&PAGE.replace("1\n2\n（二）", "⑴\n⑵\n（二）"));
}

/// A table printed one row per line (`pdftotext -layout`) with a closing
/// paragraph after it: the paragraph was glued to the last row's target,
/// unflagged. Now it ends the table and is left over, as after a table
/// read column by column.
#[test]
fn a_paragraph_after_a_table_printed_one_row_per_line() {
    let text = "\
要闻2022年5月14日 星期六
市水务局
序号  任务目标                              完成时限
（一）政策类
   1    出台《城市节约用水管理办法》          10月底前
        完成城区供水管网改造10公里，
   2    新建加压泵站2座                      12月底前


市委督查室将会同市考评办对以上承诺事项进行全程跟踪督查，每季度通报一次进展情况。
广大市民可通过12345热线对承诺事项落实情况进行监督。
";
    let page = extract_page("2022-05-14_p04.txt", text.as_bytes(), &Options::default()).unwrap();
    let r =
        |s: u32, t: &str, dl: &str| ("市水务局".to_string(), "政策类".to_string(), s, t.to_string(), dl.to_string());
    assert_eq!(
        brief(&page.rows),
        [
            r(1, "出台《城市节约用水管理办法》", "10月底前"),
            r(2, "完成城区供水管网改造10公里，新建加压泵站2座", "12月底前")
        ]
    );
    let left: Vec<usize> = page.leftovers.iter().map(|l| l.line.get()).collect();
    assert_eq!(left, [10, 11]);
}

/// A fourth column (`责任科室`, `责任人`, `责任单位`) read column by column,
/// after the deadlines or between targets and deadlines: its cells were read
/// as target lines (every row flagged, the last row made of its cells).
#[test]
fn a_fourth_column_read_column_by_column() {
    let after = PAGE
        .replace("9月底前\n", "9月底前\n责任科室\n基础教育科\n发展规划科\n发展规划科\n")
        .replace("10月底前\n", "10月底前\n责任科室\n水政科\n");
    assert_clean(&after);
    let between = PAGE
        .replace("完成时限\n12月底前", "责任人\n张伟\n李强\n王芳\n完成时限\n12月底前")
        .replace("完成时限\n10月底前", "责任人\n陈明\n完成时限\n10月底前");
    assert_clean(&between);
    // Cells that name departments are no department headings.
    let units = PAGE
        .replace("9月底前\n", "9月底前\n责任单位\n市教育局\n市教育局\n市发改局\n")
        .replace("10月底前\n", "10月底前\n责任单位\n市水务局\n");
    assert_clean(&units);
}

/// A fourth column in a table printed one row per line: between target and
/// deadline its cells were glued into the targets and the header row into
/// the first target (wrong, unflagged); after the deadline no line read as
/// a row and every row was lost.
#[test]
fn a_fourth_column_in_a_table_printed_one_row_per_line() {
    let r =
        |s: u32, t: &str, dl: &str| ("市水务局".to_string(), "政策类".to_string(), s, t.to_string(), dl.to_string());
    let want = [
        r(1, "出台《城市节约用水管理办法》", "10月底前"),
        r(2, "完成城区供水管网改造10公里，新建加压泵站2座", "12月底前"),
    ];
    let between = "\
要闻2022年5月14日 星期六
市水务局
序号  任务目标                              责任单位      完成时限
（一）政策类
   1    出台《城市节约用水管理办法》          水政科      10月底前
        完成城区供水管网改造10公里，
   2    新建加压泵站2座                      工程科      12月底前
";
    let after = "\
要闻2022年5月14日 星期六
市水务局
序号  任务目标                              完成时限      责任科室
（一）政策类
   1    出台《城市节约用水管理办法》          10月底前      水政科
        完成城区供水管网改造10公里，
   2    新建加压泵站2座                      12月底前      工程科
";
    for text in [between, after] {
        let page = extract_page("2022-05-14_p04.txt", text.as_bytes(), &Options::default()).unwrap();
        assert_eq!(brief(&page.rows), want, "{text}");
        assert!(page.rows.iter().all(|r| r.flags.is_empty()), "{text}");
        assert!(page.leftovers.is_empty(), "{:?}", page.leftovers);
    }
}

/// A list that prints no categories, numbered straight through under each
/// department: its rows were right but every one flagged
/// `category_unknown`, as if a header had been lost.
#[test]
fn a_list_without_categories() {
    let text = PAGE.replace("（一）指标类\n", "").replace("（二）项目类\n1\n", "3\n").replace("（一）政策类\n", "");
    let got = rows(&text);
    let want: Vec<Brief> =
        expected().into_iter().zip([1, 2, 3, 1]).map(|(r, seq)| (r.0, String::new(), seq, r.3, r.4)).collect();
    assert_eq!(brief(&got), want);
    assert!(got.iter().all(|r| r.flags.is_empty()), "{:?}", got.iter().map(|r| &r.flags).collect::<Vec<_>>());
    // Numbering that starts over inside a table still tells a lost header.
    let lost = PAGE.replace("（二）项目类\n", "");
    assert!(rows(&lost).iter().any(|r| r.flags.contains(pledges::model::Flag::CategoryUnknown)));
}
