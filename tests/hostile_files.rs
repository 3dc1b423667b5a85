//! Agreement folders and git revisions built to make clausec read or write
//! outside the folder it was given (issue 18, items 6 to 8): links out of
//! the folder, named pipes, planted temporary names, hard links, read-only
//! files, crafted git trees. Each is generated here, in a temporary
//! directory. In every case the outside file's words never appear in any
//! output, and nothing outside the folder is written.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{copy_dir, LETTER};
use serde_json::Value;
use std::fs;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The words of a file outside the folder: they must never be printed.
const SECRET: &str = "TOPSECRET-outside-words";

/// Runs clausec in `cwd` with extra environment variables, killing it after
/// 5 s (a named pipe used to make it wait for ever): no hang, no panic.
fn clausec_in(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_clausec"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`clausec {args:?}` did not finish in 5 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "`clausec {args:?}`:\n{stderr}"
    );
    output
}

fn clausec(args: &[&str]) -> Output {
    clausec_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, &[])
}

/// Standard output and error together.
fn everything(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_no_secret(output: &Output) {
    let text = everything(output);
    assert!(!text.contains(SECRET), "the outside file was read:\n{text}");
}

/// A copy of the bundled letter at `tmp/name`.
fn letter_in(tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join(name);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(LETTER), &dir);
    dir
}

/// A file outside every agreement folder, holding [`SECRET`] in a line
/// that a diagnostic would quote if the file were read as a clause.
fn secret_in(tmp: &Path) -> PathBuf {
    let path = tmp.join("credentials");
    fs::write(&path, format!("aws_secret_access_key = {SECRET}\n")).unwrap();
    path
}

