//! Every change id has a fixture pair, `fixtures/compat/<id>/{base,revision}`: comparing
//! them finds that id; the changes are snapshotted in both directions, and the reverse
//! direction finds the change that undoes it (an added optional input reversed is a
//! removal).

use std::fs;
use std::path::{Path, PathBuf};

use protonkit_core::compat::{compare, ChangeId, Comparison, CompatOptions, OutputReaders};
use protonkit_core::{Bundle, FileSet};
use protonkit_fs as disk;

const FIXTURES: &str = "fixtures/compat";

/// The bundle in `dir`, or below a chain of single folders (`base/network-env/v1/`).
fn load(dir: &Path) -> Bundle {
    let mut dir = dir.to_path_buf();
    while !disk::is_bundle_root(&dir) {
        let entries: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        match entries.as_slice() {
            [only] if only.is_dir() => dir = only.clone(),
            _ => panic!("{} holds no bundle", dir.display()),
        }
    }
    disk::load_bundle(&dir).unwrap()
}

/// Service templates that read the environment's outputs, from `readers/` when present.
fn readers(case: &Path) -> OutputReaders {
    let mut readers = OutputReaders::default();
    let dir = case.join("readers");
    if dir.is_dir() {
        for found in disk::find_bundles(&[dir]).unwrap() {
            readers.add_service(&found.load().unwrap(), &found.display);
        }
    }
    readers
}

fn describe(comparison: &Comparison, base: &FileSet, revision: &FileSet) -> String {
    let at = |files: &FileSet, span: Option<protonkit_core::Span>| {
        span.map_or_else(
            || "-".to_owned(),
            |s| {
                let p = files.start(s);
                format!("{}:{}:{}", files.get(s.file).path(), p.line, p.column)
            },
        )
    };
    let mut out = format!(
        "verdict: {}\n",
        protonkit_core::compat::verdict_name(comparison.verdict())
    );
    for c in &comparison.changes {
        out.push_str(&format!(
            "{} {}: {}\n  base: {}\n  revision: {}\n",
            c.level,
            c.id,
            c.message,
            at(base, c.base_span),
            at(revision, c.revision_span)
        ));
    }
    out
}

/// The change that undoes each change, where one change id does.
fn reverse_of(id: ChangeId) -> ChangeId {
    use ChangeId::*;
    match id {
        InputTypeAdded => InputTypeRemoved,
        InputTypeRemoved => InputTypeAdded,
        InputTypeRenamed => InputTypeRenamed,
        PipelineInputTypeAdded => PipelineInputTypeRemoved,
        PipelineInputTypeRemoved => PipelineInputTypeAdded,
        InputAddedOptional | InputAddedRequiredWithDefault | InputAddedRequiredWithoutDefault => {
            InputRemoved
        }
        InputRemoved => InputAddedOptional,
        InputBecameRequired | InputBecameRequiredWithDefault => InputBecameOptional,
        InputBecameOptional => InputBecameRequired,
        InputDefaultAdded => InputDefaultRemoved,
        InputDefaultRemoved | InputDefaultRemovedFromRequired => InputDefaultAdded,
        InputDefaultChanged => InputDefaultChanged,
        InputTypeChanged | InputTypeWidened => InputTypeChanged,
        InputNullableAdded => InputNullableRemoved,
        InputNullableRemoved => InputNullableAdded,
        InputEnumAdded => InputEnumRemoved,
        InputEnumRemoved => InputEnumAdded,
        InputEnumValueRemoved => InputEnumValueAdded,
        InputEnumValueAdded => InputEnumValueRemoved,
        InputPatternAdded => InputPatternRemoved,
        InputPatternRemoved => InputPatternAdded,
        InputPatternChanged => InputPatternChanged,
        InputFormatAdded => InputFormatRemoved,
        InputFormatRemoved => InputFormatAdded,
        InputFormatChanged => InputFormatChanged,
        InputMinLengthIncreased => InputMinLengthDecreased,
        InputMinLengthDecreased => InputMinLengthIncreased,
        InputMaxLengthDecreased => InputMaxLengthIncreased,
        InputMaxLengthIncreased => InputMaxLengthDecreased,
        InputMinimumIncreased => InputMinimumDecreased,
        InputMinimumDecreased => InputMinimumIncreased,
        InputMaximumDecreased => InputMaximumIncreased,
        InputMaximumIncreased => InputMaximumDecreased,
        InputMinItemsIncreased => InputMinItemsDecreased,
        InputMinItemsDecreased => InputMinItemsIncreased,
        InputMaxItemsDecreased => InputMaxItemsIncreased,
        InputMaxItemsIncreased => InputMaxItemsDecreased,
        InputUniqueItemsAdded => InputUniqueItemsRemoved,
        InputUniqueItemsRemoved => InputUniqueItemsAdded,
        InputDescriptionChanged => InputDescriptionChanged,
        InputTitleChanged => InputTitleChanged,
        InputExampleChanged => InputExampleChanged,
        OutputAdded => OutputRemoved,
        OutputRemoved | OutputRemovedInUse => OutputAdded,
        other => panic!("no reverse known for {other}"),
    }
}

#[test]
fn every_change_id_has_a_fixture_pair_and_every_fixture_an_id() {
    let mut problems = Vec::new();
    for id in ChangeId::ALL {
        let dir = Path::new(FIXTURES).join(id.as_str());
        for side in ["base", "revision"] {
            if !dir.join(side).is_dir() {
                problems.push(format!("{id}: no {}/{side}/", dir.display()));
            }
        }
        if id.explain().trim().is_empty() {
            problems.push(format!("{id}: no documented reason for its level"));
        }
    }
    for entry in fs::read_dir(FIXTURES).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if ChangeId::find(&name).is_none() {
            problems.push(format!("{FIXTURES}/{name} is no change id"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixture_pairs_find_their_change_in_both_directions() {
    let options = CompatOptions::default();
    for &id in ChangeId::ALL {
        let case = Path::new(FIXTURES).join(id.as_str());
        let (base, revision) = (load(&case.join("base")), load(&case.join("revision")));
        let forward = compare(&base, &revision, &readers(&case), &options);
        let backward = compare(&revision, &base, &OutputReaders::default(), &options);
        let found: Vec<ChangeId> = forward.changes.iter().map(|c| c.id).collect();
        assert!(found.contains(&id), "{id}: the pair shows {found:?}");
        assert_eq!(
            forward.changes.iter().find(|c| c.id == id).unwrap().level,
            options.level(id)
        );
        let undone: Vec<ChangeId> = backward.changes.iter().map(|c| c.id).collect();
        assert!(
            undone.contains(&reverse_of(id)),
            "{id} reversed shows {undone:?}, not {}",
            reverse_of(id)
        );
        let text = format!(
            "# {id}: base -> revision\n{}\n# revision -> base\n{}",
            describe(&forward, base.files(), revision.files()),
            describe(&backward, revision.files(), base.files())
        );
        insta::assert_snapshot!(id.as_str(), text);
    }
}
