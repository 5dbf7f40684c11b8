//! README.md's rule table and `docs/rules.md` (every rule's documentation, one heading per
//! rule, the address `Rule::docs_url` and the SARIF and JSON output point at) are generated
//! from the registry; these tests fail when they are stale. Run with `PROTONKIT_BLESS=1` to
//! rewrite them.

use protonkit_core::rules;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn table() -> String {
    let mut out = String::from("| code | name | severity | finds |\n|---|---|---|---|\n");
    for r in rules::all() {
        out.push_str(&format!(
            "| [{}]({}) | `{}` | {} | {} |\n",
            r.code(),
            r.docs_url().replace(rules::DOCS_URL, "docs/rules.md"),
            r.name(),
            r.default_severity(),
            r.summary().replace('|', "\\|")
        ));
    }
    out
}

fn rules_doc() -> String {
    let mut out = String::from(
        "# protonkit rules\n\n<!-- Generated from the rule registry by `PROTONKIT_BLESS=1 cargo test --test readme`; do not edit. -->\n\n",
    );
    for r in rules::all() {
        // The heading's GitHub anchor is `p020-unknown-manifest-key`, as `docs_url` says.
        out.push_str(&format!(
            "## {} {}\n\nDefault severity: {}. {}.\n{}\n\n",
            r.code(),
            r.name(),
            r.default_severity(),
            capitalize(r.summary()),
            format!("\n{}", r.docs().trim_end()).replace("\n## ", "\n### ")
        ));
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn check_or_bless(path: &str, current: &str, expected: &str) {
    if current == expected {
        return;
    }
    if std::env::var_os("PROTONKIT_BLESS").is_some() {
        std::fs::write(path, expected).unwrap();
        return;
    }
    panic!("{path} is out of date; run `PROTONKIT_BLESS=1 cargo test --test readme`");
}

#[test]
fn readme_rule_table_is_up_to_date() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find(START)
        .expect("README.md has no rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README.md has no rules:end marker");
    let updated = format!("{}{}{}", &readme[..start], table(), &readme[end..]);
    check_or_bless("README.md", &readme, &updated);
}

#[test]
fn rules_doc_is_up_to_date_and_anchors_match_the_urls() {
    let current = std::fs::read_to_string("docs/rules.md").unwrap_or_default();
    let expected = rules_doc();
    for r in rules::all() {
        let anchor = r.docs_url().rsplit('#').next().unwrap().to_owned();
        let heading = format!("## {} {}", r.code(), r.name());
        // GitHub's anchor for a heading: lowercase, spaces to `-`.
        assert_eq!(heading[3..].to_lowercase().replace(' ', "-"), anchor);
        assert!(expected.contains(&format!("\n{heading}\n")));
    }
    check_or_bless("docs/rules.md", &current, &expected);
}

fn changes_doc() -> String {
    use protonkit_core::compat::{ChangeId, Policy};
    let mut out = String::from(
        "# protonkit change ids\n\n<!-- Generated from `ChangeId` by `PROTONKIT_BLESS=1 cargo test --test readme`; do not edit. -->\n\n\
         `protonkit diff` classifies every difference between two versions of a template with one of\n\
         these ids. `major` means the revision needs a new major version, `minor` that it can be a\n\
         minor version, `patch` that specs are not affected. The `contract` policy (the default)\n\
         calls major anything that can make a valid spec invalid or demands new information; the\n\
         `proton` policy follows what Proton's own registration check is documented to refuse.\n\
         Proton never published its rules, so each level below says why it is what it is.\n\
         Override a level per id under `[compat] levels` in protonkit.toml.\n\n\
         | id | contract | proton |\n|---|---|---|\n",
    );
    for id in ChangeId::ALL {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} |\n",
            id.level(Policy::Contract),
            id.level(Policy::Proton)
        ));
    }
    for id in ChangeId::ALL {
        out.push_str(&format!(
            "\n## {id}\n\nLevel: {} (contract), {} (proton).\n\n{}\n",
            id.level(Policy::Contract),
            id.level(Policy::Proton),
            id.explain().trim_end()
        ));
    }
    out
}

#[test]
fn changes_doc_is_up_to_date() {
    let current = std::fs::read_to_string("docs/changes.md").unwrap_or_default();
    check_or_bless("docs/changes.md", &current, &changes_doc());
}
