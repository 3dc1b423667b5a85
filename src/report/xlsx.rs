//! Ledgers and agendas as an Excel workbook (`.xlsx`): the rows of
//! [`super::table`] in one sheet, dates as date cells (`yyyy-mm-dd`),
//! amounts as numbers in a currency format, rates and days as numbers, a
//! bold header row frozen above the rest, with filters.
//!
//! A cell is a number only when the number shows the same figure as the
//! JSON ledger (`20833.33`); a figure a spreadsheet's floating point could
//! not show exactly, or with more digits than the cents, is written as
//! text, so that no figure is changed. Text is never a formula (it is
//! written as a string cell); control characters are written out as in
//! every other output.

use crate::escape;
use crate::eval::ledger::{Currency, Ledger};
use crate::report::agenda::Agenda;
use crate::report::csv::money_text;
use crate::report::table::{self, Cell, LEDGER_COLUMNS};
use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The most rows a sheet holds (Excel's limit), the header included.
const MAX_ROWS: u32 = 1_048_576;

/// The most UTF-16 units a cell's text may have (Excel's limit).
const MAX_TEXT: usize = 32_767;

/// The ledger as a workbook of one sheet, `Ledger`.
pub fn ledger_xlsx(ledger: &Ledger) -> Result<Vec<u8>, String> {
    let mut sheet = Sheet::new("Ledger", &LEDGER_COLUMNS)?;
    table::ledger_rows(ledger, |row| sheet.push(&row));
    sheet.finish(Some(ledger.as_of))
}

/// The agenda as a workbook of one sheet, `Agenda`.
pub fn agenda_xlsx(agenda: &Agenda) -> Result<Vec<u8>, String> {
    let mut sheet = Sheet::new("Agenda", &table::agenda_columns())?;
    table::agenda_rows(agenda, |row| sheet.push(&row));
    let latest = agenda.agreements.iter().filter_map(|a| a.as_of).max();
    sheet.finish(agenda.request.as_of.or(latest))
}

/// The cell formats of a sheet.
struct Formats {
    header: Format,
    date: Format,
    /// One number format per currency, in [`Currency::ALL`]'s order:
    /// `"$"#,##0.00`, `"€"#,##0.00`, `"JPY "#,##0`.
    money: Vec<(Currency, Format)>,
}

/// The number format of amounts in a currency: its sign or code, its
/// thousands grouped, its minor digits.
fn money_format(currency: Currency) -> Format {
    let minor = match currency.minor_digits() {
        0 => String::new(),
        digits => format!(".{}", "0".repeat(digits as usize)),
    };
    Format::new().set_num_format(format!("\"{}\"#,##0{minor}", currency.prefix()))
}

/// One sheet being written: its next row, and the first error met (every
/// row after it is skipped).
struct Sheet {
    worksheet: Worksheet,
    formats: Formats,
    columns: u16,
    row: u32,
    error: Option<String>,
}

impl Sheet {
    fn new(name: &str, columns: &[&str]) -> Result<Self, String> {
        let mut worksheet = Worksheet::new();
        worksheet.set_name(name).map_err(problem)?;
        let formats = Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            money: Currency::ALL
                .iter()
                .map(|c| (*c, money_format(*c)))
                .collect(),
        };
        let mut sheet = Sheet {
            worksheet,
            formats,
            columns: u16::try_from(columns.len()).unwrap_or(u16::MAX),
            row: 1,
            error: None,
        };
        for (col, name) in (0u16..).zip(columns) {
            sheet
                .worksheet
                .write_string_with_format(0, col, *name, &sheet.formats.header)
                .map_err(problem)?;
            sheet
                .worksheet
                .set_column_width(col, column_width(name))
                .map_err(problem)?;
        }
        sheet.worksheet.set_freeze_panes(1, 0).map_err(problem)?;
        Ok(sheet)
    }

    fn push(&mut self, cells: &[Cell<'_>]) {
        if self.error.is_some() {
            return;
        }
        if self.row >= MAX_ROWS {
            self.error = Some(format!(
                "a sheet holds at most {MAX_ROWS} rows, and this one has more; use `--format csv`"
            ));
            return;
        }
        for (col, cell) in (0u16..).zip(cells) {
            if let Err(error) = self.write(col, cell) {
                self.error = Some(problem(error));
                return;
            }
        }
        self.row += 1;
    }

    fn write(&mut self, col: u16, cell: &Cell<'_>) -> Result<(), XlsxError> {
        let (row, sheet) = (self.row, &mut self.worksheet);
        match cell {
            Cell::Empty => {}
            Cell::Text(text) => {
                sheet.write_string(row, col, shown(text))?;
            }
            Cell::Date(date) => match excel_date(*date) {
                Some(day) => {
                    sheet.write_date_with_format(row, col, &day, &self.formats.date)?;
                }
                None => {
                    sheet.write_string(row, col, date.to_string())?;
                }
            },
            Cell::Money(amount, currency) => match (exact_cents(*amount), currency) {
                (Some(value), Some(currency)) => {
                    let format = self.formats.money.iter().find(|(c, _)| c == currency);
                    match format {
                        Some((_, format)) => {
                            sheet.write_number_with_format(row, col, value, format)?;
                        }
                        None => {
                            sheet.write_number(row, col, value)?;
                        }
                    }
                }
                (Some(value), None) => {
                    sheet.write_number(row, col, value)?;
                }
                (None, _) => {
                    sheet.write_string(row, col, money_text(*amount))?;
                }
            },
            Cell::Rate(rate) => match exact(*rate) {
                Some(value) => {
                    sheet.write_number(row, col, value)?;
                }
                None => {
                    sheet.write_string(row, col, rate.normalize().to_string())?;
                }
            },
            Cell::Count(n) => match exact(Decimal::from(*n)) {
                Some(value) => {
                    sheet.write_number(row, col, value)?;
                }
                None => {
                    sheet.write_string(row, col, n.to_string())?;
                }
            },
        }
        Ok(())
    }

    /// The workbook's bytes, with filters on the header row. No clock: the
    /// workbook is dated `stamp` (the status date), or January 1, 1980
    /// (the date its zip archive gives every file).
    fn finish(mut self, stamp: Option<NaiveDate>) -> Result<Vec<u8>, String> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let last_col = self.columns.saturating_sub(1);
        self.worksheet
            .autofilter(0, 0, self.row.saturating_sub(1), last_col)
            .map_err(problem)?;
        let stamp = stamp
            .and_then(excel_date)
            .map_or_else(|| ExcelDateTime::from_ymd(1980, 1, 1), Ok)
            .map_err(problem)?;
        let mut workbook = Workbook::new();
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&stamp));
        workbook.push_worksheet(self.worksheet);
        workbook.save_to_buffer().map_err(problem)
    }
}

