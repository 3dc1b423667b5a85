//! The template for a firm's repository (`examples/agreements-repo/`): the
//! steps its workflow runs (`check`, `fmt --check`, `test`) pass with this
//! build of the binary in a copy of it, and its agreement is the bundled
//! lathe, files and snapshots alike.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn template() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/agreements-repo")
}

/// Runs the binary in `dir` as the workflow does, under `CI=true`.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_clausec"))
        .args(args)
        .current_dir(dir)
        .env("CI", "true")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn the_workflow_steps_pass_in_a_copy_of_the_template() {
    let copy = tempfile::tempdir().unwrap();
    common::copy_dir(&template(), copy.path());
    let workflow =
        std::fs::read_to_string(copy.path().join(".github/workflows/clausec.yml")).unwrap();
    for step in [
        &["check", "agreements/"][..],
        &["fmt", "--check", "agreements/"],
        &["test", "agreements/"],
    ] {
        let line = format!("run: clausec {}", step.join(" "));
        assert!(workflow.contains(&line), "the workflow has no `{line}`");
        let (code, text) = run(copy.path(), step);
        assert_eq!(
            code,
            0,
            "`clausec {}` in the template:\n{text}",
            step.join(" ")
        );
    }
}

#[test]
fn the_template_s_agreement_is_the_bundled_lathe() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses/lathe-purchase-order");
    let copy = template().join("agreements/lathe-purchase-order");
    let mut stale = Vec::new();
    for sub in ["", "scenarios", "snapshots"] {
        for entry in std::fs::read_dir(bundled.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            let name = path.file_name().unwrap();
            let theirs = std::fs::read(copy.join(sub).join(name)).ok();
            if theirs.as_deref() != Some(std::fs::read(&path).unwrap().as_slice()) {
                stale.push(Path::new(sub).join(name).display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "examples/agreements-repo/agreements/lathe-purchase-order differs from clauses/lathe-purchase-order in {stale:?}; copy them over (cp -r clauses/lathe-purchase-order examples/agreements-repo/agreements/)"
    );
}
