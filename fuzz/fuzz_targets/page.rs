//! Raw bytes through the whole page pipeline: decode → classify → segment →
//! skeleton → align → rows. See `../README.md` for the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let result = pledges::extract_page("fuzz.txt", data, &pledges::Options::default());
    let decoded = pledges::read::decode::decode("fuzz.txt", data);
    match (result, decoded) {
        (Ok(page), Ok(text)) => pledges_fuzz::check_page(&page, &text.lines),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("extract_page accepted what decode refused: {e}"),
        (Err(e), Ok(_)) => panic!("extract_page refused what decode accepted: {e}"),
    }
});
