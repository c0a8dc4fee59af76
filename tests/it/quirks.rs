//! Each quirk of archived pages on a small hand-written page: encodings, line
//! endings, full-width forms, dropped numbers, missing headers, split tables,
//! row-by-row layout.

use pledges::model::Flag;
use pledges::{extract_page, Options, Row};

/// Two departments interleaved; 市甲局 has wrapped cells, a dropped number 3
/// and two categories.
const PAGE: &str = "\
要闻2021年5月14日 星期五
责任编辑：王某 04
“扛旗争先”工作承诺清单
市甲局
序号
（一）指标类
1
2

4
（二）项目类
1
市乙局
序号
（一）指标类
1
2
任务目标
新增省级未来工厂1家，培育产业链上下游企业共同体
2个以上
实施轻量级数字化改造企业100家
谋划全域土地整治项目6个以上，启动1平方公里以上工业连
片开发区域整治提升
完成城市总体设计

开工建设现代五金科技、生命健康产业园
任务目标
出台《城区工业用地收储暂行规定》
举办高新技术成果展、工业设计展
完成时限
12月底前
6月底前
6月30日前
年底前

三季度末
完成时限
上半年
长期坚持
";

fn rows(text: &str) -> Vec<Row> {
    extract_page("2021-05-14_p04.txt", text.as_bytes(), &Options::default()).unwrap().rows
}

fn summary(rows: &[Row]) -> Vec<(String, String, u32, String, String)> {
    rows.iter()
        .map(|r| (r.department.to_string(), r.category.to_string(), r.seq, r.target.clone(), r.deadline.clone()))
        .collect()
}

fn expected() -> Vec<(String, String, u32, String, String)> {
    let r =
        |d: &str, c: &str, s: u32, t: &str, dl: &str| (d.to_string(), c.to_string(), s, t.to_string(), dl.to_string());
    vec![
        r("市甲局", "指标类", 1, "新增省级未来工厂1家，培育产业链上下游企业共同体2个以上", "12月底前"),
        r("市甲局", "指标类", 2, "实施轻量级数字化改造企业100家", "6月底前"),
        r("市甲局", "指标类", 3, "谋划全域土地整治项目6个以上，启动1平方公里以上工业连片开发区域整治提升", "6月30日前"),
        r("市甲局", "指标类", 4, "完成城市总体设计", "年底前"),
        r("市甲局", "项目类", 1, "开工建设现代五金科技、生命健康产业园", "三季度末"),
        r("市乙局", "指标类", 1, "出台《城区工业用地收储暂行规定》", "上半年"),
        r("市乙局", "指标类", 2, "举办高新技术成果展、工业设计展", "长期坚持"),
    ]
}

#[test]
fn interleaved_page_realigns() {
    let rows = rows(PAGE);
    assert_eq!(summary(&rows), expected());
    // Number 3 was dropped, but 2 and 4 pin it: no doubt to flag (issue 13, defect 8).
    assert_eq!(rows[2].flags, "");
    assert_eq!(&*rows[0].issue_date, "2021-05-14");
    assert_eq!(&*rows[0].page, "4");
    assert_eq!(rows[0].source_lines, "19-20");
    let dates: Vec<&str> = rows.iter().map(|r| &*r.deadline_date).collect();
    assert_eq!(dates[0], "2021-12-31");
}

#[test]
fn gb18030_utf16_crlf_and_cr_give_the_same_rows() {
    let (gb, _, _) = encoding_rs::GB18030.encode(PAGE);
    let mut utf16 = vec![0xFF, 0xFE];
    PAGE.encode_utf16().for_each(|u| utf16.extend_from_slice(&u.to_le_bytes()));
    for bytes in [gb.to_vec(), utf16, PAGE.replace('\n', "\r\n").into_bytes(), PAGE.replace('\n', "\r").into_bytes()] {
        let rows = extract_page("t.txt", &bytes, &Options::default()).unwrap().rows;
        assert_eq!(summary(&rows), expected());
    }
}

