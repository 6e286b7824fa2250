//! Decoding the merged document tree into the typed [`Model`].
//!
//! Every key is checked against the keys its table may contain, every value
//! against its type and range, and every offering id against the catalogue,
//! so the engine never receives an input it cannot price.

use rust_decimal::Decimal;

use super::load::Inputs;
use super::read::{Fields, short};
use super::source::{Loc, SourceMap};
use super::suggest::did_you_mean;
use super::tree::{Node, Path, Value};
use crate::error::InputError;
use crate::model::*;

pub const ROOT_KEYS: &[&str] = super::load::SECTIONS;
pub const MODEL_KEYS: &[&str] = &["name", "currency", "as_of", "start", "horizon_months", "prices", "note"];
pub const DEPLOYMENT_KEYS: &[&str] = &["candidate", "baseline", "alternatives", "models_deployed"];
pub const WORKLOAD_KEYS: &[&str] = &[
    "requests_per_month",
    "input_tokens",
    "output_tokens",
    "cached_share",
    "cache_write_share",
    "reasoning_tokens",
    "batch_share",
];
pub const INVESTMENT_KEYS: &[&str] = &["amount", "hours", "rate", "sunk", "note"];
pub const OPERATION_KEYS: &[&str] = &["monthly", "hours", "rate", "steps", "note"];
pub const STEP_KEYS: &[&str] = &["from_requests", "monthly", "hours"];
pub const BENEFIT_KEYS: &[&str] = &[
    "monthly",
    "units",
    "value_per_unit",
    "share",
    "scale_with_volume",
    "note",
];
pub const TRAINING_KEYS: &[&str] = &["examples", "tokens_per_example", "epochs"];
pub const BUDGET_KEYS: &[&str] = &["contingency"];
pub const FINANCE_KEYS: &[&str] = &["discount_rate"];
pub const PRICING_STRATEGY_KEYS: &[&str] = &["customer_price", "competitor_price", "requests_per_customer"];
pub const SCENARIO_KEYS: &[&str] = &["growth", "compounding", "price_change", "note"];
pub const TOKEN_PRICE_KEYS: &[&str] = &[
    "input_per_mtok",
    "output_per_mtok",
    "cache_read_per_mtok",
    "cache_write_per_mtok",
    "reasoning_per_mtok",
];
pub const OFFERING_KEYS: &[&str] = &[
    "provider",
    "model",
    "currency",
    "as_of",
    "source",
    "note",
    "input_per_mtok",
    "output_per_mtok",
    "cache_read_per_mtok",
    "cache_write_per_mtok",
    "reasoning_per_mtok",
    "long_context",
    "batch_discount",
    "per_request",
    "hourly",
    "hours_per_month",
    "min_replicas",
    "requests_per_replica_hour",
    "monthly_fee",
    "training_per_mtok",
    "training_minimum",
    "discount",
];
pub const LONG_CONTEXT_KEYS: &[&str] = &[
    "above_input_tokens",
    "input_per_mtok",
    "output_per_mtok",
    "cache_read_per_mtok",
    "cache_write_per_mtok",
    "reasoning_per_mtok",
];

/// Hours in a month for hourly billing when the catalogue gives none
/// (8,760 hours a year ÷ 12).
pub const DEFAULT_HOURS_PER_MONTH: Decimal = Decimal::from_parts(730, 0, 0, false, 0);

/// Maximum projection length: 100 years.
pub const MAX_HORIZON_MONTHS: u32 = 1200;

/// An offering as the catalogue states it, in its own currency.
#[derive(Debug, Clone)]
pub struct CatalogueEntry {
    pub offering: Offering,
    pub note: Option<String>,
    /// Location of the entry's table, for messages.
    pub loc: Loc,
}

/// Decodes the whole model.
pub fn decode(inputs: &Inputs) -> Result<Model, InputError> {
    let sources = &inputs.sources;
    let root_node = Node {
        value: Value::Table(inputs.root.clone()),
        loc: Loc {
            source: inputs.model_files.last().copied().unwrap_or(0),
            start: 0,
            end: 0,
        },
    };
    let root = Fields::new(sources, Path::default(), &root_node, ROOT_KEYS)?;

    let header = decode_header(&root, inputs)?;
    let catalogue = decode_catalogue(&root)?;
    let deployment = decode_deployment(&root, &catalogue)?;
    let fx = decode_fx(&root, &header.currency)?;
    let offerings = select_offerings(&root, &deployment, &catalogue, &header.currency, &fx)?;
    let agents = decode_agents(&root)?;
    check_token_workloads(&root, &agents, &offerings)?;

    Ok(Model {
        name: header.name,
        currency: header.currency,
        as_of: header.as_of,
        start: header.start,
        horizon_months: header.horizon_months,
        deployment,
        offerings,
        agents,
        investment: decode_investment(&root)?,
        operations: decode_operations(&root)?,
        benefits: decode_benefits(&root)?,
        training: decode_training(&root)?,
        contingency: section(&root, "budget", BUDGET_KEYS)?
            .map(|budget| budget.share("contingency"))
            .transpose()?
            .flatten()
            .unwrap_or(Decimal::ZERO),
        discount_rate: decode_discount_rate(&root)?,
        pricing_strategy: decode_pricing_strategy(&root)?,
        fx,
        scenarios: decode_scenarios(&root)?,
    })
}

