//! Tera filters that display figures: every number a report shows passes
//! through one of them, and they format with [`crate::format`], so reports
//! and terminal tables round alike.
//!
//! A filter takes a decimal string (as the view model serialises
//! decimals), an integer, a missing figure `{"missing": "reason"}` or
//! null. Missing figures print as "n/a (reason)"; anything else is a
//! template error.

use rust_decimal::Decimal;
use tera::{Kwargs, State, Tera, Value};

use super::figure::{FigureKind, parse_figure};
use crate::format;
use crate::input::read::parse_decimal;

/// A filter's input once read: a value or the reason it is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Value(Decimal),
    Missing(String),
}

/// Registers every filter on `tera`; `currency` is the model's, for the
/// money filters. Tera needs filters registered before templates are added.
pub fn register(tera: &mut Tera, currency: &str) {
    let currency_code = currency.to_string();
    tera.register_filter("money", move |value: &Value, _: Kwargs, _: &State| {
        apply(value, |number| format::money(number, &currency_code))
    });
    let currency_code = currency.to_string();
    tera.register_filter("unit_price", move |value: &Value, _: Kwargs, _: &State| {
        apply(value, |number| format::unit_price(number, &currency_code))
    });

    tera.register_filter("share", |value: &Value, kwargs: Kwargs, _: &State| {
        let signed = kwargs.get::<bool>("signed")?.unwrap_or(false);
        let decimals = kwargs.get::<u32>("decimals")?.unwrap_or(1);
        apply(value, |number| share(number, signed, decimals))
    });
    tera.register_filter("percent", |value: &Value, kwargs: Kwargs, _: &State| {
        let signed = kwargs.get::<bool>("signed")?.unwrap_or(false);
        apply(value, |number| with_sign(format::percent(number), number, signed))
    });
    tera.register_filter("annual_rate", |value: &Value, _: Kwargs, _: &State| {
        apply(value, format::annual_rate)
    });
    tera.register_filter("multiple", |value: &Value, _: Kwargs, _: &State| {
        apply(value, format::multiple)
    });
    tera.register_filter("duration", |value: &Value, _: Kwargs, _: &State| {
        apply(value, format::duration)
    });
    tera.register_filter("number", |value: &Value, kwargs: Kwargs, _: &State| {
        let decimals = kwargs.get::<u32>("decimals")?.unwrap_or(0);
        let signed = kwargs.get::<bool>("signed")?.unwrap_or(false);
        apply(value, |number| {
            with_sign(format::number(number, decimals), number, signed)
        })
    });

    let currency_code = currency.to_string();
    tera.register_filter("figure", move |value: &Value, kwargs: Kwargs, _: &State| {
        let name = kwargs.must_get::<&str>("kind")?;
        let kind = FigureKind::from_name(name).ok_or_else(|| {
            tera::Error::message(format!(
                "unknown figure kind `{name}`: use money, unit_price, share, percent, annual_rate, \
                 multiple, months, month_count, hours, days, score, score_points, seconds or number"
            ))
        })?;
        apply(value, |number| figure(number, kind, &currency_code))
    });

    tera.register_filter("na", |reason: &str, _: Kwargs, _: &State| format::not_available(reason));
    tera.register_filter("cell", |text: &str, _: Kwargs, _: &State| cell(text));
    tera.register_filter("code", |text: &str, _: Kwargs, _: &State| code(text));
}

