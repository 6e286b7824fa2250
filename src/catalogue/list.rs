//! The catalogue listing of `roi prices`: a one-line summary of each
//! offering's prices for tables, and the JSON form.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Entry;
use crate::format::{group_thousands, share};
use crate::model::{TokenPrices, Usage};
use crate::result::dec_opt;

/// Version of the JSON layout of `roi prices --format json`.
pub const SCHEMA_VERSION: u32 = 1;

/// Summarises an offering's prices on one line, in its catalogue currency:
/// `USD in 2.5 · cache read 1.25 · out 10 per Mtok; batch -50%`.
///
/// An offering without `currency` shows no code, because its prices are in
/// the currency of whichever model uses the catalogue.
pub fn price_summary(entry: &Entry) -> String {
    let offering = &entry.offering;
    let mut parts = Vec::new();
    match &offering.usage {
        Usage::Tokens(tokens) => {
            parts.push(format!("{} per Mtok", token_prices(&tokens.base)));
            if let Some(tier) = &tokens.long_context {
                parts.push(format!(
                    "above {} input tokens: {}",
                    group_thousands(&tier.above_input_tokens.normalize().to_string()),
                    token_prices(&tier.prices)
                ));
            }
        }
        Usage::PerRequest(price) => parts.push(format!("{} per request", plain(*price))),
        Usage::Hourly(hourly) => {
            let mut text = format!("{} per replica-hour", plain(hourly.hourly));
            if let Some(throughput) = hourly.requests_per_replica_hour {
                text.push_str(&format!(", {} requests per replica-hour", plain(throughput)));
            }
            parts.push(text);
        }
    }
    if !offering.batch_discount.is_zero() {
        parts.push(format!("batch -{}", share(offering.batch_discount)));
    }
    if !offering.discount.is_zero() {
        parts.push(format!("discount -{}", share(offering.discount)));
    }
    if !offering.monthly_fee.is_zero() {
        parts.push(format!("fee {} per month", plain(offering.monthly_fee)));
    }
    if let Some(training) = &offering.training {
        let mut text = format!("training {} per Mtok", plain(training.per_mtok));
        if !training.minimum.is_zero() {
            text.push_str(&format!(", minimum {}", plain(training.minimum)));
        }
        parts.push(text);
    }

    let summary = parts.join("; ");
    if offering.currency.is_empty() {
        summary
    } else {
        format!("{} {summary}", offering.currency)
    }
}

fn token_prices(prices: &TokenPrices) -> String {
    let mut parts = vec![format!("in {}", plain(prices.input_per_mtok))];
    if let Some(price) = prices.cache_read_per_mtok {
        parts.push(format!("cache read {}", plain(price)));
    }
    if let Some(price) = prices.cache_write_per_mtok {
        parts.push(format!("cache write {}", plain(price)));
    }
    parts.push(format!("out {}", plain(prices.output_per_mtok)));
    if let Some(price) = prices.reasoning_per_mtok {
        parts.push(format!("reasoning {}", plain(price)));
    }
    parts.join(" · ")
}

/// Formats a price as written in the catalogue, with thousands separators.
fn plain(value: Decimal) -> String {
    group_thousands(&value.normalize().to_string())
}

/// The JSON of `roi prices --format json`.
#[derive(Debug, Serialize)]
pub struct Listing {
    pub schema_version: u32,
    pub offerings: Vec<ListedOffering>,
}

