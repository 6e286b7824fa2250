//! Pricing one request, one month of capacity or one training job of an
//! offering.

use rust_decimal::Decimal;

use crate::model::{HourlyPricing, Offering, TokenPrices, TokenPricing, TrainingData, TrainingPrice, Usage, Workload};
use crate::money::{self, ArithmeticError, Checked};

/// Tokens per pricing unit: prices are quoted per 1,000,000 tokens.
pub const TOKENS_PER_MTOK: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The token counts of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestTokens {
    /// Prompt tokens, cached ones included.
    pub input: Decimal,
    pub output: Decimal,
    /// Share of the input read from cache.
    pub cached_share: Decimal,
    /// Share of the input written to cache.
    pub cache_write_share: Decimal,
    pub reasoning: Decimal,
}

/// Prices the tokens of one request at one set of prices, before discounts:
/// `(I·(1−c−w)·p_in + I·c·p_cache_read + I·w·p_cache_write + O·p_out + R·p_reason) / 1,000,000`.
/// Absent cache prices fall back to the input price and an absent reasoning
/// price to the output price.
///
/// 1,000 input tokens, 80% of them cached, at $2.50 input and $1.25 cached
/// per million cost 200 × 2.5 / 10⁶ + 800 × 1.25 / 10⁶ = $0.0015:
///
/// ```
/// use roi::model::TokenPrices;
/// use roi::pricing::{RequestTokens, token_request_cost};
/// use rust_decimal_macros::dec;
/// let prices = TokenPrices {
///     input_per_mtok: dec!(2.5),
///     output_per_mtok: dec!(10),
///     cache_read_per_mtok: Some(dec!(1.25)),
///     cache_write_per_mtok: None,
///     reasoning_per_mtok: None,
/// };
/// let tokens = RequestTokens {
///     input: dec!(1000),
///     output: dec!(0),
///     cached_share: dec!(0.8),
///     cache_write_share: dec!(0),
///     reasoning: dec!(0),
/// };
/// assert_eq!(token_request_cost(&prices, &tokens).unwrap(), dec!(0.0015));
/// ```
pub fn token_request_cost(prices: &TokenPrices, tokens: &RequestTokens) -> Checked {
    let cached = money::mul(tokens.input, tokens.cached_share)?;
    let written = money::mul(tokens.input, tokens.cache_write_share)?;
    let plain = money::sub(money::sub(tokens.input, cached)?, written)?;

    let cache_read_price = prices.cache_read_per_mtok.unwrap_or(prices.input_per_mtok);
    let cache_write_price = prices.cache_write_per_mtok.unwrap_or(prices.input_per_mtok);
    let reasoning_price = prices.reasoning_per_mtok.unwrap_or(prices.output_per_mtok);

    let per_mtok = money::sum([
        money::mul(plain, prices.input_per_mtok)?,
        money::mul(cached, cache_read_price)?,
        money::mul(written, cache_write_price)?,
        money::mul(tokens.output, prices.output_per_mtok)?,
        money::mul(tokens.reasoning, reasoning_price)?,
    ])?;
    money::div(per_mtok, TOKENS_PER_MTOK)
}

/// Picks the prices for a request: the long-context tier's when the input is
/// strictly above its threshold, otherwise the base prices.
///
/// At a 200,000-token threshold with $1.25/$10 base and $2.50/$15 tier
/// prices, 200,000 input + 2,000 output tokens cost $0.27 and 200,001 input
/// tokens cost $0.5300025, because every token then bills at the tier:
///
/// ```
/// use roi::model::{LongContextTier, TokenPrices, TokenPricing};
/// use roi::pricing::{RequestTokens, prices_for_input, token_request_cost};
/// use rust_decimal_macros::dec;
/// let prices = |input, output| TokenPrices {
///     input_per_mtok: input,
///     output_per_mtok: output,
///     cache_read_per_mtok: None,
///     cache_write_per_mtok: None,
///     reasoning_per_mtok: None,
/// };
/// let pricing = TokenPricing {
///     base: prices(dec!(1.25), dec!(10)),
///     long_context: Some(LongContextTier { above_input_tokens: dec!(200000), prices: prices(dec!(2.5), dec!(15)) }),
/// };
/// let cost = |input| {
///     let tokens = RequestTokens { input, output: dec!(2000), cached_share: dec!(0), cache_write_share: dec!(0), reasoning: dec!(0) };
///     token_request_cost(prices_for_input(&pricing, input), &tokens).unwrap()
/// };
/// assert_eq!(cost(dec!(200000)), dec!(0.27));
/// assert_eq!(cost(dec!(200001)), dec!(0.5300025));
/// ```
pub fn prices_for_input(pricing: &TokenPricing, input_tokens: Decimal) -> &TokenPrices {
    match &pricing.long_context {
        Some(tier) if input_tokens > tier.above_input_tokens => &tier.prices,
        _ => &pricing.base,
    }
}