struct Header {
    name: String,
    currency: String,
    as_of: Option<chrono::NaiveDate>,
    start: YearMonth,
    horizon_months: u32,
}

fn section<'a>(root: &Fields<'a>, key: &str, known: &[&str]) -> Result<Option<Fields<'a>>, InputError> {
    root.node(key)
        .map(|node| Fields::new(root.sources, root.path.child(key), node, known))
        .transpose()
}

fn named_entries<'a>(root: &Fields<'a>, key: &str) -> Result<Option<Fields<'a>>, InputError> {
    root.node(key)
        .map(|node| Fields::entries(root.sources, root.path.child(key), node))
        .transpose()
}

fn decode_header(root: &Fields<'_>, inputs: &Inputs) -> Result<Header, InputError> {
    let default_name = inputs
        .model_path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "model".to_string());
    let Some(model) = section(root, "model", MODEL_KEYS)? else {
        return Err(root
            .missing("model", "{ name = \"…\", start = \"2025-11\" }")
            .with_help("add a [model] table with at least `start = \"YYYY-MM\"` (the first projected month)"));
    };
    model.string("prices")?;
    model.string("note")?;

    let currency = match model.string("currency")? {
        Some(code) => check_currency(&model, "currency", code)?,
        None => "USD".to_string(),
    };
    let as_of = model.date("as_of")?;
    let start = match model.node("start") {
        Some(node) => parse_year_month(&model, "start", node)?,
        None => match as_of {
            Some(date) => YearMonth {
                year: chrono::Datelike::year(&date),
                month: chrono::Datelike::month(&date),
            },
            None => return Err(model.missing("start", "\"2025-11\"")),
        },
    };
    let horizon_months = model.integer("horizon_months", 1, MAX_HORIZON_MONTHS)?.unwrap_or(60);

    Ok(Header {
        name: model.string("name")?.unwrap_or(default_name),
        currency,
        as_of,
        start,
        horizon_months,
    })
}

fn parse_year_month(fields: &Fields<'_>, key: &str, node: &Node) -> Result<YearMonth, InputError> {
    let parsed = match &node.value {
        Value::String(text) => {
            let mut parts = text.trim().splitn(2, '-');
            let year = parts
                .next()
                .filter(|year| year.len() == 4)
                .and_then(|year| year.parse::<i32>().ok());
            let month = parts
                .next()
                .filter(|month| month.len() == 2)
                .and_then(|month| month.parse::<u32>().ok());
            match (year, month) {
                (Some(year), Some(month)) if (1..=12).contains(&month) && (1000..=9999).contains(&year) => {
                    Some(YearMonth { year, month })
                }
                _ => None,
            }
        }
        Value::Datetime(datetime) => datetime.date.map(|date| YearMonth {
            year: date.year.into(),
            month: date.month.into(),
        }),
        _ => None,
    };
    parsed.ok_or_else(|| {
        fields
            .value_error(key, "expected a month written YYYY-MM")
            .with_help(format!("write e.g. {key} = \"2025-11\""))
    })
}

fn check_currency(fields: &Fields<'_>, key: &str, code: String) -> Result<String, InputError> {
    if crate::currency::is_known(&code) {
        return Ok(code);
    }
    let error = fields.value_error(key, &unknown_currency_problem(&code));
    Err(match currency_suggestion(&code) {
        Some(suggestion) => error.with_help(format!("did you mean \"{suggestion}\"?")),
        None => error.with_help(format!("write e.g. {key} = \"USD\" or {key} = \"EUR\"")),
    })
}

fn unknown_currency_problem(code: &str) -> String {
    if code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
        format!("unknown currency code: ISO 4217 has no {code}")
    } else {
        "expected an ISO 4217 currency code of three capital letters".to_string()
    }
}

/// Finds the known code closest to `code`, upper-casing it first (`eur` → `EUR`).
fn currency_suggestion(code: &str) -> Option<String> {
    let upper = code.to_ascii_uppercase();
    if crate::currency::is_known(&upper) {
        return Some(upper);
    }
    did_you_mean(&upper, crate::currency::ISO_4217.iter().copied()).map(str::to_string)
}

/// Decodes every offering of the catalogue, in its own currency.
pub fn decode_catalogue(root: &Fields<'_>) -> Result<Vec<CatalogueEntry>, InputError> {
    let Some(offerings) = named_entries(root, "offerings")? else {
        return Ok(Vec::new());
    };
    offerings
        .iter()
        .map(|(id, entry)| decode_offering(root.sources, offerings.path.child(id), id, &entry.node))
        .collect()
}