#[test]
fn full_width_digits_and_half_width_brackets() {
    let text = PAGE
        .replace("（一）指标类\n1\n2\n\n4", "(一)指标类\n１\n２\n\n４")
        .replace("（二）项目类", "（二)项目类")
        .replace("12月底前", "１２月底前");
    let rows = rows(&text);
    let got: Vec<(String, u32)> = rows.iter().map(|r| (r.category.to_string(), r.seq)).collect();
    let want: Vec<(String, u32)> = expected().into_iter().map(|e| (e.1, e.2)).collect();
    assert_eq!(got, want);
    assert_eq!(rows[0].deadline, "１２月底前", "written out as printed");
    assert_eq!(&*rows[0].deadline_date, "2021-12-31");
}

#[test]
fn missing_target_and_deadline_headers() {
    let text = PAGE.replacen("任务目标\n出台", "出台", 1).replacen("完成时限\n上半年", "上半年", 1);
    assert_eq!(summary(&rows(&text)), expected());
}

#[test]
fn table_split_across_newspaper_columns() {
    let text = "\
市甲局
序号
（一）指标类
1
2
任务目标
新增省级未来工厂1家
实施轻量级数字化改造企业100家
完成时限
12月底前
6月底前

3
（二）项目类
1
市乙局
序号
（一）指标类
1
完成城市总体设计

开工建设现代五金科技、生命健康产业园
任务目标
出台《城区工业用地收储暂行规定》

9月底前

10月底前
完成时限
上半年
";
    let got: Vec<(String, String, u32, String)> = rows(text)
        .iter()
        .map(|r| (r.department.to_string(), r.category.to_string(), r.seq, r.deadline.clone()))
        .collect();
    let s = |d: &str, c: &str, n: u32, dl: &str| (d.to_string(), c.to_string(), n, dl.to_string());
    assert_eq!(
        got,
        [
            s("市甲局", "指标类", 1, "12月底前"),
            s("市甲局", "指标类", 2, "6月底前"),
            s("市甲局", "指标类", 3, "9月底前"),
            s("市甲局", "项目类", 1, "10月底前"),
            s("市乙局", "指标类", 1, "上半年"),
        ]
    );
}

#[test]
fn row_by_row_layout() {
    let text = "\
市甲局
序号
任务目标
完成时限
（一）指标类
1
新增省级未来工厂1家，培育产业链上下游企业共同体
2个以上
12月底前

2
实施轻量级数字化改造企业100家
6月底前
（二）项目类
1
开工建设现代五金科技、生命健康产业园
三季度末
";
    let rows = rows(text);
    let got: Vec<(String, u32, String, String)> =
        rows.iter().map(|r| (r.category.to_string(), r.seq, r.target.clone(), r.deadline.clone())).collect();
    let s = |c: &str, n: u32, t: &str, dl: &str| (c.to_string(), n, t.to_string(), dl.to_string());
    assert_eq!(
        got,
        [
            s("指标类", 1, "新增省级未来工厂1家，培育产业链上下游企业共同体2个以上", "12月底前"),
            s("指标类", 2, "实施轻量级数字化改造企业100家", "6月底前"),
            s("项目类", 1, "开工建设现代五金科技、生命健康产业园", "三季度末"),
        ]
    );
    assert!(rows.iter().all(|r| &*r.department == "市甲局" && r.flags.is_empty()));
}

#[test]
fn more_deadlines_than_numbers_adds_rows_and_flags_them() {
    let text = "市甲局\n序号\n（一）指标类\n1\n2\n任务目标\n新增工厂1家\n完成设计\n出台规定\n完成时限\n12月底前\n6月底前\n9月底前\n";
    let rows = rows(text);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (rows[2].seq, rows[2].target.as_str(), rows[2].flags.to_string().as_str()),
        (3, "出台规定", "row_from_deadline_count")
    );
}

