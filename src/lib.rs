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
pub mod escape;
pub mod eval;
pub mod import;
pub mod load;
pub mod report;
pub mod source;
pub mod syntax;

use chrono::NaiveDate;
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

/// Like [`analyze`], for an agreement held by a [`load::Store`] rather than
/// on disk (a git revision's, for `clausec diff --git`); `dir` is the name
/// its files are shown under.
pub fn analyze_from(
    dir: &Path,
    sources: &mut SourceMap,
    store: &mut dyn load::Store,
) -> Result<Analysis, LoadError> {
    let loaded = load::load_agreement_from(dir, sources, store)?;
    Ok(analyze_loaded(loaded, sources))
}

/// The pipeline after reading: names and types, then (when there are no
/// errors) the whole-contract findings and every scenario. Separate from
/// [`analyze_with`] so that a caller holding parsed files (the fuzz targets,
/// which parse an agreement once and vary one file) runs the same steps.
pub fn analyze_loaded(mut loaded: load::Loaded, sources: &SourceMap) -> Analysis {
    // The items move into the model: a folder's syntax trees are held once
    // (a folder of 560,000 one-line clauses held them twice, 550 MB).
    let (mut model, mut diagnostics) = check::check_taking_items(&mut loaded);
    diagnostics.extend(loaded.diagnostics);
    if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.extend(check::findings::check_contract(&mut model, sources));
        model.fold_quotes();
        evaluate_scenarios(&model, &mut diagnostics);
        if model.scenarios.is_empty() {
            // With no scenario, evaluate once without facts, for what the text
            // alone decides (a stated installment, a runaway schedule); what
            // needs facts is left to scenarios.
            diagnostics.extend(eval::text_problems(&model));
        }
    }
    diagnostic::sort(&mut diagnostics);
    Analysis { model, diagnostics }
}

/// The most work all the scenarios of one agreement may make together, in
/// ledger entries and clauses walked: thirteen ledgers at their limit
/// ([`eval::budget::MAX_ENTRIES`]), about two seconds. Each ledger is
/// bounded on its own; this bounds how many of them one folder can ask for.
pub const MAX_SCENARIO_WORK: usize = 2_000_000;

/// Evaluates every scenario for what it raises, one ledger at a time (each
/// dropped before the next), until [`MAX_SCENARIO_WORK`] is spent.
fn evaluate_scenarios(model: &check::model::Model, out: &mut Vec<Diagnostic>) {
    let mut work = 0usize;
    for scenario in &model.scenarios {
        if work > MAX_SCENARIO_WORK {
            let problem = eval::problem::EvalProblem::ScenarioWorkSpent {
                name: scenario.name.node.clone(),
                limit: MAX_SCENARIO_WORK,
            };
            out.push(Diagnostic::of(&problem, scenario.name.span));
            return;
        }
        let (ledger, scenario_diagnostics) = eval::evaluate(model, Some(scenario));
        work += ledger.obligations.len() + ledger.clauses.len() + 1;
        out.extend(scenario_diagnostics);
    }
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
    let static_findings = analysis.diagnostics.iter().filter(|d| d.scenario.is_none());
    ledger.findings = static_findings
        .chain(scenario_diagnostics.iter())
        .map(|d| eval::ledger::Finding {
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            clause: d.place(),
            message: d.message.clone(),
        })
        .collect();
    ledger
}

/// What `obligations` asks for: a scenario by name (`late_installment`) or
/// by file (`path/to/late-installment.scenario`, which may lie outside the
/// folder), and a date to report status at instead of the scenario's.
#[derive(Debug, Default)]
pub struct LedgerRequest<'a> {
    pub scenario: Option<&'a str>,
    pub as_of: Option<NaiveDate>,
}

/// The ledger, or the errors in the agreement (or the scenario file) that
/// stop it from being computed.
#[derive(Debug)]
pub enum LedgerOutcome {
    Ledger(Box<eval::ledger::Ledger>),
    Refused(Vec<Diagnostic>),
}