fn decode_offering(sources: &SourceMap, path: Path, id: &str, node: &Node) -> Result<CatalogueEntry, InputError> {
    let fields = Fields::new(sources, path, node, OFFERING_KEYS)?;
    let provider = fields.require("provider", fields.string("provider")?, "\"OpenAI\"")?;
    let model = fields.string("model")?.unwrap_or_else(|| id.to_string());
    let currency = fields
        .string("currency")?
        .map(|code| check_currency(&fields, "currency", code))
        .transpose()?;

    let token_keys: Vec<&str> = ["input_per_mtok", "output_per_mtok", "long_context"]
        .into_iter()
        .filter(|key| fields.node(key).is_some())
        .collect();
    let has_tokens = !token_keys.is_empty();
    let has_per_request = fields.node("per_request").is_some();
    let has_hourly = fields.node("hourly").is_some();
    let modes = [has_tokens, has_per_request, has_hourly]
        .iter()
        .filter(|&&on| on)
        .count();
    if modes != 1 {
        let help = "give exactly one of: input_per_mtok and output_per_mtok (per 1,000,000 tokens), \
             per_request (per request), or hourly (per replica-hour)";
        if modes == 0 {
            return Err(sources
                .error(fields.loc, format!("offering `{id}` has no usage price"))
                .with_help(help));
        }
        // Name each pricing key with the place that set it: an overlay or a
        // --set may have added one to a catalogue entry that has another.
        let places: Vec<String> = [
            "input_per_mtok",
            "output_per_mtok",
            "long_context",
            "per_request",
            "hourly",
        ]
        .into_iter()
        .filter_map(|key| {
            let loc = fields.node(key)?.loc;
            let location = sources.location(loc);
            Some(format!("{key} ({}:{})", location.source_name, location.line))
        })
        .collect();
        return Err(sources
            .error(
                fields.loc,
                format!("offering `{id}` mixes ways of pricing usage: {}", places.join(", ")),
            )
            .with_help(format!(
                "{help}; an overlay cannot remove a catalogue key, so define a new offering id to price it another way"
            )));
    }

    let usage = if has_tokens {
        Usage::Tokens(decode_token_pricing(&fields)?)
    } else if has_per_request {
        Usage::PerRequest(fields.require("per_request", fields.non_negative("per_request")?, "0.0024")?)
    } else {
        decode_hourly(&fields, id)?
    };
    if !matches!(usage, Usage::Hourly(_)) {
        for key in ["hours_per_month", "min_replicas", "requests_per_replica_hour"] {
            if fields.node(key).is_some() {
                return Err(fields
                    .value_error(key, "applies to hourly offerings only")
                    .with_help("remove it, or price the offering with `hourly`"));
            }
        }
    }
    if !matches!(usage, Usage::Tokens(_)) {
        for key in TOKEN_PRICE_KEYS.iter().skip(2) {
            if fields.node(key).is_some() {
                return Err(fields
                    .value_error(key, "applies to token-priced offerings only")
                    .with_help("remove it, or price the offering with input_per_mtok and output_per_mtok"));
            }
        }
    }
    let batch_discount = fields.share("batch_discount")?.unwrap_or(Decimal::ZERO);
    if matches!(usage, Usage::Hourly(_)) && !batch_discount.is_zero() {
        return Err(fields
            .value_error("batch_discount", "does not apply to hourly capacity")
            .with_help("remove batch_discount from hourly offerings"));
    }

    let training_per_mtok = fields.non_negative("training_per_mtok")?;
    let training_minimum = fields.non_negative("training_minimum")?;
    let training = match (training_per_mtok, training_minimum) {
        (Some(per_mtok), minimum) => Some(TrainingPrice {
            per_mtok,
            minimum: minimum.unwrap_or(Decimal::ZERO),
        }),
        (None, Some(_)) => {
            return Err(fields
                .value_error("training_minimum", "needs `training_per_mtok`")
                .with_help("add training_per_mtok, the fine-tuning price per 1,000,000 training tokens"));
        }
        (None, None) => None,
    };

    let offering = Offering {
        id: id.to_string(),
        provider,
        model,
        currency: currency.unwrap_or_default(),
        fx_rate: Decimal::ONE,
        as_of: fields.date("as_of")?,
        source: fields.string("source")?,
        usage,
        monthly_fee: fields.non_negative("monthly_fee")?.unwrap_or(Decimal::ZERO),
        training,
        discount: fields.share("discount")?.unwrap_or(Decimal::ZERO),
        batch_discount,
    };
    Ok(CatalogueEntry {
        offering,
        note: fields.string("note")?,
        loc: fields.loc,
    })
}

fn decode_token_prices(fields: &Fields<'_>, base: Option<&TokenPrices>) -> Result<TokenPrices, InputError> {
    let input = fields.non_negative("input_per_mtok")?;
    let output = fields.non_negative("output_per_mtok")?;
    let cache_read = fields.non_negative("cache_read_per_mtok")?;
    let cache_write = fields.non_negative("cache_write_per_mtok")?;
    let reasoning = fields.non_negative("reasoning_per_mtok")?;
    Ok(match base {
        None => TokenPrices {
            input_per_mtok: fields.require("input_per_mtok", input, "2.5")?,
            output_per_mtok: fields.require("output_per_mtok", output, "10")?,
            cache_read_per_mtok: cache_read,
            cache_write_per_mtok: cache_write,
            reasoning_per_mtok: reasoning,
        },
        // A tier without its own cache or reasoning price bills those tokens
        // at the tier's input or output price, as an offering without them
        // does, rather than at the cheaper base-tier cache price.
        Some(base) => TokenPrices {
            input_per_mtok: input.unwrap_or(base.input_per_mtok),
            output_per_mtok: output.unwrap_or(base.output_per_mtok),
            cache_read_per_mtok: cache_read,
            cache_write_per_mtok: cache_write,
            reasoning_per_mtok: reasoning,
        },
    })
}

