//! Table-shaped input: UTF-8 text split on `\n`, where a line that is a single
//! shorthand letter stands for a common table token (see `token`), so the
//! mutator builds department / 序号 / category / number / target / deadline
//! layouts far more often than from raw bytes. Runs `extract_lines` on the
//! lines directly, checks the page invariants, and checks that
//! `extract_page` on the same text joined with `\n` gives the same result
//! (when that text passes `may_hold_table`, extract_page's pre-check).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledges::model::Line;

const SOURCE: &str = "2022-03-22_p03.txt";

fn token(line: &str) -> &str {
    match line {
        "D" => "市测试局",
        "E" => "市发展和改革局",
        "S" => "序号",
        "R" => "序号 任务目标 完成时限",
        "C" => "（一）指标类",
        "c" => "（二）项目类",
        "p" => "(三）政策类",
        "T" => "任务目标",
        "H" => "完成时限",
        "L" => "12月底前",
        "l" => "6月底前",
        "Y" => "年底前",
        "q" => "二季度末",
        "K" => "长期坚持",
        "M" => "时政·要闻2022年3月22日 星期二",
        "m" => "融媒编辑：蒋立峰03 YONGKANG DAILY",
        "N" => "（下转4版）",
        "P" => "（上接3版）",
        "Q" => "“扛旗争先 拼搏实干”工作承诺清单",
        "X" => "新增企业5家",
        "x" => "完成调查，",
        "w" => "一季度投资增长 16%以上，省“4+1”重大项目投资完成率 30%以",
        "u" => "上，4个第十二批省集中开工项目开工率100%",
        "z" => "召开服务业发展大会",
        "Z" => "落地信用惠企便民场景10个",
        "o" => "拟定《加强政府投资",
        "O" => "项目管理办法》",
        _ => line,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let lines: Vec<Line> = Line::numbered(input.split('\n').map(token));
    let page = pledges::run::page::extract_lines(SOURCE, &lines, &pledges::Options::default());
    pledges_fuzz::check_page(&page, &lines);

    // The same page as bytes: when decode gives back exactly these lines and
    // the page passes extract_page's cheap "may hold a table" pre-check (a
    // page without table words is all furniture, by design), the result must
    // be the same.
    let joined = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    if !pledges::lexicon::headers::may_hold_table(&joined) {
        return;
    }
    let Ok(text) = pledges::read::decode::decode(SOURCE, joined.as_bytes()) else { return };
    if text.lines != lines {
        return;
    }
    let again = pledges::extract_page(SOURCE, joined.as_bytes(), &pledges::Options::default())
        .expect("decode accepted these bytes");
    assert_eq!(page.rows, again.rows, "extract_page and extract_lines disagree on rows");
    assert_eq!(page.leftovers, again.leftovers, "extract_page and extract_lines disagree on leftovers");
    assert_eq!(page.uses, again.uses, "extract_page and extract_lines disagree on uses");
});
