//! clausec: contract clauses in, checked obligations out.
//!
//! The pipeline (see `ARCHITECTURE.md`): [`load`] reads an agreement folder,
//! [`parse`] and [`lower`] turn each file into an [`ast`], [`check`] resolves
//! names and types, [`findings`] checks the contract as a whole, [`eval`]
//! turns the agreement and a scenario into a [`eval::ledger::Ledger`], and
//! [`render`] and [`export`] lay it out; [`diff`] compares two ledgers and
//! [`format`] lays out a file. The core returns data and never prints: the
//! binary (`main.rs`, `cmd/`, `lsp.rs`) is the only place that talks to the
//! terminal or an editor.

pub mod calc;
pub mod check;
pub mod diagnostic;
pub mod eval;
pub mod load;
pub mod report;
pub mod source;
pub mod syntax;

use diagnostic::codes::Code;
use diagnostic::{Diagnostic, Severity};
use load::LoadError;
use source::SourceMap;
use std::path::Path;

/// One agreement folder, read, checked and evaluated under each scenario.
#[derive(Debug)]
pub struct Analysis {
    pub model: check::model::Model,
    /// Every diagnostic, in a stable order: parse, names, types, findings
    /// about the contract, and what each scenario raised.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The errors alone, without the warnings.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect()
    }
}

/// Runs the whole pipeline on one agreement folder. Whole-contract findings
/// and scenario evaluation run only when the files are free of errors, so
/// that one mistake is not reported again as a dozen consequences.
pub fn analyze(dir: &Path, sources: &mut SourceMap) -> Result<Analysis, LoadError> {
    analyze_with(dir, sources, &load::Overlay::new())
}

/// Like [`analyze`], with an editor's unsaved texts standing in for files.
pub fn analyze_with(
    dir: &Path,
    sources: &mut SourceMap,
    overlay: &load::Overlay,
) -> Result<Analysis, LoadError> {
    let loaded = load::load_agreement_with(dir, sources, overlay)?;
    Ok(analyze_loaded(loaded, sources))
}

/// The pipeline after reading: names and types, then (when there are no
/// errors) the whole-contract findings and every scenario. Separate from
/// [`analyze_with`] so that a caller holding parsed files (the fuzz targets,
/// which parse an agreement once and vary one file) runs the same steps.
pub fn analyze_loaded(loaded: load::Loaded, sources: &SourceMap) -> Analysis {
    let (mut model, mut diagnostics) = check::check(&loaded);
    diagnostics.extend(loaded.diagnostics);
    if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.extend(check::findings::check_contract(&mut model, sources));
        model.fold_quotes();
        for scenario in &model.scenarios {
            let (_, scenario_diagnostics) = eval::evaluate(&model, Some(scenario));
            diagnostics.extend(scenario_diagnostics);
        }
        if model.scenarios.is_empty() {
            // With no scenario, evaluate once without facts, for what the text
            // alone decides (a stated installment, a runaway schedule); what
            // needs facts is left to scenarios.
            let (_, found) = eval::evaluate(&model, None);
            diagnostics.extend(found.into_iter().filter(|d| {
                matches!(
                    d.code,
                    Code::InstallmentSum | Code::TooManyInstances | Code::Arithmetic
                )
            }));
        }
    }
    diagnostic::sort(&mut diagnostics);
    Analysis { model, diagnostics }
}

/// What `check` prints for one agreement, rendered while its files are
/// still in memory, so that the agreement can be dropped before the next.
#[derive(Debug)]
pub enum Report {
    Text(String),
    Json(Vec<report::render::JsonDiagnostic>),
}

/// Checks one agreement folder and renders its diagnostics.
pub fn check_report(dir: &Path, json: bool) -> Result<(Report, report::render::Tally), LoadError> {
    let mut sources = SourceMap::default();
    let analysis = analyze(dir, &mut sources)?;
    let tally = report::render::Tally::of(&analysis.diagnostics);
    let report = if json {
        Report::Json(report::render::json_items(&analysis.diagnostics, &sources))
    } else {
        Report::Text(report::render::diagnostics_text(
            &analysis.diagnostics,
            &sources,
        ))
    };
    Ok((report, tally))
}

/// The ledger of an analysed agreement under one scenario (by name; `None`
/// for `base` if there is one, else no scenario), with the contract's
/// findings and the scenario's own.
pub fn ledger(
    analysis: &Analysis,
    scenario: Option<&syntax::ast::Scenario>,
) -> eval::ledger::Ledger {
    let (mut ledger, mut scenario_diagnostics) = eval::evaluate(&analysis.model, scenario);
    diagnostic::sort(&mut scenario_diagnostics);
    let static_findings = analysis
        .diagnostics
        .iter()
        .filter(|d| !is_scenario_diagnostic(d, &analysis.model));
    ledger.findings = static_findings
        .chain(scenario_diagnostics.iter())
        .map(|d| eval::ledger::Finding {
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            clause: d.clause.clone(),
            message: d.message.clone(),
        })
        .collect();
    ledger
}

/// Diagnostics raised while evaluating some scenario belong to that
/// scenario's ledger only.
fn is_scenario_diagnostic(diagnostic: &Diagnostic, model: &check::model::Model) -> bool {
    matches!(
        diagnostic.code,
        Code::CapExceeded
            | Code::OffsetExcess
            | Code::InstallmentSum
            | Code::MissingFact
            | Code::Arithmetic
            | Code::UnknownObligation
            | Code::TooManyInstances
    ) || diagnostic.clause.as_deref().is_some_and(|c| {
        c.starts_with("scenario ")
            && model
                .scenarios
                .iter()
                .any(|s| c == format!("scenario {}", s.name.node))
    })
}
