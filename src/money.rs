//! Exact decimal arithmetic for money, volumes and rates.
//!
//! Every figure of the engine is a `rust_decimal::Decimal`. The helpers here
//! turn overflow and division by zero into errors instead of panics, raise
//! numbers to integer powers, take n-th roots (for monthly rates derived from
//! annual ones), and round for display. Rounding happens only at the display
//! boundary: the engine keeps full precision through every sum.

use rust_decimal::prelude::*;

/// The figure could not be computed because it leaves the range of exact
/// decimals (about ±7.9 × 10²⁸) or divides by zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArithmeticError {
    #[error("a figure exceeds the range of exact decimals (about 7.9e28)")]
    Overflow,
    #[error("division by zero")]
    DivisionByZero,
}

pub type Checked = Result<Decimal, ArithmeticError>;

/// Multiplies two decimals, failing instead of panicking on overflow.
pub fn mul(a: Decimal, b: Decimal) -> Checked {
    a.checked_mul(b).ok_or(ArithmeticError::Overflow)
}

/// Adds two decimals, failing instead of panicking on overflow.
pub fn add(a: Decimal, b: Decimal) -> Checked {
    a.checked_add(b).ok_or(ArithmeticError::Overflow)
}

/// Subtracts `b` from `a`, failing instead of panicking on overflow.
pub fn sub(a: Decimal, b: Decimal) -> Checked {
    a.checked_sub(b).ok_or(ArithmeticError::Overflow)
}

/// Divides `a` by `b`; a zero divisor is an error, never infinity.
pub fn div(a: Decimal, b: Decimal) -> Checked {
    if b.is_zero() {
        return Err(ArithmeticError::DivisionByZero);
    }
    a.checked_div(b).ok_or(ArithmeticError::Overflow)
}

/// Sums an iterator of decimals with overflow checks.
pub fn sum<I: IntoIterator<Item = Decimal>>(values: I) -> Checked {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

/// Raises `base` to a non-negative integer power by repeated squaring.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::money::powi(dec!(1.1), 4).unwrap(), dec!(1.4641));
/// assert_eq!(roi::money::powi(dec!(7), 0).unwrap(), dec!(1));
/// ```
pub fn powi(base: Decimal, exponent: u32) -> Checked {
    let mut result = Decimal::ONE;
    let mut square = base;
    let mut remaining = exponent;
    while remaining > 0 {
        if remaining & 1 == 1 {
            result = mul(result, square)?;
        }
        remaining >>= 1;
        if remaining > 0 {
            square = mul(square, square)?;
        }
    }
    Ok(result)
}

/// Returns the positive real n-th root of a non-negative `x`, to the 28
/// significant digits a `Decimal` stores. It returns `None` when `x` is
/// negative or `n` is zero.
///
/// Newton's iteration starts from `1 + (x − 1)/n`, which by Bernoulli's
/// inequality lies at or above the root, so the iterates fall monotonically
/// and the loop stops when they stop falling.
///
/// ```
/// use rust_decimal_macros::dec;
/// let monthly = roi::money::nth_root(dec!(1.08), 12).unwrap();
/// let year = roi::money::powi(monthly, 12).unwrap();
/// assert!((year - dec!(1.08)).abs() < dec!(0.000000000000000000001));
/// assert_eq!(roi::money::nth_root(dec!(4), 2).unwrap(), dec!(2));
/// ```
pub fn nth_root(x: Decimal, n: u32) -> Option<Decimal> {
    if x.is_sign_negative() || n == 0 {
        return None;
    }
    if x.is_zero() || x == Decimal::ONE || n == 1 {
        return Some(x);
    }
    let n_dec = Decimal::from(n);
    let n_minus_one = Decimal::from(n - 1);
    let mut y = Decimal::ONE + (x - Decimal::ONE) / n_dec;
    // Far above the root each step shrinks y by about (n−1)/n, so a start
    // near 7.9e28 needs some hundreds of steps for n = 12.
    for _ in 0..10_000 {
        // x / y^(n−1) by repeated division: y^(n−1) itself can overflow.
        let mut quotient = x;
        for _ in 1..n {
            quotient = quotient.checked_div(y)?;
        }
        let next = n_minus_one.checked_mul(y)?.checked_add(quotient)? / n_dec;
        if next >= y {
            return Some(y.normalize());
        }
        y = next;
    }
    Some(y.normalize())
}

/// Rounds money for display: two decimals, halves away from zero
/// (`2.345` becomes `2.35`, `-2.345` becomes `-2.35`).
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::money::round_cents(dec!(2.345)), dec!(2.35));
/// assert_eq!(roi::money::round_cents(dec!(-2.345)), dec!(-2.35));
/// ```
pub fn round_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds parts to cents so that they add up to their rounded total, by
/// the largest-remainder method: every part is rounded down, then the cents
/// still missing go to the parts that lost the most. A table of parts then
/// adds up on paper.
///
/// ```
/// use rust_decimal_macros::dec;
/// let parts = [dec!(31095.996); 5];
/// let rounded = roi::money::round_cents_keeping_total(&parts);
/// assert_eq!(rounded.iter().sum::<rust_decimal::Decimal>(), dec!(155479.98));
/// assert_eq!(rounded[0], dec!(31096.00));
/// assert_eq!(rounded[4], dec!(31095.99));
/// ```
pub fn round_cents_keeping_total(parts: &[Decimal]) -> Vec<Decimal> {
    let cent = Decimal::new(1, 2);
    let total = round_cents(
        parts
            .iter()
            .copied()
            .fold(Decimal::ZERO, |sum, part| sum.saturating_add(part)),
    );
    let mut rounded: Vec<Decimal> = parts
        .iter()
        .map(|part| part.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity))
        .collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Largest remainder first; ties go to the earlier part.
    order.sort_by(|&left, &right| {
        let left_rest = parts[left] - rounded[left];
        let right_rest = parts[right] - rounded[right];
        right_rest.cmp(&left_rest).then(left.cmp(&right))
    });
    let assigned = rounded
        .iter()
        .copied()
        .fold(Decimal::ZERO, |sum, part| sum.saturating_add(part));
    let missing = ((total - assigned) / cent).round().to_usize().unwrap_or(0);
    for &index in order.iter().take(missing) {
        rounded[index] += cent;
    }
    rounded
}

