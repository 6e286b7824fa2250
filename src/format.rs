//! Display formatting of figures for tables and reports: money to the cent,
//! per-request prices to four significant digits, percents, multiples,
//! durations and "n/a (reason)". Every function rounds half away from zero
//! and only here; the engine keeps full precision.

use rust_decimal::Decimal;

use crate::metrics::{DAYS_PER_MONTH, HOURS_PER_MONTH};
use crate::money::{round_cents, round_significant};
use rust_decimal::RoundingStrategy;

/// Returns the symbol written before amounts of a currency, or the code and
/// a space.
pub fn currency_prefix(currency: &str) -> String {
    match currency {
        "USD" => "$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "JPY" => "¥".to_string(),
        other => format!("{other} "),
    }
}

/// Groups the integer digits of a plain decimal string by thousands.
///
/// ```
/// assert_eq!(roi::format::group_thousands("1234567.5"), "1,234,567.5");
/// assert_eq!(roi::format::group_thousands("-1234"), "-1,234");
/// assert_eq!(roi::format::group_thousands("999"), "999");
/// ```
pub fn group_thousands(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (integer, fraction) = match rest.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(integer.len() + integer.len() / 3);
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Formats money with thousands separators and cents: `$46,154.56`, `-$12.00`.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::money(dec!(46154.556), "USD"), "$46,154.56");
/// assert_eq!(roi::format::money(dec!(-12), "USD"), "-$12.00");
/// assert_eq!(roi::format::money(dec!(0.004), "EUR"), "€0.00");
/// ```
pub fn money(value: Decimal, currency: &str) -> String {
    let rounded = round_cents(value);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let digits = group_thousands(&format!("{:.2}", rounded.abs()));
    format!("{sign}{}{digits}", currency_prefix(currency))
}

/// Formats a per-request price to four significant digits, never `$0.00`
/// when the price is not zero: `$0.0024`, `$0.0000015`.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::unit_price(dec!(0.0024), "USD"), "$0.0024");
/// assert_eq!(roi::format::unit_price(dec!(0.00153456), "USD"), "$0.001535");
/// assert_eq!(roi::format::unit_price(dec!(0.0000015), "USD"), "$0.0000015");
/// assert_eq!(roi::format::unit_price(dec!(12345.678), "USD"), "$12,350");
/// assert_eq!(roi::format::unit_price(dec!(0), "USD"), "$0");
/// ```
pub fn unit_price(value: Decimal, currency: &str) -> String {
    let rounded = round_significant(value, 4);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let digits = group_thousands(&rounded.abs().normalize().to_string());
    format!("{sign}{}{digits}", currency_prefix(currency))
}

/// Formats a plain number with thousands separators and at most `decimals`
/// decimals, trailing zeros removed: `50,000`, `1.5`.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::number(dec!(50000), 0), "50,000");
/// assert_eq!(roi::format::number(dec!(55000.004), 2), "55,000");
/// assert_eq!(roi::format::number(dec!(1.25), 1), "1.3");
/// ```
pub fn number(value: Decimal, decimals: u32) -> String {
    let rounded = value
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let rounded = if rounded.is_zero() { Decimal::ZERO } else { rounded };
    group_thousands(&rounded.to_string())
}

/// Formats a value already in percent, to one decimal:
/// `20%`, `1,918.5%`.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::percent(dec!(20)), "20%");
/// assert_eq!(roi::format::percent(dec!(1918.518)), "1,918.5%");
/// assert_eq!(roi::format::percent(dec!(-50)), "-50%");
/// ```
pub fn percent(value_in_percent: Decimal) -> String {
    format!("{}%", number(value_in_percent, 1))
}

/// Formats a fraction as a percentage: 0.2 is `20%`, 0.735 is `73.5%`.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::share(dec!(0.2)), "20%");
/// assert_eq!(roi::format::share(dec!(0.84)), "84%");
/// ```
pub fn share(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(value) => percent(value),
        // Only fractions near the decimal range overflow here.
        None => format!("{} × 100%", number(fraction, 1)),
    }
}

