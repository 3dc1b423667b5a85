//! The commands of the binary that need more than a few lines: each returns
//! what to print and the exit code, and `main.rs` prints it.

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
