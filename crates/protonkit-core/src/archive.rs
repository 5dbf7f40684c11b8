//! Bundles given as archive bytes: `.tar.gz` (Proton's format) and `.zip`.
//!
//! Archives are untrusted: entries with absolute paths or `..` segments and links are refused
//! (and reported), the number of entries and the unpacked size are capped while reading (the
//! sizes in headers are not trusted), so a zip or gzip bomb stops at the cap.

use std::io::{Cursor, Read};

use crate::bundle::Refusal;
use crate::source::{normalize_path, Contents, FileSet};

/// Proton's quota for a packed bundle: 5 MB.
pub const PACKED_SIZE_LIMIT: u64 = 5 * 1024 * 1024;

/// Caps applied while unpacking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Entries read at most (directories included).
    pub max_entries: usize,
    /// Total unpacked bytes at most.
    pub max_total_size: u64,
}

impl Default for Limits {
    /// 10,000 entries and 50 MiB: ten times Proton's 5 MB packed-bundle quota leaves room
    /// for text that compresses well, and stops bombs early.
    fn default() -> Self {
        Limits {
            max_entries: 10_000,
            max_total_size: 50 * 1024 * 1024,
        }
    }
}

/// The files read from an archive, and what was refused.
#[derive(Debug, Default)]
pub struct Unpacked {
    /// The files taken in.
    pub files: FileSet,
    /// Entries that were not taken in, and why.
    pub refused: Vec<Refusal>,
}

/// An archive that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveError {
    message: String,
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArchiveError {}

/// Which archive format some bytes hold, by their magic number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArchiveFormat {
    /// gzip-compressed tar.
    TarGz,
    /// zip.
    Zip,
}

impl ArchiveFormat {
    /// Recognises gzip (`1f 8b`) and zip (`PK`) magic numbers.
    #[must_use]
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0x1f, 0x8b, ..] => Some(ArchiveFormat::TarGz),
            [b'P', b'K', ..] => Some(ArchiveFormat::Zip),
            _ => None,
        }
    }
}

/// Unpacks a `.tar.gz` or `.zip`, recognised by its first bytes.
///
/// # Errors
/// When the bytes are neither format, or the archive is too damaged to list.
pub fn unpack(bytes: &[u8], limits: Limits) -> Result<Unpacked, ArchiveError> {
    match ArchiveFormat::sniff(bytes) {
        Some(ArchiveFormat::TarGz) => unpack_tar_gz(bytes, limits),
        Some(ArchiveFormat::Zip) => unpack_zip(bytes, limits),
        None => Err(ArchiveError {
            message: "not a .tar.gz or .zip archive".into(),
        }),
    }
}

struct Budget {
    limits: Limits,
    entries: usize,
    total: u64,
    stopped: bool,
    out: Unpacked,
}

impl Budget {
    fn new(limits: Limits) -> Self {
        Budget {
            limits,
            entries: 0,
            total: 0,
            stopped: false,
            out: Unpacked::default(),
        }
    }

    fn refuse(&mut self, path: &str, reason: impl Into<String>) {
        self.out.refused.push(Refusal {
            path: path.to_owned(),
            reason: reason.into(),
        });
    }

    /// Counts an entry; `false` once the entry cap is passed (reported once).
    fn admit(&mut self, path: &str) -> bool {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            self.refuse(
                path,
                format!(
                    "the archive has more than {} entries; this entry and the rest were not read",
                    self.limits.max_entries
                ),
            );
            self.stopped = true;
            return false;
        }
        true
    }

    /// Reads one entry's data within the remaining size budget and stores it.
    fn take(&mut self, path: &str, reader: &mut dyn Read) {
        let Some(rel) = safe_path(path) else {
            let reason = if path.starts_with('/') || path.get(1..2) == Some(":") {
                "absolute paths are not allowed in a bundle"
            } else {
                "paths with `..` segments would escape the bundle"
            };
            self.refuse(path, reason);
            return;
        };
        let remaining = self.limits.max_total_size.saturating_sub(self.total);
        let mut data = Vec::new();
        match reader.take(remaining + 1).read_to_end(&mut data) {
            Ok(n) if n as u64 > remaining => {
                self.refuse(
                    path,
                    format!(
                        "unpacking would exceed {} bytes (an archive bomb?); this entry and the rest were not read",
                        self.limits.max_total_size
                    ),
                );
                self.stopped = true;
            }
            Ok(n) => {
                self.total += n as u64;
                self.out.files.insert(rel, Contents::from_bytes(data));
            }
            Err(e) => self.refuse(path, format!("could not be read: {e}")),
        }
    }
}