#[test]
fn fewer_deadlines_than_rows_is_flagged_not_hidden() {
    let text = "市甲局\n序号\n（一）指标类\n1\n2\n任务目标\n新增工厂1家\n完成设计\n完成时限\n12月底前\n";
    let rows = rows(text);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].deadline, "");
    assert!(rows[1].flags.contains(Flag::DeadlineMissing), "{}", rows[1].flags);
}

#[test]
fn deadline_column_before_target_column() {
    let text = "市甲局\n序号\n（一）指标类\n1\n2\n完成时限\n12月底前\n6月底前\n任务目标\n新增工厂1家\n完成设计\n";
    let got: Vec<(String, String)> = rows(text).iter().map(|r| (r.target.clone(), r.deadline.clone())).collect();
    let s = |t: &str, d: &str| (t.to_string(), d.to_string());
    assert_eq!(got, [s("新增工厂1家", "12月底前"), s("完成设计", "6月底前")]);
}

#[test]
fn lost_last_number_is_restored_where_the_targets_fit() {
    // Two tables share one deadline column (its second header lost); 市甲局's
    // 指标类 printed numbers 1 and 2 but has three rows: the blank lines of the
    // target column show where its categories end.
    let text = "市甲局\n序号\n（一）指标类\n1\n2\n（二）项目类\n1\n市乙局\n序号\n（一）指标类\n1\n\
任务目标\n新增工厂1家\n完成设计\n新增企业3家\n\n开工建设产业园\n任务目标\n举办展会\n\
完成时限\n12月底前\n6月底前\n9月底前\n10月底前\n11月底前\n";
    let got: Vec<(String, String, u32, String, String, String)> = rows(text)
        .iter()
        .map(|r| {
            (
                r.department.to_string(),
                r.category.to_string(),
                r.seq,
                r.target.clone(),
                r.deadline.clone(),
                r.flags.to_string(),
            )
        })
        .collect();
    let s = |d: &str, c: &str, n: u32, t: &str, dl: &str, f: &str| {
        (d.to_string(), c.to_string(), n, t.to_string(), dl.to_string(), f.to_string())
    };
    assert_eq!(
        got,
        [
            s("市甲局", "指标类", 1, "新增工厂1家", "12月底前", ""),
            s("市甲局", "指标类", 2, "完成设计", "6月底前", ""),
            s("市甲局", "指标类", 3, "新增企业3家", "9月底前", "row_from_deadline_count"),
            s("市甲局", "项目类", 1, "开工建设产业园", "10月底前", ""),
            s("市乙局", "指标类", 1, "举办展会", "11月底前", ""),
        ]
    );
}

#[test]
fn department_name_wrapped_over_two_lines() {
    let text = "市甲局\n序号\n（一）指标类\n1\n任务目标\n新增工厂1家\n完成时限\n12月底前\n\
市文化和广电旅游体\n育局\n序号\n（一）指标类\n1\n任务目标\n完成设计\n完成时限\n6月底前\n";
    let got: Vec<(String, String)> = rows(text).iter().map(|r| (r.department.to_string(), r.target.clone())).collect();
    let s = |d: &str, t: &str| (d.to_string(), t.to_string());
    assert_eq!(got, [s("市甲局", "新增工厂1家"), s("市文化和广电旅游体育局", "完成设计")]);
}

#[test]
fn lost_department_line_is_flagged_not_merged_into_the_table_before() {
    // The second table's name and 序号 were lost: its numbers start over at （一）.
    let text = "市甲局\n序号\n（一）指标类\n1\n任务目标\n新增工厂1家\n完成时限\n12月底前\n\
（一）指标类\n1\n任务目标\n完成设计\n完成时限\n6月底前\n";
    let rows = rows(text);
    assert_eq!((&*rows[1].department, rows[1].seq), ("", 1));
    assert!(rows[1].flags.contains(Flag::DepartmentUnknown), "{}", rows[1].flags);
}

