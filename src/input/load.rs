//! Reading a model: the file, the overlays it extends, the price catalogue
//! and the `--set` overrides, merged into one document tree.

use std::path::{Path as FsPath, PathBuf};

use toml::de::DeTable;

use super::source::{Loc, SourceId, SourceMap, display_path, read_text_file};
use super::suggest::did_you_mean;
use super::tree::{self, Entry, Node, Path, PathSegment, Table, Value};
use crate::error::InputError;

/// Top-level sections of a model; `--set` may create these when the model
/// leaves them out.
pub const SECTIONS: &[&str] = &[
    "model",
    "deployment",
    "workload",
    "investment",
    "operations",
    "benefits",
    "training",
    "budget",
    "finance",
    "pricing_strategy",
    "fx",
    "scenarios",
    "offerings",
];

/// Default catalogue file name, relative to the model file.
pub const DEFAULT_CATALOGUE: &str = "prices.toml";

/// An override given with `--set`, as recorded in outputs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Override {
    /// Dotted path of the value, as in the model files.
    pub path: String,
    /// The new value, as TOML text.
    pub value: String,
    /// The value it replaced, as TOML text; `None` when the key was absent.
    pub previous: Option<String>,
}

/// Every input of one model, merged into one tree.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub sources: SourceMap,
    /// The model after overlays, with the catalogue's offerings under
    /// `offerings` and the overrides applied.
    pub root: Table,
    /// The model file named on the command line.
    pub model_path: PathBuf,
    /// The model files, the base of the `extends` chain first.
    pub model_files: Vec<SourceId>,
    /// The price catalogue, when the model uses one.
    pub catalogue: Option<SourceId>,
    pub overrides: Vec<Override>,
}

impl Inputs {
    /// Reads the model at `path` with its overlays and catalogue, then applies
    /// the `--set` arguments in order.
    pub fn load(path: &FsPath, overrides: &[String]) -> Result<Self, InputError> {
        let mut sources = SourceMap::default();
        let mut stack = Vec::new();
        let mut model_files = Vec::new();
        let mut root = load_chain(path, None, &mut sources, &mut stack, &mut model_files)?;
        root.remove("extends");

        let mut inputs = Inputs {
            sources,
            root,
            model_path: path.to_path_buf(),
            model_files,
            catalogue: None,
            overrides: Vec::new(),
        };

        let (catalogue_overrides, other_overrides): (Vec<&String>, Vec<&String>) = overrides
            .iter()
            .partition(|text| text.trim_start().starts_with("model.prices"));
        for text in catalogue_overrides {
            inputs.apply_override(text)?;
        }
        inputs.load_catalogue()?;
        for text in other_overrides {
            inputs.apply_override(text)?;
        }
        Ok(inputs)
    }

    /// Parses a TOML document from memory (for tests and benchmarks); it may
    /// not use `extends` or a catalogue file, so it defines its own
    /// `[offerings]`.
    pub fn from_text(name: &str, text: &str) -> Result<Self, InputError> {
        let mut sources = SourceMap::default();
        let id = sources.add_file(FsPath::new(name), text.to_string());
        let root = parse_source(&sources, id)?;
        Ok(Inputs {
            sources,
            root,
            model_path: PathBuf::from(name),
            model_files: vec![id],
            catalogue: None,
            overrides: Vec::new(),
        })
    }

