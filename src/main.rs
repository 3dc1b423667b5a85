//! The `clausec` command line: the only place that reads arguments, prints,
//! and chooses an exit code (0: no errors; 1: errors in the input; 2: usage
//! or I/O problem).

use clap::{Parser, Subcommand, ValueEnum};
use clausec::diagnostic::codes::Code;
use clausec::diagnostic::suggest::closest;
use clausec::load::{discover, LoadError};
use clausec::report::render::{self, Tally, TextOptions};
use clausec::source::SourceMap;
use clausec::{LedgerOutcome, LedgerRequest, Report};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod cli;

use cli::Outcome;

#[derive(Parser)]
#[command(
    name = "clausec",
    version,
    about = "Checks contract clause files and computes who owes what to whom, and when"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check clause files: syntax, names, types, and the contract as a whole.
    Check {
        /// Clause files, agreement folders, or folders of agreements (default: `clauses/`).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// `--deny warnings` fails the check on findings about the contract too.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// How many agreements to check at once (default: one per core; at most four per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
    },
    /// Print the obligation ledger of an agreement under a scenario.
    Obligations {
        /// The agreement folder.
        agreement: PathBuf,
        /// A scenario of the agreement, by name (`base`) or file; default `base`.
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long, value_enum, default_value_t = LedgerFormat::Text)]
        format: LedgerFormat,
        /// The date to report status at, instead of the scenario's `as of`.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Show the arithmetic behind every amount.
        #[arg(long)]
        explain: bool,
        /// `--format ics`: a reminder this many days before each event (0: on the day).
        #[arg(long, value_name = "DAYS", default_value_t = clausec::report::ics::DEFAULT_REMIND_DAYS)]
        remind_days: u32,
        /// `--format ics`: also the obligations not triggered, or lapsed, under the scenario.
        #[arg(long)]
        include_untriggered: bool,
    },
    /// Every deadline and payment of the agreements under the paths, in date
    /// order: agreement, clause, parties, amount and status.
    Agenda {
        /// Agreement folders, or folders of them (default: `clauses/`).
        paths: Vec<PathBuf>,
        /// The first date to list (ISO, `2002-09-01`); default: the earliest.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The last date to list (ISO, `2002-12-31`); default: the latest.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Use this scenario in each agreement that has it (the others use
        /// `base`, or no scenario if they have no `base`).
        #[arg(long, value_name = "NAME")]
        scenario: Option<String>,
        /// The date to report status at, instead of each scenario's `as of`.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value_t = AgendaFormat::Text)]
        format: AgendaFormat,
        /// How many agreements to read at once (default: one per core; at most four per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
    },
    /// Lay out clause and scenario files the one canonical way (indentation,
    /// blank lines); quotes and comments are kept byte for byte.
    Fmt {
        /// Files or folders (default: `clauses/`).
        paths: Vec<PathBuf>,
        /// Change nothing: list the files that would change, and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Compare two versions of an agreement: the terms that changed
    /// (rates, amounts, dates, conditions, parties, quotes, readings),
    /// obligation by obligation, and the figures of each scenario; exit 0
    /// when nothing changed, 1 when something did.
    Diff {
        /// The old agreement folder (or, with --git, the agreement to compare
        /// with its version at REV).
        old: PathBuf,
        /// The new agreement folder.
        new: Option<PathBuf>,
        /// Compare under this scenario only (default: every scenario both have).
        #[arg(long)]
        scenario: Option<String>,
        /// Compare the working tree's agreement with its version at a git revision.
        #[arg(long, value_name = "REV")]
        git: Option<String>,
        /// `markdown` writes a pull-request comment.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Compare every agreement's ledgers with their snapshots
    /// (`<agreement>/snapshots/<scenario>.ledger`) and check the scenarios'
    /// `expect` lines: exit 0 when all match and hold, 1 when not.
    Test {
        /// Clause files, agreement folders, or folders of agreements (default: `clauses/`).
        paths: Vec<PathBuf>,
        /// Write the snapshots that are new or changed (never when `CI` is set).
        #[arg(long, conflicts_with = "review")]
        accept: bool,
        /// Only this scenario of each agreement (by name, `late_installment`).
        #[arg(long)]
        scenario: Option<String>,
        /// Show each difference and ask on standard input whether to accept it.
        #[arg(long)]
        review: bool,
    },
    /// Start an agreement folder from a contract document: its text as
    /// `source.txt`, a header with the title, date and parties found, and
    /// one clause file per numbered section quoting it word for word.
    Init {
        /// The new agreement folder (it must not exist, or be empty).
        agreement: PathBuf,
        /// The contract: a `.txt`, `.html`, `.htm` or `.docx` file.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Run the language server (LSP on standard input and output) for an editor.
    Lsp,
    /// Explain a diagnostic code: what it means, why, and an example.
    Explain {
        /// A code such as `clausec::check::count_mismatch`, or its last part.
        code: String,
    },
    /// List every diagnostic code.
    Codes,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LedgerFormat {
    Text,
    Json,
    Markdown,
    /// An iCalendar file: one event per deadline (due dates, the last day of
    /// each grace period, the start and end of each period), with reminders.
    Ics,
    /// One self-contained, printable page: a summary, a timeline, every clause.
    Html,
    /// One row per obligation instance and per remedy, for a spreadsheet.
    Csv,
    /// The same rows as an Excel workbook (binary: send it to a file).
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum AgendaFormat {
    Text,
    /// An iCalendar file: one event per item.
    Ics,
    /// One row per item and per remedy, for a spreadsheet.
    Csv,
    /// The same rows as an Excel workbook (binary: send it to a file).
    Xlsx,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    /// A pull-request comment.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Check {
            paths,
            format,
            deny,
            jobs,
        } => check(paths, format, deny.is_some(), jobs),
        Command::Obligations {
            agreement,
            scenario,
            format,
            as_of,
            explain,
            remind_days,
            include_untriggered,
        } => {
            let calendar = clausec::report::ics::IcsOptions {
                remind_days: Some(remind_days),
                include_untriggered,
            };
            obligations(agreement, scenario, format, as_of, explain, &calendar)
        }
        Command::Agenda {
            paths,
            from,
            to,
            scenario,
            as_of,
            format,
            jobs,
        } => agenda(paths, [from, to, as_of], scenario, format, jobs),
        Command::Fmt { paths, check } => cli::fmt::fmt(paths, check),
        Command::Lsp => cli::lsp::run().map(|code| Outcome {
            stdout: String::new(),
            code,
        }),
        Command::Diff {
            old,
            new,
            scenario,
            git,
            format,
        } => cli::diff::diff(
            old,
            new,
            scenario,
            git,
            match format {
                DiffFormat::Text => cli::diff::DiffFormat::Text,
                DiffFormat::Markdown => cli::diff::DiffFormat::Markdown,
            },
        ),
        Command::Test {
            paths,
            accept,
            scenario,
            review,
        } => cli::test::test(cli::test::Request {
            paths,
            accept,
            scenario,
            review,
        }),
        Command::Init { agreement, from } => cli::init::init(agreement, from),
        Command::Explain { code } => explain(&code),
        Command::Codes => Ok(codes()),
    };
    match outcome {
        Ok(outcome) => {
            // A closed pipe (`clausec ... | head -1`) is not an error worth a panic.
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(outcome.stdout.as_bytes())
                .and_then(|()| stdout.flush());
            ExitCode::from(outcome.code)
        }
        Err(message) => {
            // The message may quote a file name or an argument: no raw
            // control character reaches the terminal.
            let message = clausec::escape::terminal(&message);
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

/// How many agreements are checked and rendered before their output is
/// written and they are dropped: memory stays flat however many there are.
const BATCH: usize = 256;

fn check(
    paths: Vec<PathBuf>,
    format: CheckFormat,
    deny_warnings: bool,
    jobs: Option<usize>,
) -> Result<Outcome, String> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("clauses")]
    } else {
        paths
    };
    let agreements = discover(&paths).map_err(|e| e.to_string())?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        pool = pool.num_threads(cli::thread_count(jobs));
    }
    let pool = pool.build().map_err(|e| e.to_string())?;
    let json = matches!(format, CheckFormat::Json);
    let mut tally = Tally::default();
    let mut json_items = Vec::new();
    let mut stdout = std::io::stdout().lock();
    for batch in agreements.chunks(BATCH) {
        // `collect` keeps the batch in order, whatever thread finished first.
        let reports: Vec<_> = pool.install(|| {
            batch
                .par_iter()
                .map(|dir| clausec::check_report(dir, json))
                .collect()
        });
        for report in reports {
            let (report, counts) = report.map_err(|e| e.to_string())?;
            tally.add(counts);
            match report {
                Report::Text(text) => write_out(&mut stdout, &text),
                Report::Json(mut items) => json_items.append(&mut items),
            }
        }
    }
    let closing = if json {
        render::check_json(&json_items, tally) + "\n"
    } else {
        render::tally_line(tally)
    };
    let failed = tally.errors > 0 || (deny_warnings && tally.warnings > 0);
    Ok(Outcome {
        stdout: closing,
        code: u8::from(failed),
    })
}

/// Writes to standard output, ignoring a closed pipe (`clausec ... | head`).
fn write_out(stdout: &mut std::io::StdoutLock<'_>, text: &str) {
    let _ = stdout.write_all(text.as_bytes());
}

fn obligations(
    agreement: PathBuf,
    scenario: Option<String>,
    format: LedgerFormat,
    as_of: Option<String>,
    explain: bool,
    calendar: &clausec::report::ics::IcsOptions,
) -> Result<Outcome, String> {
    if !agreement.is_dir() {
        return Err(LoadError::Missing(agreement.to_string_lossy().into_owned()).to_string());
    }
    let as_of = optional_date("--as-of", as_of)?;
    let request = LedgerRequest {
        scenario: scenario.as_deref(),
        as_of,
    };
    let mut sources = SourceMap::default();
    let ledger = match clausec::obligations(&agreement, &mut sources, &request) {
        Ok(LedgerOutcome::Ledger(ledger)) => ledger,
        Ok(LedgerOutcome::Refused(errors)) => {
            return Ok(Outcome {
                stdout: render::diagnostics_text(&errors, &sources)
                    + &render::tally_line(render::Tally::of(&errors)),
                code: 1,
            })
        }
        Err(error) => return Err(error.to_string()),
    };
    let stdout = match format {
        LedgerFormat::Text => render::ledger_text(&ledger, TextOptions { explain }),
        LedgerFormat::Json => render::ledger_json(&ledger) + "\n",
        LedgerFormat::Markdown => render::ledger_markdown(&ledger),
        LedgerFormat::Ics => clausec::report::export::ledger_ics_with(&ledger, calendar),
        LedgerFormat::Html => {
            clausec::report::export::ledger_html_with(&ledger, TextOptions { explain })
        }
        LedgerFormat::Csv => clausec::report::csv::ledger_csv(&ledger),
        LedgerFormat::Xlsx => {
            let workbook = clausec::report::xlsx::ledger_xlsx(&ledger)?;
            cli::write_binary(
                &workbook,
                "clausec obligations AGREEMENT --format xlsx > ledger.xlsx",
            )?;
            String::new()
        }
    };
    Ok(Outcome { stdout, code: 0 })
}

fn agenda(
    paths: Vec<PathBuf>,
    [from, to, as_of]: [Option<String>; 3],
    scenario: Option<String>,
    format: AgendaFormat,
    jobs: Option<usize>,
) -> Result<Outcome, String> {
    let request = clausec::report::agenda::Request {
        from: optional_date("--from", from)?,
        to: optional_date("--to", to)?,
        scenario,
        as_of: optional_date("--as-of", as_of)?,
    };
    let format = match format {
        AgendaFormat::Text => cli::agenda::Format::Text,
        AgendaFormat::Ics => cli::agenda::Format::Ics,
        AgendaFormat::Csv => cli::agenda::Format::Csv,
        AgendaFormat::Xlsx => cli::agenda::Format::Xlsx,
        AgendaFormat::Json => cli::agenda::Format::Json,
    };
    cli::agenda::agenda(paths, request, format, jobs)
}

/// An optional date argument, read as [`cli::date_argument`] reads it.
fn optional_date(flag: &str, value: Option<String>) -> Result<Option<chrono::NaiveDate>, String> {
    value.map(|v| cli::date_argument(flag, &v)).transpose()
}

fn explain(code: &str) -> Result<Outcome, String> {
    match Code::find(code) {
        Some(code) => Ok(Outcome {
            stdout: format!(
                "{}: {}\n\n{}\n",
                code.as_str(),
                code.summary(),
                code.explanation()
            ),
            code: 0,
        }),
        None => {
            let names = Code::ALL.iter().map(|c| c.as_str());
            let hint = closest(code, names)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| "; `clausec codes` lists them all".to_owned());
            Err(format!("there is no diagnostic code `{code}`{hint}"))
        }
    }
}

fn codes() -> Outcome {
    let mut stdout = String::new();
    for code in Code::ALL {
        stdout.push_str(&format!("{:<46} {}\n", code.as_str(), code.summary()));
    }
    Outcome { stdout, code: 0 }
}
