//! Import of LiteLLM's `model_prices_and_context_window.json`: one JSON
//! object per model, with prices in US dollars per token.
//!
//! Prices are read from the text of each JSON number, so `2.5e-06` per
//! token becomes exactly 2.5 per 1,000,000 tokens. The fields mapped are
//! the input, output, cache read, cache creation and reasoning prices, the
//! `_above_<N>k_tokens` tier (a long-context tier above N thousand input
//! tokens), the `_batches` prices (as `batch_discount`) and
//! `litellm_provider` (as the provider). An entry priced in another way,
//! such as per image, per second or by audio, is returned in
//! [`Imported::skipped`] with the reason, never priced at zero.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::Entry;
use crate::input::read::parse_decimal;
use crate::model::{LongContextTier, Offering, TokenPrices, TokenPricing, Usage};

/// Currency of every LiteLLM price.
pub const CURRENCY: &str = "USD";

/// Key of the entry that documents LiteLLM's fields instead of pricing a model.
const SAMPLE_SPEC: &str = "sample_spec";

/// Modes whose usage roi prices by tokens of text.
const TEXT_MODES: &[&str] = &["chat", "completion", "responses", "embedding"];

/// Fields the import maps to catalogue keys, besides the long-context
/// fields (see [`TIER_PREFIXES`]). Other fields with a price (their name
/// contains `cost`) are reported as ignored.
const MAPPED_FIELDS: &[&str] = &[
    "input_cost_per_token",
    "output_cost_per_token",
    "cache_read_input_token_cost",
    "cache_creation_input_token_cost",
    "output_cost_per_reasoning_token",
    "input_cost_per_token_batches",
    "output_cost_per_token_batches",
];

/// Filters and labels of an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Keep entries whose `litellm_provider` or catalogue provider name
    /// matches one of these, ignoring case; empty keeps every provider.
    pub providers: Vec<String>,
    /// Keep entries whose key, model name or catalogue id equals one of
    /// these; empty keeps every model.
    pub models: Vec<String>,
    /// Date the prices were read, written as every entry's `as_of`.
    pub as_of: NaiveDate,
    /// Name of the imported file, written in every entry's `source`.
    pub file_name: String,
}

/// The result of an import.
#[derive(Debug, Default)]
pub struct Imported {
    /// Offerings in the order of the file.
    pub entries: Vec<Entry>,
    /// Matching entries that could not be mapped.
    pub skipped: Vec<Skipped>,
    /// Remarks on imported entries, such as price fields left out.
    pub notes: Vec<String>,
}

/// An entry that the import could not map, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry's key in the file.
    pub key: String,
    pub reason: String,
}

/// A file that is not a LiteLLM price file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
    /// One-based line and column, when the JSON parser gives them.
    pub position: Option<(usize, usize)>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// Reads LiteLLM's price file and maps the entries that match `options`.
///
/// Fails when the text is not a JSON object of objects; an entry that is not
/// an object is skipped with the reason.
pub fn import_litellm(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let document: Fields = serde_json::from_str(text).map_err(|error| {
        // serde_json ends its message with the position, which the caller
        // shows from `position` instead.
        let message = error.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |end| &message[..end]);
        ImportError {
            message: format!("invalid JSON: {message}"),
            position: Some((error.line(), error.column())),
        }
    })?;

    let mut imported = Imported::default();
    let mut ids: Vec<String> = Vec::new();
    for (key, raw) in &document.0 {
        if key == SAMPLE_SPEC {
            continue;
        }
        let fields = match serde_json::from_str::<Fields>(raw.get()) {
            Ok(fields) => fields,
            Err(_) => {
                if matches_filters(key, key, "", options) {
                    imported.skipped.push(Skipped {
                        key: key.clone(),
                        reason: "not a JSON object".to_string(),
                    });
                }
                continue;
            }
        };
        let litellm_provider = fields.string("litellm_provider").unwrap_or_default();
        let model = model_name(key, &litellm_provider);
        if !matches_filters(key, &model, &litellm_provider, options) {
            continue;
        }
        let unusable = if key.trim().is_empty() || key.chars().any(char::is_control) {
            Some("the key is empty or contains a control character")
        } else if litellm_provider.trim().is_empty() {
            Some("no `litellm_provider`")
        } else if litellm_provider.chars().any(char::is_control) {
            Some("`litellm_provider` contains a control character")
        } else {
            None
        };
        if let Some(reason) = unusable {
            imported.skipped.push(Skipped {
                key: key.clone(),
                reason: reason.to_string(),
            });
            continue;
        }

        match map_entry(key, &model, &litellm_provider, &fields, options) {
            Ok((mut entry, notes)) => {
                entry.offering.id = unique_id(&model, &litellm_provider, &ids);
                ids.push(entry.offering.id.clone());
                imported
                    .notes
                    .extend(notes.into_iter().map(|note| format!("{key}: {note}")));
                imported.entries.push(entry);
            }
            Err(reason) => imported.skipped.push(Skipped {
                key: key.clone(),
                reason,
            }),
        }
    }
    Ok(imported)
}