    /// Applies one `--set PATH=VALUE` argument. The value is TOML; a value
    /// that is not valid TOML and not quoted is read as a string, so
    /// `--set deployment.candidate=gpt-4o` works without shell quoting.
    pub fn apply_override(&mut self, text: &str) -> Result<(), InputError> {
        let usage_help = "write PATH=VALUE with a TOML value, for example \
             --set workload.agents.qa.requests_per_month=25000 or \
             --set 'scenarios.aggressive.growth=\"30%\"'";
        let Some((path_text, value_text)) = text.split_once('=') else {
            return Err(
                InputError::new(format!("invalid --set argument `{text}`: expected PATH=VALUE")).with_help(usage_help),
            );
        };

        let mut source_text = text.to_string();
        if DeTable::parse(&source_text).is_err() {
            let value = value_text.trim();
            if !value.is_empty() && !value.starts_with(['"', '\'', '[', '{']) {
                let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
                source_text = format!("{} = \"{escaped}\"", path_text.trim());
            }
        }
        let id = self.sources.add_override(&source_text);
        let document = parse_source(&self.sources, id).map_err(|error| error.with_help(usage_help))?;

        let leaves = document.leaves();
        let [(path, node)] = leaves.as_slice() else {
            return Err(InputError::new(format!(
                "invalid --set argument `{text}`: it sets {} values; give one value per --set",
                leaves.len()
            ))
            .with_help(usage_help));
        };
        let path = path.clone();
        let node = (*node).clone();
        let key_loc = Loc {
            source: id,
            start: 0,
            end: path_text.trim_end().len(),
        };
        self.check_override_path(&path, key_loc)?;

        let previous = self
            .root
            .lookup(&path)
            .map(|old| self.sources.snippet(old.loc).to_string());
        let value = self.sources.snippet(node.loc).to_string();
        set_node(&mut self.root, &path, key_loc, node);
        self.overrides.push(Override {
            path: path.to_string(),
            value,
            previous,
        });
        Ok(())
    }

    /// Replaces the value at `path` with `literal` (a TOML value), as an
    /// override recorded like `--set`.
    pub fn set(&mut self, path: &Path, literal: &str) -> Result<(), InputError> {
        self.apply_override(&format!("{path} = {literal}"))
    }

    /// Requires every table above the value to exist, so a typo in an agent
    /// or item name is an error rather than a new entry. Top-level sections
    /// may be created.
    fn check_override_path(&self, path: &Path, loc: Loc) -> Result<(), InputError> {
        let mut table = &self.root;
        let segments = &path.segments;
        for (depth, segment) in segments.iter().enumerate().take(segments.len() - 1) {
            let PathSegment::Key(key) = segment else {
                break;
            };
            let prefix = Path {
                segments: segments[..depth].to_vec(),
            };
            match table.get(key) {
                Some(Entry {
                    node:
                        Node {
                            value: Value::Table(inner),
                            ..
                        },
                    ..
                }) => table = inner,
                Some(entry) => {
                    return Err(self.sources.error(
                        loc,
                        format!(
                            "unknown path `{path}`: `{}` is {}, not a table",
                            prefix.child(key),
                            entry.node.value.type_name()
                        ),
                    ));
                }
                None if depth == 0 && SECTIONS.contains(&key.as_str()) => return Ok(()),
                None => {
                    let known: Vec<&str> = if depth == 0 {
                        SECTIONS.to_vec()
                    } else {
                        table.keys().collect()
                    };
                    let parent = if depth == 0 {
                        "the model".to_string()
                    } else {
                        format!("`{prefix}`")
                    };
                    let mut error = self
                        .sources
                        .error(loc, format!("unknown path `{path}`: {parent} has no key `{key}`"));
                    error = match did_you_mean(key, known.iter().copied()) {
                        Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
                        None => error.with_help(format!("known keys: {}", known.join(", "))),
                    };
                    return Err(error);
                }
            }
        }
        Ok(())
    }

