//! Finding bundles on disk and reading them into memory (the core itself never touches the
//! filesystem).
//!
//! A directory is a bundle root when it has a `schema/` folder, an infrastructure folder
//! with a `manifest.yaml`, or (a directly defined component) a `manifest.yaml` of its own
//! that declares `infrastructure`. Symbolic links are never followed out of a bundle.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use protonkit_core::archive;
use protonkit_core::bundle::{Refusal, SyncLayout, INFRA_DIRS};
use protonkit_core::spec::Spec;
use protonkit_core::{Bundle, Contents, FileSet};
use walkdir::WalkDir;

pub mod git;

/// Files larger than this are not read (the bundle quota is 5 MB packed).
const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Folders never descended into while looking for bundles.
const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "target", ".terraform"];

/// A bundle found on disk: a folder, or a `.tar.gz`/`.zip` archive named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The bundle as the user would write it (joined from their argument).
    pub display: String,
    /// The folder or archive on disk.
    pub path: PathBuf,
    /// Whether `path` is an archive rather than a folder.
    pub archive: bool,
}

impl Found {
    /// Reads and parses the bundle.
    ///
    /// # Errors
    /// When the folder or archive cannot be read.
    pub fn load(&self) -> Result<Bundle, PathError> {
        if self.archive {
            load_archive(&self.path)
        } else {
            load_bundle(&self.path)
        }
    }
}

/// Whether a file name says it is a bundle archive.
#[must_use]
pub fn is_archive_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [".tar.gz", ".tgz", ".zip"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Reads a `.tar.gz` or `.zip` bundle. Unsafe or excessive entries are refused and reported
/// (see [`protonkit_core::archive`]).
///
/// # Errors
/// When the file cannot be read or is not an archive.
pub fn load_archive(path: &Path) -> Result<Bundle, PathError> {
    let bytes = read_capped(path).map_err(|e| PathError(format!("`{}`: {e}", path.display())))?;
    let unpacked = archive::unpack(&bytes, archive::Limits::default())
        .map_err(|e| PathError(format!("`{}` is {e}", path.display())))?;
    Ok(Bundle::new(unpacked.files).with_refusals(unpacked.refused))
}

/// Reads a spec file; findings name it `display`.
///
/// # Errors
/// When the file cannot be read.
pub fn load_spec(path: &Path, display: &str) -> Result<Spec, PathError> {
    let bytes = read_capped(path).map_err(|e| PathError(format!("`{}` {e}", path.display())))?;
    Ok(Spec::parse(display, Contents::from_bytes(bytes)))
}

/// The spec files beside a folder bundle (see [`specs_beside`]) that are written for it:
/// YAML files with a `proton:` key, except specs of the other kind (a service template's
/// test folder often holds the environment spec it needs too). None for an archive.
///
/// # Errors
/// When a spec file cannot be read.
pub fn specs_for(found: &Found, bundle: &Bundle) -> Result<Vec<Spec>, PathError> {
    if found.archive {
        return Ok(Vec::new());
    }
    let expected = bundle.kind().spec_kind();
    let mut out = Vec::new();
    for path in specs_beside(&found.path) {
        let spec = load_spec(&path, &display(&path))?;
        let other_kind = spec.kind().is_some_and(|k| Some(k) != expected);
        if spec.looks_like_spec() && !other_kind {
            out.push(spec);
        }
    }
    Ok(out)
}

/// Folders that hold a bundle's spec files, by convention.
const SPEC_DIRS: &[&str] = &["spec", "specs"];

/// The YAML files in a `spec/` or `specs/` folder inside the bundle folder or, for a
/// template-sync `<name>/v<N>/` bundle, beside it in `<name>/`. Sorted; whether each is a
/// spec for this bundle is for the caller to decide (see [`Spec::looks_like_spec`]).
#[must_use]
pub fn specs_beside(bundle_dir: &Path) -> Vec<PathBuf> {
    let mut roots = vec![bundle_dir.to_path_buf()];
    if sync_layout(bundle_dir).is_some() {
        if let Some(parent) = bundle_dir.parent() {
            roots.push(parent.to_path_buf());
        }
    }
    let mut out = Vec::new();
    for root in roots {
        for dir in SPEC_DIRS {
            let Ok(entries) = fs::read_dir(root.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let yaml = path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                });
                if yaml && entry.file_type().is_ok_and(|t| t.is_file()) {
                    out.push(path);
                }
            }
        }
    }
    out.sort();
    out
}