/// Returns the catalogue's spelling of a LiteLLM provider. Names not listed
/// are kept as LiteLLM writes them.
pub fn provider_name(litellm_provider: &str) -> String {
    let name = match litellm_provider {
        "openai" | "text-completion-openai" => "OpenAI",
        "azure" | "azure_ai" => "Azure",
        "anthropic" => "Anthropic",
        "mistral" | "codestral" => "Mistral",
        "gemini" => "Google",
        "bedrock" | "bedrock_converse" => "AWS Bedrock",
        "huggingface" => "HuggingFace",
        "cohere" | "cohere_chat" => "Cohere",
        "groq" => "Groq",
        "deepseek" => "DeepSeek",
        "xai" => "xAI",
        "together_ai" => "Together AI",
        "fireworks_ai" => "Fireworks AI",
        other if other.starts_with("vertex_ai") => "Google Vertex AI",
        other => other,
    };
    name.to_string()
}

/// Derives a catalogue id from a model name: lower case, with every character other
/// than a letter, digit, `_` or `-` replaced by `-` (`gemini-2.5-pro`
/// becomes `gemini-2-5-pro`), so the id is a bare TOML key.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.to_lowercase().chars() {
        let ch = if ch.is_ascii_alphanumeric() || ch == '_' {
            ch
        } else {
            '-'
        };
        if ch == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(ch);
    }
    out.trim_end_matches('-').to_string()
}

/// Returns the model name of an entry: its key without the `provider/`
/// route prefix.
fn model_name(key: &str, litellm_provider: &str) -> String {
    key.strip_prefix(&format!("{litellm_provider}/"))
        .filter(|_| !litellm_provider.is_empty())
        .unwrap_or(key)
        .to_string()
}

fn matches_filters(key: &str, model: &str, litellm_provider: &str, options: &ImportOptions) -> bool {
    let provider = provider_name(litellm_provider);
    let provider_matches = options.providers.is_empty()
        || options
            .providers
            .iter()
            .any(|wanted| wanted.eq_ignore_ascii_case(litellm_provider) || wanted.eq_ignore_ascii_case(&provider));
    let model_matches = options.models.is_empty()
        || options
            .models
            .iter()
            .any(|wanted| wanted == key || wanted == model || *wanted == slug(model));
    provider_matches && model_matches
}

/// Returns an id not yet used: the model's slug, else with the provider appended
/// (the same model sold by two providers), else numbered.
fn unique_id(model: &str, litellm_provider: &str, used: &[String]) -> String {
    let base = slug(model);
    if !used.contains(&base) {
        return base;
    }
    let with_provider = format!("{base}-{}", slug(litellm_provider));
    if !used.contains(&with_provider) {
        return with_provider;
    }
    (2..)
        .map(|number| format!("{with_provider}-{number}"))
        .find(|candidate| !used.contains(candidate))
        .expect("an unused number exists")
}

