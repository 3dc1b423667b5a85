//! The commands of the binary that need more than a few lines: each returns
//! what to print and the exit code, and `main.rs` prints it.

pub mod agenda;
pub mod diff;
pub mod fmt;
pub mod init;
pub mod lsp;
pub mod test;

/// What a command produced: text for standard output, and an exit code.
pub struct Outcome {
    pub stdout: String,
    pub code: u8,
}

/// The threads `--jobs N` starts: `N`, at least one and at most four per
/// core. More than that only adds the cost of starting them (`--jobs 100000`
/// spent over 90 s starting threads before checking anything).
pub fn thread_count(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    jobs.clamp(1, cores.saturating_mul(4))
}

/// A date given on the command line (`--as-of 2003-06-30`, `--from`,
/// `--to`): ISO, in the years 1 to 9999, as in clause files.
pub fn date_argument(flag: &str, value: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| {
            format!(
                "`{flag} {value}` is not a date from the year 1 to 9999; write it as 2003-06-30"
            )
        })
}

/// Writes a binary document (a workbook) to standard output, refused when
/// standard output is a terminal, which would show it as noise; `example`
/// shows how to send it to a file.
pub fn write_binary(bytes: &[u8], example: &str) -> Result<(), String> {
    use std::io::{IsTerminal, Write};
    let mut stdout = std::io::stdout().lock();
    if stdout.is_terminal() {
        return Err(format!(
            "a workbook is not text to show on a terminal; send it to a file: `{example}`"
        ));
    }
    // A closed pipe is not an error worth reporting.
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
    Ok(())
}
