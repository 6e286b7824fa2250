//! The price catalogue on its own: its offerings listed for people
//! ([`list`]), written back as catalogue TOML ([`write`]), and imported from
//! LiteLLM's price file ([`import`]). Reading files is the caller's job;
//! these modules work on texts and decoded offerings.

pub mod import;
pub mod list;
pub mod write;

use crate::error::InputError;
use crate::input::Inputs;
use crate::input::decode::{self, CatalogueEntry};
use crate::input::read::Fields;
use crate::input::source::Loc;
use crate::input::tree::{Node, Path, Value};
use crate::model::Offering;

/// One offering of a catalogue with its optional note.
#[derive(Debug, Clone)]
pub struct Entry {
    pub offering: Offering,
    pub note: Option<String>,
}

impl From<CatalogueEntry> for Entry {
    fn from(entry: CatalogueEntry) -> Self {
        Entry {
            offering: entry.offering,
            note: entry.note,
        }
    }
}

/// Decodes the `[offerings]` of loaded inputs: a model's catalogue merged
/// with the model's own offering tables and overrides, or a catalogue file
/// read with [`Inputs::from_text`]. Other top-level keys are allowed only
/// when `allow_model_keys` is set.
pub fn entries(inputs: &Inputs, allow_model_keys: bool) -> Result<Vec<Entry>, InputError> {
    let root = Node {
        value: Value::Table(inputs.root.clone()),
        loc: Loc {
            source: inputs.model_files.last().copied().unwrap_or(0),
            start: 0,
            end: 0,
        },
    };
    let known: &[&str] = if allow_model_keys {
        decode::ROOT_KEYS
    } else {
        &["offerings"]
    };
    let fields = Fields::new(&inputs.sources, Path::default(), &root, known)?;
    let entries = decode::decode_catalogue(&fields)?;
    Ok(entries.into_iter().map(Entry::from).collect())
}

/// Sorts entries by provider (ignoring case), then by id.
pub fn sort_by_provider(entries: &mut [Entry]) {
    entries.sort_by(|left, right| {
        let left_key = (left.offering.provider.to_lowercase(), &left.offering.id);
        let right_key = (right.offering.provider.to_lowercase(), &right.offering.id);
        left_key.cmp(&right_key)
    });
}