/// Maps one entry to an offering, with notes on fields left out, or returns
/// why it cannot be mapped.
fn map_entry(
    key: &str,
    model: &str,
    litellm_provider: &str,
    fields: &Fields,
    options: &ImportOptions,
) -> Result<(Entry, Vec<String>), String> {
    let mode = fields.string("mode");
    if let Some(mode) = &mode
        && !TEXT_MODES.contains(&mode.as_str())
    {
        return Err(format!(
            "mode \"{mode}\" is not priced by tokens of text; roi imports chat, completion and embedding models"
        ));
    }
    if fields.get("tiered_pricing").is_some() {
        return Err(
            "priced in tiers of input length (`tiered_pricing`), which the import does not map; \
                    add the offering by hand with a long_context tier"
                .to_string(),
        );
    }
    let per_token = |name: &str| -> Result<Option<Decimal>, String> {
        let Some(price) = fields.price(name)? else {
            return Ok(None);
        };
        let per_million = price
            .checked_mul(Decimal::from(1_000_000))
            .ok_or_else(|| format!("`{name}` = {price} is too large to convert to a price per 1,000,000 tokens"))?;
        Ok(Some(per_million.normalize()))
    };
    let input = per_token("input_cost_per_token")?;
    let output = per_token("output_cost_per_token")?;
    let per_second = ["input_cost_per_second", "output_cost_per_second"]
        .into_iter()
        .find(|name| fields.get(name).is_some());
    let (input, output) = match (input, output, per_second) {
        (Some(input), Some(output), _) => (input, output),
        (None, _, Some(name)) | (_, None, Some(name)) => {
            return Err(format!("priced per second of use (`{name}`), not per token"));
        }
        (_, None, None) if mode.as_deref() == Some("embedding") => {
            return Err("embedding model without an output price (`output_cost_per_token`)".to_string());
        }
        (None, _, None) => return Err("no input price per token (`input_cost_per_token`)".to_string()),
        (_, None, None) => return Err("no output price per token (`output_cost_per_token`)".to_string()),
    };
    if input.is_zero() && output.is_zero() {
        return Err("input and output prices are both zero: a free or unpriced entry".to_string());
    }
    let mut notes = Vec::new();
    for (name, price) in [("input_cost_per_token", input), ("output_cost_per_token", output)] {
        if price.is_zero() {
            notes.push(format!("`{name}` is 0: check that this usage is really free"));
        }
    }

    let base = TokenPrices {
        input_per_mtok: input,
        output_per_mtok: output,
        cache_read_per_mtok: per_token("cache_read_input_token_cost")?,
        cache_write_per_mtok: per_token("cache_creation_input_token_cost")?,
        reasoning_per_mtok: per_token("output_cost_per_reasoning_token")?,
    };
    let long_context = long_context_tier(fields, &base, &per_token, &mut notes)?;
    let batch_discount = batch_discount(&base, &per_token, &mut notes)?;

    let ignored: Vec<&str> = fields
        .0
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| name.contains("cost") && !MAPPED_FIELDS.contains(name) && !is_tier_field(name))
        .collect();
    if !ignored.is_empty() {
        notes.push(format!(
            "left out {} (no catalogue key for these prices)",
            ignored.join(", ")
        ));
    }

    let offering = Offering {
        id: String::new(),
        provider: provider_name(litellm_provider),
        model: model.to_string(),
        currency: CURRENCY.to_string(),
        fx_rate: Decimal::ONE,
        as_of: Some(options.as_of),
        source: Some(format!("{} ({key})", options.file_name)),
        usage: Usage::Tokens(TokenPricing { base, long_context }),
        monthly_fee: Decimal::ZERO,
        training: None,
        discount: Decimal::ZERO,
        batch_discount: batch_discount.unwrap_or(Decimal::ZERO),
    };
    Ok((Entry { offering, note: None }, notes))
}

/// Prefixes of LiteLLM's long-context price fields, which end in
/// `_above_<N>k_tokens`.
const TIER_PREFIXES: &[&str] = &[
    "input_cost_per_token_above_",
    "output_cost_per_token_above_",
    "cache_read_input_token_cost_above_",
    "cache_creation_input_token_cost_above_",
];

/// Returns the threshold in thousands of tokens of a long-context price
/// field such as `input_cost_per_token_above_128k_tokens`.
fn tier_threshold(name: &str) -> Option<u32> {
    let rest = TIER_PREFIXES.iter().find_map(|prefix| name.strip_prefix(prefix))?;
    rest.strip_suffix("k_tokens")?.parse().ok()
}