/// Formats a multiple: whole above 100 (`1,260x`), one decimal below (`20.2x`).
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::multiple(dec!(1260)), "1,260x");
/// assert_eq!(roi::format::multiple(dec!(20.185)), "20.2x");
/// ```
pub fn multiple(value: Decimal) -> String {
    let decimals = if value.abs() >= Decimal::ONE_HUNDRED { 0 } else { 1 };
    format!("{}x", number(value, decimals))
}

/// Formats an annual rate of return, capped at `> 1,000%` because a tiny
/// investment repaid within a month has a meaningless annual figure.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::annual_rate(dec!(0.125)), "12.5%");
/// assert_eq!(roi::format::annual_rate(dec!(150000)), "> 1,000%");
/// ```
pub fn annual_rate(fraction: Decimal) -> String {
    if fraction > Decimal::TEN {
        return "> 1,000%".to_string();
    }
    share(fraction)
}

/// Formats a duration given in months in months, days and hours:
/// `0.59 months (18.1 days, 434 hours)`.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::format::duration(dec!(0.5945)), "0.59 months (18.1 days, 434 hours)");
/// assert_eq!(roi::format::duration(dec!(14)), "14 months (426.1 days, 10,220 hours)");
/// assert_eq!(roi::format::duration(dec!(0.0073394)), "0.01 months (0.2 days, 5.4 hours)");
/// ```
pub fn duration(months: Decimal) -> String {
    let (Some(days), Some(hours)) = (months.checked_mul(DAYS_PER_MONTH), months.checked_mul(HOURS_PER_MONTH)) else {
        return format!("{} months", number(months, 2));
    };
    let hours_decimals = if hours < Decimal::TEN { 1 } else { 0 };
    let month_word = if months == Decimal::ONE { "month" } else { "months" };
    format!(
        "{} {month_word} ({} days, {} hours)",
        number(months, 2),
        number(days, 1),
        number(hours, hours_decimals)
    )
}

/// Formats "n/a" with its reason.
///
/// ```
/// assert_eq!(roi::format::not_available("not within 60 months"), "n/a (not within 60 months)");
/// ```
pub fn not_available(reason: &str) -> String {
    if reason.is_empty() {
        "n/a".to_string()
    } else {
        format!("n/a ({reason})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_rounds_half_away_from_zero() {
        assert_eq!(money(dec!(0.005), "USD"), "$0.01");
        assert_eq!(money(dec!(-0.005), "USD"), "-$0.01");
        assert_eq!(money(dec!(-0.004), "USD"), "$0.00");
    }

    #[test]
    fn money_handles_large_values() {
        assert_eq!(
            money(dec!(79228162514264337593543950335), "USD"),
            "$79,228,162,514,264,337,593,543,950,335.00"
        );
    }

    #[test]
    fn unknown_currency_uses_code() {
        assert_eq!(money(dec!(1000), "CHF"), "CHF 1,000.00");
    }

    #[test]
    fn unit_price_of_tiny_value_keeps_digits() {
        assert_eq!(unit_price(dec!(0.000000123456), "USD"), "$0.0000001235");
        assert_eq!(unit_price(dec!(-0.0024), "USD"), "-$0.0024");
    }

    #[test]
    fn negative_zero_percent_is_plain_zero() {
        assert_eq!(percent(dec!(-0.01)), "0%");
    }

    #[test]
    fn extreme_values_do_not_overflow() {
        let huge = Decimal::MAX / dec!(10);
        assert!(share(huge).ends_with("× 100%"));
        assert!(duration(huge).ends_with("months"));
    }

    #[test]
    fn multiple_below_one() {
        assert_eq!(multiple(dec!(0.25)), "0.3x");
    }
}