fn decode_token_pricing(fields: &Fields<'_>) -> Result<TokenPricing, InputError> {
    let base = decode_token_prices(fields, None)?;
    let long_context = match fields.node("long_context") {
        None => None,
        Some(node) => {
            let tier = Fields::new(
                fields.sources,
                fields.path.child("long_context"),
                node,
                LONG_CONTEXT_KEYS,
            )?;
            let above = tier.require("above_input_tokens", tier.non_negative("above_input_tokens")?, "200000")?;
            if !TOKEN_PRICE_KEYS.iter().any(|key| tier.node(key).is_some()) {
                return Err(tier
                    .missing("input_per_mtok", "2.5")
                    .with_help("give the tier's prices, e.g. input_per_mtok = 2.5 and output_per_mtok = 15"));
            }
            Some(LongContextTier {
                above_input_tokens: above,
                prices: decode_token_prices(&tier, Some(&base))?,
            })
        }
    };
    Ok(TokenPricing { base, long_context })
}

fn decode_hourly(fields: &Fields<'_>, id: &str) -> Result<Usage, InputError> {
    let hourly = fields.require("hourly", fields.non_negative("hourly")?, "0.8")?;
    let hours_per_month = fields.positive("hours_per_month")?.unwrap_or(DEFAULT_HOURS_PER_MONTH);
    let min_replicas = fields.integer("min_replicas", 0, 100_000)?.unwrap_or(1);
    let requests_per_replica_hour = fields.positive("requests_per_replica_hour")?;
    if min_replicas == 0 && requests_per_replica_hour.is_none() {
        return Err(fields
            .value_error("min_replicas", &format!("offering `{id}` would never run a replica"))
            .with_help("set requests_per_replica_hour so replicas follow the volume, or min_replicas = 1"));
    }
    Ok(Usage::Hourly(HourlyPricing {
        hourly,
        hours_per_month,
        min_replicas,
        requests_per_replica_hour,
    }))
}

fn decode_deployment(root: &Fields<'_>, catalogue: &[CatalogueEntry]) -> Result<Deployment, InputError> {
    let Some(deployment) = section(root, "deployment", DEPLOYMENT_KEYS)? else {
        return Err(root
            .missing("deployment", "{ candidate = \"…\", baseline = \"…\" }")
            .with_help("add [deployment] with `candidate` and `baseline` offering ids from the catalogue"));
    };
    let ids: Vec<&str> = catalogue.iter().map(|entry| entry.offering.id.as_str()).collect();
    let check_id = |id: &str, loc: Loc, key: &str| -> Result<(), InputError> {
        if ids.contains(&id) {
            return Ok(());
        }
        let mut error = root.sources.error(
            loc,
            format!(
                "`{}` = \"{id}\": no offering `{id}` in the price catalogue",
                deployment.path.child(key)
            ),
        );
        error = match did_you_mean(id, ids.iter().copied()) {
            Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
            None if ids.is_empty() => {
                error.with_help("the catalogue is empty: add [offerings.<id>] tables to prices.toml")
            }
            None => error.with_help(format!("known offerings: {}", ids.join(", "))),
        };
        Err(error.with_label("unknown offering id"))
    };

    let candidate = deployment.require("candidate", deployment.string("candidate")?, "\"mistral-7b-ft\"")?;
    check_id(
        &candidate,
        deployment
            .node("candidate")
            .map(|node| node.loc)
            .unwrap_or(deployment.loc),
        "candidate",
    )?;
    let baseline = deployment.require("baseline", deployment.string("baseline")?, "\"gpt-4o\"")?;
    check_id(
        &baseline,
        deployment
            .node("baseline")
            .map(|node| node.loc)
            .unwrap_or(deployment.loc),
        "baseline",
    )?;
    let mut alternatives = Vec::new();
    for (id, loc) in deployment.strings("alternatives")?.unwrap_or_default() {
        check_id(&id, loc, "alternatives")?;
        alternatives.push(id);
    }
    Ok(Deployment {
        candidate,
        baseline,
        alternatives,
        models_deployed: deployment.integer("models_deployed", 0, 1_000_000)?.unwrap_or(1),
    })
}

fn decode_fx(root: &Fields<'_>, currency: &str) -> Result<Vec<FxRate>, InputError> {
    let Some(fx) = named_entries(root, "fx")? else {
        return Ok(Vec::new());
    };
    let mut rates = Vec::new();
    for (code, _) in fx.iter() {
        let code = check_fx_key(&fx, code)?;
        if code == currency {
            continue;
        }
        let rate = fx.require(&code, fx.positive(&code)?, "1.08")?;
        rates.push(FxRate { currency: code, rate });
    }
    Ok(rates)
}

fn check_fx_key(fx: &Fields<'_>, code: &str) -> Result<String, InputError> {
    if crate::currency::is_known(code) {
        return Ok(code.to_string());
    }
    let loc = fx.entry(code).map(|entry| entry.key_loc).unwrap_or(fx.loc);
    let error = fx
        .sources
        .error(loc, format!("`fx.{code}`: {}", unknown_currency_problem(code)));
    Err(match currency_suggestion(code) {
        Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
        None => error.with_help("write e.g. EUR = \"1.08\" (units of the model's currency per euro)"),
    })
}

