//! `clausec agenda`, as the command line runs it: every agreement under
//! the paths on worker threads (as `check` does, in ordered batches), each
//! one's dated items kept and the agreement dropped; the errors of an
//! agreement that has them on standard error; then the agenda in the
//! format asked for on standard output.

use super::Outcome;
use clausec::diagnostic::suggest::closest;
use clausec::load::discover;
use clausec::report::agenda::{self, Agenda, Request};
use clausec::report::render::{self, Tally};
use clausec::AgendaPart;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// How the agenda is written.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Text,
    Ics,
    Csv,
    Xlsx,
    Json,
}

/// How many agreements are read at once before their errors are written
/// (in order) and the next batch starts; only their items are kept.
const BATCH: usize = 256;

/// `clausec agenda`. Exit code: 0 when every agreement was read; 1 when
/// one had errors (it is left out, its errors on standard error); 2 for a
/// usage or I/O problem (a path that does not exist, a scenario no
/// agreement has).
pub fn agenda(
    paths: Vec<PathBuf>,
    request: Request,
    format: Format,
    jobs: Option<usize>,
) -> Result<Outcome, String> {
    if let (Some(from), Some(to)) = (request.from, request.to) {
        if from > to {
            return Err(format!(
                "`--from {from}` is after `--to {to}`, so no date falls between them; swap them"
            ));
        }
    }
    let paths = if paths.is_empty() {
        vec![PathBuf::from("clauses")]
    } else {
        paths
    };
    let folders = discover(&paths).map_err(|e| e.to_string())?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        pool = pool.num_threads(super::thread_count(jobs));
    }
    let pool = pool.build().map_err(|e| e.to_string())?;
    let mut agenda = Agenda {
        request,
        ..Agenda::default()
    };
    let mut errors = Tally::default();
    let mut stderr = std::io::stderr().lock();
    for batch in folders.chunks(BATCH) {
        // `collect` keeps the batch in order, whatever thread finished first.
        let parts: Vec<_> = pool.install(|| {
            batch
                .par_iter()
                .map(|dir| clausec::agenda_part(dir, &agenda.request))
                .collect()
        });
        for part in parts {
            match part.map_err(|e| e.to_string())? {
                AgendaPart::Agreement(part) => agenda.agreements.push(*part),
                AgendaPart::Refused {
                    folder,
                    diagnostics,
                    tally,
                } => {
                    // A closed standard error is no reason to stop.
                    let _ = stderr.write_all(diagnostics.as_bytes());
                    errors.add(tally);
                    agenda.refused.push(folder);
                }
            }
        }
    }
    if !agenda.refused.is_empty() {
        errors.agreements = agenda.refused.len();
        let _ = write!(
            stderr,
            "left out of the agenda: {}",
            render::tally_line(errors)
        );
    }
    no_agreement_has_it(&agenda)?;
    let stdout = match format {
        Format::Text => agenda::agenda_text(&agenda),
        Format::Json => agenda::agenda_json(&agenda),
        Format::Ics => agenda::agenda_ics(&agenda),
        Format::Csv => clausec::report::csv::agenda_csv(&agenda),
        Format::Xlsx => {
            let workbook = clausec::report::xlsx::agenda_xlsx(&agenda)?;
            super::write_binary(&workbook, "clausec agenda PATH --format xlsx > agenda.xlsx")?;
            String::new()
        }
    };
    Ok(Outcome {
        stdout,
        code: u8::from(!agenda.refused.is_empty()),
    })
}

/// A `--scenario` that no agreement read has is a typing mistake, not a
/// choice: refused, with the closest name any of them has.
fn no_agreement_has_it(agenda: &Agenda) -> Result<(), String> {
    let Some(asked) = &agenda.request.scenario else {
        return Ok(());
    };
    let asked = asked.replace('-', "_");
    let names = agenda.agreements.iter().flat_map(|a| &a.scenarios);
    if agenda.agreements.is_empty() || names.clone().any(|name| *name == asked) {
        return Ok(());
    }
    let hint = closest(&asked, names.map(String::as_str))
        .map(|name| format!("; did you mean `{name}`?"))
        .unwrap_or_default();
    Err(format!(
        "no agreement under these paths has a scenario `{asked}`{hint}"
    ))
}
