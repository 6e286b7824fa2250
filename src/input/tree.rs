//! The document tree: TOML values that remember where they were written.
//!
//! `toml` parses floats through `f64`, which changes literals such as
//! `0.10000000000000001`. The tree keeps every number as the text of its
//! literal instead, so the decoder can build an exact `Decimal` from it. Each
//! node and key also keeps its [`Loc`], so an error or an assumptions register
//! can name the file, line and column a value came from, even after overlays
//! and `--set` overrides have been merged.

use std::fmt;

use indexmap::IndexMap;
use toml::de::{DeTable, DeValue};

use super::source::{Loc, SourceId};

/// A value and where it was written.
#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    pub loc: Loc,
}

/// A TOML value with numbers kept as text.
#[derive(Debug, Clone)]
pub enum Value {
    String(String),
    /// Decimal digits with an optional sign; other radixes are converted.
    Integer(String),
    /// The literal as written, without underscores.
    Float(String),
    Boolean(bool),
    Datetime(toml::value::Datetime),
    Array(Vec<Node>),
    Table(Table),
}

impl Value {
    /// Returns the TOML type name for messages ("a string", "a table").
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// A key of a table and where it was written.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key_loc: Loc,
    pub node: Node,
}

/// A TOML table in the order its keys were written.
#[derive(Debug, Clone, Default)]
pub struct Table {
    entries: IndexMap<String, Entry>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Entry> {
        self.entries.get_mut(key)
    }