fn is_tier_field(name: &str) -> bool {
    tier_threshold(name).is_some()
}

/// Maps the long-context prices. LiteLLM names the threshold in the field
/// (`_above_200k_tokens`, `_above_128k_tokens`). An entry with fields for
/// two thresholds keeps the lowest, with a note, because a catalogue
/// offering has one tier.
fn long_context_tier(
    fields: &Fields,
    base: &TokenPrices,
    per_token: &dyn Fn(&str) -> Result<Option<Decimal>, String>,
    notes: &mut Vec<String>,
) -> Result<Option<LongContextTier>, String> {
    let mut thresholds: Vec<u32> = fields.0.iter().filter_map(|(name, _)| tier_threshold(name)).collect();
    thresholds.sort_unstable();
    thresholds.dedup();
    let Some(&thousands) = thresholds.first() else {
        return Ok(None);
    };
    if thresholds.len() > 1 {
        notes.push(format!(
            "long-context prices for {} thousand tokens; only the tier above {thousands} thousand is kept",
            thresholds.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
        ));
    }

    let field = |prefix: &str| format!("{prefix}{thousands}k_tokens");
    let input = per_token(&field("input_cost_per_token_above_"))?;
    let output = per_token(&field("output_cost_per_token_above_"))?;
    let cache_read = per_token(&field("cache_read_input_token_cost_above_"))?;
    let cache_write = per_token(&field("cache_creation_input_token_cost_above_"))?;
    if input.is_none() && output.is_none() && cache_read.is_none() && cache_write.is_none() {
        return Ok(None);
    }

    for (name, price) in [("input", input), ("output", output)] {
        if price.is_some_and(|price| price.is_zero()) {
            notes.push(format!(
                "the {name} price above {thousands} thousand tokens is 0: check that it is really free"
            ));
        }
    }

    Ok(Some(LongContextTier {
        above_input_tokens: Decimal::from(thousands) * Decimal::ONE_THOUSAND,
        prices: TokenPrices {
            input_per_mtok: input.unwrap_or(base.input_per_mtok),
            output_per_mtok: output.unwrap_or(base.output_per_mtok),
            cache_read_per_mtok: cache_read.or(base.cache_read_per_mtok),
            cache_write_per_mtok: cache_write.or(base.cache_write_per_mtok),
            reasoning_per_mtok: base.reasoning_per_mtok,
        },
    }))
}

/// Computes the batch discount implied by the `_batches` prices: the share they take
/// off the input and output prices. The catalogue has one discount for both,
/// so prices that imply two different shares give no discount and a note.
fn batch_discount(
    base: &TokenPrices,
    per_token: &dyn Fn(&str) -> Result<Option<Decimal>, String>,
    notes: &mut Vec<String>,
) -> Result<Option<Decimal>, String> {
    let share_off = |batch: Option<Decimal>, regular: Decimal| {
        batch
            .filter(|_| !regular.is_zero())
            .map(|batch| (Decimal::ONE - batch / regular).normalize())
    };
    let input = share_off(per_token("input_cost_per_token_batches")?, base.input_per_mtok);
    let output = share_off(per_token("output_cost_per_token_batches")?, base.output_per_mtok);
    let discount = match (input, output) {
        (None, None) => return Ok(None),
        (Some(input), Some(output)) if input != output => {
            notes.push(format!(
                "batch prices take {} off input and {} off output; batch_discount left out",
                crate::format::share(input),
                crate::format::share(output)
            ));
            return Ok(None);
        }
        (Some(share), _) | (None, Some(share)) => share,
    };
    if discount < Decimal::ZERO || discount > Decimal::ONE {
        notes.push(format!(
            "batch prices imply a discount of {}; batch_discount left out",
            crate::format::share(discount)
        ));
        return Ok(None);
    }
    Ok(Some(discount))
}

/// The fields of a JSON object in file order, each kept as its raw text so
/// numbers are read exactly.
struct Fields(Vec<(String, Box<RawValue>)>);