/// Applies the negotiated discount to every request and the batch discount
/// to the batch share of requests: `cost × (1 − discount) × (1 − b × batch_discount)`.
///
/// ```
/// use rust_decimal_macros::dec;
/// // 10% off, and half the requests at a 50% batch discount: 1 × 0.9 × 0.75.
/// let cost = roi::pricing::apply_discounts(dec!(1), dec!(0.1), dec!(0.5), dec!(0.5)).unwrap();
/// assert_eq!(cost, dec!(0.675));
/// ```
pub fn apply_discounts(cost: Decimal, discount: Decimal, batch_share: Decimal, batch_discount: Decimal) -> Checked {
    let after_discount = money::mul(cost, Decimal::ONE - discount)?;
    let batch_factor = Decimal::ONE - money::mul(batch_share, batch_discount)?;
    money::mul(after_discount, batch_factor)
}

/// Prices one request of `workload` on a token-priced or per-request
/// offering, discounts applied. Hourly offerings give `None` because their
/// cost depends on the month's volume.
pub fn usage_cost_per_request(offering: &Offering, workload: &Workload) -> Result<Option<Decimal>, ArithmeticError> {
    let raw = match &offering.usage {
        Usage::Tokens(pricing) => {
            let tokens = RequestTokens {
                input: workload.input_tokens.unwrap_or_default(),
                output: workload.output_tokens.unwrap_or_default(),
                cached_share: workload.cached_share,
                cache_write_share: workload.cache_write_share,
                reasoning: workload.reasoning_tokens,
            };
            token_request_cost(prices_for_input(pricing, tokens.input), &tokens)?
        }
        Usage::PerRequest(price) => *price,
        Usage::Hourly(_) => return Ok(None),
    };
    apply_discounts(raw, offering.discount, workload.batch_share, offering.batch_discount).map(Some)
}

/// Computes the replicas a month's volume needs:
/// `max(min_replicas, ceil(requests / (requests_per_replica_hour × hours_per_month)))`,
/// or `min_replicas` when the throughput is not given.
///
/// ```
/// use roi::model::HourlyPricing;
/// use rust_decimal_macros::dec;
/// let l4 = HourlyPricing { hourly: dec!(0.8), hours_per_month: dec!(730), min_replicas: 1, requests_per_replica_hour: Some(dec!(100)) };
/// // One replica serves 73,000 requests a month.
/// assert_eq!(roi::pricing::replicas(&l4, dec!(73000)).unwrap(), dec!(1));
/// assert_eq!(roi::pricing::replicas(&l4, dec!(73001)).unwrap(), dec!(2));
/// assert_eq!(roi::pricing::replicas(&l4, dec!(0)).unwrap(), dec!(1));
/// ```
pub fn replicas(pricing: &HourlyPricing, requests: Decimal) -> Checked {
    let minimum = Decimal::from(pricing.min_replicas);
    let Some(throughput) = pricing.requests_per_replica_hour else {
        return Ok(minimum);
    };
    let capacity = money::mul(throughput, pricing.hours_per_month)?;
    let needed = money::div(requests, capacity)?.ceil();
    Ok(needed.max(minimum))
}

/// Prices a month of dedicated capacity:
/// `replicas × hourly × hours_per_month × (1 − discount)`.
///
/// ```
/// use roi::model::HourlyPricing;
/// use rust_decimal_macros::dec;
/// let t4 = HourlyPricing { hourly: dec!(0.5), hours_per_month: dec!(730), min_replicas: 1, requests_per_replica_hour: None };
/// assert_eq!(roi::pricing::capacity_cost(&t4, dec!(50000), dec!(0)).unwrap(), dec!(365));
/// ```
pub fn capacity_cost(pricing: &HourlyPricing, requests: Decimal, discount: Decimal) -> Checked {
    let replicas = replicas(pricing, requests)?;
    let cost = money::mul(money::mul(replicas, pricing.hourly)?, pricing.hours_per_month)?;
    money::mul(cost, Decimal::ONE - discount)
}

