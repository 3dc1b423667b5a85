//! `clausec diff`, as the command line runs it: the two versions (folders,
//! or a folder and its version at a git revision), each scenario, exit 1
//! when anything changed.

use super::Outcome;
use clausec::report::render;
use clausec::source::SourceMap;
use std::path::PathBuf;

/// `clausec diff`: two versions of an agreement (or one and its version at
/// a git revision) compared ledger by ledger, scenario by scenario.
pub fn diff(
    old: PathBuf,
    new: Option<PathBuf>,
    scenario: Option<String>,
    git: Option<String>,
) -> Result<Outcome, String> {
    let (old_dir, new_dir, _checkout) = match (git, new) {
        (Some(rev), None) => {
            let checkout = GitCheckout::of(&rev, &old)?;
            (checkout.dir.clone(), old, Some(checkout))
        }
        (None, Some(new)) => (old, new, None),
        (Some(_), Some(_)) => {
            return Err(
                "with --git, name one agreement: `clausec diff --git REV AGREEMENT`".to_owned(),
            )
        }
        (None, None) => return Err("name two agreement folders: `clausec diff OLD NEW`".to_owned()),
    };
    let mut old_sources = SourceMap::default();
    let mut new_sources = SourceMap::default();
    let old_analysis = clausec::analyze(&old_dir, &mut old_sources).map_err(|e| e.to_string())?;
    let new_analysis = clausec::analyze(&new_dir, &mut new_sources).map_err(|e| e.to_string())?;
    for (analysis, sources, which) in [
        (&old_analysis, &old_sources, "old"),
        (&new_analysis, &new_sources, "new"),
    ] {
        if analysis.has_errors() {
            let errors = analysis.errors();
            return Err(format!(
                "the {which} version has errors; fix them before comparing\n{}",
                render::diagnostics_text(&errors, sources)
            ));
        }
    }
    let names: Vec<String> = match scenario {
        Some(name) => vec![name.replace('-', "_")],
        None => old_analysis
            .model
            .scenarios
            .iter()
            .map(|s| s.name.node.clone())
            .filter(|n| {
                new_analysis
                    .model
                    .scenarios
                    .iter()
                    .any(|s| &s.name.node == n)
            })
            .collect(),
    };
    let mut stdout = String::new();
    let mut changed = false;
    let find = |analysis: &clausec::Analysis, name: &str| {
        analysis
            .model
            .scenarios
            .iter()
            .find(|s| s.name.node == name)
            .cloned()
    };
    let pairs: Vec<(
        String,
        Option<clausec::syntax::ast::Scenario>,
        Option<clausec::syntax::ast::Scenario>,
    )> = if names.is_empty() {
        vec![("none".to_owned(), None, None)]
    } else {
        names
            .iter()
            .map(|n| (n.clone(), find(&old_analysis, n), find(&new_analysis, n)))
            .collect()
    };
    for (name, old_scenario, new_scenario) in pairs {
        if name != "none" && (old_scenario.is_none() || new_scenario.is_none()) {
            return Err(format!("scenario `{name}` is not in both versions"));
        }
        let before = clausec::ledger(&old_analysis, old_scenario.as_ref());
        let after = clausec::ledger(&new_analysis, new_scenario.as_ref());
        let changes = clausec::report::diff::compare(&before, &after);
        if changes.is_empty() {
            stdout.push_str(&format!("scenario {name}: no change\n"));
            continue;
        }
        changed = true;
        stdout.push_str(&format!("scenario {name}:\n"));
        for change in changes {
            stdout.push_str(&format!("  {}\n", change.describe()));
        }
    }
    Ok(Outcome {
        stdout,
        code: u8::from(changed),
    })
}

/// An agreement folder as it was at a git revision, written to a temporary
/// folder that is removed when this is dropped.
struct GitCheckout {
    dir: PathBuf,
}

impl GitCheckout {
    fn of(rev: &str, agreement: &std::path::Path) -> Result<GitCheckout, String> {
        let shown = agreement.to_string_lossy().into_owned();
        let listing = git(&["ls-tree", "-r", "--name-only", rev, "--", &shown])?;
        let files: Vec<&str> = listing.lines().collect();
        if files.is_empty() {
            return Err(format!("`{shown}` is not in revision `{rev}`"));
        }
        let dir = std::env::temp_dir().join(format!("clausec-diff-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let checkout = GitCheckout { dir };
        for file in files {
            let relative = std::path::Path::new(file)
                .strip_prefix(agreement)
                .unwrap_or(std::path::Path::new(file));
            let content = git_bytes(&["show", &format!("{rev}:./{file}")])?;
            let target = checkout.dir.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(&target, content).map_err(|e| e.to_string())?;
        }
        Ok(checkout)
    }
}

impl Drop for GitCheckout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn git_bytes(args: &[&str]) -> Result<Vec<u8>, String> {
    let output = std::process::Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}

fn git(args: &[&str]) -> Result<String, String> {
    git_bytes(args).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}
