//! Files of one bundle, held in memory, and positions inside them.
//!
//! The core never opens a file: loaders (the CLI's directory walk, the archive readers in
//! [`crate::archive`], the WASM bindings) fill a [`FileSet`]. Every diagnostic points at a
//! [`Span`], a file id plus a byte range; lines and columns are derived only for output.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Identifies one file of a [`FileSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

impl FileId {
    /// The position of the file in its [`FileSet`], in insertion order.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range inside one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the range belongs to.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span over `range` in `file`.
    #[must_use]
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Span {
            file,
            start: clamp_u32(range.start),
            end: clamp_u32(range.end.max(range.start)),
        }
    }

    /// The empty span where this one starts (a place to report something missing).
    #[must_use]
    pub fn start_point(&self) -> Self {
        Span {
            file: self.file,
            start: self.start,
            end: self.start,
        }
    }

    /// The byte range as `usize`s.
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What a file holds: text, or bytes that are not valid UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Contents {
    /// Valid UTF-8 text (a leading byte-order mark is removed).
    Text(String),
    /// Bytes that are not valid UTF-8 (images, zipped code, UTF-16 text ...).
    Binary(Vec<u8>),
}

impl Contents {
    /// Decodes bytes as UTF-8 text when they are valid UTF-8, and keeps them as bytes otherwise.
    #[must_use]
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                Contents::Text(text)
            }
            Err(err) => Contents::Binary(err.into_bytes()),
        }
    }

    /// Size in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Contents::Text(t) => t.len(),
            Contents::Binary(b) => b.len(),
        }
    }

    /// Whether the file is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The raw bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Contents::Text(t) => t.as_bytes(),
            Contents::Binary(b) => b,
        }
    }
}

/// One file of a bundle.
#[derive(Debug, Clone)]
pub struct SourceFile {
    path: String,
    contents: Contents,
    line_starts: OnceLock<Vec<u32>>,
    utf16_line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// The bundle-relative path, with `/` separators.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The contents.
    #[must_use]
    pub fn contents(&self) -> &Contents {
        &self.contents
    }

    /// The text, or `None` when the file is not valid UTF-8.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match &self.contents {
            Contents::Text(t) => Some(t),
            Contents::Binary(_) => None,
        }
    }

    /// The text, or `""` for a binary file.
    pub(crate) fn source(&self) -> &str {
        self.text().unwrap_or("")
    }

    pub(crate) fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let text = self.source();
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| clamp_u32(i + 1)))
                .collect()
        })
    }

    /// Where each line starts, in UTF-16 code units (computed on first use, once per file).
    fn utf16_line_starts(&self) -> &[u32] {
        self.utf16_line_starts.get_or_init(|| {
            let text = self.source();
            let mut at = 0usize;
            std::iter::once(0)
                .chain(text.split_inclusive('\n').map(|line| {
                    at += line.encode_utf16().count();
                    clamp_u32(at)
                }))
                .collect()
        })
    }

    /// The position of a byte offset: 1-based line, 1-based columns counted in characters and in
    /// UTF-16 code units, and the offset in UTF-16 code units from the start of the file.
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let text = self.source();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s as usize <= offset) - 1;
        let line_start = starts[line] as usize;
        let prefix = &text[line_start..offset];
        let utf16_line_start = self.utf16_line_starts()[line] as usize;
        let utf16_column = prefix.encode_utf16().count();
        Position {
            line: line + 1,
            column: prefix.chars().count() + 1,
            utf16_column: utf16_column + 1,
            byte_column: prefix.len() + 1,
            byte_offset: offset,
            utf16_offset: utf16_line_start + utf16_column,
        }
    }

    /// The 0-based line index of a byte offset.
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        self.line_starts()
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// The byte range of a 0-based line, with its line break.
    pub(crate) fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let starts = self.line_starts();
        let start = *starts.get(line)? as usize;
        let end = starts
            .get(line + 1)
            .map_or(self.source().len(), |&s| s as usize);
        Some(start..end)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A position derived from a byte offset, with its column counted three ways: in
/// characters (what people read), in UTF-16 code units (what editors and LSP use) and in
/// bytes (what Rust string slicing uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
    /// 1-based column, counted in UTF-16 code units (what editors use).
    pub utf16_column: usize,
    /// 1-based column, counted in bytes.
    pub byte_column: usize,
    /// The byte offset from the start of the file (moved back to a character boundary).
    pub byte_offset: usize,
    /// The offset from the start of the file in UTF-16 code units.
    pub utf16_offset: usize,
}

/// The files of one bundle, by bundle-relative path (`/`-separated, no leading `./`).
#[derive(Debug, Clone, Default)]
pub struct FileSet {
    files: Vec<SourceFile>,
    by_path: BTreeMap<String, FileId>,
}