/// Picks the candidate, baseline and alternatives from the catalogue and
/// converts their prices to the model's currency.
fn select_offerings(
    root: &Fields<'_>,
    deployment: &Deployment,
    catalogue: &[CatalogueEntry],
    currency: &str,
    fx: &[FxRate],
) -> Result<Vec<Offering>, InputError> {
    let mut ids: Vec<&str> = vec![&deployment.candidate, &deployment.baseline];
    ids.extend(deployment.alternatives.iter().map(String::as_str));
    let mut selected: Vec<Offering> = Vec::new();
    for id in ids {
        if selected.iter().any(|offering| offering.id == id) {
            continue;
        }
        let Some(entry) = catalogue.iter().find(|entry| entry.offering.id == id) else {
            continue;
        };
        let mut offering = entry.offering.clone();
        if offering.currency.is_empty() || offering.currency == currency {
            offering.currency = currency.to_string();
        } else {
            let Some(rate) = fx.iter().find(|rate| rate.currency == offering.currency) else {
                return Err(root
                    .sources
                    .error(
                        entry.loc,
                        format!(
                            "offering `{id}` is priced in {} but the model has no exchange rate for {}",
                            offering.currency, offering.currency
                        ),
                    )
                    .with_help(format!(
                        "add [fx] with {} = \"1.08\" (units of {currency} per {})",
                        offering.currency, offering.currency
                    )));
            };
            convert_offering(&mut offering, rate.rate).map_err(|error| {
                root.sources
                    .error(
                        entry.loc,
                        format!(
                            "offering `{id}` cannot be converted at {} per {}: {error}",
                            rate.rate, offering.currency
                        ),
                    )
                    .with_help(format!(
                        "check the rate fx.{} and the offering's prices",
                        offering.currency
                    ))
            })?;
        }
        selected.push(offering);
    }
    Ok(selected)
}

/// Multiplies every price of an offering by an exchange rate; fails when a
/// converted price leaves the range of exact decimals.
pub fn convert_offering(offering: &mut Offering, rate: Decimal) -> Result<(), crate::money::ArithmeticError> {
    let convert = |price: &mut Decimal| -> Result<(), crate::money::ArithmeticError> {
        *price = crate::money::mul(*price, rate)?;
        Ok(())
    };
    let convert_prices = |prices: &mut TokenPrices| -> Result<(), crate::money::ArithmeticError> {
        convert(&mut prices.input_per_mtok)?;
        convert(&mut prices.output_per_mtok)?;
        for price in [
            &mut prices.cache_read_per_mtok,
            &mut prices.cache_write_per_mtok,
            &mut prices.reasoning_per_mtok,
        ]
        .into_iter()
        .flatten()
        {
            convert(price)?;
        }
        Ok(())
    };
    match &mut offering.usage {
        Usage::Tokens(tokens) => {
            convert_prices(&mut tokens.base)?;
            if let Some(tier) = &mut tokens.long_context {
                convert_prices(&mut tier.prices)?;
            }
        }
        Usage::PerRequest(price) => convert(price)?,
        Usage::Hourly(hourly) => convert(&mut hourly.hourly)?,
    }
    convert(&mut offering.monthly_fee)?;
    if let Some(training) = &mut offering.training {
        convert(&mut training.per_mtok)?;
        convert(&mut training.minimum)?;
    }
    offering.fx_rate = rate;
    Ok(())
}

fn decode_workload(fields: &Fields<'_>, defaults: Option<&Workload>) -> Result<PartialWorkload, InputError> {
    let inherit =
        |value: Option<Decimal>, pick: fn(&Workload) -> Option<Decimal>| value.or_else(|| defaults.and_then(pick));
    Ok(PartialWorkload {
        requests_per_month: fields.non_negative("requests_per_month")?,
        input_tokens: inherit(fields.non_negative("input_tokens")?, |w| w.input_tokens),
        output_tokens: inherit(fields.non_negative("output_tokens")?, |w| w.output_tokens),
        cached_share: inherit(fields.share("cached_share")?, |w| Some(w.cached_share)).unwrap_or(Decimal::ZERO),
        cache_write_share: inherit(fields.share("cache_write_share")?, |w| Some(w.cache_write_share))
            .unwrap_or(Decimal::ZERO),
        reasoning_tokens: inherit(fields.non_negative("reasoning_tokens")?, |w| Some(w.reasoning_tokens))
            .unwrap_or(Decimal::ZERO),
        batch_share: inherit(fields.share("batch_share")?, |w| Some(w.batch_share)).unwrap_or(Decimal::ZERO),
    })
}

struct PartialWorkload {
    requests_per_month: Option<Decimal>,
    input_tokens: Option<Decimal>,
    output_tokens: Option<Decimal>,
    cached_share: Decimal,
    cache_write_share: Decimal,
    reasoning_tokens: Decimal,
    batch_share: Decimal,
}

impl PartialWorkload {
    /// Completes an agent's workload from its own keys and the defaults of
    /// `[workload]`, which `defaults_fields` reads.
    fn complete(
        self,
        fields: &Fields<'_>,
        defaults_fields: &Fields<'_>,
        default_requests: Option<Decimal>,
    ) -> Result<Workload, InputError> {
        let requests_per_month = self
            .requests_per_month
            .or(default_requests)
            .ok_or_else(|| fields.missing("requests_per_month", "10000"))?;
        check_cache_shares(fields, defaults_fields, self.cached_share, self.cache_write_share)?;
        Ok(Workload {
            requests_per_month,
            input_tokens: self.input_tokens,
            output_tokens: self.output_tokens,
            cached_share: self.cached_share,
            cache_write_share: self.cache_write_share,
            reasoning_tokens: self.reasoning_tokens,
            batch_share: self.batch_share,
        })
    }
}