/// A path that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError(pub String);

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PathError {}

/// Reads a bundle folder and parses it: files, refusals and template-sync position.
///
/// # Errors
/// When the folder cannot be read.
pub fn load_bundle(dir: &Path) -> Result<Bundle, PathError> {
    let (files, refused) = load(dir)?;
    Ok(Bundle::new(files)
        .with_refusals(refused)
        .with_sync_layout(sync_layout(dir)))
}

/// Finds the bundles that `paths` name: every bundle below a directory, the bundle a file
/// belongs to (for a spec in `<name>/spec/`, the `<name>/v<N>/` bundles beside it), an
/// archive named directly. Each bundle once, in the order found.
///
/// # Errors
/// When a path does not exist or cannot be read.
pub fn find_bundles(paths: &[PathBuf]) -> Result<Vec<Found>, PathError> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for path in paths {
        let meta = fs::metadata(path)
            .map_err(|e| PathError(format!("cannot read `{}`: {e}", path.display())))?;
        let archive = meta.is_file() && is_archive_name(path);
        let candidates = if meta.is_dir() {
            below(path)
        } else if archive {
            vec![path.clone()]
        } else {
            enclosing(path).map_or_else(|| spec_owners(path), |b| vec![b])
        };
        for candidate in candidates {
            let key = fs::canonicalize(&candidate).unwrap_or_else(|_| candidate.clone());
            if seen.insert(key) {
                found.push(Found {
                    display: display(&candidate),
                    path: candidate,
                    archive,
                });
            }
        }
    }
    Ok(found)
}

/// A path as findings show it: `/`-separated, without a leading `./` or trailing `/`.
#[must_use]
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s
        .strip_prefix("./")
        .unwrap_or(&s)
        .trim_end_matches('/')
        .to_owned();
    if s.is_empty() {
        ".".to_owned()
    } else {
        s
    }
}

/// Whether `dir` is the root of a bundle.
pub fn is_bundle_root(dir: &Path) -> bool {
    if dir.join("schema").is_dir() {
        return true;
    }
    if INFRA_DIRS
        .iter()
        .any(|d| dir.join(d).join("manifest.yaml").is_file())
    {
        return true;
    }
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if INFRA_DIRS.contains(&name) || name == "schema" {
        return false;
    }
    fs::read_to_string(dir.join("manifest.yaml")).is_ok_and(|t| t.contains("infrastructure"))
}

fn below(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut walk = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && SKIPPED_DIRS.contains(&name.as_ref()) {
            walk.skip_current_dir();
            continue;
        }
        if is_bundle_root(entry.path()) {
            out.push(entry.path().to_path_buf());
            walk.skip_current_dir();
        }
    }
    out
}

fn enclosing(file: &Path) -> Option<PathBuf> {
    for dir in file.ancestors().skip(1) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if is_bundle_root(dir) {
            return Some(dir.to_path_buf());
        }
    }
    // The bundle may start above the path as given (`protonkit lint schema.yaml` from inside
    // `schema/`): continue through the absolute path.
    let abs = fs::canonicalize(file).ok()?;
    abs.ancestors()
        .skip(1)
        .find(|dir| is_bundle_root(dir))
        .map(Path::to_path_buf)
}

/// The bundles a spec file outside any bundle is kept for: a spec in `<name>/spec/` belongs
/// to the template-sync bundles `<name>/v<N>/` beside that folder.
fn spec_owners(file: &Path) -> Vec<PathBuf> {
    let Some(folder) = file.parent() else {
        return Vec::new();
    };
    let is_spec_folder = folder
        .file_name()
        .is_some_and(|n| SPEC_DIRS.iter().any(|d| n == *d));
    let Some(template) = folder.parent().filter(|_| is_spec_folder) else {
        return Vec::new();
    };
    let template = if template.as_os_str().is_empty() {
        Path::new(".")
    } else {
        template
    };
    let Ok(entries) = fs::read_dir(template) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && sync_layout(p).is_some() && is_bundle_root(p))
        .collect();
    out.sort();
    out
}