    pub fn insert(&mut self, key: String, entry: Entry) {
        self.entries.insert(key, entry);
    }

    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        self.entries.shift_remove(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Merges `overlay` into this table key by key: tables merge
    /// recursively, every other value (arrays included) replaces the base
    /// value. A replaced key keeps its position; new keys go last.
    pub fn merge(&mut self, overlay: Table) {
        for (key, entry) in overlay.entries {
            match (self.entries.get_mut(&key), entry.node.value) {
                (
                    Some(Entry {
                        node:
                            Node {
                                value: Value::Table(base),
                                ..
                            },
                        ..
                    }),
                    Value::Table(overlay_table),
                ) => base.merge(overlay_table),
                (_, value) => {
                    let node = Node {
                        value,
                        loc: entry.node.loc,
                    };
                    self.entries.insert(
                        key,
                        Entry {
                            key_loc: entry.key_loc,
                            node,
                        },
                    );
                }
            }
        }
    }

    /// Lists every leaf value with its path. Arrays of tables are walked
    /// with an index (`steps[0].monthly`); other arrays are one leaf.
    pub fn leaves(&self) -> Vec<(Path, &Node)> {
        let mut out = Vec::new();
        collect_leaves(self, &mut Path::default(), &mut out);
        out
    }

    /// Finds the node at `path`.
    pub fn lookup(&self, path: &Path) -> Option<&Node> {
        let (first, rest) = path.segments.split_first()?;
        let PathSegment::Key(key) = first else {
            return None;
        };
        let mut node = &self.get(key)?.node;
        for segment in rest {
            node = match (segment, &node.value) {
                (PathSegment::Key(key), Value::Table(table)) => &table.get(key)?.node,
                (PathSegment::Index(index), Value::Array(items)) => items.get(*index)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Finds the node at `path` for writing.
    pub fn lookup_mut(&mut self, path: &Path) -> Option<&mut Node> {
        let (first, rest) = path.segments.split_first()?;
        let PathSegment::Key(key) = first else {
            return None;
        };
        let mut node = &mut self.get_mut(key)?.node;
        for segment in rest {
            node = match (segment, &mut node.value) {
                (PathSegment::Key(key), Value::Table(table)) => &mut table.get_mut(key)?.node,
                (PathSegment::Index(index), Value::Array(items)) => items.get_mut(*index)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

impl Node {
    /// Moves every location of this node and its children `offset` sources
    /// on, for a node copied into a [`SourceMap`](super::source::SourceMap)
    /// that appended the node's own sources at `offset`.
    pub fn shift_sources(&mut self, offset: SourceId) {
        self.loc.source += offset;
        match &mut self.value {
            Value::Array(items) => {
                for item in items {
                    item.shift_sources(offset);
                }
            }
            Value::Table(table) => {
                for entry in table.entries.values_mut() {
                    entry.key_loc.source += offset;
                    entry.node.shift_sources(offset);
                }
            }
            _ => {}
        }
    }
}

impl Table {
    /// Sets the node at `path`. The table or array above it must exist: a
    /// key is replaced in place or added last, and an index must already
    /// exist. Returns whether the node was set.
    pub fn set_path(&mut self, path: &Path, node: Node) -> bool {
        let Some((last, parents)) = path.segments.split_last() else {
            return false;
        };
        let parent = Path {
            segments: parents.to_vec(),
        };
        let key_loc = node.loc;
        match (last, self.container_mut(&parent)) {
            (PathSegment::Key(key), Some(Container::Table(table))) => {
                match table.get_mut(key) {
                    Some(entry) => entry.node = node,
                    None => table.insert(key.clone(), Entry { key_loc, node }),
                }
                true
            }
            (PathSegment::Index(index), Some(Container::Array(items))) => match items.get_mut(*index) {
                Some(item) => {
                    *item = node;
                    true
                }
                None => false,
            },
            _ => false,
        }
    }

    /// Removes the value at `path` and returns it. Only table keys can be
    /// removed, because removing an array item would renumber the others.
    pub fn remove_path(&mut self, path: &Path) -> Option<Node> {
        let (last, parents) = path.segments.split_last()?;
        let parent = Path {
            segments: parents.to_vec(),
        };
        match (last, self.container_mut(&parent)?) {
            (PathSegment::Key(key), Container::Table(table)) => table.remove(key).map(|entry| entry.node),
            _ => None,
        }
    }

    /// Finds the table or array at `path`; the empty path is this table.
    fn container_mut(&mut self, path: &Path) -> Option<Container<'_>> {
        if path.segments.is_empty() {
            return Some(Container::Table(self));
        }
        match &mut self.lookup_mut(path)?.value {
            Value::Table(table) => Some(Container::Table(table)),
            Value::Array(items) => Some(Container::Array(items)),
            _ => None,
        }
    }
}

/// A table or an array, the parent of a value that is set or removed.
enum Container<'a> {
    Table(&'a mut Table),
    Array(&'a mut Vec<Node>),
}

fn collect_leaves<'a>(table: &'a Table, prefix: &mut Path, out: &mut Vec<(Path, &'a Node)>) {
    for (key, entry) in table.iter() {
        prefix.segments.push(PathSegment::Key(key.clone()));
        collect_node(&entry.node, prefix, out);
        prefix.segments.pop();
    }
}

fn collect_node<'a>(node: &'a Node, prefix: &mut Path, out: &mut Vec<(Path, &'a Node)>) {
    match &node.value {
        Value::Table(table) => collect_leaves(table, prefix, out),
        Value::Array(items) if !items.is_empty() && items.iter().all(|item| matches!(item.value, Value::Table(_))) => {
            for (index, item) in items.iter().enumerate() {
                prefix.segments.push(PathSegment::Index(index));
                collect_node(item, prefix, out);
                prefix.segments.pop();
            }
        }
        _ => out.push((prefix.clone(), node)),
    }
}

/// One step of a path: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSegment {
    Key(String),
    Index(usize),
}

/// A dotted path into the document, such as `workload.agents.qa.requests_per_month`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path {
    pub segments: Vec<PathSegment>,
}

impl Path {
    /// Builds a path of plain keys.
    pub fn of_keys<S: AsRef<str>>(keys: &[S]) -> Self {
        Path {
            segments: keys
                .iter()
                .map(|key| PathSegment::Key(key.as_ref().to_string()))
                .collect(),
        }
    }

    /// Parses the written form (`a.b."c.d".e[0].f`), as [`fmt::Display`]
    /// prints it.
    pub fn parse(text: &str) -> Option<Self> {
        let mut segments = Vec::new();
        let mut chars = text.chars().peekable();
        let mut expect_key = true;
        while let Some(&ch) = chars.peek() {
            if expect_key {
                let key = if ch == '"' {
                    chars.next();
                    let mut key = String::new();
                    loop {
                        match chars.next()? {
                            '"' => break,
                            '\\' => key.push(chars.next()?),
                            other => key.push(other),
                        }
                    }
                    key
                } else {
                    let mut key = String::new();
                    while let Some(&ch) = chars.peek() {
                        if is_bare_key_char(ch) {
                            key.push(ch);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    if key.is_empty() {
                        return None;
                    }
                    key
                };
                segments.push(PathSegment::Key(key));
                expect_key = false;
            } else if ch == '.' {
                chars.next();
                expect_key = true;
            } else if ch == '[' {
                chars.next();
                let mut digits = String::new();
                loop {
                    match chars.next()? {
                        ']' => break,
                        digit if digit.is_ascii_digit() => digits.push(digit),
                        _ => return None,
                    }
                }
                segments.push(PathSegment::Index(digits.parse().ok()?));
            } else {
                return None;
            }
        }
        if expect_key || segments.is_empty() {
            return None;
        }
        Some(Path { segments })
    }

    /// Returns the last key, which names the input (`requests_per_month`).
    pub fn last_key(&self) -> Option<&str> {
        self.segments.iter().rev().find_map(|segment| match segment {
            PathSegment::Key(key) => Some(key.as_str()),
            PathSegment::Index(_) => None,
        })
    }

    /// Returns the path extended by a key.
    pub fn child(&self, key: &str) -> Self {
        let mut segments = self.segments.clone();
        segments.push(PathSegment::Key(key.to_string()));
        Path { segments }
    }

    /// Returns the path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.segments.clone();
        segments.push(PathSegment::Index(index));
        Path { segments }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.segments.iter().enumerate() {
            match segment {
                PathSegment::Key(key) => {
                    if position > 0 {
                        f.write_str(".")?;
                    }
                    if !key.is_empty() && key.chars().all(is_bare_key_char) {
                        f.write_str(key)?;
                    } else {
                        write!(f, "\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))?;
                    }
                }
                PathSegment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Characters of a TOML bare key.
pub fn is_bare_key_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ch == '_' || ch == '-'
}

/// Converts a parsed TOML document into a tree whose nodes point into `source`.
pub fn from_document(source: SourceId, document: &DeTable<'_>, span: std::ops::Range<usize>) -> Node {
    Node {
        value: Value::Table(convert_table(source, document)),
        loc: loc(source, span),
    }
}

fn convert_table(source: SourceId, table: &DeTable<'_>) -> Table {
    let mut out = Table::default();
    for (key, value) in table.iter() {
        out.insert(
            key.get_ref().to_string(),
            Entry {
                key_loc: loc(source, key.span()),
                node: convert_value(source, value.get_ref(), value.span()),
            },
        );
    }
    out
}

fn convert_value(source: SourceId, value: &DeValue<'_>, span: std::ops::Range<usize>) -> Node {
    let value = match value {
        DeValue::String(text) => Value::String(text.to_string()),
        DeValue::Integer(integer) => Value::Integer(integer_text(integer.as_str(), integer.radix())),
        DeValue::Float(float) => Value::Float(float.as_str().to_string()),
        DeValue::Boolean(flag) => Value::Boolean(*flag),
        DeValue::Datetime(datetime) => Value::Datetime(*datetime),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| convert_value(source, item.get_ref(), item.span()))
                .collect(),
        ),
        DeValue::Table(table) => Value::Table(convert_table(source, table)),
    };
    Node {
        value,
        loc: loc(source, span),
    }
}

/// Converts a TOML integer literal of any radix to decimal digits. A value
/// too large for `i128` keeps its text, so it fails later as a number.
fn integer_text(text: &str, radix: u32) -> String {
    if radix == 10 {
        return text.to_string();
    }
    i128::from_str_radix(text, radix)
        .map(|value| value.to_string())
        .unwrap_or_else(|_| text.to_string())
}

fn loc(source: SourceId, span: std::ops::Range<usize>) -> Loc {
    Loc {
        source,
        start: span.start,
        end: span.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Table {
        let document = DeTable::parse(text).unwrap();
        let span = document.span();
        match from_document(0, document.get_ref(), span).value {
            Value::Table(table) => table,
            _ => unreachable!(),
        }
    }

    #[test]
    fn float_keeps_its_literal() {
        let table = parse("x = 0.10000000000000001\n");
        let node = &table.get("x").unwrap().node;
        assert!(matches!(&node.value, Value::Float(text) if text == "0.10000000000000001"));
    }

    #[test]
    fn hex_integer_becomes_decimal() {
        let table = parse("x = 0x1F\n");
        assert!(matches!(&table.get("x").unwrap().node.value, Value::Integer(text) if text == "31"));
    }

    #[test]
    fn merge_replaces_values_and_merges_tables() {
        let mut base = parse("[a]\nx = 1\ny = [1, 2]\n[b]\nz = 1\n");
        base.merge(parse("[a]\ny = [3]\nw = 2\n"));
        let leaves: Vec<String> = base.leaves().iter().map(|(path, _)| path.to_string()).collect();
        assert_eq!(leaves, ["a.x", "a.y", "a.w", "b.z"]);
        let y = base.lookup(&Path::parse("a.y").unwrap()).unwrap();
        assert!(matches!(&y.value, Value::Array(items) if items.len() == 1));
    }

    #[test]
    fn path_round_trips_through_text() {
        for text in [
            "a.b.c",
            "offerings.\"gpt-4.1\".input_per_mtok",
            "operations.infra.steps[0].monthly",
        ] {
            assert_eq!(Path::parse(text).unwrap().to_string(), text);
        }
        assert!(Path::parse("a..b").is_none());
        assert!(Path::parse("a.").is_none());
    }

    #[test]
    fn set_path_replaces_adds_and_rejects() {
        let mut table = parse("[a]\nx = 1\nsteps = [{ m = 2 }]\n");
        let value = |text: &str| table_value(&parse(&format!("v = {text}\n")), "v");
        assert!(table.set_path(&Path::parse("a.x").unwrap(), value("5")));
        assert!(table.set_path(&Path::parse("a.y").unwrap(), value("6")));
        assert!(table.set_path(&Path::parse("a.steps[0].m").unwrap(), value("7")));
        assert!(!table.set_path(&Path::parse("a.steps[1].m").unwrap(), value("8")));
        assert!(!table.set_path(&Path::parse("b.x").unwrap(), value("9")));
        let leaves: Vec<String> = table
            .leaves()
            .iter()
            .map(|(path, node)| format!("{path}={}", number_text(node)))
            .collect();
        assert_eq!(leaves, ["a.x=5", "a.steps[0].m=7", "a.y=6"]);
    }

    #[test]
    fn remove_path_removes_keys_only() {
        let mut table = parse("[a]\nx = 1\ny = 2\nsteps = [{ m = 2 }]\n");
        assert!(table.remove_path(&Path::parse("a.x").unwrap()).is_some());
        assert!(table.remove_path(&Path::parse("a.x").unwrap()).is_none());
        assert!(table.remove_path(&Path::parse("a.steps[0]").unwrap()).is_none());
        let leaves: Vec<String> = table.leaves().iter().map(|(path, _)| path.to_string()).collect();
        assert_eq!(leaves, ["a.y", "a.steps[0].m"]);
    }

    #[test]
    fn shift_sources_moves_nested_locations() {
        let mut node = table_node(&parse("[a]\nx = [{ m = 1 }]\n"));
        node.shift_sources(3);
        let Value::Table(table) = &node.value else {
            unreachable!()
        };
        let (_, leaf) = &table.leaves()[0];
        assert_eq!(leaf.loc.source, 3);
        assert_eq!(table.get("a").unwrap().key_loc.source, 3);
    }

    fn table_value(table: &Table, key: &str) -> Node {
        table.get(key).unwrap().node.clone()
    }

    fn table_node(table: &Table) -> Node {
        Node {
            value: Value::Table(table.clone()),
            loc: Loc {
                source: 0,
                start: 0,
                end: 0,
            },
        }
    }

    fn number_text(node: &Node) -> &str {
        match &node.value {
            Value::Integer(text) | Value::Float(text) => text,
            _ => "?",
        }
    }

    #[test]
    fn leaves_walk_arrays_of_tables() {
        let table = parse("[ops]\nsteps = [{ from = 1, monthly = 2 }]\nnames = [\"a\"]\n");
        let leaves: Vec<String> = table.leaves().iter().map(|(path, _)| path.to_string()).collect();
        assert_eq!(leaves, ["ops.steps[0].from", "ops.steps[0].monthly", "ops.names"]);
    }
}