impl FileSet {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file (replacing the contents of an existing file with the same path) and returns
    /// its id.
    pub fn insert(&mut self, path: impl Into<String>, contents: Contents) -> FileId {
        let path = normalize_path(&path.into());
        if let Some(&id) = self.by_path.get(&path) {
            self.files[id.index()].contents = contents;
            self.files[id.index()].line_starts = OnceLock::new();
            return id;
        }
        let id = FileId(clamp_u32(self.files.len()));
        self.files.push(SourceFile {
            path: path.clone(),
            contents,
            line_starts: OnceLock::new(),
            utf16_line_starts: OnceLock::new(),
        });
        self.by_path.insert(path, id);
        id
    }

    /// Adds a file under a path as findings show it (absolute, or `REF:path`), kept as
    /// written, always as a new file: for file sets that hold several bundles under their
    /// display paths.
    pub fn insert_display(&mut self, path: impl Into<String>, contents: Contents) -> FileId {
        let path = path.into();
        let id = FileId(clamp_u32(self.files.len()));
        self.files.push(SourceFile {
            path: path.clone(),
            contents,
            line_starts: OnceLock::new(),
            utf16_line_starts: OnceLock::new(),
        });
        self.by_path.entry(path).or_insert(id);
        id
    }

    /// Adds a text file.
    pub fn insert_text(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        self.insert(path, Contents::Text(text.into()))
    }

    /// The file with this id.
    ///
    /// # Panics
    /// When the id comes from another set.
    #[must_use]
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.index()]
    }

    /// The id of the file at a bundle-relative path.
    #[must_use]
    pub fn lookup(&self, path: &str) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// Whether any file lies below the directory `dir` (bundle-relative, without trailing `/`).
    #[must_use]
    pub fn has_dir(&self, dir: &str) -> bool {
        self.files_under(dir).next().is_some()
    }

    /// The files below the directory `dir`, in path order.
    pub fn files_under<'a>(&'a self, dir: &str) -> impl Iterator<Item = (FileId, &'a str)> + 'a {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        self.by_path
            .range(prefix.clone()..)
            .take_while(move |(p, _)| p.starts_with(&prefix))
            .map(|(p, &id)| (id, p.as_str()))
    }

    /// Every file, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.by_path
            .values()
            .map(move |&id| (id, &self.files[id.index()]))
    }

    /// Number of files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Sum of all file sizes in bytes.
    #[must_use]
    pub fn total_size(&self) -> usize {
        self.files.iter().map(|f| f.contents.len()).sum()
    }

    /// The position of the start of a span.
    #[must_use]
    pub fn start(&self, span: Span) -> Position {
        self.get(span.file).position(span.start as usize)
    }

    /// The position of the end of a span.
    #[must_use]
    pub fn end(&self, span: Span) -> Position {
        self.get(span.file).position(span.end as usize)
    }

    /// The text a span covers (empty for binary files).
    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).source().get(span.range()).unwrap_or("")
    }
}

/// Normalises a bundle-relative path: `\` to `/`, no `./` segments, no leading or doubled `/`.
#[must_use]
pub fn normalize_path(path: &str) -> String {
    path.replace('\\', "/")
        .split('/')
        .filter(|seg| !seg.is_empty() && *seg != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// Joins a display prefix (as the user typed it) with a bundle-relative path.
#[must_use]
pub fn join_display(prefix: &str, path: &str) -> String {
    if prefix.is_empty() || prefix == "." {
        path.to_owned()
    } else if path.is_empty() {
        prefix.to_owned()
    } else if prefix.ends_with('/') {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}/{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_utf16_units() {
        let mut set = FileSet::new();
        let id = set.insert_text("a.yaml", "a: 1\nb: \"é😀x\"\n");
        let file = set.get(id);
        let x = file.text().unwrap().find('x').unwrap();
        let pos = file.position(x);
        assert_eq!((pos.line, pos.column, pos.utf16_column), (2, 7, 8));
        // `é` is 2 bytes and 1 UTF-16 unit, `😀` 4 bytes and 2 units.
        assert_eq!(pos.byte_column, 11);
        assert_eq!(pos.utf16_offset, 5 + 7);
        assert_eq!(pos.byte_offset, x);
        assert_eq!(file.position(0).line, 1);
        let second = set.insert_text("b.yaml", "😀\n😀\nz");
        let z = set.get(second).position(10);
        assert_eq!((z.line, z.column, z.utf16_offset), (3, 1, 6));
    }

    #[test]
    fn paths_are_normalised_and_directories_found() {
        let mut set = FileSet::new();
        set.insert_text("./schema\\schema.yaml", "");
        set.insert_text("infrastructure/manifest.yaml", "");
        assert!(set.lookup("schema/schema.yaml").is_some());
        assert!(set.has_dir("infrastructure"));
        assert!(!set.has_dir("infra"));
        assert_eq!(set.files_under("").count(), 2);
    }

    #[test]
    fn byte_order_mark_is_dropped_and_invalid_utf8_kept_as_bytes() {
        assert_eq!(
            Contents::from_bytes(b"\xEF\xBB\xBFa: 1".to_vec()),
            Contents::Text("a: 1".into())
        );
        assert!(matches!(
            Contents::from_bytes(vec![0xff, 0xfe, b'a']),
            Contents::Binary(_)
        ));
    }
}