/// The rows of `rows` as (department, category, seq, target, deadline).
fn brief(rows: &[Row]) -> Vec<String> {
    rows.iter().map(|r| format!("{} {} {} {} {}", r.department, r.category, r.seq, r.target, r.deadline)).collect()
}

#[test]
fn errors_that_cancel_out_over_a_group_do_not_shift_its_deadlines() {
    // Regression: 市甲局 breaks across newspaper columns after its 其他类
    // row 2, whose number OCR dropped; the part carried on prints only `4`,
    // and 市丙局 dropped its last number. Over the second group rows and
    // deadlines add up (one row too many, one too few), which used to shift
    // every deadline after 市甲局 by one. Each department's own deadline
    // column tells the two slips apart.
    let text = "市甲局\n序号\n（一）指标类\n1\n（二）其他类\n1\n任务目标\n新增工厂1家\n\n举办展会\n召开大会\n\
完成时限\n1月底前\n\n2月底前\n3月底前\n\
4\n市乙局\n序号\n（一）政策类\n1\n2\n市丙局\n序号\n（一）项目类\n1\n2\n\
承办论坛\n启动评选\n任务目标\n出台《甲办法》\n出台《乙办法》\n任务目标\n开工建设甲园\n开工建设乙园\n开工建设丙园\n\
4月底前\n5月底前\n完成时限\n6月底前\n7月底前\n完成时限\n8月底前\n9月底前\n10月底前\n";
    let rows = rows(text);
    assert_eq!(
        brief(&rows),
        [
            "市甲局 指标类 1 新增工厂1家 1月底前",
            "市甲局 其他类 1 举办展会 2月底前",
            "市甲局 其他类 2 召开大会 3月底前",
            "市甲局 其他类 3 承办论坛 4月底前",
            "市甲局 其他类 4 启动评选 5月底前",
            "市乙局 政策类 1 出台《甲办法》 6月底前",
            "市乙局 政策类 2 出台《乙办法》 7月底前",
            "市丙局 项目类 1 开工建设甲园 8月底前",
            "市丙局 项目类 2 开工建设乙园 9月底前",
            "市丙局 项目类 3 开工建设丙园 10月底前",
        ]
    );
    // The rows OCR lost are flagged; 市乙局's are not.
    assert!(rows[5].flags.is_empty() && rows[6].flags.is_empty(), "{:?}", rows[5..7].iter().map(|r| &r.flags));
    assert_eq!(rows[9].flags, "row_from_deadline_count");
}

#[test]
fn lost_rows_go_to_the_category_their_text_fits_when_the_layout_cannot_tell() {
    // Rows 2 and 3 of 政策类 lost their numbers; the blank lines would allow
    // them at the end of either category. Policies read as policies: the
    // rows are 政策类's (the layout alone put them in 项目类).
    let text =
        "市甲局\n序号\n（一）项目类\n1\n（二）政策类\n1\n任务目标\n开工建设甲园\n\n出台《甲办法》\n出台《乙办法》\n\n\
出台《丙办法》\n完成时限\n1月底前\n2月底前\n3月底前\n4月底前\n";
    let rows = rows(text);
    assert_eq!(
        brief(&rows),
        [
            "市甲局 项目类 1 开工建设甲园 1月底前",
            "市甲局 政策类 1 出台《甲办法》 2月底前",
            "市甲局 政策类 2 出台《乙办法》 3月底前",
            "市甲局 政策类 3 出台《丙办法》 4月底前",
        ]
    );
    assert!(rows[2].flags.contains(Flag::RowFromDeadlineCount), "{}", rows[2].flags);
}