    /// Loads the price catalogue named by `model.prices` (default
    /// `prices.toml` next to the model) under the model's `offerings`. The
    /// model's own `[offerings]` tables override catalogue entries key by key.
    fn load_catalogue(&mut self) -> Result<(), InputError> {
        let prices_node = self
            .root
            .get("model")
            .and_then(|entry| match &entry.node.value {
                Value::Table(table) => table.get("prices"),
                _ => None,
            })
            .map(|entry| entry.node.clone());

        let (path, named_by) = match &prices_node {
            Some(Node {
                value: Value::String(name),
                loc,
            }) if name.trim().is_empty() => {
                return Err(self
                    .sources
                    .error(*loc, "`model.prices` is empty")
                    .with_help("name the catalogue relative to this file, e.g. prices = \"prices.toml\""));
            }
            Some(Node {
                value: Value::String(name),
                loc,
            }) => {
                let base_dir = match &self.sources.get(loc.source).kind {
                    super::source::SourceKind::File(file) => file.parent().map(FsPath::to_path_buf),
                    super::source::SourceKind::Override => None,
                };
                let path = base_dir.unwrap_or_default().join(name);
                (path, Some(*loc))
            }
            Some(other) => {
                return Err(self
                    .sources
                    .error(
                        other.loc,
                        format!(
                            "`model.prices` = {}: expected a string, found {}",
                            self.sources.snippet(other.loc),
                            other.value.type_name()
                        ),
                    )
                    .with_help("write the catalogue path relative to this file, e.g. prices = \"prices.toml\""));
            }
            None => {
                let path = self
                    .model_path
                    .parent()
                    .unwrap_or(FsPath::new(""))
                    .join(DEFAULT_CATALOGUE);
                if !path.exists() {
                    // A model without a catalogue file defines its offerings itself.
                    return Ok(());
                }
                (path, None)
            }
        };

        let text = read_text_file(&path).map_err(|error| {
            let message = format!("cannot read price catalogue `{}`: {error}", display_path(&path));
            let help = error
                .help()
                .unwrap_or("check `model.prices`: it is relative to the file that sets it");
            match named_by {
                Some(loc) => self.sources.error(loc, message).with_help(help),
                None => InputError::new(message).with_help(help),
            }
        })?;
        let id = self.sources.add_file(&path, text);
        self.catalogue = Some(id);
        let mut catalogue = parse_source(&self.sources, id)?;

        for (key, entry) in catalogue.iter() {
            if key != "offerings" {
                let mut error = self.sources.error(
                    entry.key_loc,
                    format!("unknown key `{key}` in price catalogue: it contains only [offerings.<id>] tables"),
                );
                error = match did_you_mean(key, ["offerings"]) {
                    Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
                    None => error.with_help(format!(
                        "move `{key}` into the model file, or write offerings as [offerings.<id>] tables"
                    )),
                };
                return Err(error);
            }
        }
        let Some(mut offerings) = catalogue.remove("offerings") else {
            return Ok(());
        };
        if let Some(own) = self.root.remove("offerings") {
            match (&mut offerings.node.value, own.node.value) {
                (Value::Table(base), Value::Table(overlay)) => base.merge(overlay),
                (_, value) => {
                    offerings.node = Node {
                        value,
                        loc: own.node.loc,
                    };
                }
            }
        }
        self.root.insert("offerings".to_string(), offerings);
        Ok(())
    }
}

