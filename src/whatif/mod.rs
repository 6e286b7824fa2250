//! What-if analysis: how the headline figures of a model respond when its
//! inputs change.
//!
//! - [`diff`] compares two models and splits the change in NPV over the
//!   inputs that differ.
//! - [`sensitivity`] swings each numeric input that drives a metric by a
//!   share and ranks the inputs by their effect.
//! - [`solve`] finds the value of one input at which a metric reaches a
//!   target.
//!
//! Each variation writes values into the document tree of [`Inputs`], then
//! decodes and projects it again, so every variation passes the same
//! validation as a model read from disk. Nothing here reads files or
//! prints: the commands in `cli` do that, and the results serialise as JSON.

pub mod diff;
pub mod metric;
pub mod numeric;
pub mod sensitivity;
pub mod solve;

pub use diff::{Diff, DiffOptions, diff};
pub use metric::Metric;
pub use sensitivity::{Sensitivity, SensitivityOptions, sensitivity};
pub use solve::{Solution, SolveError, SolveOptions, Target, solve};

use rust_decimal::Decimal;

use crate::engine::{self, Options};
use crate::error::InputError;
use crate::input::{Inputs, decode};
use crate::model::Model;
use crate::result::ScenarioResult;
use numeric::NumericInput;

/// A model prepared for projecting one scenario again and again, with one
/// input changed at a time.
#[derive(Debug, Clone)]
pub struct Evaluator {
    inputs: Inputs,
    scenario: String,
    currency: String,
    horizon_months: u32,
    /// Whether projections search for the IRR; only the IRR metric needs it.
    with_irr: bool,
}

impl Evaluator {
    /// Prepares `inputs` for projecting `scenario`, by default the model's
    /// first scenario. Fails when the model is invalid or has no scenario
    /// of that name.
    pub fn new(inputs: &Inputs, scenario: Option<&str>) -> Result<Self, InputError> {
        let model = decode::decode(inputs)?;
        let scenario = match scenario {
            Some(name) => name.to_string(),
            None => model.scenarios[0].name.clone(),
        };
        let evaluator = Evaluator {
            inputs: inputs.clone(),
            scenario,
            currency: model.currency,
            horizon_months: model.horizon_months,
            with_irr: true,
        };
        evaluator.project()?;
        Ok(evaluator)
    }

    /// Turns the IRR search on or off for the projections that follow.
    pub fn set_irr(&mut self, with_irr: bool) {
        self.with_irr = with_irr;
    }

    /// Returns the name of the projected scenario.
    pub fn scenario(&self) -> &str {
        &self.scenario
    }

    /// Returns the model's currency.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// Returns the model's horizon in months.
    pub fn horizon_months(&self) -> u32 {
        self.horizon_months
    }

    /// Returns the prepared inputs, without any variation.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// Projects the scenario of the model without any variation.
    pub fn project(&self) -> Result<ScenarioResult, InputError> {
        let mut scenarios = project_scenarios(&self.inputs, std::slice::from_ref(&self.scenario), self.with_irr)?;
        Ok(scenarios.swap_remove(0))
    }

    /// Projects the scenario with `value` written at the input's path, then
    /// restores the original value.
    pub fn project_with(&mut self, input: &NumericInput, value: Decimal) -> Result<ScenarioResult, InputError> {
        self.project_with_values(&[(input, value)])
    }

    /// Projects the scenario with a value written at each input's path, then
    /// restores the original values.
    pub fn project_with_values(&mut self, values: &[(&NumericInput, Decimal)]) -> Result<ScenarioResult, InputError> {
        let mut originals = Vec::with_capacity(values.len());
        let mut result = Ok(());
        for (input, value) in values {
            match self.inputs.root.lookup_mut(&input.path) {
                Some(node) => originals.push((&input.path, std::mem::replace(&mut node.value, input.literal(*value)))),
                None => {
                    result = Err(InputError::new(format!(
                        "input `{}` not found in the model",
                        input.path
                    )));
                    break;
                }
            }
        }
        let projected = result.and_then(|()| self.project());
        for (path, original) in originals.into_iter().rev() {
            if let Some(node) = self.inputs.root.lookup_mut(path) {
                node.value = original;
            }
        }
        projected
    }
}

/// Decodes and projects the named scenarios of a model, in the order named.
/// The alternatives are left out, because no figure of a scenario depends
/// on them and pricing them would only cost time.
pub fn project_scenarios(
    inputs: &Inputs,
    scenarios: &[String],
    with_irr: bool,
) -> Result<Vec<ScenarioResult>, InputError> {
    let mut model = decode::decode(inputs)?;
    keep_compared_offerings(&mut model);
    let options = Options {
        scale: Decimal::TEN,
        scenarios: scenarios.to_vec(),
        irr: with_irr,
    };
    Ok(engine::project(&model, &[], &options)?.scenarios)
}

/// Keeps only the candidate and the baseline among the model's offerings.
fn keep_compared_offerings(model: &mut Model) {
    let deployment = &model.deployment;
    model
        .offerings
        .retain(|offering| offering.id == deployment.candidate || offering.id == deployment.baseline);
    model.deployment.alternatives.clear();
}