/// What went wrong, in words: the writer's own message.
fn problem(error: XlsxError) -> String {
    format!("the spreadsheet could not be written: {error}")
}

/// How wide a column is, in characters, by what it holds.
fn column_width(name: &str) -> f64 {
    match name {
        "agreement" | "clause_title" | "obligor_name" | "obligee_name" | "folder" => 28.0,
        "id" | "instance" | "status" => 20.0,
        _ => 12.0,
    }
}

/// A date Excel shows as it is: from March 1, 1900 (Excel counts a
/// February 29, 1900 that never was, so earlier serial numbers are off by
/// a day) to December 31, 9999. Others are written as text.
fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    let first = NaiveDate::from_ymd_opt(1900, 3, 1)?;
    if date < first {
        return None;
    }
    let year = u16::try_from(date.year()).ok()?;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// The amount as a number, if it has at most the two digits of the cents
/// and a spreadsheet's number shows it exactly (to the cent).
fn exact_cents(amount: Decimal) -> Option<f64> {
    let text = money_text(amount);
    let value = amount.to_f64()?;
    (format!("{value:.2}") == text).then_some(value)
}

/// The value as a number, if the number, written as briefly as it reads
/// back (`0.18`), is the same decimal.
fn exact(value: Decimal) -> Option<f64> {
    let number = value.to_f64()?;
    let back: Decimal = number.to_string().parse().ok()?;
    (back == value).then_some(number)
}

/// Text for a cell: control characters written out, and cut (with `…`)
/// at Excel's limit of 32,767 UTF-16 units.
fn shown(text: &str) -> String {
    let text = escape::terminal(text);
    if text.encode_utf16().count() <= MAX_TEXT {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut units = 0;
    for c in text.chars() {
        units += c.len_utf16();
        if units >= MAX_TEXT {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_written_only_when_it_shows_the_same_figure() {
        assert_eq!(exact_cents(Decimal::new(2_083_333, 2)), Some(20833.33));
        assert_eq!(exact_cents(Decimal::new(5730, 0)), Some(5730.0));
        // More digits than the cents: text, never rounded.
        assert_eq!(exact_cents(Decimal::new(12_345, 3)), None);
        // Beyond what a double holds to the cent: text.
        assert_eq!(
            exact_cents(Decimal::new(1_234_567_890_123_456_789, 2)),
            None
        );
        assert_eq!(exact(Decimal::new(18, 2)), Some(0.18));
        assert_eq!(exact(Decimal::new(5, 3)), Some(0.005));
        assert_eq!(exact(Decimal::new(1_234_567_890_123_456_789, 20)), None);
        assert_eq!(exact(Decimal::from(25)), Some(25.0));
    }

    #[test]
    fn dates_before_march_1900_are_text() {
        assert!(excel_date(NaiveDate::from_ymd_opt(1900, 2, 28).unwrap()).is_none());
        assert!(excel_date(NaiveDate::from_ymd_opt(1900, 3, 1).unwrap()).is_some());
        assert!(excel_date(NaiveDate::from_ymd_opt(2002, 10, 31).unwrap()).is_some());
    }

    #[test]
    fn long_text_is_cut_at_excels_limit() {
        let long = "a".repeat(40_000);
        let cell = shown(&long);
        assert!(cell.encode_utf16().count() <= MAX_TEXT);
        assert!(cell.ends_with('…'));
        assert_eq!(shown("a\x1bb"), "a<ESC>b");
    }
}