/// A bundle-relative path for an archive entry name, or `None` when it is absolute or climbs
/// out with `..`.
fn safe_path(name: &str) -> Option<String> {
    let name = name.replace('\\', "/");
    if name.starts_with('/') || name.get(1..2) == Some(":") {
        return None;
    }
    if name.split('/').any(|seg| seg == "..") {
        return None;
    }
    let normal = normalize_path(&name);
    (!normal.is_empty()).then_some(normal)
}

fn unpack_tar_gz(bytes: &[u8], limits: Limits) -> Result<Unpacked, ArchiveError> {
    let decoder = flate2::read::GzDecoder::new(bytes);
    let mut archive = tar::Archive::new(decoder);
    let entries = archive.entries().map_err(|e| ArchiveError {
        message: format!("not a readable .tar.gz: {e}"),
    })?;
    let mut budget = Budget::new(limits);
    for entry in entries {
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => {
                if budget.entries == 0 {
                    return Err(ArchiveError {
                        message: format!("not a readable .tar.gz: {e}"),
                    });
                }
                budget.refuse(
                    "(archive)",
                    format!("the rest of the archive is damaged: {e}"),
                );
                break;
            }
        };
        let path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if !budget.admit(&path) {
            break;
        }
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            continue;
        }
        if kind.is_symlink() || kind.is_hard_link() {
            budget.refuse(&path, "links are not followed in a bundle");
            continue;
        }
        if !kind.is_file() {
            budget.refuse(&path, "only regular files are read from a bundle");
            continue;
        }
        budget.take(&path, &mut entry);
        if budget.stopped {
            break;
        }
    }
    Ok(budget.out)
}

fn unpack_zip(bytes: &[u8], limits: Limits) -> Result<Unpacked, ArchiveError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ArchiveError {
        message: format!("not a readable .zip: {e}"),
    })?;
    let mut budget = Budget::new(limits);
    for index in 0..archive.len() {
        let mut file = match archive.by_index(index) {
            Ok(f) => f,
            Err(e) => {
                budget.refuse(
                    &format!("(entry {index})"),
                    format!("could not be read: {e}"),
                );
                continue;
            }
        };
        let path = file
            .name()
            .map_or_else(|_| format!("(entry {index})"), |n| n.into_owned());
        if !budget.admit(&path) {
            break;
        }
        if file.is_dir() {
            continue;
        }
        if file.is_symlink() {
            budget.refuse(&path, "links are not followed in a bundle");
            continue;
        }
        budget.take(&path, &mut file);
        if budget.stopped {
            break;
        }
    }
    Ok(budget.out)
}

/// Packs a bundle as Proton expects it: a gzip-compressed tar with the bundle folders at the
/// root. Entries are sorted and carry fixed timestamps, owners and modes, so the same files
/// always give the same bytes.
///
/// # Errors
/// When a path cannot be written into a tar header.
pub fn pack_tar_gz(files: &FileSet) -> Result<Vec<u8>, ArchiveError> {
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut builder = tar::Builder::new(encoder);
    builder.mode(tar::HeaderMode::Deterministic);
    for (_, file) in files.iter() {
        let data = file.contents().as_bytes();
        let mut header = tar::Header::new_ustar();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut header, file.path(), data)
            .map_err(|e| ArchiveError {
                message: format!("`{}` cannot be packed: {e}", file.path()),
            })?;
    }
    builder
        .into_inner()
        .and_then(flate2::write::GzEncoder::finish)
        .map_err(|e| ArchiveError {
            message: format!("the archive cannot be written: {e}"),
        })
}