impl Fields {
    fn get(&self, name: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_ref())
    }

    fn string(&self, name: &str) -> Option<String> {
        self.get(name)
            .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
    }

    /// Reads a price per token exactly from the JSON number's text; `null`
    /// is absent.
    fn price(&self, name: &str) -> Result<Option<Decimal>, String> {
        let Some(raw) = self.get(name) else {
            return Ok(None);
        };
        let text = raw.get().trim();
        if text == "null" {
            return Ok(None);
        }
        let value = parse_decimal(text).map_err(|problem| format!("`{name}` = {text}: {problem}"))?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(format!("`{name}` = {text} is negative"));
        }
        Ok(Some(value))
    }
}

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;

        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Box<RawValue>>()? {
                    fields.push((key, value));
                }
                Ok(Fields(fields))
            }
        }

        deserializer.deserialize_map(FieldsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn options() -> ImportOptions {
        ImportOptions {
            providers: Vec::new(),
            models: Vec::new(),
            as_of: NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(),
            file_name: "prices.json".to_string(),
        }
    }

    fn token_prices(entry: &Entry) -> &TokenPricing {
        match &entry.offering.usage {
            Usage::Tokens(tokens) => tokens,
            other => panic!("expected token pricing, found {other:?}"),
        }
    }

    #[test]
    fn per_token_price_converts_exactly() {
        let text = r#"{"m": {"litellm_provider": "openai", "mode": "chat",
            "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
            "cache_read_input_token_cost": 1.25e-06}}"#;
        let imported = import_litellm(text, &options()).unwrap();
        let tokens = token_prices(&imported.entries[0]);
        assert_eq!(tokens.base.input_per_mtok.to_string(), "2.5");
        assert_eq!(tokens.base.output_per_mtok, dec!(10));
        assert_eq!(tokens.base.cache_read_per_mtok, Some(dec!(1.25)));
    }

    #[test]
    fn batches_become_one_discount() {
        let text = r#"{"m": {"litellm_provider": "openai", "input_cost_per_token": 2.5e-06,
            "output_cost_per_token": 1e-05, "input_cost_per_token_batches": 1.25e-06,
            "output_cost_per_token_batches": 5e-06}}"#;
        let imported = import_litellm(text, &options()).unwrap();
        assert_eq!(imported.entries[0].offering.batch_discount, dec!(0.5));
        assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    }

    #[test]
    fn unequal_batch_shares_leave_a_note() {
        let text = r#"{"m": {"litellm_provider": "openai", "input_cost_per_token": 2e-06,
            "output_cost_per_token": 1e-05, "input_cost_per_token_batches": 1e-06,
            "output_cost_per_token_batches": 6e-06}}"#;
        let imported = import_litellm(text, &options()).unwrap();
        assert_eq!(imported.entries[0].offering.batch_discount, Decimal::ZERO);
        assert_eq!(
            imported.notes,
            ["m: batch prices take 50% off input and 40% off output; batch_discount left out"]
        );
    }

    #[test]
    fn unmappable_entries_are_skipped_with_reason() {
        let text = r#"{
            "img": {"litellm_provider": "openai", "mode": "image_generation", "input_cost_per_pixel": 1e-08},
            "sec": {"litellm_provider": "bedrock", "mode": "chat", "input_cost_per_second": 0.011},
            "emb": {"litellm_provider": "mistral", "mode": "embedding", "input_cost_per_token": 1e-07},
            "free": {"litellm_provider": "x", "input_cost_per_token": 0, "output_cost_per_token": 0.0},
            "text": {"litellm_provider": "x", "input_cost_per_token": "cheap", "output_cost_per_token": 1e-06},
            "list": [1, 2]
        }"#;
        let imported = import_litellm(text, &options()).unwrap();
        assert!(imported.entries.is_empty());
        let reasons: Vec<(&str, &str)> = imported
            .skipped
            .iter()
            .map(|skipped| (skipped.key.as_str(), skipped.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 6);
        assert!(reasons[0].1.starts_with("mode \"image_generation\""), "{reasons:?}");
        assert!(reasons[1].1.starts_with("priced per second"), "{reasons:?}");
        assert!(
            reasons[2].1.starts_with("embedding model without an output price"),
            "{reasons:?}"
        );
        assert!(reasons[3].1.contains("both zero"), "{reasons:?}");
        assert!(
            reasons[4].1.contains("`input_cost_per_token` = \"cheap\""),
            "{reasons:?}"
        );
        assert_eq!(reasons[5], ("list", "not a JSON object"));
    }

    #[test]
    fn filters_match_provider_and_model() {
        let text = r#"{
            "gemini/gemini-2.5-pro": {"litellm_provider": "gemini", "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05},
            "gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05}
        }"#;
        let mut by_provider = options();
        by_provider.providers = vec!["Google".to_string()];
        let imported = import_litellm(text, &by_provider).unwrap();
        assert_eq!(imported.entries.len(), 1);
        assert_eq!(imported.entries[0].offering.id, "gemini-2-5-pro");
        assert_eq!(imported.entries[0].offering.model, "gemini-2.5-pro");

        let mut by_model = options();
        by_model.models = vec!["gpt-4o".to_string()];
        let imported = import_litellm(text, &by_model).unwrap();
        assert_eq!(imported.entries.len(), 1);
        assert_eq!(imported.entries[0].offering.provider, "OpenAI");
    }

    #[test]
    fn same_model_of_two_providers_gets_two_ids() {
        let text = r#"{
            "gemini/gemini-2.0-flash": {"litellm_provider": "gemini", "input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07},
            "gemini-2.0-flash": {"litellm_provider": "vertex_ai-language-models", "input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07}
        }"#;
        let imported = import_litellm(text, &options()).unwrap();
        let ids: Vec<&str> = imported
            .entries
            .iter()
            .map(|entry| entry.offering.id.as_str())
            .collect();
        assert_eq!(ids, ["gemini-2-0-flash", "gemini-2-0-flash-vertex_ai-language-models"]);
    }

    #[test]
    fn malformed_json_reports_position() {
        let error = import_litellm("{\n  \"m\": {,}\n}", &options()).unwrap_err();
        assert_eq!(error.position, Some((2, 9)));
        assert!(error.message.starts_with("invalid JSON: "), "{}", error.message);
    }

    #[test]
    fn slug_makes_bare_keys() {
        assert_eq!(slug("gemini-2.5-pro"), "gemini-2-5-pro");
        assert_eq!(slug("ft:gpt-4o-2024-08-06"), "ft-gpt-4o-2024-08-06");
        assert_eq!(
            slug("anthropic.claude-3-haiku-20240307-v1:0"),
            "anthropic-claude-3-haiku-20240307-v1-0"
        );
    }

    #[test]
    fn tier_threshold_comes_from_the_field_name() {
        let text = r#"{"m": {"litellm_provider": "gemini", "mode": "chat",
            "input_cost_per_token": 1.25e-06, "output_cost_per_token": 5e-06,
            "input_cost_per_token_above_128k_tokens": 2.5e-06,
            "output_cost_per_token_above_128k_tokens": 1e-05}}"#;
        let imported = import_litellm(text, &options()).unwrap();
        let tier = token_prices(&imported.entries[0]).long_context.clone().unwrap();
        assert_eq!(tier.above_input_tokens, dec!(128000));
        assert_eq!(tier.prices.input_per_mtok, dec!(2.5));
        assert_eq!(tier.prices.output_per_mtok, dec!(10));
    }

    #[test]
    fn entries_without_provider_are_skipped() {
        let text = r#"{"m": {"mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
            "n": {"litellm_provider": "evil\n[x]", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}"#;
        let imported = import_litellm(text, &options()).unwrap();
        assert!(imported.entries.is_empty());
        assert_eq!(imported.skipped.len(), 2);
        assert_eq!(imported.skipped[0].reason, "no `litellm_provider`");
        assert!(imported.skipped[1].reason.contains("control character"));
    }

    #[test]
    fn zero_price_is_noted() {
        let text =
            r#"{"m": {"litellm_provider": "openai", "input_cost_per_token": 0, "output_cost_per_token": 2e-06}}"#;
        let imported = import_litellm(text, &options()).unwrap();
        assert_eq!(imported.entries.len(), 1);
        assert!(
            imported
                .notes
                .iter()
                .any(|note| note.contains("`input_cost_per_token` is 0")),
            "{:?}",
            imported.notes
        );
    }
}