/// Reads a filter's input.
pub fn read(value: &Value) -> Result<Input, tera::Error> {
    // Tera passes a misspelt variable to a filter as undefined; it must
    // fail rather than print "n/a".
    if value.is_undefined() {
        return Err(tera::Error::message(
            "the value is undefined: check the variable's name against the report's figures",
        ));
    }
    if value.is_none() {
        return Ok(Input::Missing(String::new()));
    }
    if let Some(text) = value.as_str() {
        return parse_figure(text)
            .map(Input::Value)
            .map_err(|problem| tera::Error::message(format!("`{text}` is not a decimal figure: {problem}")));
    }
    if let Some(number) = value.as_i128() {
        return Ok(Input::Value(Decimal::from_i128_with_scale(number, 0)));
    }
    if value.is_number() {
        // A float can only come from a literal in a template; its shortest
        // text form is the literal as written.
        let text = value.as_f64().map(|number| number.to_string()).unwrap_or_default();
        return parse_decimal(&text)
            .map(Input::Value)
            .map_err(|problem| tera::Error::message(format!("`{text}` is not a decimal figure: {problem}")));
    }
    if let Some(reason) = value.get_from_path("missing").and_then(Value::as_str) {
        return Ok(Input::Missing(reason.to_string()));
    }
    Err(tera::Error::message(format!(
        "expected a decimal figure, found {} `{value}`",
        value.name()
    )))
}

/// Formats a figure read from `value` with `show`, or "n/a (reason)".
pub fn apply(value: &Value, show: impl Fn(Decimal) -> String) -> Result<String, tera::Error> {
    Ok(match read(value)? {
        Input::Value(number) => show(number),
        Input::Missing(reason) => format::not_available(&reason),
    })
}

/// Formats a fraction as a percentage to `decimals` decimals, with a `+` on
/// positive values when `signed`, for changes such as a price trajectory.
pub fn share(fraction: Decimal, signed: bool, decimals: u32) -> String {
    let text = if decimals == 1 {
        format::share(fraction)
    } else {
        match fraction.checked_mul(Decimal::ONE_HUNDRED) {
            Some(percent) => format!("{}%", format::number(percent, decimals)),
            None => format::share(fraction),
        }
    };
    with_sign(text, fraction, signed)
}

/// Puts a `+` before the text of a positive value when `signed`, unless
/// the value rounds to zero.
fn with_sign(text: String, value: Decimal, signed: bool) -> String {
    let rounds_to_zero = text
        .trim_end_matches(['%', 'x'])
        .chars()
        .all(|ch| matches!(ch, '0' | '.' | ','));
    if signed && value > Decimal::ZERO && !rounds_to_zero {
        format!("+{text}")
    } else {
        text
    }
}

/// Formats a value of any [`FigureKind`].
pub fn figure(value: Decimal, kind: FigureKind, currency: &str) -> String {
    match kind {
        FigureKind::Money => format::money(value, currency),
        FigureKind::UnitPrice => format::unit_price(value, currency),
        FigureKind::Share => format::share(value),
        FigureKind::Percent => format::percent(value),
        FigureKind::AnnualRate => format::annual_rate(value),
        FigureKind::Multiple => format::multiple(value),
        FigureKind::Months => format::duration(value),
        FigureKind::MonthCount => {
            let word = if value == Decimal::ONE { "month" } else { "months" };
            format!("{} {word}", format::number(value, 2))
        }
        FigureKind::Hours => {
            let decimals = if value.abs() < Decimal::TEN { 1 } else { 0 };
            format!("{} hours", format::number(value, decimals))
        }
        FigureKind::Days => format!("{} days", format::number(value, 1)),
        FigureKind::Score => format!("{}/10", format::number(value, 2)),
        FigureKind::ScorePoints => {
            let sign = if value > Decimal::ZERO { "+" } else { "" };
            format!("{sign}{} points", format::number(value, 2))
        }
        FigureKind::Seconds => format!("{} s", format::number(value, 2)),
        FigureKind::Number => format::number(value, 2),
    }
}