/// An upper bound of [`pack_tar_gz`]'s size that needs no compression: tar headers and
/// padding plus gzip's worst-case overhead for incompressible data.
#[must_use]
pub fn packed_size_bound(files: &FileSet) -> u64 {
    let tar: u64 = files
        .iter()
        .map(|(_, f)| 512 + (f.contents().len() as u64).div_ceil(512) * 512)
        .sum::<u64>()
        + 1024;
    tar + tar / 1000 + 1024
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tar_gz(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::fast(),
        ));
        for (path, data) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_entry_type(tar::EntryType::Regular);
            // Write the raw name so that hostile names reach the reader unchanged.
            let name = path.as_bytes();
            header.as_old_mut().name[..name.len()].copy_from_slice(name);
            header.set_cksum();
            builder.append(&header, *data).unwrap();
        }
        builder.into_inner().unwrap().finish().unwrap()
    }

    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (path, data) in entries {
            w.start_file(*path, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_tar_gz_and_refuses_escaping_entries() {
        let bytes = tar_gz(&[
            ("schema/schema.yaml", b"schema: {}\n"),
            ("../evil.yaml", b"x"),
            ("/etc/passwd", b"x"),
            ("./infrastructure/manifest.yaml", b"infrastructure: {}\n"),
        ]);
        let out = unpack(&bytes, Limits::default()).unwrap();
        assert!(out.files.lookup("schema/schema.yaml").is_some());
        assert!(out.files.lookup("infrastructure/manifest.yaml").is_some());
        assert_eq!(out.files.len(), 2);
        let refused: Vec<_> = out.refused.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(refused, ["../evil.yaml", "/etc/passwd"]);
    }

    #[test]
    fn reads_zip_and_refuses_escaping_entries() {
        let bytes = zip(&[("schema/schema.yaml", b"a: 1\n"), ("a/../../x", b"x")]);
        let out = unpack(&bytes, Limits::default()).unwrap();
        assert_eq!(out.files.len(), 1);
        assert_eq!(out.refused.len(), 1);
        assert!(out.refused[0].reason.contains(".."));
    }

    #[test]
    fn bombs_stop_at_the_size_cap() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let limits = Limits {
            max_entries: 100,
            max_total_size: 1024 * 1024,
        };
        for bytes in [tar_gz(&[("big.bin", &zeros)]), zip(&[("big.bin", &zeros)])] {
            assert!(bytes.len() < 64 * 1024, "the test archive compresses well");
            let out = unpack(&bytes, limits).unwrap();
            assert!(out.files.is_empty());
            assert!(out.refused[0].reason.contains("exceed"));
        }
    }

    #[test]
    fn entry_count_is_capped() {
        let names: Vec<String> = (0..20).map(|i| format!("f{i}.txt")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let limits = Limits {
            max_entries: 5,
            max_total_size: 1024,
        };
        let out = unpack(&zip(&entries), limits).unwrap();
        assert_eq!(out.files.len(), 5);
        assert_eq!(out.refused.len(), 1);
    }

    #[test]
    fn packing_is_deterministic_and_round_trips() {
        let mut a = FileSet::new();
        a.insert_text("schema/schema.yaml", "schema: {}\n");
        a.insert_text("infrastructure/manifest.yaml", "infrastructure: {}\n");
        let mut b = FileSet::new();
        b.insert_text("infrastructure/manifest.yaml", "infrastructure: {}\n");
        b.insert_text("schema/schema.yaml", "schema: {}\n");
        let packed = pack_tar_gz(&a).unwrap();
        assert_eq!(packed, pack_tar_gz(&b).unwrap());
        assert!(packed.len() as u64 <= packed_size_bound(&a));
        let back = unpack(&packed, Limits::default()).unwrap();
        assert_eq!(back.files.len(), 2);
        assert!(back.refused.is_empty());
    }

    #[test]
    fn garbage_is_a_clear_error() {
        assert!(unpack(b"hello", Limits::default()).is_err());
        assert!(unpack(&[0x1f, 0x8b, 0, 0], Limits::default()).is_err());
        assert!(unpack(b"PK\x03\x04 broken", Limits::default()).is_err());
    }
}
