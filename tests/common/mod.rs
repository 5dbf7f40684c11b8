//! Helpers shared by the integration tests.

use std::fs;
use std::path::Path;

/// Copies the folder `from` to `to`, recursively.
#[allow(dead_code)] // not every test crate copies folders
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Writes `files` (path relative to `root`, contents) below `root`, making folders.
#[allow(dead_code)] // not every test crate writes files this way
pub fn write(root: &Path, files: &[(&str, &[u8])]) {
    for (path, data) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, data).unwrap();
    }
}

/// Runs the `protonkit` binary in `dir` without colours and waits for it.
#[allow(dead_code)] // not every test crate runs the binary this way
pub fn protonkit_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_protonkit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}