/// `check --format json` on a folder: exit 1, and the diagnostic with
/// `code` whose file ends in `file`.
fn check_refuses(dir: &Path, file: &str, code: &str) -> Value {
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_no_secret(&output);
    assert_eq!(output.status.code(), Some(1), "{}", everything(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code && d["file"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("no {code} on {file} in {report:#}"))
        .clone()
}

/// The text reports of `check` and `obligations` on a folder, which must
/// not quote the outside file either.
fn assert_text_reports_quiet(dir: &Path) {
    for args in [
        vec!["check", dir.to_str().unwrap()],
        vec!["obligations", dir.to_str().unwrap()],
    ] {
        let output = clausec(&args);
        assert_no_secret(&output);
        assert_eq!(output.status.code(), Some(1), "{}", everything(&output));
    }
}

// ---- item 6: every file an agreement reads is an ordinary file inside it ----

#[test]
fn clause_and_scenario_files_linked_out_of_the_folder_are_refused_unread() {
    let tmp = TempDir::new().unwrap();
    let secret = secret_in(tmp.path());
    for (n, link) in ["stolen.clause", "scenarios/stolen.scenario"]
        .iter()
        .enumerate()
    {
        let dir = letter_in(tmp.path(), &format!("letter{n}"));
        symlink(&secret, dir.join(link)).unwrap();
        let found = check_refuses(&dir, link, "clausec::input::refused_file");
        let message = found["message"].as_str().unwrap();
        assert!(
            message.contains("leads out of the agreement folder"),
            "{found:#}"
        );
        assert!(found["help"].as_str().unwrap().contains("copy the file"));
        assert_text_reports_quiet(&dir);
    }
}

#[test]
fn a_linked_scenarios_folder_that_leads_out_is_not_listed_or_read() {
    let tmp = TempDir::new().unwrap();
    let dir = letter_in(tmp.path(), "letter");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(
        elsewhere.join("private-name.scenario"),
        format!("{SECRET}\n"),
    )
    .unwrap();
    fs::remove_dir_all(dir.join("scenarios")).unwrap();
    symlink(&elsewhere, dir.join("scenarios")).unwrap();
    let found = check_refuses(&dir, "scenarios", "clausec::input::refused_file");
    assert!(found["message"].as_str().unwrap().contains("folder"));
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert!(!everything(&output).contains("private-name"));
    assert_text_reports_quiet(&dir);
}

#[test]
#[cfg(target_os = "linux")]
fn a_link_to_the_process_environment_is_refused_unread() {
    let tmp = TempDir::new().unwrap();
    let dir = letter_in(tmp.path(), "letter");
    symlink("/proc/self/environ", dir.join("environ.clause")).unwrap();
    let output = clausec_in(
        tmp.path(),
        &["check", dir.to_str().unwrap()],
        &[("CLAUSEC_TEST_TOKEN", SECRET)],
    );
    assert_no_secret(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(everything(&output).contains("clausec::input::refused_file"));
}

#[test]
fn a_link_that_stays_inside_the_folder_is_read() {
    let tmp = TempDir::new().unwrap();
    let dir = letter_in(tmp.path(), "letter");
    fs::rename(dir.join("scenarios"), dir.join("cases")).unwrap();
    symlink("cases", dir.join("scenarios")).unwrap();
    fs::rename(dir.join("2.clause"), dir.join("cases/two.txt")).unwrap();
    symlink("cases/two.txt", dir.join("2.clause")).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", everything(&output));
    let ledger = clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        "late_installment",
    ]);
    assert_eq!(ledger.status.code(), Some(0), "{}", everything(&ledger));
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_named_pipe_in_the_folder_is_refused_without_waiting() {
    let tmp = TempDir::new().unwrap();
    let dir = letter_in(tmp.path(), "letter");
    mkfifo(&dir.join("6.clause"));
    let found = check_refuses(&dir, "6.clause", "clausec::input::refused_file");
    assert!(found["message"]
        .as_str()
        .unwrap()
        .contains("not an ordinary file"));
    // The source document too.
    let dir = letter_in(tmp.path(), "letter2");
    fs::remove_file(dir.join("source.txt")).unwrap();
    mkfifo(&dir.join("source.txt"));
    let found = check_refuses(&dir, "agreement.clause", "clausec::check::missing_source");
    assert!(found["message"]
        .as_str()
        .unwrap()
        .contains("is not an ordinary file"));
    // And `fmt` named the pipe, which it never opens.
    let pipe = dir.join("source.clause");
    mkfifo(&pipe);
    let output = clausec(&["fmt", pipe.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", everything(&output));
}

// ---- item 7: fmt writes only the file it formats, and keeps it what it was ----

const AGREEMENT: &str = "agreement \"A letter\"\n  dated June 6, 2002\n\n\
party company \"IEC Electronics Corp.\"\nparty employee \"Thomas W. Lovelock\"\n";

/// A clause that parses but is not laid out the canonical way.
const MESSY: &str =
    "clause 2 \"Payment\"\n      company pays employee $10,000\n               on June 30, 2002\n";

/// A folder with the agreement header and the messy clause as `name`.
fn messy_folder(tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join("agreement");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("agreement.clause"), AGREEMENT).unwrap();
    fs::write(dir.join(name), MESSY).unwrap();
    dir
}

fn fmt(paths: &[&Path]) -> Output {
    let mut args = vec!["fmt"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    clausec(&args)
}

#[test]
fn fmt_never_writes_through_a_planted_temporary_name() {
    let tmp = TempDir::new().unwrap();
    let dir = messy_folder(tmp.path(), "2.clause");
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "the victim's own words\n").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o600)).unwrap();
    // The name the old fmt always used for its temporary file.
    let planted = dir.join(".2.clause.clausec-fmt");
    symlink(&victim, &planted).unwrap();
    let output = fmt(&[&dir.join("2.clause")]);
    assert_eq!(output.status.code(), Some(0), "{}", everything(&output));
    assert_eq!(
        fs::read_to_string(&victim).unwrap(),
        "the victim's own words\n"
    );
    assert_eq!(
        fs::metadata(&victim).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(fs::read_link(&planted).unwrap(), victim);
    let clause = dir.join("2.clause");
    assert!(!fs::symlink_metadata(&clause).unwrap().is_symlink());
    assert_ne!(fs::read_to_string(&clause).unwrap(), MESSY);
    assert!(everything(&output).contains("formatted:"));
}

/// Runs fmt on one messy file and asserts it was refused with `why` and
/// left exactly as it was.
fn assert_fmt_refuses(path: &Path, why: &str) {
    let before = fs::read(path).unwrap();
    let output = fmt(&[path]);
    let text = everything(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("not formatted:") && text.contains(why),
        "{text}"
    );
    assert_eq!(fs::read(path).unwrap(), before);
}

#[test]
fn fmt_does_not_replace_a_symbolic_link_named_on_the_command_line() {
    let tmp = TempDir::new().unwrap();
    let dir = messy_folder(tmp.path(), "2.clause");
    let link = dir.join("3.clause");
    symlink("2.clause", &link).unwrap();
    assert_fmt_refuses(&link, "symbolic link");
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(fs::read_to_string(dir.join("2.clause")).unwrap(), MESSY);
    // `--check` only reads, so it reads through the link.
    let check = clausec(&["fmt", "--check", link.to_str().unwrap()]);
    assert!(everything(&check).contains("would reformat"));
}

#[test]
fn fmt_does_not_split_a_file_with_other_names() {
    let tmp = TempDir::new().unwrap();
    let dir = messy_folder(tmp.path(), "2.clause");
    let other = tmp.path().join("other-name.clause");
    fs::hard_link(dir.join("2.clause"), &other).unwrap();
    assert_fmt_refuses(&dir.join("2.clause"), "hard links");
    let (a, b) = (
        fs::metadata(dir.join("2.clause")).unwrap(),
        fs::metadata(&other).unwrap(),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
}

#[test]
fn fmt_does_not_rewrite_a_read_only_file() {
    let tmp = TempDir::new().unwrap();
    let dir = messy_folder(tmp.path(), "2.clause");
    let path = dir.join("2.clause");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    assert_fmt_refuses(&path, "read-only");
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn fmt_keeps_a_files_permissions_and_owner() {
    let tmp = TempDir::new().unwrap();
    let dir = messy_folder(tmp.path(), "2.clause");
    let path = dir.join("2.clause");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file to someone else: that is when fmt, run as
    // root, used to hand the lawyer's file to root.
    let as_root = std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_ok();
    let output = fmt(&[&path]);
    assert_eq!(output.status.code(), Some(0), "{}", everything(&output));
    let metadata = fs::metadata(&path).unwrap();
    assert_ne!(fs::read_to_string(&path).unwrap(), MESSY);
    assert_eq!(metadata.permissions().mode() & 0o777, 0o640);
    if as_root {
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 4321));
    }
}

#[test]
fn fmt_reports_every_file_it_formatted_when_a_later_one_fails() {
    let tmp = TempDir::new().unwrap();
    let dir = messy_folder(tmp.path(), "a.clause");
    fs::write(dir.join("b.clause"), MESSY.replace("clause 2", "clause 3")).unwrap();
    fs::write(dir.join("c.clause"), MESSY.replace("clause 2", "clause 4")).unwrap();
    // A folder where the old fmt put b's temporary file made its write fail,
    // and the report of a.clause, already rewritten, was never printed.
    fs::create_dir(dir.join(".b.clause.clausec-fmt")).unwrap();
    fs::set_permissions(dir.join("c.clause"), fs::Permissions::from_mode(0o444)).unwrap();
    let output = fmt(&[&dir]);
    let text = everything(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for line in [
        format!("formatted: {}/a.clause", dir.display()),
        format!("formatted: {}/b.clause", dir.display()),
        format!("not formatted: {}/c.clause: it is read-only", dir.display()),
    ] {
        assert!(text.contains(&line), "no `{line}` in:\n{text}");
    }
}

#[test]
fn fmt_does_not_lose_an_edit_saved_while_it_worked() {
    let tmp = TempDir::new().unwrap();
    let dir = messy_folder(tmp.path(), "2.clause");
    let path = dir.join("2.clause");
    let read = clausec::load::read_for_format(&path).unwrap().unwrap();
    // The lawyer saves an edit after fmt read the file, before it renames.
    let edited = MESSY.replace("$10,000", "$12,000");
    fs::write(&path, &edited).unwrap();
    let formatted = clausec::syntax::format::format_text(&read.text);
    let result = clausec::load::replace_formatted(&path, &read, &formatted);
    match result {
        Err(clausec::load::WriteError::Refused(why)) => assert!(why.contains("changed"), "{why}"),
        other => panic!("the edit was not kept: {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("clausec-fmt"))
        .collect();
    assert!(leftovers.is_empty());
}

// ---- item 8: diff --git reads the revision in memory, confined ----

fn git(cwd: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// Pipes `input` into git (for `mktree`): its output.
fn git_with_input(cwd: &Path, args: &[&str], input: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// A git repository holding the letter as `name`, committed.
fn repo_with_letter(tmp: &Path, name: &str) -> PathBuf {
    let repo = tmp.join("repo");
    fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    letter_in(&repo, name);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "the letter"]);
    repo
}

/// A folder for `TMPDIR`, to see that nothing is written there.
fn empty_tmpdir(tmp: &Path) -> PathBuf {
    let dir = tmp.join("tmpdir");
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn assert_empty(dir: &Path) {
    let left: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(left.is_empty(), "written outside the folder: {left:?}");
}

#[test]
fn diff_git_writes_no_temporary_folder() {
    let tmp = TempDir::new().unwrap();
    let repo = repo_with_letter(tmp.path(), "letter");
    let tmpdir = empty_tmpdir(tmp.path());
    let args = ["diff", "--git", "HEAD", "letter", "--scenario", "base"];
    let output = clausec_in(&repo, &args, &[("TMPDIR", tmpdir.to_str().unwrap())]);
    assert_eq!(output.status.code(), Some(0), "{}", everything(&output));
    assert!(everything(&output).contains("scenario base: no change"));
    assert_empty(&tmpdir);
    // Not even a place where a temporary folder could go is needed.
    let not_a_folder = tmp.path().join("not-a-folder");
    fs::write(&not_a_folder, "").unwrap();
    let output = clausec_in(&repo, &args, &[("TMPDIR", not_a_folder.to_str().unwrap())]);
    assert_eq!(output.status.code(), Some(0), "{}", everything(&output));
}

#[test]
fn diff_git_takes_the_agreement_however_it_is_written() {
    let tmp = TempDir::new().unwrap();
    let repo = repo_with_letter(tmp.path(), "lettre-signée");
    fs::create_dir(repo.join("sub")).unwrap();
    let absolute = repo.join("lettre-signée");
    for (cwd, path) in [
        (repo.clone(), "lettre-signée"),
        (repo.clone(), "./lettre-signée"),
        (repo.clone(), "lettre-signée/"),
        (repo.clone(), "sub/../lettre-signée"),
        (repo.join("sub"), "../lettre-signée"),
        (repo.join("lettre-signée"), "."),
        (tmp.path().to_path_buf(), absolute.to_str().unwrap()),
    ] {
        let args = ["diff", "--git", "HEAD", path, "--scenario", "base"];
        let output = clausec_in(&cwd, &args, &[]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{path} in {}: {}",
            cwd.display(),
            everything(&output)
        );
        assert!(everything(&output).contains("scenario base: no change"));
    }
}

#[test]
fn diff_git_never_follows_a_crafted_dot_dot_entry_out_of_the_folder() {
    let tmp = TempDir::new().unwrap();
    let repo = repo_with_letter(tmp.path(), "letter");
    let tmpdir = empty_tmpdir(tmp.path());
    // A tree that git itself would never make: `letter/..` holding a clause
    // file, which extracting the revision used to write outside its folder.
    let blob = git_with_input(
        &repo,
        &["hash-object", "-w", "--stdin"],
        &format!("{SECRET}\n"),
    );
    let escaped = git_with_input(
        &repo,
        &["mktree"],
        &format!("100644 blob {blob}\tescaped.clause\n"),
    );
    let letter = git(&repo, &["ls-tree", "HEAD:letter"]);
    let letter = git_with_input(
        &repo,
        &["mktree"],
        &format!("{letter}\n040000 tree {escaped}\t..\n"),
    );
    // The same name at the top, so that git finds `letter/../escaped.clause`.
    let root = git_with_input(
        &repo,
        &["mktree"],
        &format!("100644 blob {blob}\tescaped.clause\n040000 tree {letter}\tletter\n"),
    );
    let commit = git(
        &repo,
        &["commit-tree", &root, "-p", "HEAD", "-m", "crafted"],
    );
    let args = ["diff", "--git", &commit, "letter", "--scenario", "base"];
    let output = clausec_in(&repo, &args, &[("TMPDIR", tmpdir.to_str().unwrap())]);
    assert_no_secret(&output);
    assert_eq!(output.status.code(), Some(0), "{}", everything(&output));
    assert_empty(&tmpdir);
    assert!(!tmp.path().join("escaped.clause").exists());
}

#[test]
fn diff_git_refuses_a_link_and_an_oversized_file_in_the_revision() {
    let tmp = TempDir::new().unwrap();
    let repo = repo_with_letter(tmp.path(), "letter");
    let secret = secret_in(tmp.path());
    symlink(&secret, repo.join("letter/stolen.clause")).unwrap();
    let big = "# padding\n".repeat((clausec::source::MAX_FILE_BYTES / 10 + 1) as usize);
    fs::write(repo.join("letter/huge.clause"), big).unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "a link and a large file"]);
    fs::remove_file(repo.join("letter/stolen.clause")).unwrap();
    fs::remove_file(repo.join("letter/huge.clause")).unwrap();
    let output = clausec_in(&repo, &["diff", "--git", "HEAD", "letter"], &[]);
    let text = everything(&output);
    assert_no_secret(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("the old version has errors"), "{text}");
    assert!(text.contains("HEAD:letter/stolen.clause"), "{text}");
    assert!(text.contains("symbolic link"), "{text}");
    assert!(text.contains("HEAD:letter/huge.clause"), "{text}");
    assert!(text.contains("larger than 8 MiB"), "{text}");
}

#[test]
fn diff_git_never_passes_the_revision_to_git_as_an_option() {
    let tmp = TempDir::new().unwrap();
    let repo = repo_with_letter(tmp.path(), "letter");
    let marker = tmp.path().join("marker");
    let option = format!("--output={}", marker.display());
    let output = clausec_in(&repo, &["diff", &format!("--git={option}"), "letter"], &[]);
    let text = everything(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains(&format!("`{option}` is not a revision")),
        "{text}"
    );
    assert!(!marker.exists());
}