#[test]
fn rows_restored_before_a_column_break_are_not_counted_again_after_it() {
    // Regression: 项目类 prints `1`, then breaks across newspaper columns
    // and carries on with `4`; the first part's deadlines restore rows 2
    // and 3 there. After the break 政策类 also lost its row 2: the rows
    // carried on are row 4 alone, and the lost policy goes to 政策类.
    let text = "市甲局\n序号\n（一）指标类\n1\n2\n（二）项目类\n1\n任务目标\n新增工厂1家\n新增学位20个\n\n\
开工建设甲园\n开工建设乙园\n开工建设丙园\n完成时限\n1月底前\n2月底前\n\n3月底前\n4月底前\n5月底前\n\
4\n（三）政策类\n1\n（四）其他类\n1\n2\n开工建设丁园\n\n出台《甲办法》\n出台《乙办法》\n\n举办展会\n召开大会\n\
6月底前\n\n7月底前\n8月底前\n\n9月底前\n10月底前\n";
    let rows = rows(text);
    assert_eq!(
        brief(&rows),
        [
            "市甲局 指标类 1 新增工厂1家 1月底前",
            "市甲局 指标类 2 新增学位20个 2月底前",
            "市甲局 项目类 1 开工建设甲园 3月底前",
            "市甲局 项目类 2 开工建设乙园 4月底前",
            "市甲局 项目类 3 开工建设丙园 5月底前",
            "市甲局 项目类 4 开工建设丁园 6月底前",
            "市甲局 政策类 1 出台《甲办法》 7月底前",
            "市甲局 政策类 2 出台《乙办法》 8月底前",
            "市甲局 其他类 1 举办展会 9月底前",
            "市甲局 其他类 2 召开大会 10月底前",
        ]
    );
}

/// A table as `pdftotext -layout` (or a line-by-line OCR) prints it: each
/// row's number and deadline on its middle line, the target wrapped around
/// them, a number lost by OCR.
const LAYOUT_PAGE: &str = "\
市发展和改革局
 序号                 任务目标                                   完成时限
（一）指标类
   1    全年GDP增长7.5%，城镇居民人均可支配收入与经济增长同步     12月底前
        一季度投资增长16%以上，省“4+1”重大项目投资完成率30%以
   2    上，4个第十二批省集中开工项目开工率100%，谋划盯引省市县    3月底前
        长项目6个，落地3个
        土地出让金收入50亿元以上                                 12月底前
（二）项目类
   1    开工建设现代五金科技、生命健康产业园                       6月底前
市教育局
 序号                 任务目标                                   完成时限
（一）其他类
   1    召开服务业发展大会                                         7月底前
   2    承办金华市传统产业转型升级现场会                           10月底前
";

#[test]
fn table_printed_one_row_per_line() {
    let page = extract_page("2022-03-22_p03.txt", LAYOUT_PAGE.as_bytes(), &Options::default()).unwrap();
    assert_eq!(
        brief(&page.rows),
        [
            "市发展和改革局 指标类 1 全年GDP增长7.5%，城镇居民人均可支配收入与经济增长同步 12月底前",
            "市发展和改革局 指标类 2 一季度投资增长16%以上，省“4+1”重大项目投资完成率30%以上，4个第十二批省集中开工项目开工率100%，谋划盯引省市县长项目6个，落地3个 3月底前",
            "市发展和改革局 指标类 3 土地出让金收入50亿元以上 12月底前",
            "市发展和改革局 项目类 1 开工建设现代五金科技、生命健康产业园 6月底前",
            "市教育局 其他类 1 召开服务业发展大会 7月底前",
            "市教育局 其他类 2 承办金华市传统产业转型升级现场会 10月底前",
        ]
    );
    let lines: Vec<&str> = page.rows.iter().map(|r| r.source_lines.as_str()).collect();
    assert_eq!(lines, ["4-4", "5-7", "8-8", "10-10", "14-14", "15-15"]);
    assert_eq!(page.rows[2].flags, "row_from_deadline_count");
    // Every line is in one place: the row lines in rows, the rest structure.
    assert_eq!(page.uses.len(), LAYOUT_PAGE.lines().count());
    assert!(page.uses.iter().all(|u| u.is_some()) && page.leftovers.is_empty());
}