/// Reads one model file and, recursively, the file it extends; returns the
/// merged tree. `stack` lists the files being read, to report cycles.
fn load_chain(
    path: &FsPath,
    named_by: Option<(Loc, &SourceMap)>,
    sources: &mut SourceMap,
    stack: &mut Vec<PathBuf>,
    model_files: &mut Vec<SourceId>,
) -> Result<Table, InputError> {
    let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Some(position) = stack.iter().position(|seen| *seen == identity) {
        let mut chain: Vec<String> = stack[position..].iter().map(|file| display_name(file)).collect();
        chain.push(display_name(&identity));
        let message = format!("`extends` cycle: {}", chain.join(" → "));
        let error = match named_by {
            Some((loc, map)) => map.error(loc, message),
            None => InputError::new(message),
        };
        return Err(error.with_help("remove `extends` from one of these files"));
    }

    let text = read_text_file(path).map_err(|error| {
        let message = format!("cannot read model `{}`: {error}", display_path(path));
        let default_model = path == FsPath::new(crate::cli::DEFAULT_MODEL);
        let help = match (error.help(), named_by) {
            (Some(help), _) => help,
            (None, Some(_)) => "`extends` is relative to the file that contains it",
            (None, None) if default_model => {
                "run roi from the repository root, where models/genesis.toml is, or name a model file"
            }
            (None, None) => "check the path: a relative path starts at the current directory",
        };
        match named_by {
            Some((loc, map)) => map.error(loc, message).with_help(help),
            None => InputError::new(message).with_help(help),
        }
    })?;
    let id = sources.add_file(path, text);
    let mut table = parse_source(sources, id)?;

    let Some(extends) = table.remove("extends") else {
        model_files.push(id);
        return Ok(table);
    };
    let Value::String(base_name) = &extends.node.value else {
        return Err(sources
            .error(
                extends.node.loc,
                format!(
                    "`extends` = {}: expected a string, found {}",
                    sources.snippet(extends.node.loc),
                    extends.node.value.type_name()
                ),
            )
            .with_help("write the base file relative to this one, e.g. extends = \"../genesis.toml\""));
    };
    if base_name.trim().is_empty() {
        return Err(sources.error(extends.node.loc, "`extends` is empty").with_help(
            "name the base file relative to this one, e.g. extends = \"../genesis.toml\", or remove `extends`",
        ));
    }
    let base_path = path.parent().unwrap_or(FsPath::new("")).join(base_name);

    stack.push(identity);
    let snapshot = sources.clone();
    let mut base = load_chain(
        &base_path,
        Some((extends.node.loc, &snapshot)),
        sources,
        stack,
        model_files,
    )?;
    stack.pop();

    model_files.push(id);
    base.merge(table);
    Ok(base)
}

fn display_name(path: &FsPath) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| display_path(path))
}

/// Parses a source as a TOML document.
pub(crate) fn parse_source(sources: &SourceMap, id: SourceId) -> Result<Table, InputError> {
    let text = sources.get(id).text.clone();
    let document = DeTable::parse(&text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        let span = move_end_of_input_span(&text, span);
        let loc = Loc {
            source: id,
            start: span.start,
            end: span.end,
        };
        let first_line = error.message().lines().next().unwrap_or("").trim().to_string();
        let help = if first_line.contains("duplicate") {
            "each key may appear once per table: remove or rename one of them"
        } else if first_line.contains("quoted") || first_line.contains("invalid") || first_line.contains("expected") {
            "fix the TOML syntax at the marked position; strings need quotes, e.g. growth = \"10%\""
        } else {
            "fix the TOML syntax at the marked position"
        };
        sources
            .error(loc, format!("malformed TOML: {first_line}"))
            .with_label(first_line)
            .with_help(help)
    })?;
    let span = document.span();
    match tree::from_document(id, document.get_ref(), span).value {
        Value::Table(table) => Ok(table),
        _ => Ok(Table::default()),
    }
}

/// Moves an empty span at the very end of the text onto its last visible
/// character, so the snippet shows where the input stopped.
fn move_end_of_input_span(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    if span.start < text.trim_end().len() || text.trim_end().is_empty() {
        return span;
    }
    let trimmed = text.trim_end();
    let last = trimmed.char_indices().last().map_or(0, |(index, _)| index);
    last..trimmed.len()
}

/// Sets the node at `path`, creating the tables above it.
fn set_node(root: &mut Table, path: &Path, key_loc: Loc, node: Node) {
    let mut table = root;
    let (last, parents) = path.segments.split_last().expect("a path has a segment");
    for segment in parents {
        let PathSegment::Key(key) = segment else {
            return;
        };
        if !matches!(table.get(key).map(|entry| &entry.node.value), Some(Value::Table(_))) {
            table.insert(
                key.clone(),
                Entry {
                    key_loc,
                    node: Node {
                        value: Value::Table(Table::default()),
                        loc: key_loc,
                    },
                },
            );
        }
        let Some(Entry {
            node: Node {
                value: Value::Table(inner),
                ..
            },
            ..
        }) = table.get_mut(key)
        else {
            return;
        };
        table = inner;
    }
    if let PathSegment::Key(key) = last {
        table.insert(key.clone(), Entry { key_loc, node });
    }
}