/// A request that names what is not there.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("the agreement has no scenario `{name}`{hint}")]
    NoSuchScenario { name: String, hint: String },
    #[error("`{0}` holds no scenario")]
    NoScenarioInFile(String),
}

/// `obligations`: the agreement analysed (with the scenario file, if one is
/// named, checked like the folder's own), the scenario chosen, the ledger
/// computed — or the errors that prevent it.
pub fn obligations(
    dir: &Path,
    sources: &mut SourceMap,
    request: &LedgerRequest<'_>,
) -> Result<LedgerOutcome, RequestError> {
    let scenario_file = request.scenario.filter(|s| s.ends_with(".scenario"));
    let (analysis, wanted) = match scenario_file {
        Some(file) => {
            let mut loaded = load::load_agreement(dir, sources)?;
            let names = loaded.add_scenario_file(sources, Path::new(file))?;
            let analysis = analyze_loaded(loaded, sources);
            let first = names.into_iter().next();
            if first.is_none() && !analysis.has_errors() {
                return Err(RequestError::NoScenarioInFile(file.to_owned()));
            }
            (analysis, first)
        }
        None => (analyze(dir, sources)?, request.scenario.map(str::to_owned)),
    };
    if analysis.has_errors() {
        return Ok(LedgerOutcome::Refused(analysis.errors()));
    }
    let scenario = choose_scenario(&analysis, wanted.as_deref())?;
    let scenario = scenario_at(&analysis, scenario, request.as_of);
    Ok(LedgerOutcome::Ledger(Box::new(ledger(
        &analysis,
        scenario.as_ref(),
    ))))
}

/// The scenario (or, for `None`, the agreement with no scenario, named
/// `none`) with its status date moved to `as_of`, if one is given.
fn scenario_at(
    analysis: &Analysis,
    scenario: Option<&syntax::ast::Scenario>,
    as_of: Option<NaiveDate>,
) -> Option<syntax::ast::Scenario> {
    let mut scenario = scenario.cloned();
    if let Some(date) = as_of {
        let span = analysis.model.dir_span;
        let scenario = scenario.get_or_insert_with(|| {
            syntax::ast::Scenario::empty(
                syntax::ast::Spanned::new("none".to_owned(), span),
                None,
                span,
            )
        });
        scenario.as_of = Some(syntax::ast::Spanned::new(date, span));
    }
    scenario
}

/// One agreement's part of `clausec agenda`: its items in the window, or
/// the errors that leave it out.
#[derive(Debug)]
pub enum AgendaPart {
    Agreement(Box<report::agenda::AgreementAgenda>),
    /// The agreement has errors: they, rendered for a terminal while its
    /// files are in memory, and how many.
    Refused {
        folder: String,
        diagnostics: String,
        tally: report::render::Tally,
    },
}

/// `agenda`, for one agreement folder: analysed, its scenario chosen (the
/// one asked for if it has it, else `base`, else none), its ledger made
/// and cut to the window. Each agreement is independent of the others, so
/// the binary runs them on worker threads and drops each when done.
pub fn agenda_part(dir: &Path, request: &report::agenda::Request) -> Result<AgendaPart, LoadError> {
    use report::agenda::{AgreementAgenda, Choice};
    let mut sources = SourceMap::default();
    let analysis = analyze(dir, &mut sources)?;
    let folder = dir.display().to_string();
    if analysis.has_errors() {
        let errors = analysis.errors();
        return Ok(AgendaPart::Refused {
            folder,
            diagnostics: report::render::diagnostics_text(&errors, &sources),
            tally: report::render::Tally::of(&errors),
        });
    }
    let scenarios = &analysis.model.scenarios;
    let find = |name: &str| scenarios.iter().find(|s| s.name.node == name);
    let asked = request.scenario.as_deref().map(|s| s.replace('-', "_"));
    let (scenario, choice) = match asked.as_deref().and_then(find) {
        Some(found) => (Some(found), Choice::Asked),
        None => match find("base") {
            Some(base) => (Some(base), Choice::Base),
            None => (None, Choice::TextAlone),
        },
    };
    let missing = asked.filter(|_| choice != Choice::Asked);
    let scenario = scenario_at(&analysis, scenario, request.as_of);
    let ledger = ledger(&analysis, scenario.as_ref());
    let mut part = AgreementAgenda::from_ledger(folder, ledger, choice, missing, request);
    part.scenarios = scenarios.iter().map(|s| s.name.node.clone()).collect();
    Ok(AgendaPart::Agreement(Box::new(part)))
}