/// Estimates the fine-tuning cost of an offering:
/// `max(training_minimum, examples × tokens_per_example × epochs ÷ 1,000,000 × training_per_mtok) × models_deployed`.
///
/// 5,000 examples of 600 tokens, one epoch, at $25 per million training
/// tokens: 3 × 25 = $75 per model, $375 for five models.
///
/// ```
/// use roi::model::{TrainingData, TrainingPrice};
/// use rust_decimal_macros::dec;
/// let data = TrainingData { examples: dec!(5000), tokens_per_example: dec!(600), epochs: dec!(1) };
/// let price = TrainingPrice { per_mtok: dec!(25), minimum: dec!(0) };
/// assert_eq!(roi::pricing::training_estimate(&price, &data, 5).unwrap(), dec!(375));
/// ```
pub fn training_estimate(price: &TrainingPrice, data: &TrainingData, models_deployed: u32) -> Checked {
    let tokens = data.tokens()?;
    let per_model = money::mul(money::div(tokens, TOKENS_PER_MTOK)?, price.per_mtok)?;
    money::mul(per_model.max(price.minimum), Decimal::from(models_deployed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LongContextTier;
    use rust_decimal_macros::dec;

    fn prices(input: Decimal, output: Decimal) -> TokenPrices {
        TokenPrices {
            input_per_mtok: input,
            output_per_mtok: output,
            cache_read_per_mtok: None,
            cache_write_per_mtok: None,
            reasoning_per_mtok: None,
        }
    }

    fn tokens(input: Decimal, output: Decimal) -> RequestTokens {
        RequestTokens {
            input,
            output,
            cached_share: dec!(0),
            cache_write_share: dec!(0),
            reasoning: dec!(0),
        }
    }

    #[test]
    fn cached_tokens_bill_at_cache_price() {
        let mut gpt4o = prices(dec!(2.5), dec!(10));
        gpt4o.cache_read_per_mtok = Some(dec!(1.25));
        let request = RequestTokens {
            cached_share: dec!(0.8),
            ..tokens(dec!(1000), dec!(0))
        };
        let cost = token_request_cost(&gpt4o, &request).unwrap();
        assert_eq!(cost, dec!(0.0015));
        assert_ne!(cost, dec!(0.0025), "cached tokens billed at the input price");
        assert_ne!(cost, dec!(0.0035), "cached tokens billed on top of the input");
    }

    #[test]
    fn cached_tokens_without_cache_price_bill_at_input() {
        let request = RequestTokens {
            cached_share: dec!(0.8),
            ..tokens(dec!(1000), dec!(0))
        };
        assert_eq!(
            token_request_cost(&prices(dec!(2.5), dec!(10)), &request).unwrap(),
            dec!(0.0025)
        );
    }

    #[test]
    fn cache_writes_bill_at_write_price() {
        let mut sonnet = prices(dec!(3), dec!(15));
        sonnet.cache_write_per_mtok = Some(dec!(3.75));
        let request = RequestTokens {
            cache_write_share: dec!(0.5),
            ..tokens(dec!(1000), dec!(0))
        };
        // 500 × 3 + 500 × 3.75 = 3,375 per million.
        assert_eq!(token_request_cost(&sonnet, &request).unwrap(), dec!(0.003375));
    }

    #[test]
    fn reasoning_tokens_default_to_output_price() {
        let request = RequestTokens {
            reasoning: dec!(1000),
            ..tokens(dec!(0), dec!(0))
        };
        assert_eq!(
            token_request_cost(&prices(dec!(1), dec!(10)), &request).unwrap(),
            dec!(0.01)
        );
    }

    #[test]
    fn long_context_tier_applies_strictly_above_threshold() {
        let pricing = TokenPricing {
            base: prices(dec!(1.25), dec!(10)),
            long_context: Some(LongContextTier {
                above_input_tokens: dec!(200000),
                prices: prices(dec!(2.5), dec!(15)),
            }),
        };
        let at = |input| token_request_cost(prices_for_input(&pricing, input), &tokens(input, dec!(2000))).unwrap();
        assert_eq!(at(dec!(200000)), dec!(0.27));
        assert_eq!(at(dec!(200001)), dec!(0.5300025));
    }

    #[test]
    fn genesis_token_quotes_reproduce() {
        // 2,000 input + 1,000 output tokens reproduce the quoted averages.
        let request = tokens(dec!(2000), dec!(1000));
        assert_eq!(
            token_request_cost(&prices(dec!(2.5), dec!(10)), &request).unwrap(),
            dec!(0.015)
        );
        assert_eq!(
            token_request_cost(&prices(dec!(0.1), dec!(0.4)), &request).unwrap(),
            dec!(0.0006)
        );
        assert_eq!(
            token_request_cost(&prices(dec!(0.15), dec!(0.6)), &request).unwrap(),
            dec!(0.0009)
        );
        assert_eq!(
            token_request_cost(&prices(dec!(3), dec!(15)), &request).unwrap(),
            dec!(0.021)
        );
    }

    #[test]
    fn training_minimum_applies_per_model() {
        let data = TrainingData {
            examples: dec!(100),
            tokens_per_example: dec!(100),
            epochs: dec!(1),
        };
        let price = TrainingPrice {
            per_mtok: dec!(2),
            minimum: dec!(4),
        };
        assert_eq!(training_estimate(&price, &data, 5).unwrap(), dec!(20));
    }
}
