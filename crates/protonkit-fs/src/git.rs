//! Bundles as they were at a git revision, read through the `git` command (two processes
//! per bundle: `ls-tree` to list its files, one `cat-file --batch` to read them all).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use protonkit_core::bundle::{Refusal, SyncLayout};
use protonkit_core::{Bundle, Contents, FileSet};

use crate::{PathError, MAX_FILE_SIZE};

/// A git work tree.
#[derive(Debug, Clone)]
pub struct Repository {
    top: PathBuf,
}

impl Repository {
    /// The work tree that holds `path`.
    ///
    /// # Errors
    /// When `git` cannot run or `path` is not inside a work tree.
    pub fn discover(path: &Path) -> Result<Self, PathError> {
        let dir = if path.is_dir() {
            path
        } else {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        let top = git(dir, &["rev-parse", "--show-toplevel"], None)?;
        let top = String::from_utf8_lossy(&top).trim().to_owned();
        Ok(Repository {
            top: std::fs::canonicalize(&top).unwrap_or_else(|_| PathBuf::from(top)),
        })
    }

    /// The work tree's top folder.
    #[must_use]
    pub fn top(&self) -> &Path {
        &self.top
    }

    /// The commit `rev` names; `None` for `HEAD` of a repository without commits yet (the
    /// first commit compares with nothing).
    ///
    /// # Errors
    /// When `rev` names no commit.
    pub fn commit(&self, rev: &str) -> Result<Option<String>, PathError> {
        let spec = format!("{rev}^{{commit}}");
        match git(
            &self.top,
            &["rev-parse", "--verify", "--quiet", &spec],
            None,
        ) {
            Ok(out) => Ok(Some(String::from_utf8_lossy(&out).trim().to_owned())),
            Err(_) if rev == "HEAD" && self.is_unborn() => Ok(None),
            Err(_) => Err(PathError(format!(
                "`{rev}` names no commit of {}",
                self.top.display()
            ))),
        }
    }

    fn is_unborn(&self) -> bool {
        git(&self.top, &["rev-list", "-n", "1", "--all"], None).is_ok_and(|out| out.is_empty())
    }

    /// `path` relative to the top folder, `/`-separated (`""` for the top itself).
    ///
    /// # Errors
    /// When `path` does not exist or is outside the work tree.
    pub fn relative(&self, path: &Path) -> Result<String, PathError> {
        let abs = std::fs::canonicalize(path)
            .map_err(|e| PathError(format!("cannot read `{}`: {e}", path.display())))?;
        let rel = abs.strip_prefix(&self.top).map_err(|_| {
            PathError(format!(
                "`{}` is outside the git work tree {}",
                path.display(),
                self.top.display()
            ))
        })?;
        Ok(crate::relative(rel))
    }

    /// The bundle in folder `dir` (relative to the top) at `commit`, or `None` when the
    /// commit has no files there (or there is no commit).
    ///
    /// # Errors
    /// When `git` fails.
    pub fn load_bundle(
        &self,
        commit: Option<&str>,
        dir: &str,
    ) -> Result<Option<Bundle>, PathError> {
        let Some(commit) = commit else {
            return Ok(None);
        };
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let listing = git(
            &self.top,
            &["ls-tree", "-r", "-z", "--full-tree", commit, "--", &prefix],
            None,
        )?;
        let mut blobs = Vec::new();
        let mut refused = Vec::new();
        for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let rel = path.strip_prefix(&prefix).unwrap_or(path).to_owned();
            let mut fields = meta.split(' ');
            let (mode, kind, id) = (fields.next(), fields.next(), fields.next());
            match (mode, kind, id) {
                (Some("120000"), _, _) => refused.push(Refusal::new(
                    rel,
                    "it is a symbolic link, which is not followed",
                )),
                (_, Some("blob"), Some(id)) => blobs.push((rel, id.to_owned())),
                _ => refused.push(Refusal::new(rel, "it is a git submodule, not a file")),
            }
        }
        if blobs.is_empty() && refused.is_empty() {
            return Ok(None);
        }
        let mut files = FileSet::new();
        let ids: String = blobs.iter().map(|(_, id)| format!("{id}\n")).collect();
        let out = git(&self.top, &["cat-file", "--batch"], Some(ids.as_bytes()))?;
        let mut rest = &out[..];
        for (path, _) in blobs {
            let header_end = rest
                .iter()
                .position(|b| *b == b'\n')
                .ok_or_else(|| PathError("`git cat-file` ended early".into()))?;
            let header = String::from_utf8_lossy(&rest[..header_end]).into_owned();
            let size: usize = header
                .rsplit(' ')
                .next()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| PathError(format!("`git cat-file` said `{header}`")))?;
            let body = rest
                .get(header_end + 1..header_end + 1 + size)
                .ok_or_else(|| PathError("`git cat-file` ended early".into()))?;
            if size as u64 > MAX_FILE_SIZE {
                refused.push(Refusal::new(
                    path,
                    format!(
                        "it is {} MiB, larger than any bundle file can be",
                        size / (1024 * 1024)
                    ),
                ));
            } else {
                files.insert(path, Contents::from_bytes(body.to_vec()));
            }
            rest = rest.get(header_end + 2 + size..).unwrap_or_default();
        }
        let sync = dir
            .rsplit_once('/')
            .map_or(("", dir), |(parent, name)| (parent, name));
        let parent_name = sync.0.rsplit('/').next().unwrap_or_default();
        Ok(Some(
            Bundle::new(files)
                .with_refusals(refused)
                .with_sync_layout(SyncLayout::from_dirs(parent_name, sync.1)),
        ))
    }
}

/// Runs `git` in `dir` and returns its standard output.
fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, PathError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| PathError(format!("cannot run `git`: {e}")))?;
    // Write on another thread so that a large output cannot block the input.
    let writer = input.map(|bytes| {
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || stdin.write_all(&bytes))
    });
    let mut stdout = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_end(&mut stdout)
            .map_err(|e| PathError(format!("cannot read from `git`: {e}")))?;
    }
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    let status = child
        .wait()
        .map_err(|e| PathError(format!("`git` failed: {e}")))?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    if status.success() {
        Ok(stdout)
    } else {
        Err(PathError(format!(
            "`git {}` failed: {}",
            args.join(" "),
            stderr.trim()
        )))
    }
}