/// A scenario by name (`late_installment`, or as its file is named,
/// `late-installment`); with none asked for, `base` if there is one.
pub fn choose_scenario<'a>(
    analysis: &'a Analysis,
    wanted: Option<&str>,
) -> Result<Option<&'a syntax::ast::Scenario>, RequestError> {
    let scenarios = &analysis.model.scenarios;
    let Some(wanted) = wanted else {
        return Ok(scenarios.iter().find(|s| s.name.node == "base"));
    };
    let name = wanted.replace('-', "_");
    if let Some(found) = scenarios.iter().find(|s| s.name.node == name) {
        return Ok(Some(found));
    }
    let names: Vec<&str> = scenarios.iter().map(|s| s.name.node.as_str()).collect();
    let hint = diagnostic::suggest::closest(&name, names.iter().copied())
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_else(|| format!("; the scenarios are: {}", names.join(", ")));
    Err(RequestError::NoSuchScenario { name, hint })
}

/// One ledger `clausec test` compares with its snapshot: its scenario, its
/// text with the arithmetic (what `clausec obligations --explain` prints),
/// and its `expect` lines held against it.
#[derive(Debug)]
pub struct TestedLedger {
    /// The scenario's name (`late_installment`), or `none` for an
    /// agreement without scenarios.
    pub scenario: String,
    pub text: String,
    /// How many `expect` lines the scenario has.
    pub expectations: usize,
    /// The `expect` lines that fail, as diagnostics of the scenario.
    pub failed: Vec<Diagnostic>,
}

/// What `clausec test` found in one agreement.
#[derive(Debug)]
pub enum Tested {
    /// The errors that stop its ledgers from being computed.
    Refused(Vec<Diagnostic>),
    Ledgers(Vec<TestedLedger>),
}

/// `test`: the agreement analysed; for each scenario (or only `scenario`,
/// by name), its ledger as text and its expectations held against it. An
/// agreement without scenarios has one ledger, `none`.
pub fn test_agreement(
    dir: &Path,
    sources: &mut SourceMap,
    scenario: Option<&str>,
) -> Result<Tested, LoadError> {
    let analysis = analyze(dir, sources)?;
    if analysis.has_errors() {
        return Ok(Tested::Refused(analysis.errors()));
    }
    let wanted = scenario.map(|s| s.replace('-', "_"));
    let chosen = |name: &str| wanted.as_deref().is_none_or(|w| w == name);
    let options = report::render::TextOptions { explain: true };
    let mut ledgers = Vec::new();
    if analysis.model.scenarios.is_empty() && chosen("none") {
        let ledger = ledger(&analysis, None);
        ledgers.push(TestedLedger {
            text: report::render::ledger_text(&ledger, options),
            scenario: ledger.scenario,
            expectations: 0,
            failed: Vec::new(),
        });
    }
    for scenario in analysis
        .model
        .scenarios
        .iter()
        .filter(|s| chosen(&s.name.node))
    {
        let ledger = ledger(&analysis, Some(scenario));
        let checked = report::expect::check(&ledger, &scenario.expectations);
        let failed = checked
            .failed
            .iter()
            .map(|f| report::expect::diagnostic(f, &scenario.name.node))
            .collect();
        ledgers.push(TestedLedger {
            scenario: scenario.name.node.clone(),
            text: report::render::ledger_text(&ledger, options),
            expectations: scenario.expectations.len(),
            failed,
        });
    }
    Ok(Tested::Ledgers(ledgers))
}
