//! Prints the kind `classify_line` gives each line of stdin (a tuning aid).
fn main() {
    for l in std::io::stdin().lines() {
        let l = l.unwrap();
        println!("{:<20} {:?}", l, pledges::layout::classify::classify_line(&l));
    }
}
