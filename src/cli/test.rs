//! `clausec test`, as the command line runs it: every agreement × scenario
//! under the paths, its text ledger compared with the snapshot stored
//! beside the agreement (`<agreement>/snapshots/<scenario>.ledger`), its
//! `expect` lines checked; `--accept` and `--review` write snapshots (never
//! when `CI` is set). The comparison is the library's
//! (`clausec::report::snapshot`); reading the answers and writing the files
//! are done here.

use super::Outcome;
use clausec::load::{self, Snapshot};
use clausec::report::render;
use clausec::report::snapshot::compare;
use clausec::source::SourceMap;
use clausec::{Tested, TestedLedger};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// What `clausec test` was asked to do.
pub struct Request {
    pub paths: Vec<PathBuf>,
    pub accept: bool,
    pub scenario: Option<String>,
    pub review: bool,
}

/// What was found, for the summary line.
#[derive(Default)]
struct Tally {
    matched: usize,
    differ: usize,
    missing: usize,
    accepted: usize,
    expectations: usize,
    failed: usize,
    refused: usize,
    /// A snapshot could not be read or written: exit 2.
    trouble: bool,
}

/// An answer at the `--review` prompt.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Yes,
    No,
    Skip,
    /// Standard input ended: nothing more is accepted.
    End,
}

/// Whether the environment says this is a CI run (`CI=true`, as CI
/// services set it): then nothing is ever written.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| {
        let v = v.to_string_lossy().to_ascii_lowercase();
        !(v.is_empty() || v == "false" || v == "0" || v == "no")
    })
}

/// `clausec test`. Exit code: 0 when every ledger matches its snapshot
/// and every expectation holds (or, with `--accept`, was written); 1 when a
/// ledger differs or has no snapshot, an expectation fails, or an
/// agreement has errors; 2 for a usage or I/O problem.
pub fn test(request: Request) -> Result<Outcome, String> {
    if in_ci() && (request.accept || request.review) {
        let flag = if request.accept {
            "--accept"
        } else {
            "--review"
        };
        return Err(format!(
            "`{flag}` writes snapshots, and nothing is written when `CI` is set; run it on your own machine and commit the snapshots it writes"
        ));
    }
    let paths = if request.paths.is_empty() {
        vec![PathBuf::from("clauses")]
    } else {
        request.paths.clone()
    };
    let agreements = load::discover(&paths).map_err(|e| e.to_string())?;
    let mut tally = Tally::default();
    let mut stdout = std::io::stdout().lock();
    let mut stdin = std::io::stdin().lock();
    let mut answers_ended = false;
    let mut compared = 0usize;
    for dir in &agreements {
        let mut sources = SourceMap::default();
        let tested = clausec::test_agreement(dir, &mut sources, request.scenario.as_deref())
            .map_err(|e| e.to_string())?;
        let shown_dir = dir.to_string_lossy().replace('\\', "/");
        match tested {
            Tested::Refused(errors) => {
                tally.refused += 1;
                compared += 1;
                let text = render::diagnostics_text(&errors, &sources)
                    + &format!(
                        "not compared: `{shown_dir}` has errors; fix them first (`clausec check {shown_dir}`)\n\n"
                    );
                write_out(&mut stdout, &text);
            }
            Tested::Ledgers(ledgers) => {
                for ledger in ledgers {
                    compared += 1;
                    let mut review = Review {
                        stdin: &mut stdin,
                        ended: &mut answers_ended,
                        enabled: request.review,
                    };
                    let report = one_ledger(
                        dir,
                        &shown_dir,
                        &ledger,
                        &sources,
                        request.accept,
                        &mut review,
                        &mut tally,
                        &mut stdout,
                    );
                    write_out(&mut stdout, &report);
                }
            }
        }
    }
    if compared == 0 {
        if let Some(name) = &request.scenario {
            return Err(format!(
                "no agreement under the paths has a scenario `{}`",
                name.replace('-', "_")
            ));
        }
    }
    let failed = tally.differ + tally.missing + tally.failed + tally.refused > 0;
    let code = if tally.trouble { 2 } else { u8::from(failed) };
    Ok(Outcome {
        stdout: summary(&tally),
        code,
    })
}

