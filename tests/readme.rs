//! README.md's rule table is generated from the registry; this test fails when it is stale.
//! Run with `PROTONKIT_BLESS=1` to rewrite it.

use protonkit::rules;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn table() -> String {
    let mut out = String::from("| code | name | severity | finds |\n|---|---|---|---|\n");
    for r in rules::all() {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            r.code(),
            r.name(),
            r.default_severity(),
            r.summary().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_rule_table_is_up_to_date() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find(START)
        .expect("README.md has no rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README.md has no rules:end marker");
    let expected = table();
    if readme[start..end] == expected {
        return;
    }
    if std::env::var_os("PROTONKIT_BLESS").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write("README.md", updated).unwrap();
        return;
    }
    panic!(
        "README.md's rule table is out of date; run `PROTONKIT_BLESS=1 cargo test --test readme`"
    );
}