/// Rounds to `digits` significant digits, halves away from zero, for
/// per-request prices (`0.00153456` to four digits is `0.001535`).
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::money::round_significant(dec!(0.00153456), 4), dec!(0.001535));
/// assert_eq!(roi::money::round_significant(dec!(1234567), 4), dec!(1235000));
/// ```
pub fn round_significant(value: Decimal, digits: u32) -> Decimal {
    value
        .round_sf_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero)
        .unwrap_or(value)
        .normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn powi_overflow_is_an_error() {
        assert_eq!(powi(dec!(1e20), 3), Err(ArithmeticError::Overflow));
    }

    #[test]
    fn div_by_zero_is_an_error() {
        assert_eq!(div(dec!(1), dec!(0)), Err(ArithmeticError::DivisionByZero));
    }

    #[test]
    fn nth_root_of_small_and_large_values() {
        for (x, n) in [
            (dec!(0.01), 12),
            (dec!(11), 12),
            (dec!(1.5), 12),
            (dec!(0.5), 3),
            (dec!(5073.72), 12),
        ] {
            let root = nth_root(x, n).unwrap();
            let back = powi(root, n).unwrap();
            assert!((back - x).abs() < dec!(1e-24), "{x}^(1/{n}) = {root}, back {back}");
        }
    }

    #[test]
    fn nth_root_rejects_negative() {
        assert_eq!(nth_root(dec!(-1), 2), None);
    }

    #[test]
    fn round_cents_is_half_away_from_zero() {
        assert_eq!(round_cents(dec!(0.005)), dec!(0.01));
        assert_eq!(round_cents(dec!(0.015)), dec!(0.02));
        assert_eq!(round_cents(dec!(46154.556)), dec!(46154.56));
    }

    #[test]
    fn nth_root_of_huge_value_does_not_overflow() {
        let root = nth_root(dec!(79228162514264337593543950335), 12).unwrap();
        assert!(root > dec!(250), "{root}");
        assert!(root < dec!(260), "{root}");
    }
}