/// Standard input, read for the answers of `--review`.
struct Review<'a, 'b> {
    stdin: &'a mut std::io::StdinLock<'b>,
    ended: &'a mut bool,
    enabled: bool,
}

impl Review<'_, '_> {
    /// Asks until a valid answer, or the end of standard input.
    fn ask(&mut self, stdout: &mut std::io::StdoutLock<'_>) -> Answer {
        if *self.ended {
            return Answer::End;
        }
        loop {
            write_out(stdout, "accept? [y]es / [n]o / [s]kip ");
            let _ = stdout.flush();
            let mut line = String::new();
            match self.stdin.read_line(&mut line) {
                Ok(0) | Err(_) => {
                    write_out(stdout, "\n");
                    *self.ended = true;
                    return Answer::End;
                }
                Ok(_) => {}
            }
            match line.trim().to_ascii_lowercase().as_str() {
                "y" | "yes" => return Answer::Yes,
                "n" | "no" => return Answer::No,
                "s" | "skip" => return Answer::Skip,
                _ => write_out(stdout, "answer `y`, `n` or `s`\n"),
            }
        }
    }
}

/// One ledger: its failed expectations, then its comparison with the
/// snapshot (and, as asked, the snapshot written). Returns what is left to
/// print (the diff and the prompt are printed as they come).
#[allow(clippy::too_many_arguments)]
fn one_ledger(
    dir: &Path,
    shown_dir: &str,
    ledger: &TestedLedger,
    sources: &SourceMap,
    accept: bool,
    review: &mut Review<'_, '_>,
    tally: &mut Tally,
    stdout: &mut std::io::StdoutLock<'_>,
) -> String {
    let name = &ledger.scenario;
    let heading = format!("── {shown_dir} · scenario {name} ──\n");
    let path = load::snapshot_path(dir, name);
    let shown_path = path.to_string_lossy().replace('\\', "/");
    tally.expectations += ledger.expectations;
    tally.failed += ledger.failed.len();
    let mut out = String::new();
    if !ledger.failed.is_empty() {
        out.push_str(&heading);
        out.push_str(&render::diagnostics_text(&ledger.failed, sources));
    }
    let stored = match load::read_snapshot(dir, name) {
        Ok(stored) => stored,
        Err(e) => Snapshot::Refused(e.to_string()),
    };
    let old = match &stored {
        Snapshot::Text(old) if *old == ledger.text => {
            tally.matched += 1;
            return out;
        }
        Snapshot::Text(old) => Some(old.as_str()),
        Snapshot::Absent => None,
        Snapshot::Refused(why) => {
            tally.trouble = true;
            return format!("{out}{heading}cannot read the snapshot `{shown_path}`: {why}\n\n");
        }
    };
    if out.is_empty() {
        out.push_str(&heading);
    }
    let offered = accept || review.enabled;
    let blocked = offered && !ledger.failed.is_empty();
    let difference = compare(
        old.unwrap_or(""),
        &ledger.text,
        &shown_path,
        "the ledger now",
    );
    let changed_in = difference
        .as_ref()
        .filter(|_| old.is_some())
        .filter(|d| !d.obligations.is_empty())
        .map(|d| format!(", in {}", d.obligations.join(", ")))
        .unwrap_or_default();
    // The diff is shown unless the snapshot is simply accepted; a missing
    // snapshot is shown whole only for review.
    let show_diff = !accept && (old.is_some() || review.enabled);
    match old {
        Some(_) => out.push_str(&format!(
            "the ledger differs from its snapshot{changed_in}\n"
        )),
        None if !accept => out.push_str(&format!(
            "error: no snapshot yet; run `clausec test --accept` (it is kept in `{shown_path}`)\n"
        )),
        None => {}
    }
    if show_diff {
        if let Some(difference) = &difference {
            out.push_str(&difference.text);
        }
    }
    let write = if blocked {
        out.push_str(&format!(
            "not accepted: {} of this scenario's expectations fail{}\n",
            ledger.failed.len(),
            if ledger.failed.len() == 1 { "s" } else { "" }
        ));
        false
    } else if accept {
        true
    } else if review.enabled {
        write_out(stdout, &out);
        out.clear();
        match review.ask(stdout) {
            Answer::Yes => true,
            Answer::No => {
                out.push_str("kept the snapshot: the ledger still differs\n");
                false
            }
            Answer::Skip | Answer::End => {
                out.push_str("skipped\n");
                false
            }
        }
    } else {
        false
    };
    if write {
        match write_snapshot(dir, &path, &ledger.text) {
            Ok(()) => {
                tally.accepted += 1;
                let what = if old.is_some() { "changed" } else { "new" };
                out.push_str(&format!("accepted: {shown_path} ({what}{changed_in})\n"));
            }
            Err(why) => {
                tally.trouble = true;
                out.push_str(&format!("cannot write `{shown_path}`: {why}\n"));
            }
        }
    } else if old.is_some() {
        tally.differ += 1;
    } else {
        tally.missing += 1;
    }
    out.push('\n');
    out
}