#[test]
fn a_row_line_whose_number_is_out_of_sequence_stays_in_its_row() {
    // Regression (found by fuzzing): OCR read row 1's number as `0`. The
    // line's target and deadline are row 1's; the stray number is a doubt
    // on that row, not a leftover, and the line is accounted once.
    let text = "市甲局\n序号    任务目标                 完成时限\n（一）指标类\n   0    新增企业5家              12月底前\n   2    完成调查                6月底前\n";
    let page = extract_page("2022-03-22_p03.txt", text.as_bytes(), &Options::default()).unwrap();
    assert_eq!(brief(&page.rows), ["市甲局 指标类 1 新增企业5家 12月底前", "市甲局 指标类 2 完成调查 6月底前"]);
    assert!(page.rows[0].flags.contains(Flag::RowLinePieceUnused), "{}", page.rows[0].flags);
    assert!(page.leftovers.is_empty());
    assert_eq!(page.uses[3], Some(pledges::model::Use::Target));
}

#[test]
fn deadline_cells_wrapped_over_two_lines_are_joined() {
    // A narrow deadline column wraps `2022年12月底前` as `2022年12月` / `底前`
    // (or `2023年` / `6月底前`); each pair is one deadline of one row, with
    // its stated year, and both of its lines are accounted for.
    let text = "市甲局\n序号\n（一）指标类\n1\n2\n任务目标\n新增企业5家\n完成调查\n完成时限\n2022年12月\n底前\n2023年\n6月底前\n";
    let page = extract_page("2022-03-22_p03.txt", text.as_bytes(), &Options::default()).unwrap();
    let got: Vec<(&str, &str, bool)> =
        page.rows.iter().map(|r| (r.deadline.as_str(), &*r.deadline_date, r.flags.is_empty())).collect();
    assert_eq!(got, [("2022年12月底前", "2022-12-31", true), ("2023年6月底前", "2023-06-30", true)]);
    assert!(page.leftovers.is_empty());
    pledges::model::accounting::check("wrapped", &page, text.lines()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.uses[10], Some(pledges::model::Use::Deadline), "the second line of a wrapped deadline");
}

/// Regression (found measuring issue 13's flags, dev seed 12): a page
/// carrying a list on whose first row (of the category before `（二）其他类`)
/// lost its number. The deadline count restores one row, placed at the end
/// of 其他类, so 其他类 1 and 2 took the wrong targets and carried no flag.
#[test]
fn a_row_a_carried_list_may_have_lost_flags_the_rows_it_would_shift() {
    let page = "时政·要闻2022年7月10日 星期日\n\n（上接6版）\n\n（二）其他类\n1\n2\n\n\
                储备地方政府专项债券128亿元，专项债券资金年度\n\n举办高新技术成果展、工业设计展\n\
                承办世界五金发展大会、民营企业家节\n\n12月底前\n\n9月底前\n11月底前\n";
    let rows = rows(page);
    let got: Vec<(&str, u32, String)> = rows.iter().map(|r| (&*r.category, r.seq, r.flags.to_string())).collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[..2].iter().all(|(_, _, f)| f.contains("rows_uncertain")), "{got:?}");
    assert!(got[2].2.contains("row_from_deadline_count"), "{got:?}");
}

/// Plain `pdftotext` (no `-layout`) of a page in newspaper columns: 市乙局's
/// heading comes before the rows 市甲局 carries on in the next column, so
/// 市甲局 shows no row and its rows go to 市乙局. They must not be silently
/// wrong (gen's pdf presets as plain text, seed 21: 105 wrong rows unflagged).
#[test]
fn rows_under_a_heading_read_before_another_departments_rows_are_flagged() {
    let text = "市甲局\n序号\n任务目标\n市乙局\n完成时限\n（一）指标类\n1\n新增工厂1家\n12月底前\n\
2\n完成设计\n6月底前\n";
    let got: Vec<String> = rows(text).iter().map(|r| format!("{} {} {}", r.department, r.seq, r.flags)).collect();
    assert_eq!(got, ["市乙局 1 department_uncertain", "市乙局 2 department_uncertain"]);
}
