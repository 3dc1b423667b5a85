//! The real binary's `clausec agenda` (every deadline and payment of many
//! agreements, in date order) and the CSV of `obligations` and `agenda`:
//! what a docketing clerk reads, the figures against the contract and the
//! JSON ledger, and hostile input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{agreement_of, clausec, json, stdout, LETTER};
use serde_json::Value;
use std::collections::BTreeMap;

/// The severance: six months of a $250,000.00 salary (base scenario),
/// $125,000.00 in six monthly installments: 125,000 / 6 = 20,833.333...,
/// rounded half up to $20,833.33, the last taking the remainder
/// (125,000.00 − 5 × 20,833.33 = 20,833.35). Month-ends from September 30,
/// 2002: September 30, October 31, November 30, December 31 fall in the
/// autumn of 2002.
const AUTUMN_2002: [(&str, &str, &str); 4] = [
    ("2002-09-30", "20833.33", "installment 1 of 6"),
    ("2002-10-31", "20833.33", "installment 2 of 6"),
    ("2002-11-30", "20833.33", "installment 3 of 6"),
    ("2002-12-31", "20833.33", "installment 4 of 6"),
];

#[test]
fn the_letters_installments_of_autumn_2002_are_listed_in_date_order() {
    // No path: the agenda of `clauses/` (its folders are named below).
    let output = clausec(&[
        "agenda",
        "--from",
        "2002-09-01",
        "--to",
        "2002-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let agenda = json(&output);
    let items = agenda["items"].as_array().unwrap();
    let letter: Vec<&Value> = items
        .iter()
        .filter(|i| i["folder"] == "clauses/lovelock-severance")
        .collect();
    assert_eq!(letter.len(), AUTUMN_2002.len(), "{items:#?}");
    for (item, (date, amount, instance)) in letter.iter().zip(AUTUMN_2002) {
        assert_eq!(item["date"], date);
        assert_eq!(item["event"], "due");
        assert_eq!(item["clause"], "2(b)");
        assert_eq!(item["amount"], amount);
        assert_eq!(item["instance"], instance);
        assert_eq!(item["obligor_name"], "IEC Electronics Corp.");
        assert_eq!(item["obligee_name"], "Thomas W. Lovelock");
        assert_eq!(item["scenario"], "base");
        // Base: every payment made on its due date.
        assert_eq!(item["status"], "paid");
    }
    // Every item of every agreement, in date order.
    let dates: Vec<&str> = items.iter().map(|i| i["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    assert!(dates
        .iter()
        .all(|d| ("2002-09-01"..="2002-12-31").contains(d)));
    // Which scenario each agreement used, and the date of its statuses:
    // none for an agreement with no scenario that states no date.
    let agreement = |folder: &str| {
        agenda["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["folder"] == folder)
            .unwrap()
            .clone()
    };
    let letter = agreement("clauses/lovelock-severance");
    assert_eq!(letter["scenario"], "base");
    assert_eq!(letter["scenario_choice"], "base");
    assert_eq!(letter["as_of"], "2003-06-30");
    let undated = agreement("clauses/accord-fixed-interests");
    assert_eq!(undated["scenario"], "none");
    assert_eq!(undated["scenario_choice"], "text_alone");
    assert_eq!(undated["as_of"], Value::Null);
    // The lathe's purchase order is dated April 1, 2025 and has no scenario.
    assert_eq!(
        agreement("clauses/lathe-purchase-order")["as_of"],
        "2025-04-01"
    );
}

#[test]
fn agenda_text_of_the_bundled_agreements_autumn_2002() {
    let output = clausec(&[
        "agenda",
        "clauses/",
        "--from",
        "2002-09-01",
        "--to",
        "2002-12-31",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    // The installments in date order, under the scenario named.
    let positions: Vec<usize> = AUTUMN_2002
        .iter()
        .map(|(_, _, instance)| {
            let line =
                format!("$20,833.33 · IEC Electronics Corp. → Thomas W. Lovelock · {instance}");
            text.find(&line).unwrap()
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.contains(
        "clauses/lovelock-severance: T. Lovelock Severance Agreement\n      scenario base, status as of June 30, 2003"
    ));
    insta::assert_snapshot!(text);
}

#[test]
fn agenda_text_of_the_bundled_agreements_may_to_july_2025() {
    let output = clausec(&[
        "agenda",
        "clauses/",
        "--from",
        "2025-05-01",
        "--to",
        "2025-07-31",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    // The lathe's delivery (clause 3, due May 2, 2025) has no amount: the
    // item says which duty it is.
    assert!(text.contains(
        "performance due · Harrow Machine Works LLC → Delmont Fabrication Inc. · seller performs for buyer: delivery of the Lathe to Buyer's plant"
    ), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_named_scenario_is_used_where_it_exists_and_the_agenda_says_so() {
    let output = clausec(&[
        "agenda",
        LETTER,
        "clauses/harbor-note",
        "--scenario",
        "late-installment",
        "--from",
        "2002-10-01",
        "--to",
        "2002-10-31",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("scenario late_installment, status as of June 30, 2003"),
        "{text}"
    );
    assert!(
        text.contains("clauses/harbor-note: scenario base (it has no scenario late_installment)"),
        "{text}"
    );
    // The October installment paid on November 25: 25 days at 18% a year,
    // actual/365: 20,833.33 × 0.18 × 25 / 365 = 256.849... → $256.85.
    assert!(text.contains("paid late on November 25, 2002"), "{text}");
    assert!(
        text.contains("late interest $256.85: October 31, 2002 to November 25, 2002, 25 days"),
        "{text}"
    );
}

#[test]
fn periods_begin_and_end_and_what_is_not_triggered_or_lapsed_is_left_out() {
    let agenda = json(&clausec(&["agenda", LETTER, "--format", "json"]));
    let items = agenda["items"].as_array().unwrap();
    let on = |id: &str, event: &str| {
        items
            .iter()
            .filter(|i| i["id"] == id && i["event"] == event)
            .map(|i| i["date"].as_str().unwrap())
            .collect::<Vec<_>>()
    };
    // 2(c): insurance "through March 31, 2003", from the letter's date.
    assert_eq!(on("2(c).insurance", "begins"), ["2002-06-06"]);
    assert_eq!(on("2(c).insurance", "ends"), ["2003-03-31"]);
    assert!(on("2(c).insurance", "due").is_empty());
    // The notice of outside compensation (June 6, 2002 to March 31, 2003)
    // is not triggered under base: no compensation is received. Its two
    // dates are left out, and counted.
    assert!(items.iter().all(|i| i["id"] != "2(b).compensation_notice"));
    assert_eq!(agenda["agreements"][0]["left_out"], 2);
    // Unsigned, the offer lapsed: only the missed acceptance is left.
    let text = stdout(&clausec(&["agenda", LETTER, "--scenario", "unsigned"]));
    assert!(
        text.contains("scenario unsigned, status as of June 30, 2003 · 1 item;"),
        "{text}"
    );
    assert!(
        text.contains("acceptance due · Thomas W. Lovelock → IEC Electronics Corp. · employee signs and returns a copy of this Letter by 1:30 p.m. on June 6, 2002\n      missed"),
        "{text}"
    );
}

#[test]
fn as_of_reports_every_status_at_that_date() {
    let output = clausec(&[
        "agenda",
        LETTER,
        "--as-of",
        "2002-10-15",
        "--from",
        "2002-09-01",
        "--to",
        "2002-10-31",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("status as of October 15, 2002"), "{text}");
    // Base pays each installment on its due date: September's is paid by
    // October 15, October's not yet due.
    assert!(
        text.contains("installment 1 of 6\n      paid on September 30, 2002"),
        "{text}"
    );
    assert!(
        text.contains("installment 2 of 6\n      not yet due"),
        "{text}"
    );
}

#[test]
fn a_scenario_no_agreement_has_is_a_usage_error_with_a_suggestion() {
    let output = clausec(&["agenda", LETTER, "--scenario", "late_instalment"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no agreement under these paths has a scenario `late_instalment`; did you mean `late_installment`?"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_bad_date_is_a_usage_error() {
    for (flag, value) in [
        ("--from", "2002-13-01"),
        ("--to", "September 1, 2002"),
        ("--as-of", "20000-01-01"),
    ] {
        let output = clausec(&["agenda", LETTER, flag, value]);
        assert_eq!(output.status.code(), Some(2), "{flag} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "`{flag} {value}` is not a date from the year 1 to 9999; write it as 2003-06-30"
            )),
            "{stderr}"
        );
        assert!(output.stdout.is_empty());
    }
    let output = clausec(&[
        "agenda",
        LETTER,
        "--from",
        "2003-01-01",
        "--to",
        "2002-01-01",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("`--from 2003-01-01` is after `--to 2002-01-01`"));
    let output = clausec(&["agenda", "no/such/folder"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_folder_that_is_not_an_agreement_is_reported_and_the_others_still_listed() {
    let empty = common::scratch_dir();
    std::fs::create_dir_all(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    let output = clausec(&[
        "agenda",
        LETTER,
        empty,
        "--from",
        "2002-09-01",
        "--to",
        "2002-09-30",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("holds no clause files"), "{stderr}");
    assert!(
        stderr.contains("left out of the agenda: problems found in 1 agreement: 1 error"),
        "{stderr}"
    );
    let text = stdout(&output);
    assert!(
        text.contains(&format!("{empty}: left out, it has errors")),
        "{text}"
    );
    assert!(text.contains("installment 1 of 6"), "{text}");
    // Nothing but the agenda on standard output: the CSV stays a CSV.
    let output = clausec(&["agenda", LETTER, empty, "--format", "csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("date,event,folder,record,"));
    assert!(!stdout(&output).contains("no clause files"));
}

#[test]
fn the_same_agenda_whatever_the_number_of_threads() {
    let args = |jobs: &'static str| {
        [
            "agenda",
            "clauses/harbor-note",
            "clauses/kestrel-press-lease",
            "clauses/lathe-purchase-order",
            LETTER,
            "--format",
            "csv",
            "--jobs",
            jobs,
        ]
    };
    let one = clausec(&args("1"));
    let four = clausec(&args("4"));
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, four.stdout);
}

// ---- CSV -------------------------------------------------------------------

/// The rows of a CSV document read by the `csv` crate's reader, each as a
/// map from its column's name.
fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .map(str::to_owned)
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// A JSON value as the CSV writes it: a string as it is, `null` empty.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn the_ledger_csv_has_one_row_per_instance_and_per_remedy_as_in_the_json() {
    let args = ["obligations", LETTER, "--scenario", "late_installment"];
    let csv_output = clausec(&[&args[..], &["--format", "csv"]].concat());
    assert_eq!(csv_output.status.code(), Some(0));
    let text = stdout(&csv_output);
    assert!(
        text.ends_with("\r\n"),
        "RFC 4180 ends every record with CRLF"
    );
    let rows = csv_rows(&text);
    let ledger = json(&clausec(&[&args[..], &["--format", "json"]].concat()));
    let entries = ledger["obligations"].as_array().unwrap();

    let obligations: Vec<_> = rows
        .iter()
        .filter(|r| r["record"] == "obligation")
        .collect();
    assert_eq!(obligations.len(), entries.len());
    for (row, entry) in obligations.iter().zip(entries) {
        for column in [
            "id",
            "clause",
            "kind",
            "obligor",
            "obligee",
            "amount",
            "currency",
            "due",
            "start",
            "end",
            "status",
            "paid",
            "paid_on",
            "outstanding",
            "offset",
        ] {
            assert_eq!(
                row[column],
                cell(&entry[column]),
                "{column} of {}",
                row["id"]
            );
        }
        assert_eq!(row["scenario"], "late_installment");
        assert_eq!(row["as_of"], "2003-06-30");
    }
    let remedies: Vec<_> = rows.iter().filter(|r| r["record"] == "remedy").collect();
    let json_remedies: Vec<(&Value, &Value)> = entries
        .iter()
        .flat_map(|e| {
            e["remedies"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |r| (e, r))
        })
        .collect();
    assert_eq!(remedies.len(), json_remedies.len());
    assert_eq!(rows.len(), entries.len() + json_remedies.len());
    for (row, (entry, remedy)) in remedies.iter().zip(&json_remedies) {
        assert_eq!(row["id"], cell(&entry["id"]));
        assert_eq!(row["remedy"], cell(&remedy["kind"]));
        assert_eq!(row["amount"], cell(&remedy["amount"]));
        assert_eq!(row["remedy_from"], cell(&remedy["from"]));
        assert_eq!(row["remedy_to"], cell(&remedy["to"]));
    }
    // The October installment, paid 25 days late: $256.85 of interest
    // (20,833.33 × 0.18 × 25 / 365 = 256.849...), right after its row.
    let at = rows
        .iter()
        .position(|r| r["id"] == "2(b).severance[2]")
        .unwrap();
    assert_eq!(rows[at]["status"], "paid_late");
    assert_eq!(rows[at]["paid_on"], "2002-11-25");
    assert_eq!(rows[at + 1]["record"], "remedy");
    assert_eq!(rows[at + 1]["amount"], "256.85");
    assert_eq!(rows[at + 1]["remedy_rate"], "0.18");
    assert_eq!(rows[at + 1]["remedy_days"], "25");
    assert_eq!(rows[at]["obligor_name"], "IEC Electronics Corp.");
    // The last installment takes the remainder: 125,000.00 − 5 × 20,833.33.
    let last = rows
        .iter()
        .find(|r| r["id"] == "2(b).severance[6]")
        .unwrap();
    assert_eq!(last["amount"], "20833.35");
}

#[test]
fn the_agenda_csv_has_one_row_per_item_and_per_remedy_as_in_the_json() {
    let args = [
        "agenda",
        "clauses/",
        "--scenario",
        "late_installment",
        "--to",
        "2003-12-31",
    ];
    let rows = csv_rows(&stdout(&clausec(
        &[&args[..], &["--format", "csv"]].concat(),
    )));
    let agenda = json(&clausec(&[&args[..], &["--format", "json"]].concat()));
    let items = agenda["items"].as_array().unwrap();
    let item_rows: Vec<_> = rows
        .iter()
        .filter(|r| r["record"] == "obligation")
        .collect();
    assert_eq!(item_rows.len(), items.len());
    for (row, item) in item_rows.iter().zip(items) {
        for column in [
            "date",
            "event",
            "folder",
            "agreement",
            "scenario",
            "id",
            "amount",
            "status",
            "obligor_name",
            "obligee_name",
            "paid_on",
        ] {
            assert_eq!(
                row[column],
                cell(&item[column]),
                "{column} of {}",
                row["id"]
            );
        }
    }
    let remedies: usize = items
        .iter()
        .map(|i| i["remedies"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), items.len() + remedies);
    assert!(rows
        .iter()
        .any(|r| r["record"] == "remedy" && r["amount"] == "256.85"));
}

#[test]
fn no_cell_of_the_csv_opens_as_a_formula() {
    // The other side of a deal names the parties and writes the titles.
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"=1+2, a title\"\n  dated January 2, 2024\n\n\
             party lender \"@SUM(1+1)*cmd|' /C calc'!A0\"\nparty borrower \"+1-2 Borrower\"\n",
        ),
        (
            "1.clause",
            "clause 1 \"-2+3 terms\"\n  repay: borrower pays lender $1,000.00 on March 1, 2024\n",
        ),
        (
            "scenarios/base.scenario",
            "scenario base \"Base\"\n  as of December 31, 2024\n",
        ),
    ]);
    let dir = dir.to_str().unwrap();
    for args in [
        vec!["obligations", dir, "--format", "csv"],
        vec!["agenda", dir, "--format", "csv"],
    ] {
        let output = clausec(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let rows = csv_rows(&stdout(&output));
        assert!(!rows.is_empty());
        for row in &rows {
            for (column, value) in row {
                let formula =
                    value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err();
                assert!(!formula, "{column} = {value:?} would open as a formula");
            }
            // Neutralised, not lost: the text follows the mark.
            assert_eq!(row["agreement"], "'=1+2, a title");
            assert_eq!(row["clause_title"], "'-2+3 terms");
            assert_eq!(row["obligor_name"], "'+1-2 Borrower");
            assert_eq!(row["obligee_name"], "'@SUM(1+1)*cmd|' /C calc'!A0");
            // A figure is a number, not text: left as it is.
            assert_eq!(row["amount"], "1000.00");
        }
    }
}

// ---- iCalendar ---------------------------------------------------------------

#[test]
fn the_agenda_as_icalendar_has_one_short_titled_event_per_item() {
    let args = [
        "agenda",
        "clauses/",
        "--from",
        "2002-09-01",
        "--to",
        "2002-12-31",
    ];
    let ics = stdout(&clausec(&[&args[..], &["--format", "ics"]].concat()));
    let agenda = json(&clausec(&[&args[..], &["--format", "json"]].concat()));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'));
    }
    // Unfolded (RFC 5545, 3.1): a line break and a space join two lines.
    let unfolded = ics.replace("\r\n ", "");
    let events = unfolded.matches("BEGIN:VEVENT").count();
    assert_eq!(events, agenda["items"].as_array().unwrap().len());
    for field in [
        "UID:",
        "DTSTAMP:",
        "DTSTART;VALUE=DATE:",
        "DTEND;VALUE=DATE:",
        "SUMMARY:",
    ] {
        assert_eq!(
            unfolded.matches(&format!("\r\n{field}")).count(),
            events,
            "{field}"
        );
    }
    for summary in unfolded.lines().filter_map(|l| l.strip_prefix("SUMMARY:")) {
        assert!(summary.chars().count() < 100, "{summary}");
    }
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20021031\r\nDTEND;VALUE=DATE:20021101\r\nSUMMARY:2(b) payment due $20\\,833.33 — T. Lovelock Severance Agreement\r\n"));
}

// ---- xlsx ----------------------------------------------------------------------

/// The first sheet of a workbook, as a reader other than clausec's writer
/// reads it (calamine), row by row.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = workbook.worksheet_range(name).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

/// A file of the workbook's zip archive, as text.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// An Excel serial day (days since December 30, 1899, for dates from
/// March 1, 1900) as an ISO date.
fn excel_day(serial: f64) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (epoch + chrono::Days::new(serial as u64)).to_string()
}

/// A workbook cell as the CSV writes the same value.
fn as_csv(column: &str, cell: &calamine::Data) -> String {
    use calamine::Data;
    let money = ["amount", "paid", "outstanding", "offset"];
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::DateTime(day) => excel_day(day.as_f64()),
        Data::Float(f) if money.contains(&column) => format!("{f:.2}"),
        Data::Float(f) => f.to_string(),
        other => panic!("{column}: unexpected {other:?}"),
    }
}

#[test]
fn the_ledger_workbook_holds_the_csvs_rows_as_typed_cells_under_a_frozen_header() {
    let args = ["obligations", LETTER, "--scenario", "late_installment"];
    let csv_rows = csv_rows(&stdout(&clausec(
        &[&args[..], &["--format", "csv"]].concat(),
    )));
    let output = clausec(&[&args[..], &["--format", "xlsx"]].concat());
    assert_eq!(output.status.code(), Some(0));
    let rows = sheet(&output.stdout, "Ledger");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, clausec::report::table::LEDGER_COLUMNS);
    assert_eq!(rows.len() - 1, csv_rows.len());
    for (row, csv_row) in rows[1..].iter().zip(&csv_rows) {
        for (column, cell) in header.iter().zip(row) {
            assert_eq!(
                as_csv(column, cell),
                csv_row[column],
                "{column} of {}",
                csv_row["id"]
            );
        }
    }
    // The October installment's cells are a date and numbers, not text:
    // due October 31, 2002; $20,833.33; late interest $256.85 at 0.18 for
    // 25 days (20,833.33 × 0.18 × 25 / 365 = 256.849...).
    let at = csv_rows
        .iter()
        .position(|r| r["id"] == "2(b).severance[2]")
        .unwrap()
        + 1;
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(matches!(
        rows[at][column("due")],
        calamine::Data::DateTime(_)
    ));
    assert_eq!(rows[at][column("amount")], calamine::Data::Float(20833.33));
    assert_eq!(
        rows[at + 1][column("amount")],
        calamine::Data::Float(256.85)
    );
    assert_eq!(
        rows[at + 1][column("remedy_rate")],
        calamine::Data::Float(0.18)
    );
    assert_eq!(
        rows[at + 1][column("remedy_days")],
        calamine::Data::Float(25.0)
    );
    // The header row is frozen; dates and dollars have their formats.
    let xml = part(&output.stdout, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{xml}"
    );
    let styles = part(&output.stdout, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="yyyy-mm-dd""#), "{styles}");
    assert!(
        styles.contains(r#"formatCode="&quot;$&quot;#,##0.00""#),
        "{styles}"
    );
    // No clock: the same bytes every time, dated the scenario's as of.
    assert_eq!(
        clausec(&[&args[..], &["--format", "xlsx"]].concat()).stdout,
        output.stdout
    );
    assert!(part(&output.stdout, "docProps/core.xml").contains("2003-06-30T00:00:00Z"));
}

#[test]
fn the_agenda_workbook_has_the_csvs_rows_and_no_formula() {
    let args = [
        "agenda",
        LETTER,
        "clauses/harbor-note",
        "--scenario",
        "late_installment",
    ];
    let csv_rows = csv_rows(&stdout(&clausec(
        &[&args[..], &["--format", "csv"]].concat(),
    )));
    let output = clausec(&[&args[..], &["--format", "xlsx"]].concat());
    assert_eq!(output.status.code(), Some(0));
    let rows = sheet(&output.stdout, "Agenda");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, clausec::report::table::agenda_columns());
    assert_eq!(rows.len() - 1, csv_rows.len());
    for (row, csv_row) in rows[1..].iter().zip(&csv_rows) {
        for (column, cell) in header.iter().zip(row) {
            assert_eq!(
                as_csv(column, cell),
                csv_row[column],
                "{column} of {}",
                csv_row["id"]
            );
        }
    }
    // A title that reads like a formula is a string cell, never a formula.
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"=1+2\"\n  dated January 2, 2024\n\nparty lender \"@SUM(A1)\"\nparty borrower \"B\"\n",
        ),
        ("1.clause", "clause 1\n  repay: borrower pays lender $1.00 on March 1, 2024\n"),
    ]);
    let output = clausec(&["obligations", dir.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(!part(&output.stdout, "xl/worksheets/sheet1.xml").contains("<f>"));
    let rows = sheet(&output.stdout, "Ledger");
    assert_eq!(rows[1][1], calamine::Data::String("=1+2".to_owned()));
}

/// On a terminal (a pseudo-terminal made by util-linux's `script`), a
/// workbook is refused: its bytes would show as noise and could move the
/// cursor. Nothing is written but the message.
#[cfg(target_os = "linux")]
#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    let binary = env!("CARGO_BIN_EXE_clausec");
    let output = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("{binary} obligations {LETTER} --format xlsx"),
            "/dev/null",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains("a workbook is not text to show on a terminal; send it to a file"),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "no zip bytes on the terminal");
}