/// Writes a snapshot: into `snapshots/` beside the agreement (made if
/// missing, never through a link), by a temporary file renamed over the
/// old one, so that a crash leaves the old snapshot or the new, whole.
fn write_snapshot(dir: &Path, path: &Path, text: &str) -> Result<(), String> {
    let folder = dir.join(load::SNAPSHOTS);
    match std::fs::symlink_metadata(&folder) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(
                "`snapshots` is not a folder (a link or a file is not written through)".to_owned(),
            )
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir(&folder).map_err(|e| e.to_string())?
        }
        Err(e) => return Err(e.to_string()),
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err("it is not an ordinary file (a link is not written through)".to_owned());
    }
    let mut temporary = tempfile::Builder::new()
        .prefix(".snapshot.")
        .suffix(".clausec-test")
        .tempfile_in(&folder)
        .map_err(|e| e.to_string())?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|e| e.to_string())?;
    temporary.persist(path).map_err(|e| e.error.to_string())?;
    Ok(())
}

/// `12 ledgers match; 1 differs; 1 has no snapshot`, and what else there is.
fn summary(tally: &Tally) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{} {}", n, if n == 1 { one } else { many });
    let mut parts = vec![plural(tally.matched, "ledger matches", "ledgers match")];
    if tally.differ > 0 {
        parts.push(plural(tally.differ, "differs", "differ"));
    }
    if tally.missing > 0 {
        parts.push(plural(tally.missing, "has no snapshot", "have no snapshot"));
    }
    if tally.accepted > 0 {
        parts.push(format!("{} accepted", tally.accepted));
    }
    if tally.failed > 0 {
        parts.push(format!(
            "{} of {} expectations fail{}",
            tally.failed,
            tally.expectations,
            if tally.failed == 1 { "s" } else { "" }
        ));
    } else if tally.expectations > 0 {
        parts.push(plural(
            tally.expectations,
            "expectation holds",
            "expectations hold",
        ));
    }
    if tally.refused > 0 {
        parts.push(plural(
            tally.refused,
            "agreement has errors",
            "agreements have errors",
        ));
    }
    format!("{}\n", parts.join("; "))
}

/// Writes to standard output, the user's words escaped, ignoring a closed
/// pipe.
fn write_out(stdout: &mut std::io::StdoutLock<'_>, text: &str) {
    let _ = stdout.write_all(clausec::escape::terminal(text).as_bytes());
}