/// Rejects cache shares that add up to more than 100% of the input tokens,
/// pointing at the key that the table sets itself or, failing that, at the
/// default in `[workload]` it inherits.
fn check_cache_shares(
    fields: &Fields<'_>,
    defaults_fields: &Fields<'_>,
    cached_share: Decimal,
    cache_write_share: Decimal,
) -> Result<(), InputError> {
    if cached_share + cache_write_share <= Decimal::ONE {
        return Ok(());
    }
    let total = crate::format::share(cached_share + cache_write_share);
    let problem = format!("cached_share and cache_write_share add up to {total}, more than 100%");
    let owner = ["cache_write_share", "cached_share"]
        .into_iter()
        .find_map(|key| fields.node(key).map(|_| (fields, key)))
        .or_else(|| {
            ["cache_write_share", "cached_share"]
                .into_iter()
                .find_map(|key| defaults_fields.node(key).map(|_| (defaults_fields, key)))
        });
    let error = match owner {
        Some((table, key)) => table.value_error(key, &problem),
        None => fields.sources.error(fields.loc, problem),
    };
    Err(error.with_help("the cached and cache-write shares are parts of the same input tokens; lower one of them"))
}

fn decode_agents(root: &Fields<'_>) -> Result<Vec<Agent>, InputError> {
    let mut known = WORKLOAD_KEYS.to_vec();
    known.push("agents");
    let Some(workload) = section(root, "workload", &known)? else {
        return Err(root.missing("workload", "{ … }").with_help(
            "add [workload] with token counts and one [workload.agents.<name>] per agent with requests_per_month",
        ));
    };
    let defaults = decode_workload(&workload, None)?;
    check_cache_shares(&workload, &workload, defaults.cached_share, defaults.cache_write_share)?;
    let default_requests = defaults.requests_per_month;
    let defaults = Workload {
        requests_per_month: default_requests.unwrap_or(Decimal::ZERO),
        input_tokens: defaults.input_tokens,
        output_tokens: defaults.output_tokens,
        cached_share: defaults.cached_share,
        cache_write_share: defaults.cache_write_share,
        reasoning_tokens: defaults.reasoning_tokens,
        batch_share: defaults.batch_share,
    };

    let Some(agents_node) = workload.node("agents") else {
        if default_requests.is_none() {
            return Err(workload
                .missing("requests_per_month", "10000")
                .with_help("add one [workload.agents.<name>] table per agent with requests_per_month, or requests_per_month in [workload]"));
        }
        return Ok(vec![Agent {
            name: "all".to_string(),
            workload: defaults,
        }]);
    };
    let agents = Fields::entries(root.sources, workload.path.child("agents"), agents_node)?;
    let mut out = Vec::new();
    for (name, entry) in agents.iter() {
        let fields = Fields::new(root.sources, agents.path.child(name), &entry.node, WORKLOAD_KEYS)?;
        let partial = decode_workload(&fields, Some(&defaults))?;
        out.push(Agent {
            name: name.clone(),
            workload: partial.complete(&fields, &workload, default_requests)?,
        });
    }
    if out.is_empty() {
        return Err(root
            .sources
            .error(agents.loc, "`workload.agents` has no agent")
            .with_help("add [workload.agents.<name>] with requests_per_month"));
    }
    Ok(out)
}

/// Token offerings need token counts for every agent.
fn check_token_workloads(root: &Fields<'_>, agents: &[Agent], offerings: &[Offering]) -> Result<(), InputError> {
    let Some(token_offering) = offerings
        .iter()
        .find(|offering| matches!(offering.usage, Usage::Tokens(_)))
    else {
        return Ok(());
    };
    for agent in agents {
        for (key, value) in [
            ("input_tokens", agent.workload.input_tokens),
            ("output_tokens", agent.workload.output_tokens),
        ] {
            if value.is_none() {
                let loc = root.node("workload").map(|node| node.loc).unwrap_or(root.loc);
                return Err(root
                    .sources
                    .error(
                        loc,
                        format!(
                            "agent `{}` has no `{key}`, which token-priced offering `{}` needs",
                            agent.name, token_offering.id
                        ),
                    )
                    .with_help(format!(
                        "add `{key} = …` to [workload] (every agent) or to [workload.agents.{}]",
                        agent.name
                    )));
            }
        }
    }
    Ok(())
}

/// Reads `monthly`-or-`hours × rate` style amounts.
fn amount_or_hours(
    fields: &Fields<'_>,
    amount_key: &str,
    example: &str,
) -> Result<(Decimal, Option<Decimal>, Option<Decimal>), InputError> {
    let amount = fields.non_negative(amount_key)?;
    let hours = fields.non_negative("hours")?;
    let rate = fields.non_negative("rate")?;
    match (amount, hours, rate) {
        (Some(_), Some(_), _) => Err(fields
            .value_error(
                "hours",
                &format!("give either `{amount_key}` or `hours` with `rate`, not both"),
            )
            .with_help(format!("remove `{amount_key}` or `hours`"))),
        (Some(amount), None, _) => Ok((amount, None, rate)),
        (None, Some(hours), Some(rate)) => Ok((fields.product("hours", &[hours, rate])?, Some(hours), Some(rate))),
        (None, Some(_), None) => Err(fields
            .missing("rate", "40")
            .with_help("add `rate`, the cost of one hour")),
        (None, None, _) => Err(fields
            .missing(amount_key, example)
            .with_help(format!("add `{amount_key} = {example}`, or `hours` and `rate`"))),
    }
}