/// One offering in the JSON listing. Prices are decimal strings in the
/// offering's `currency`, which is `null` when the catalogue leaves it to the
/// model. Keys that do not apply to its way of pricing are left out.
#[derive(Debug, Serialize)]
pub struct ListedOffering {
    pub id: String,
    pub provider: String,
    pub model: String,
    pub currency: Option<String>,
    /// `tokens`, `per_request` or `hourly`.
    pub pricing: &'static str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<ListedTokenPrices>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long_context: Option<ListedLongContext>,
    #[serde(with = "dec_opt", skip_serializing_if = "Option::is_none")]
    pub per_request: Option<Decimal>,
    #[serde(with = "dec_opt", skip_serializing_if = "Option::is_none")]
    pub hourly: Option<Decimal>,
    #[serde(with = "dec_opt", skip_serializing_if = "Option::is_none")]
    pub hours_per_month: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<u32>,
    #[serde(with = "dec_opt", skip_serializing_if = "Option::is_none")]
    pub requests_per_replica_hour: Option<Decimal>,
    #[serde(with = "crate::result::dec")]
    pub batch_discount: Decimal,
    #[serde(with = "crate::result::dec")]
    pub discount: Decimal,
    #[serde(with = "crate::result::dec")]
    pub monthly_fee: Decimal,
    #[serde(with = "dec_opt")]
    pub training_per_mtok: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub training_minimum: Option<Decimal>,
    pub as_of: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// Token prices per 1,000,000 tokens; absent optional prices are `null`.
#[derive(Debug, Serialize)]
pub struct ListedTokenPrices {
    #[serde(with = "crate::result::dec")]
    pub input_per_mtok: Decimal,
    #[serde(with = "crate::result::dec")]
    pub output_per_mtok: Decimal,
    #[serde(with = "dec_opt")]
    pub cache_read_per_mtok: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub cache_write_per_mtok: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub reasoning_per_mtok: Option<Decimal>,
}

/// The prices that apply above `above_input_tokens` input tokens.
#[derive(Debug, Serialize)]
pub struct ListedLongContext {
    #[serde(with = "crate::result::dec")]
    pub above_input_tokens: Decimal,
    #[serde(flatten)]
    pub prices: ListedTokenPrices,
}

impl From<&TokenPrices> for ListedTokenPrices {
    fn from(prices: &TokenPrices) -> Self {
        ListedTokenPrices {
            input_per_mtok: prices.input_per_mtok,
            output_per_mtok: prices.output_per_mtok,
            cache_read_per_mtok: prices.cache_read_per_mtok,
            cache_write_per_mtok: prices.cache_write_per_mtok,
            reasoning_per_mtok: prices.reasoning_per_mtok,
        }
    }
}

/// Builds the JSON listing of entries, in their order.
pub fn listing(entries: &[Entry]) -> Listing {
    let offerings = entries
        .iter()
        .map(|entry| {
            let offering = &entry.offering;
            let mut listed = ListedOffering {
                id: offering.id.clone(),
                provider: offering.provider.clone(),
                model: offering.model.clone(),
                currency: Some(offering.currency.clone()).filter(|code| !code.is_empty()),
                pricing: offering.usage.kind(),
                tokens: None,
                long_context: None,
                per_request: None,
                hourly: None,
                hours_per_month: None,
                min_replicas: None,
                requests_per_replica_hour: None,
                batch_discount: offering.batch_discount,
                discount: offering.discount,
                monthly_fee: offering.monthly_fee,
                training_per_mtok: offering.training.as_ref().map(|training| training.per_mtok),
                training_minimum: offering.training.as_ref().map(|training| training.minimum),
                as_of: offering.as_of.map(|date| date.format("%Y-%m-%d").to_string()),
                source: offering.source.clone(),
                note: entry.note.clone(),
            };
            match &offering.usage {
                Usage::Tokens(tokens) => {
                    listed.tokens = Some(ListedTokenPrices::from(&tokens.base));
                    listed.long_context = tokens.long_context.as_ref().map(|tier| ListedLongContext {
                        above_input_tokens: tier.above_input_tokens,
                        prices: ListedTokenPrices::from(&tier.prices),
                    });
                }
                Usage::PerRequest(price) => listed.per_request = Some(*price),
                Usage::Hourly(hourly) => {
                    listed.hourly = Some(hourly.hourly);
                    listed.hours_per_month = Some(hourly.hours_per_month);
                    listed.min_replicas = Some(hourly.min_replicas);
                    listed.requests_per_replica_hour = hourly.requests_per_replica_hour;
                }
            }
            listed
        })
        .collect();
    Listing {
        schema_version: SCHEMA_VERSION,
        offerings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::input::Inputs;

    fn entry(text: &str) -> Entry {
        let inputs = Inputs::from_text("prices.toml", text).unwrap();
        catalogue::entries(&inputs, false).unwrap().remove(0)
    }

    #[test]
    fn summary_of_token_offering() {
        let sonnet = entry(
            "[offerings.s]\nprovider = \"Anthropic\"\ncurrency = \"USD\"\ninput_per_mtok = 3\n\
             cache_read_per_mtok = 0.30\noutput_per_mtok = 15\nbatch_discount = \"50%\"\n\
             [offerings.s.long_context]\nabove_input_tokens = 200000\ninput_per_mtok = 6\n",
        );
        assert_eq!(
            price_summary(&sonnet),
            "USD in 3 · cache read 0.3 · out 15 per Mtok; \
             above 200,000 input tokens: in 6 · out 15; batch -50%"
        );
    }

    #[test]
    fn summary_of_hourly_offering() {
        let endpoint =
            entry("[offerings.e]\nprovider = \"HuggingFace\"\nhourly = 0.80\nrequests_per_replica_hour = 1200\n");
        assert_eq!(
            price_summary(&endpoint),
            "0.8 per replica-hour, 1,200 requests per replica-hour"
        );
    }
}