/// Text made safe for one cell of a Markdown table: pipes escaped, line
/// breaks turned into spaces.
pub fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// Text as a Markdown code span that is safe inside a table cell: the fence
/// is one backtick longer than the longest run of backticks in the text.
pub fn code(text: &str) -> String {
    let text = cell(text);
    let longest_run = text.split(|ch| ch != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// Renders `{{ value | <filter> }}` with `value` bound to a JSON value.
    fn render(filter: &str, value: serde_json::Value) -> String {
        let mut tera = Tera::new();
        register(&mut tera, "USD");
        tera.add_raw_template("t", &format!("{{{{ value | {filter} }}}}"))
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("value", &value);
        tera.render("t", &context).unwrap()
    }

    fn render_error(filter: &str, value: serde_json::Value) -> String {
        let mut tera = Tera::new();
        register(&mut tera, "USD");
        tera.add_raw_template("t", &format!("{{{{ value | {filter} }}}}"))
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("value", &value);
        tera.render("t", &context).unwrap_err().to_string()
    }

    fn missing(reason: &str) -> serde_json::Value {
        serde_json::json!({ "missing": reason })
    }

    #[test]
    fn money_filter() {
        let cases = [
            ("0", "$0.00"),
            ("-12", "-$12.00"),
            ("0.004", "$0.00"),
            ("0.005", "$0.01"),
            ("46154.556", "$46,154.56"),
            (
                "79228162514264337593543950335",
                "$79,228,162,514,264,337,593,543,950,335.00",
            ),
        ];
        for (value, shown) in cases {
            assert_eq!(render("money", value.into()), shown, "{value}");
        }
        assert_eq!(render("money", 7560.into()), "$7,560.00");
    }

    #[test]
    fn unit_price_filter() {
        let cases = [
            ("0", "$0"),
            ("-0.0024", "-$0.0024"),
            ("0.0000001234567", "$0.0000001235"),
            ("0.0024", "$0.0024"),
            ("12345678.9", "$12,350,000"),
        ];
        for (value, shown) in cases {
            assert_eq!(render("unit_price", value.into()), shown, "{value}");
        }
    }

    #[test]
    fn share_filter() {
        let cases = [
            ("0", "0%"),
            ("-0.2", "-20%"),
            ("0.00001", "0%"),
            ("0.8400", "84%"),
            ("123456.7", "12,345,670%"),
        ];
        for (value, shown) in cases {
            assert_eq!(render("share", value.into()), shown, "{value}");
        }
        assert_eq!(render("share(signed=true)", "0.1".into()), "+10%");
        assert_eq!(render("share(signed=true)", "-0.2".into()), "-20%");
        assert_eq!(render("share(signed=true)", "0".into()), "0%");
        assert_eq!(render("share(decimals=4)", "0.00643403011000343".into()), "0.6434%");
    }

    #[test]
    fn percent_filter() {
        let cases = [
            ("0", "0%"),
            ("-50", "-50%"),
            ("0.04", "0%"),
            ("1918.518", "1,918.5%"),
            ("95664260", "95,664,260%"),
        ];
        for (value, shown) in cases {
            assert_eq!(render("percent", value.into()), shown, "{value}");
        }
        assert_eq!(render("percent(signed=true)", "30.66".into()), "+30.7%");
        assert_eq!(render("percent(signed=true)", "-0.9".into()), "-0.9%");
        assert_eq!(render("percent(signed=true)", "0.001".into()), "0%");
    }

    #[test]
    fn annual_rate_filter() {
        let cases = [
            ("0", "0%"),
            ("-0.05", "-5%"),
            ("0.0001", "0%"),
            ("0.125", "12.5%"),
            ("150000", "> 1,000%"),
        ];
        for (value, shown) in cases {
            assert_eq!(render("annual_rate", value.into()), shown, "{value}");
        }
    }

    #[test]
    fn multiple_filter() {
        let cases = [
            ("0", "0x"),
            ("-1.5", "-1.5x"),
            ("0.04", "0x"),
            ("20.185", "20.2x"),
            ("1260", "1,260x"),
            ("18491234.5", "18,491,235x"),
        ];
        for (value, shown) in cases {
            assert_eq!(render("multiple", value.into()), shown, "{value}");
        }
    }

    #[test]
    fn duration_filter() {
        let cases = [
            ("0", "0 months (0 days, 0 hours)"),
            ("0.0073394", "0.01 months (0.2 days, 5.4 hours)"),
            ("0.5945", "0.59 months (18.1 days, 434 hours)"),
            ("1", "1 month (30.4 days, 730 hours)"),
            ("1200", "1,200 months (36,525 days, 876,000 hours)"),
        ];
        for (value, shown) in cases {
            assert_eq!(render("duration", value.into()), shown, "{value}");
        }
        // A negative duration never comes from the engine, but it still
        // formats rather than failing.
        assert_eq!(render("duration", "-1".into()), "-1 months (-30.4 days, -730 hours)");
    }

    #[test]
    fn number_filter() {
        assert_eq!(render("number", "0".into()), "0");
        assert_eq!(render("number", "-1234.5".into()), "-1,235");
        assert_eq!(render("number(decimals=2)", "0.001".into()), "0");
        assert_eq!(render("number(decimals=2)", "55000.004".into()), "55,000");
        assert_eq!(render("number", "1234567890123".into()), "1,234,567,890,123");
        assert_eq!(render("number(decimals=1, signed=true)", "0.43".into()), "+0.4");
        assert_eq!(render("number(decimals=1, signed=true)", "0.04".into()), "0");
    }

    #[test]
    fn figure_filter_dispatches_on_kind() {
        assert_eq!(render("figure(kind=\"money\")", "3283.2".into()), "$3,283.20");
        assert_eq!(render("figure(kind=\"unit_price\")", "0.0009".into()), "$0.0009");
        assert_eq!(render("figure(kind=\"hours\")", "5.3578".into()), "5.4 hours");
        assert_eq!(render("figure(kind=\"hours\")", "434.0".into()), "434 hours");
        assert_eq!(render("figure(kind=\"score\")", "8.25".into()), "8.25/10");
        assert_eq!(render("figure(kind=\"seconds\")", "1.5".into()), "1.5 s");
        assert_eq!(render("figure(kind=\"month_count\")", "12".into()), "12 months");
        assert_eq!(render("figure(kind=\"score_points\")", "0.4".into()), "+0.4 points");
        assert_eq!(render("figure(kind=\"score_points\")", "-0.1".into()), "-0.1 points");
        assert_eq!(render("figure(kind=\"days\")", "-0".into()), "0 days");
        let error = render_error("figure(kind=\"euros\")", "1".into());
        assert!(error.contains("unknown figure kind `euros`"), "{error}");
    }

    #[test]
    fn missing_figures_show_reason() {
        assert_eq!(render("money", missing("no investment")), "n/a (no investment)");
        assert_eq!(
            render("duration", missing("not within 60 months")),
            "n/a (not within 60 months)"
        );
        assert_eq!(render("multiple", serde_json::Value::Null), "n/a");
        assert_eq!(render("na", "no [training] data".into()), "n/a (no [training] data)");
        assert_eq!(render("na", "".into()), "n/a");
    }

    #[test]
    fn undefined_values_are_template_errors() {
        let mut tera = Tera::new();
        register(&mut tera, "USD");
        tera.add_raw_template("t", "{{ no_such_figure | money }}").unwrap();
        let error = tera.render("t", &tera::Context::new()).unwrap_err().to_string();
        assert!(error.contains("the value is undefined"), "{error}");
    }

    #[test]
    fn non_numbers_are_template_errors() {
        let error = render_error("money", "twelve".into());
        assert!(error.contains("`twelve` is not a decimal figure"), "{error}");
        let error = render_error("money", serde_json::json!([1, 2]));
        assert!(error.contains("expected a decimal figure"), "{error}");
    }

    #[test]
    fn cell_escapes_pipes_and_line_breaks() {
        assert_eq!(cell("a | b\n  c"), "a \\| b c");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn code_span_outlasts_backticks() {
        assert_eq!(code("\"20%\""), "`\"20%\"`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("[\"a\", \"b\"]"), "`[\"a\", \"b\"]`");
    }

    #[test]
    fn read_accepts_integers_and_strings() {
        assert_eq!(read(&Value::from(12)).unwrap(), Input::Value(dec!(12)));
        assert_eq!(read(&Value::from("0.10")).unwrap(), Input::Value(dec!(0.1)));
        assert_eq!(read(&Value::from(0.5)).unwrap(), Input::Value(dec!(0.5)));
    }
}