fn decode_investment(root: &Fields<'_>) -> Result<Vec<InvestmentItem>, InputError> {
    let Some(items) = named_entries(root, "investment")? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, entry) in items.iter() {
        let fields = Fields::new(root.sources, items.path.child(name), &entry.node, INVESTMENT_KEYS)?;
        let (amount, hours, rate) = amount_or_hours(&fields, "amount", "6")?;
        out.push(InvestmentItem {
            name: name.clone(),
            amount,
            sunk: fields.boolean("sunk")?.unwrap_or(false),
            hours,
            rate,
            note: fields.string("note")?,
        });
    }
    Ok(out)
}

fn decode_operations(root: &Fields<'_>) -> Result<Vec<OperationItem>, InputError> {
    let Some(items) = named_entries(root, "operations")? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, entry) in items.iter() {
        let fields = Fields::new(root.sources, items.path.child(name), &entry.node, OPERATION_KEYS)?;
        let (monthly, _, rate) = amount_or_hours(&fields, "monthly", "28")?;
        let steps = decode_steps(&fields, rate)?;
        out.push(OperationItem {
            name: name.clone(),
            monthly,
            steps,
            note: fields.string("note")?,
        });
    }
    Ok(out)
}

fn decode_steps(fields: &Fields<'_>, rate: Option<Decimal>) -> Result<Vec<CapacityStep>, InputError> {
    let Some(node) = fields.node("steps") else {
        return Ok(Vec::new());
    };
    let example = "steps = [{ from_requests = 500000, monthly = 56 }]";
    let Value::Array(items) = &node.value else {
        return Err(fields
            .value_error(
                "steps",
                &format!("expected an array of tables, found {}", node.value.type_name()),
            )
            .with_help(format!("write e.g. {example}")));
    };
    let mut steps: Vec<CapacityStep> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let step = Fields::new(fields.sources, fields.path.child("steps").index(index), item, STEP_KEYS)?;
        let from_requests = step.require("from_requests", step.non_negative("from_requests")?, "500000")?;
        let monthly = match (step.non_negative("monthly")?, step.non_negative("hours")?) {
            (Some(monthly), None) => monthly,
            (None, Some(hours)) => match rate {
                Some(rate) => step.product("hours", &[hours, rate])?,
                None => {
                    return Err(step
                        .value_error("hours", "a step in hours needs the item's `rate`")
                        .with_help("add `rate` to the item, or give the step's `monthly` amount"));
                }
            },
            (Some(_), Some(_)) => {
                return Err(step
                    .value_error("hours", "give either `monthly` or `hours`, not both")
                    .with_help("remove one of them"));
            }
            (None, None) => return Err(step.missing("monthly", "56").with_help(format!("write e.g. {example}"))),
        };
        if let Some(previous) = steps.last()
            && from_requests <= previous.from_requests
        {
            return Err(step
                .value_error("from_requests", "steps must be listed by increasing from_requests")
                .with_help("sort the steps by from_requests, each threshold larger than the one before"));
        }
        steps.push(CapacityStep { from_requests, monthly });
    }
    Ok(steps)
}

fn decode_benefits(root: &Fields<'_>) -> Result<Vec<Benefit>, InputError> {
    let Some(items) = named_entries(root, "benefits")? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, entry) in items.iter() {
        let fields = Fields::new(root.sources, items.path.child(name), &entry.node, BENEFIT_KEYS)?;
        let monthly = fields.decimal("monthly")?;
        let units = fields.non_negative("units")?;
        let value_per_unit = fields.decimal("value_per_unit")?;
        let share = fields.share("share")?;
        let monthly = match (monthly, units, value_per_unit) {
            (Some(monthly), None, None) => {
                if share.is_some() {
                    return Err(fields
                        .value_error("share", "applies to `units` × `value_per_unit`, not to `monthly`")
                        .with_help("remove `share`, or replace `monthly` by units and value_per_unit"));
                }
                monthly
            }
            (None, Some(units), Some(value)) => {
                fields.product("units", &[units, value, share.unwrap_or(Decimal::ONE)])?
            }
            (Some(_), _, _) => {
                return Err(fields
                    .value_error(
                        "monthly",
                        "give either `monthly` or `units` with `value_per_unit`, not both",
                    )
                    .with_help("remove one of them"));
            }
            (None, Some(_), None) => return Err(fields.missing("value_per_unit", "12.5")),
            (None, None, Some(_)) => return Err(fields.missing("units", "100")),
            (None, None, None) => {
                return Err(fields
                    .missing("monthly", "187.50")
                    .with_help("add `monthly = 187.50`, or units, value_per_unit and share"));
            }
        };
        out.push(Benefit {
            name: name.clone(),
            monthly,
            scale_with_volume: fields.boolean("scale_with_volume")?.unwrap_or(false),
            note: fields.string("note")?,
        });
    }
    Ok(out)
}