/// Whether two bundle folders (canonical paths) belong to one template repository: the
/// same git work tree when they are in one, else (a copy without `.git`) when the folder
/// that holds both is at most two levels above either template folder, as in
/// `<repo>/environment-templates/<name>/v1` beside `<repo>/service-templates/<name>/v1`.
#[must_use]
pub fn same_repository(a: &Path, b: &Path) -> bool {
    let work_tree = |p: &Path| {
        p.ancestors()
            .find(|d| d.join(".git").exists())
            .map(Path::to_path_buf)
    };
    match (work_tree(a), work_tree(b)) {
        (Some(x), Some(y)) => return x == y,
        (None, None) => {}
        _ => return false,
    }
    let Some(common) = a.ancestors().find(|d| b.starts_with(d)) else {
        return false;
    };
    // From a bundle `<name>/v<N>` up: the template folder, its parent, the repository.
    let near = |p: &Path| p.ancestors().take(4).any(|d| d == common);
    near(a) && near(b)
}

/// The template-sync position of a bundle folder (`<name>/v<major>`).
pub fn sync_layout(dir: &Path) -> Option<SyncLayout> {
    let abs = fs::canonicalize(dir).ok()?;
    let name = abs.file_name()?.to_str()?;
    let parent = abs.parent()?.file_name()?.to_str()?;
    SyncLayout::from_dirs(parent, name)
}

/// Reads every file of a bundle folder. Links that stay inside the bundle are read through;
/// links that leave it, and unreadable or oversized files, are refused.
///
/// # Errors
/// When the folder itself cannot be read.
pub fn load(dir: &Path) -> Result<(FileSet, Vec<Refusal>), PathError> {
    let root = fs::canonicalize(dir)
        .map_err(|e| PathError(format!("cannot read `{}`: {e}", dir.display())))?;
    let mut files = FileSet::new();
    let mut refused = Vec::new();
    let mut walk = WalkDir::new(&root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(&root).ok())
                    .map(relative)
                    .unwrap_or_default();
                refused.push(Refusal::new(path, format!("could not be read: {e}")));
                continue;
            }
        };
        let rel = relative(entry.path().strip_prefix(&root).unwrap_or(entry.path()));
        let kind = entry.file_type();
        if kind.is_dir() {
            if entry.depth() > 0 && entry.file_name() == ".git" {
                walk.skip_current_dir();
            }
            continue;
        }
        let target = if kind.is_symlink() {
            let written = fs::read_link(entry.path())
                .map(|t| t.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            match fs::canonicalize(entry.path()) {
                Ok(t) if t.starts_with(&root) && t.is_file() => t,
                Ok(t) if t.starts_with(&root) => {
                    refused.push(Refusal::new(
                        rel,
                        "symbolic links to folders are not followed",
                    ));
                    continue;
                }
                Ok(_) => {
                    refused.push(Refusal::new(
                        rel,
                        format!("it is a symbolic link to `{written}`, which leaves the bundle"),
                    ));
                    continue;
                }
                Err(_) => {
                    refused.push(Refusal::new(rel, "it is a broken symbolic link"));
                    continue;
                }
            }
        } else {
            entry.path().to_path_buf()
        };
        match read_capped(&target) {
            Ok(bytes) => {
                files.insert(rel, Contents::from_bytes(bytes));
            }
            Err(reason) => refused.push(Refusal::new(rel, reason)),
        }
    }
    Ok((files, refused))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let size = fs::metadata(path)
        .map_err(|e| format!("could not be read: {e}"))?
        .len();
    if size > MAX_FILE_SIZE {
        return Err(format!(
            "it is {} MiB, larger than any bundle file can be",
            size / (1024 * 1024)
        ));
    }
    fs::read(path).map_err(|e| format!("could not be read: {e}"))
}

fn relative(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
