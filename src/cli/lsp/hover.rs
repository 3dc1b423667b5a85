//! What a hover shows: a declared name (party, fact, document, clause,
//! obligation, reading, election, option) with what it is and means, or a
//! word of the language with the guide's sentence for it.

use super::{hint, md};
use clausec::check::model::Model;
use clausec::syntax::ast::{Clause, OptionDecl};
use clausec::syntax::keywords::{phrase_of, Place};

/// A declared name, in Markdown; `None` for a word that declares nothing.
/// `declared`: where the checker's table of names says the word under the
/// cursor is declared, which decides between an option and a label of the
/// same name (`lease_costs` in 2(e) of the letter).
pub fn of_name(
    analysis: &clausec::Analysis,
    word: &str,
    declared: Option<clausec::source::Span>,
) -> Option<String> {
    let model = &analysis.model;
    let is_option = |o: &&OptionDecl| declared.is_some_and(|d| d.key() == o.name.span.key());
    let declares_option = model
        .readings
        .iter()
        .flat_map(|r| &r.options)
        .any(|o| is_option(&o))
        || model
            .elections
            .iter()
            .flat_map(|e| &e.options)
            .any(|o| is_option(&o));
    if declares_option {
        return reading_or_election(model, word);
    }
    if let Some(party) = model.parties.get(word) {
        return Some(format!(
            "**{}** — party: {}",
            md(word),
            md(&party.legal_name.node)
        ));
    }
    if let Some(fact) = model.facts.get(word) {
        let what = described(fact.description.as_ref().map(|d| d.node.as_str()));
        return Some(format!(
            "**{}** — fact, {}{what}",
            md(word),
            fact.ty.node.describe()
        ));
    }
    if let Some(document) = model.documents.get(word) {
        let dated = document
            .dated
            .as_ref()
            .map(|d| format!(", dated {}", clausec::calc::calendar::long_date(d.node)))
            .unwrap_or_default();
        return Some(format!(
            "**{}** — document: {}{dated}",
            md(word),
            md(&document.title.node)
        ));
    }
    if let Some(clause) = model.clauses.iter().find(|c| c.number.node == word) {
        return Some(clause_hover(clause));
    }
    if let Some((clause, obligation)) = model
        .obligations()
        .find(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == word))
    {
        let head = format!(
            "**{}** — obligation of clause {} ({})",
            md(word),
            md(&clause.number.node),
            obligation.kind.as_str()
        );
        return Some(match obligation_explained(analysis, word) {
            Some(explained) => format!("{head}\n\n{explained}"),
            None => head,
        });
    }
    reading_or_election(model, word)
}

/// Under the `base` scenario, what the obligation comes to, in full (the
/// inlay hint's long form); nothing when the agreement has errors.
fn obligation_explained(analysis: &clausec::Analysis, label: &str) -> Option<String> {
    if analysis.has_errors() {
        return None;
    }
    let scenario = analysis
        .model
        .scenarios
        .iter()
        .find(|s| s.name.node == "base");
    let ledger = clausec::ledger(analysis, scenario);
    let first = ledger.obligations.iter().find(|e| e.id.name() == label)?;
    let base = first.id.base();
    let group: Vec<&clausec::eval::ledger::Entry> = ledger
        .obligations
        .iter()
        .filter(|e| e.id.base() == base)
        .collect();
    let name = scenario.map_or("no scenario", |s| s.name.node.as_str());
    Some(format!(
        "{}\n\n*under scenario `{}`*",
        hint::explanation(&ledger, base, &group),
        name
    ))
}

/// A reading, an election, or an option of one: the question, who
/// chooses, the options and which is the default.
fn reading_or_election(model: &Model, word: &str) -> Option<String> {
    if let Some(reading) = model.reading(word) {
        return Some(format!(
            "**{}** — reading: {}\n\n{}",
            md(word),
            md(&reading.description.node),
            options(&reading.options)
        ));
    }
    if let Some(election) = model.elections.iter().find(|e| e.name.node == word) {
        return Some(format!(
            "**{}** — election by {}{}\n\n{}",
            md(word),
            md(&election.by.node),
            described(election.description.as_ref().map(|d| d.node.as_str())),
            options(&election.options)
        ));
    }
    let reading_option = model.readings.iter().find_map(|r| {
        let option = r.options.iter().find(|o| o.name.node == word)?;
        Some((format!("reading `{}`", r.name.node), option))
    });
    let election_option = || {
        let election = model.election_offering(word)?;
        let option = model.election_option(word)?;
        Some((format!("election `{}`", election.name.node), option))
    };
    let (of, option) = reading_option.or_else(election_option)?;
    let default = if option.is_default {
        " (the default)"
    } else {
        ""
    };
    Some(format!(
        "**{}** — option of {of}{default}{}",
        md(word),
        described(option.description.as_ref().map(|d| d.node.as_str()))
    ))
}

/// The options, one a line, the default marked. (A name is letters,
/// digits and `_`: in a code span it needs no escape, and would show one.)
fn options(options: &[OptionDecl]) -> String {
    options
        .iter()
        .map(|o| {
            let default = if o.is_default { " (default)" } else { "" };
            format!(
                "- `{}`{default}{}",
                o.name.node,
                described(o.description.as_ref().map(|d| d.node.as_str()))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn described(description: Option<&str>) -> String {
    description
        .map(|d| format!(": {}", md(d)))
        .unwrap_or_default()
}

/// A word of the language: the phrase it belongs to on its line, and the
/// guide's sentence for it.
pub fn of_keyword(word: &str, line: &str, scenario_file: bool) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let preferred: &[Place] = match scenario_file {
        true => &[Place::Scenario, Place::ScenarioEvent],
        false => &[],
    };
    let phrase = phrase_of(word, &words, preferred)?;
    Some(format!("**{}** — {}", md(phrase.form), phrase.meaning))
}

fn clause_hover(clause: &Clause) -> String {
    let title = clause
        .title
        .as_ref()
        .map(|t| format!(" — {}", md(&t.node)))
        .unwrap_or_default();
    let quote = clause
        .quotes
        .first()
        .map(|q| {
            format!(
                "\n\n> {}",
                md(&q.node.split_whitespace().collect::<Vec<_>>().join(" "))
            )
        })
        .unwrap_or_default();
    format!("**clause {}**{title}{quote}", md(&clause.number.node))
}