fn decode_training(root: &Fields<'_>) -> Result<Option<TrainingData>, InputError> {
    let Some(training) = section(root, "training", TRAINING_KEYS)? else {
        return Ok(None);
    };
    Ok(Some(TrainingData {
        examples: training.require("examples", training.non_negative("examples")?, "5000")?,
        tokens_per_example: training.require(
            "tokens_per_example",
            training.non_negative("tokens_per_example")?,
            "600",
        )?,
        epochs: training.non_negative("epochs")?.unwrap_or(Decimal::ONE),
    }))
}

fn decode_discount_rate(root: &Fields<'_>) -> Result<Decimal, InputError> {
    let Some(finance) = section(root, "finance", FINANCE_KEYS)? else {
        return Ok(Decimal::ZERO);
    };
    Ok(finance.growth_rate("discount_rate")?.unwrap_or(Decimal::ZERO))
}

fn decode_pricing_strategy(root: &Fields<'_>) -> Result<Option<PricingStrategy>, InputError> {
    let Some(strategy) = section(root, "pricing_strategy", PRICING_STRATEGY_KEYS)? else {
        return Ok(None);
    };
    let customer_price = strategy.require("customer_price", strategy.positive("customer_price")?, "69")?;
    let competitor_price = strategy.require("competitor_price", strategy.positive("competitor_price")?, "99")?;
    let requests_per_customer = strategy.require(
        "requests_per_customer",
        strategy.non_negative("requests_per_customer")?,
        "1000",
    )?;
    Ok(Some(PricingStrategy {
        customer_price,
        competitor_price,
        requests_per_customer,
    }))
}

fn decode_scenarios(root: &Fields<'_>) -> Result<Vec<Scenario>, InputError> {
    let help = "add at least one scenario, e.g. [scenarios.conservative] with growth = \"10%\"";
    let Some(scenarios) = named_entries(root, "scenarios")? else {
        return Err(root.missing("scenarios", "{ … }").with_help(help));
    };
    let mut out = Vec::new();
    for (name, entry) in scenarios.iter() {
        let fields = Fields::new(root.sources, scenarios.path.child(name), &entry.node, SCENARIO_KEYS)?;
        let compounding = match fields.string("compounding")?.as_deref() {
            None | Some("yearly") => Compounding::Yearly,
            Some("monthly") => Compounding::Monthly,
            Some(other) => {
                let mut error = fields.value_error("compounding", "expected \"yearly\" or \"monthly\"");
                error = match did_you_mean(other, ["yearly", "monthly"]) {
                    Some(suggestion) => error.with_help(format!("did you mean \"{suggestion}\"?")),
                    None => error.with_help("write compounding = \"yearly\" (one step a year) or \"monthly\""),
                };
                return Err(error);
            }
        };
        out.push(Scenario {
            name: name.clone(),
            growth: fields.growth_rate("growth")?.unwrap_or(Decimal::ZERO),
            compounding,
            price_change: fields.growth_rate("price_change")?.unwrap_or(Decimal::ZERO),
            note: fields.string("note")?,
        });
    }
    if out.is_empty() {
        return Err(root
            .sources
            .error(scenarios.loc, "`scenarios` has no scenario")
            .with_help(help));
    }
    Ok(out)
}

/// Describes a node for messages: its path and value as written.
pub fn describe(sources: &SourceMap, path: &Path, node: &Node) -> String {
    format!("`{path}` = {}", short(sources.snippet(node.loc)))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn decode_text(text: &str) -> Result<Model, InputError> {
        decode(&Inputs::from_text("model.toml", text)?)
    }

    const MODEL: &str = r#"
[model]
start = "2026-01"
[deployment]
candidate = "tiered"
baseline = "tiered"
[workload.agents.one]
requests_per_month = 1
input_tokens = 1000
output_tokens = 0
cached_share = "50%"
[scenarios.base]
"#;

    #[test]
    fn tier_cache_defaults_to_tier_input() {
        let model = decode_text(&format!(
            "{MODEL}[offerings.tiered]\nprovider = \"A\"\ninput_per_mtok = 1\noutput_per_mtok = 2\ncache_read_per_mtok = 0.1\n\
             [offerings.tiered.long_context]\nabove_input_tokens = 500\ninput_per_mtok = 4\n"
        ))
        .unwrap();
        let Usage::Tokens(pricing) = &model.offerings[0].usage else {
            panic!("token pricing expected");
        };
        let tier = pricing.long_context.as_ref().unwrap();
        assert_eq!(tier.prices.input_per_mtok, dec!(4));
        assert_eq!(tier.prices.output_per_mtok, dec!(2), "output inherits the base price");
        assert_eq!(
            tier.prices.cache_read_per_mtok, None,
            "cache reads bill at the tier's input price"
        );
        let cost = crate::pricing::usage_cost_per_request(&model.offerings[0], &model.agents[0].workload)
            .unwrap()
            .unwrap();
        // 500 uncached + 500 cached tokens, all at the tier's $4.
        assert_eq!(cost, dec!(0.004));
    }

    #[test]
    fn offering_mixing_pricing_modes_is_rejected() {
        let error = decode_text(&format!(
            "{MODEL}[offerings.tiered]\nprovider = \"A\"\nper_request = 0.1\nhourly = 2\n"
        ))
        .unwrap_err();
        assert!(
            error.message.contains("mixes ways of pricing usage"),
            "{}",
            error.message
        );
    }
}
