//! Warnings about inputs that are valid but probably wrong: a negative
//! margin, a per-million price outside a sane band (a per-1K price entered
//! as per-1M, say), and prices read long before the model's date.

use chrono::Days;
use rust_decimal::Decimal;

use crate::model::{Model, Offering, TokenPrices, Usage};
use crate::result::Projection;

/// Lowest per-million price that is not suspicious.
pub const MIN_PER_MTOK: Decimal = Decimal::from_parts(1, 0, 0, false, 3);
/// Highest per-million price that is not suspicious.
pub const MAX_PER_MTOK: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
/// Age beyond which a price is stale, relative to the model's `as_of`.
pub const STALE_AFTER_DAYS: u64 = 365;

/// Lists the warnings for a model and its projection, in a stable order.
pub fn warnings(model: &Model, projection: &Projection) -> Vec<String> {
    let mut out = Vec::new();
    if model.deployment.candidate == model.deployment.baseline {
        out.push(format!(
            "the candidate and the baseline are the same offering `{}`: every saving is zero",
            model.deployment.candidate
        ));
    }
    for offering in &model.offerings {
        price_band_warnings(offering, &mut out);
        staleness_warnings(model, offering, &mut out);
    }
    if let Some(margin) = &projection.margin {
        for (label, line) in [("our", &margin.candidate), ("the competitor's", &margin.baseline)] {
            if line.margin.is_sign_negative() && !line.margin.is_zero() {
                out.push(format!(
                    "negative margin: {label} price {} per customer is below the cost of {} requests on `{}` ({})",
                    crate::format::money(line.price, &model.currency),
                    crate::format::number(margin.requests_per_customer, 2),
                    line.offering,
                    crate::format::money(line.cost, &model.currency)
                ));
            }
        }
    }
    out
}

fn price_band_warnings(offering: &Offering, out: &mut Vec<String>) {
    let mut check = |key: &str, price: Option<Decimal>| {
        let Some(price) = price else {
            return;
        };
        // Band applied to the catalogue's own figure, before conversion.
        let stated = if offering.fx_rate.is_zero() {
            price
        } else {
            price / offering.fx_rate
        };
        if stated.is_zero() {
            out.push(format!(
                "offering `{}`: {key} is 0; check that this usage is really free",
                offering.id
            ));
        } else if stated < MIN_PER_MTOK || stated > MAX_PER_MTOK {
            out.push(format!(
                "offering `{}`: {key} = {} is outside 0.001–1,000 per million tokens; \
                 was a per-1K or per-token price entered as per-1M?",
                offering.id,
                stated.normalize()
            ));
        }
    };
    if let Usage::Tokens(tokens) = &offering.usage {
        let mut check_set = |prefix: &str, prices: &TokenPrices| {
            check(&format!("{prefix}input_per_mtok"), Some(prices.input_per_mtok));
            check(&format!("{prefix}output_per_mtok"), Some(prices.output_per_mtok));
            check(&format!("{prefix}cache_read_per_mtok"), prices.cache_read_per_mtok);
            check(&format!("{prefix}cache_write_per_mtok"), prices.cache_write_per_mtok);
            check(&format!("{prefix}reasoning_per_mtok"), prices.reasoning_per_mtok);
        };
        check_set("", &tokens.base);
        if let Some(tier) = &tokens.long_context {
            check_set("long_context.", &tier.prices);
        }
    }
    if let Some(training) = &offering.training {
        check("training_per_mtok", Some(training.per_mtok));
    }
    let flat_price = match &offering.usage {
        Usage::PerRequest(price) => Some(("per_request", *price)),
        Usage::Hourly(hourly) => Some(("hourly", hourly.hourly)),
        Usage::Tokens(_) => None,
    };
    if let Some((key, price)) = flat_price
        && price.is_zero()
    {
        out.push(format!(
            "offering `{}`: {key} is 0; check that this usage is really free",
            offering.id
        ));
    }
}

fn staleness_warnings(model: &Model, offering: &Offering, out: &mut Vec<String>) {
    let Some(model_date) = model.as_of else {
        return;
    };
    if offering.source.is_none() {
        out.push(format!(
            "offering `{}` has no `source`: name the page or document its price came from",
            offering.id
        ));
    }
    match offering.as_of {
        None => out.push(format!(
            "offering `{}` has no `as_of`: the date its price was read is unknown",
            offering.id
        )),
        Some(price_date) => {
            let limit = model_date.checked_sub_days(Days::new(STALE_AFTER_DAYS));
            if limit.is_some_and(|limit| price_date < limit) {
                out.push(format!(
                    "offering `{}`: price as_of {price_date} is more than a year before the model's as_of {model_date}",
                    offering.id
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{self, Options};
    use crate::input::{Inputs, decode};

    fn warnings_of(extra_offering: &str) -> Vec<String> {
        let text = format!(
            r#"
[model]
as_of = 2026-01-01
start = "2026-01"
[deployment]
candidate = "free"
baseline = "paid"
[offerings.paid]
provider = "A"
as_of = 2026-01-01
source = "price page"
per_request = 0.01
{extra_offering}
[workload.agents.one]
requests_per_month = 100
[scenarios.base]
"#
        );
        let inputs = Inputs::from_text("model.toml", &text).unwrap();
        let model = decode::decode(&inputs).unwrap();
        engine::project(&model, &[], &Options::default()).unwrap().warnings
    }

    #[test]
    fn zero_flat_price_is_warned() {
        let warnings =
            warnings_of("[offerings.free]\nprovider = \"B\"\nas_of = 2026-01-01\nsource = \"s\"\nper_request = 0\n");
        assert!(
            warnings.iter().any(|w| w.contains("`free`: per_request is 0")),
            "{warnings:?}"
        );
    }

    #[test]
    fn missing_date_and_source_are_warned() {
        let warnings = warnings_of("[offerings.free]\nprovider = \"B\"\nper_request = 0.001\n");
        assert!(
            warnings.iter().any(|w| w.contains("`free` has no `as_of`")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("`free` has no `source`")),
            "{warnings:?}"
        );
    }

    #[test]
    fn unit_mixup_is_warned() {
        let warnings = warnings_of(
            "[offerings.free]\nprovider = \"B\"\nas_of = 2026-01-01\nsource = \"s\"\ninput_per_mtok = 0.0001\noutput_per_mtok = 5000\n[workload]\ninput_tokens = 10\noutput_tokens = 10\n",
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("input_per_mtok = 0.0001 is outside")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("output_per_mtok = 5000 is outside")),
            "{warnings:?}"
        );
    }
}
