//! The catalogue of diagnostic codes: one stable name each, a one-line
//! summary for `clausec codes`, and a longer explanation (what it means, why
//! it matters, an example) for `clausec explain CODE`.
//!
//! A code is part of clausec's public interface: tools and CI scripts match
//! on it. Never rename one; add a new one instead.

macro_rules! codes {
    ($( $variant:ident = $name:literal, $summary:literal, $explanation:literal; )*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as printed: `clausec::syntax::expected_date`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// One line saying what the code is about.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            /// What it means, why it matters, and an example.
            pub fn explanation(self) -> &'static str {
                match self { $( Code::$variant => $explanation, )* }
            }
        }
    };
}

impl Code {
    /// Looks a code up by its full name or by its last part
    /// (`clausec::check::count_mismatch` or `count_mismatch`).
    pub fn find(name: &str) -> Option<Code> {
        let name = name.trim();
        Code::ALL.iter().copied().find(|code| {
            let full = code.as_str();
            full == name || full.rsplit("::").next() == Some(name)
        })
    }
}

codes! {
    // ---- reading files -------------------------------------------------
    NotUtf8 = "clausec::input::not_utf8",
        "the file is not text in UTF-8",
        "The file contains bytes that are not UTF-8 text — it may be a word-processor \
file, a PDF or a file saved in another encoding.\n\nWhy: clause files are plain text so \
that they can be reviewed line by line.\n\nFix: save the file as plain text (UTF-8) from \
your editor. A byte-order mark and Windows line endings are accepted.";
    EmptyFile = "clausec::input::empty_file",
        "the file has no statements",
        "The file is empty, or holds only comments and blank lines.\n\nWhy: an empty clause \
file usually means a clause was deleted by accident or never written.\n\nExample of a \
minimal clause file:\n\n    clause 1 \"Resignation\"\n      quote \"You hereby resign ...\"\n      \
employee performs \"resignation of all positions\" for company effective June 6, 2002";
    TooLarge = "clausec::input::too_large",
        "the file is larger than clausec reads",
        "The file is larger than 8 MiB. A clause file is a few kilobytes; a file this \
large is almost certainly not a clause file (a database dump, a scanned PDF).\n\nFix: \
split the agreement into one file per clause, or point clausec at the right folder.";
    RefusedFile = "clausec::input::refused_file",
        "a file that leads out of the folder, or is not an ordinary file, was not read",
        "A clause or scenario file (or the `scenarios` folder) of the agreement is a \
symbolic link to something outside the agreement's folder, or is not an ordinary file \
at all (a named pipe, a device). clausec did not open it.\n\nWhy: an agreement folder \
often comes from the other side of a deal. A link named `2.clause` that points at a \
password file or a key elsewhere on your computer would otherwise be read, and its \
lines quoted back in the diagnostics; a named pipe would make clausec wait for ever.\n\n\
Fix: copy the file itself into the agreement's folder instead of linking to it. A link \
to a file inside the same folder is read as usual.";
    TooDeep = "clausec::input::too_deep",
        "parentheses or `greater of` / `lesser of` / `not` are nested too deeply",
        "An expression or condition is nested more than 64 levels deep. clausec refuses \
it before parsing, so that no input can exhaust the stack.\n\nExample:\n\n    \
company pays employee ((((((...))))))\n\nFix: write the amount in simpler steps, or use \
a fact for an intermediate figure.";
    TooManyTerms = "clausec::input::too_many_terms",
        "an expression has more terms than clausec reads",
        "An amount, a limit or one side of a comparison has more than 100 terms. Each \
term makes the expression one level deeper for clausec, so the number is limited, like \
nesting, so that no input can exhaust the stack.\n\nExample:\n\n    company pays employee \
$1 + $1 + $1 + ... (5,000 times)\n\nFix: state the total, or declare a fact for a part of \
it and give its value in the scenarios.";
    TooComplex = "clausec::input::too_complex",
        "the file took too much work to parse",
        "The parser gave up on a part of the file that would take too long to parse: \
usually a long run of text that almost, but not quite, forms a statement.\n\nFix: look \
at the marked clause for a missing keyword or quote mark; split very long clauses.";
    NoClauseFiles = "clausec::input::no_clause_files",
        "the folder holds no clause files",
        "The folder given to clausec has no `*.clause` files, and no sub-folder with \
any.\n\nWhy: an agreement is a folder with a header file and one `.clause` file per \
top-level clause.\n\nExample layout:\n\n    clauses/lovelock-severance/agreement.clause\n    \
clauses/lovelock-severance/2.clause\n    clauses/lovelock-severance/scenarios/base.scenario";

    // ---- syntax --------------------------------------------------------
    Unexpected = "clausec::syntax::unexpected",
        "the text does not fit the clause language here",
        "The parser found text it did not expect. The message lists what could come \
next.\n\nExample:\n\n    company pay employee $10,000\n\nHere `pay` should be `pays`: \
every obligation is written `<party> <verb> ...` with a verb such as `pays`, `provides`, \
`reimburses`, `performs`, `notifies`, `releases`, `remains bound by`, `must not`, `may` \
or `signs`.";
    MixedAndOr = "clausec::syntax::mixed_and_or",
        "`and` and `or` are mixed in one condition without parentheses",
        "A condition joins its parts with `and` in one place and `or` in another, with no \
parentheses to say which goes first.\n\nWhy: `a and b or c` can be read as `(a and b) or c` \
or as `a and (b or c)`, which decide different cases; the language does not pick one for \
the lawyer.\n\nExample:\n\n    if employee elects outplacement and not lessor_accepts_transfer \
or employee prevails\n\nFix: add the parentheses the text means: `if (employee elects \
outplacement and not lessor_accepts_transfer) or employee prevails`.";
    UnknownDayCount = "clausec::syntax::unknown_day_count",
        "a day count that clausec does not know",
        "Late interest names a day-count convention that is not one of those clausec \
computes.\n\nExample:\n\n    late interest 18% per annum on the unpaid amount, simple, \
30/365\n\nFix: write `actual/365`, `actual/360` or `30/360`, as the text states.";
    UnknownCurrency = "clausec::syntax::unknown_currency",
        "an amount is written in a currency clausec does not know",
        "An amount starts with three capitals that are not the code of a currency clausec \
knows, or a fact is declared `money in` one.\n\nExample:\n\n    debtor pays creditor ERU \
1,250.00\n\nclausec knows USD (`$`, `US$`), EUR (`€`), GBP (`£`), CHF, JPY and CAD. \
Fix: correct the code (`EUR 1,250.00` or `€1,250.00`).";
    NotANumberWord = "clausec::syntax::not_a_number_word",
        "a count written in words that is not a number",
        "A count (of installments, say) is written as a word that is not a number.\n\n\
Example:\n\n    in sixx equal monthly installments\n\nFix: correct the spelling, or write \
the count as the text prints it: `six (6)` or `6`.";
    ExpectedStatement = "clausec::syntax::expected_statement",
        "a statement was expected",
        "At this point a new statement should begin: `clause`, `quote`, `party`, `fact`, \
`assume`, `election`, or an obligation such as `company pays employee $10,000`.\n\nA \
common cause is a misspelt keyword or verb at the start of a line.";
    ExpectedAmount = "clausec::syntax::expected_amount",
        "an amount was expected",
        "An amount of money or a figure was expected: `$10,000`, `$20,833.33`, `18%`, a \
fact's name, or a calculation such as `annual_salary * 6 / 12`.\n\nMoney is written with \
a `$` and optional thousands commas; cents are optional.";
    ExpectedDate = "clausec::syntax::expected_date",
        "a date was expected",
        "A date was expected, written either as `June 6, 2002` or as `2002-06-06`.\n\n\
Month names are spelled out in full and capitalised; the year has four digits.";
    ExpectedName = "clausec::syntax::expected_name",
        "a name was expected",
        "A name was expected here: a party (`employee`), a fact (`annual_salary`), an \
option or a label. Names are letters, digits and `_`, start with a letter, and may not \
be one of the language's keywords (`pays`, `from`, `through`, ...).";
    ExpectedText = "clausec::syntax::expected_text",
        "text in double quotes was expected",
        "Text in double quotes was expected, such as a clause title or a quote from the \
source: `\"Severance payments\"`. Inside the quotes, write `\\\"` for a quote mark.";
    UnterminatedQuote = "clausec::syntax::unterminated_quote",
        "a quote mark is never closed",
        "A text that starts with `\"` has no closing `\"` before the end of the clause.\n\n\
Example:\n\n    quote \"You hereby resign your employment\n\nFix: add the closing quote mark. \
A quote mark inside the text is written `\\\"`.";
    ImpossibleDate = "clausec::syntax::impossible_date",
        "the date does not exist in the calendar",
        "The date has the right shape but does not exist: `2002-02-30`, `April 31, 2003`, \
month 13.\n\nWhy: clausec computes with real calendar dates; an impossible date would \
silently become a different day.\n\nFix: check the day against the month (30 days hath \
September...).";
    AmountOutOfRange = "clausec::syntax::amount_out_of_range",
        "the number is too large or too precise to compute with exactly",
        "clausec computes money exactly, with up to 28 significant digits. This number \
has more digits than that, or more than 28 decimal places.\n\nFix: check the figure; \
no contract amount needs this many digits.";
    InvalidTime = "clausec::syntax::invalid_time",
        "the time of day does not exist",
        "A time of day such as `1:30 p.m.` or `13:30` was written with an hour or minute \
out of range (`13:30 p.m.`, `9:75`).";

    // ---- names ---------------------------------------------------------
    UnknownParty = "clausec::resolve::unknown_party",
        "a party is named that the agreement does not declare",
        "Every party an obligation names must be declared in the agreement's header \
file:\n\n    party employee \"Thomas W. Lovelock\"\n\nThe message suggests the closest \
declared name when the name looks misspelt.";
    UnknownName = "clausec::resolve::unknown_name",
        "a fact, election, option, reading or obligation is named that is not declared",
        "A name was used that is not declared anywhere in the agreement. Facts are \
declared with `fact`, elections and their options with `election ... option ...`, \
readings with `assume NAME \"...\" option ...`, obligations with a label \
(`severance: company pays ...`).";
    UnknownDocument = "clausec::resolve::unknown_document",
        "an external document or one of its sections is not declared",
        "A `document` or one of its `section`s was referred to without being declared \
in the header file:\n\n    document employment_agreement \"Employment Agreement\" dated \
August 11, 2000\n      section 8 \"Confidentiality\"\n      section 9 \"Covenant not to compete\"";
    MissingParentClause = "clausec::resolve::missing_parent_clause",
        "a sub-clause has no parent clause",
        "Clause `2(b)` belongs to clause `2`, but no clause `2` was found in the \
agreement. Add the parent clause (its quote may be just its opening words).";
    DuplicateName = "clausec::resolve::duplicate_name",
        "the same name is declared twice",
        "Two declarations use the same name (two parties, two facts, two clauses with \
the same number, two obligations with the same label in one clause). Each name must \
be declared once.";
    MissingAgreement = "clausec::resolve::missing_agreement",
        "the folder has no `agreement` header",
        "Every agreement folder needs exactly one `agreement` statement (usually in \
`agreement.clause`):\n\n    agreement \"T. Lovelock Severance Agreement\"\n      dated \
June 6, 2002\n      source \"source.txt\"";
    WrongPlace = "clausec::resolve::wrong_place",
        "a statement is in the wrong kind of file",
        "Scenarios belong in `.scenario` files and clauses, parties and facts in `.clause` \
files.";

    StatedTwice = "clausec::resolve::stated_twice",
        "an obligation states one of its terms twice",
        "An obligation states the same term twice: two limits (`not to exceed`), two \
grace periods, two dates, two roundings.\n\nWhy: the ledger can follow only one of them, \
and which one the parties agreed is for the lawyer to say, not for clausec to guess.\n\n\
Example:\n\n    outplacement: company pays employee outplacement_cost\n      not to exceed \
$10,000\n      not to exceed $12,000\n\nFix: keep the term the text states and delete the \
other. Conditions are the exception: an obligation may have several `if` lines, and they \
must all hold.";
    // ---- types ---------------------------------------------------------
    TypeMismatch = "clausec::types::mismatch",
        "a value of the wrong kind is used",
        "Amounts, dates, durations, percentages and counts cannot be mixed freely. \
`$5 + 2002-06-06` adds money to a date, which means nothing; a condition needs a yes-or-no \
fact; a payment needs an amount of money.\n\nAllowed: money + money, money * number, \
money * percentage, money / number, money / money (a ratio), date + duration.";
    CurrencyMismatch = "clausec::types::currency_mismatch",
        "amounts in two currencies are added, compared, capped or paid against each other",
        "Two amounts in different currencies are combined: added or subtracted, compared, \
one the limit or minimum of the other, the greater or lesser of the two; or a scenario \
pays, or gives a fact, in another currency than the clause; or an amount is rounded to \
a unit of another currency (the yen has no cent).\n\nWhy: the ledger cannot know the rate \
of exchange, and guessing one would make every figure wrong.\n\nExample:\n\n    \
price: buyer pays seller €10,000.00\n      not to exceed $12,000.00\n\nFix: write both \
amounts in the currency the text uses. A fact in another currency than dollars is \
declared `fact price is money in EUR`. Where the text states a rate, convert at it: \
`(€10,000.00) at 1.08 USD per EUR`.";

    // ---- findings about the contract (combined checks) ----------------
    CountMismatch = "clausec::check::count_mismatch",
        "a stated number of installments does not match the dates given for them",
        "The text states a number of installments, and also dates that fix them; the two \
disagree.\n\nExample (the Lovelock letter, clause 2(b)): \"six (6) equal monthly \
installments on the last day of the month\" from September 30, 2002 with the last on \
March 31, 2003 — but those month-ends are seven dates.\n\nThe ledger follows one reading, \
named by `if the count and the dates disagree, follow READING`, and the finding stays \
until the text is fixed. A scenario can switch the reading (`assume READING is OPTION`) \
to show the money at stake in each.";
    NumberWords = "clausec::check::number_words",
        "a number written in words disagrees with its numerals",
        "The text writes a number both in words and in numerals, and they differ: \
`six (7)`. Which one binds is a question for the lawyer; clausec reports it.";
    InstallmentSum = "clausec::check::installment_sum",
        "the stated installment does not agree with the total it splits",
        "The text states both a total and the amount of each installment, and they do \
not agree: the count times the installment is not the total.\n\nExample:\n\n    \
rent: lessee pays lessor $86,400.00\n      in twenty-four (24) equal monthly installments \
of $3,500.00 on day 1\n\n24 × $3,500.00 = $84,000.00, not $86,400.00. The ledger splits the \
total into equal installments (the remainder cent on the installment the clause names), \
so the installments always sum to the total exactly; this finding says the text's own \
figure disagrees.";
    TotalMismatch = "clausec::check::total_mismatch",
        "the total the text states is not what its schedule comes to",
        "A clause's quote states a total and the schedule that pays it — \"Thirty \
Thousand Dollars ($30,000.00), payable in twelve (12) monthly installments\", or \"twelve \
(12) installments of $2,500.00 each, for a total of $30,000.00\" — and the schedule, as \
encoded, comes to a different sum.\n\nExample:\n\n    quote \"Client shall pay Thirty \
Thousand Dollars ($30,000.00), payable in twelve (12)\n      monthly installments of \
$2,600.00 each ...\"\n\n    fees: client pays consultant $2,600.00\n      each month on day 1\n      \
from February 1, 2025 through January 1, 2026\n\nThe 12 payments come to $31,200.00, not \
$30,000.00: the text's own figures disagree, and the ledger follows the rule.\n\nclausec \
reads the total only from those two phrases, with the schedule's own count and, where \
the phrase states one, its own installment (an amount due each period must be named by \
its amount), so that another figure of the quote (a deposit, a limit, another \
schedule's total) is not taken for it; and it checks only \
a schedule whose sum the written figures fix: an amount due at each of written dates, or \
installments of a calculation of written figures (`$2,600.00 * 12`). A total written as \
one figure is checked by `figure_not_quoted` and `installment_sum`.";
    LimitNeverBinds = "clausec::check::limit_never_binds",
        "a limit or a minimum that the amount can never reach",
        "An amount has a limit (`not to exceed`, `in aggregate not to exceed`) that it can \
never reach, or a minimum (`not less than`) it is always above, whatever the scenario: \
the written figures settle it.\n\nExample:\n\n    fee: client pays consultant the lesser of \
(hours * $150.00) and $6,000.00\n      not to exceed $10,000.00\n\nThe fee is at most \
$6,000.00, so the limit of $10,000.00 changes nothing. Or, for an amount due each \
period: `$500.00` each month for twelve months `in aggregate not to exceed $10,000.00` \
— the twelve payments come to $6,000.00.\n\nWhy: a limit that cannot bind is often a \
wrong figure (a limit meant for another amount, a misplaced digit). Only written \
figures count: a fact could be anything, even where every scenario gives it the same \
value, so an amount that depends on one is bounded only by the written figures around it \
(`the lesser of ... and $6,000.00`).";
    LimitAlwaysBinds = "clausec::check::limit_always_binds",
        "a limit or a minimum that always applies, so the amount as written is never paid",
        "An amount is always above its limit (`not to exceed`), or always below its \
minimum (`not less than`), whatever the scenario; or payments due each period always \
reach their aggregate limit (`in aggregate not to exceed`), so the later ones are cut. \
The written figures settle it.\n\nExample:\n\n    refund: company pays employee $12,000.00\n      \
not to exceed $10,000.00\n\nThe ledger pays $10,000.00: the amount the clause writes is \
never paid. For an amount due each period, `$1,500.00` each month from January through \
June `in aggregate not to exceed $6,000.00` pays four months in full and nothing in May \
and June; the warning names the first payment cut.\n\nWhy: when the text means it, the \
limit is the real amount and the rule reads better with it; when it does not, one of the \
figures is wrong. Where a scenario's figures take an amount over its limit, the ledger \
reports `cap_exceeded` instead.";
    PeriodOrder = "clausec::check::period_order",
        "a period ends before it starts",
        "A period `from A through B` has B before A.\n\nAn obligation's period is a \
warning: its dates are the contract's, so it is a finding about the text (a drafting \
defect to raise with the other side). Two are errors, since nothing can follow them: \
the steps of a rent table (`becoming ... from ...`) out of date order, and an event a \
scenario records as ending before it began.";
    DeadlineBeforeAgreement = "clausec::check::deadline_before_agreement",
        "a date falls before the agreement's own date",
        "A due date, deadline or payment falls before the date of the agreement, which \
usually means a typo in a year.";
    CapExceeded = "clausec::check::cap_exceeded",
        "an amount goes over its stated limit",
        "Under a scenario's facts, an amount stated as `not to exceed` a limit comes to more \
than the limit. The ledger pays the limit — the cap at work — and reports it so that the \
figure can be checked.\n\nExample: `lessee pays lessor fair_market_value not to exceed \
$12,000.00` with `fact fair_market_value is $14,250.00` pays $12,000.00.";
    UndatedAcceptance = "clausec::check::undated_acceptance",
        "acceptance before the deadline cannot be confirmed from the signed document",
        "The agreement must be signed and returned by a deadline, but the signature \
block of the signed copy leaves the date blank, so the document alone cannot show that \
the offer was accepted in time.\n\nExample: the Lovelock letter must be returned by \
1:30 p.m. on June 6, 2002, and the employee's `Date:` line is empty.\n\nA scenario \
supplies the signature time (`employee signed on June 6, 2002 at 11:00 a.m.`).";
    UnusedTime = "clausec::check::unused_time",
        "a time of day on a term that nothing is compared with",
        "An obligation states a time of day (`by 5:00 p.m. Pacific Time on ...`) where \
clausec has nothing to compare it with: a schedule's installments (each due on a day), \
a right or a restriction (no deadline to meet), a performance that no recorded event \
meets, a notice of each compensation received (due within a number of days).\n\nWhy: \
the ledger shows the time, and a reader would take it as checked; it is not.\n\n\
A time is compared for a payment, a notice, and a performance `met when EVENT happens`: \
the scenario records the act with its own time (`company notified supplier on March 3, \
2025 at 7:30 p.m. Eastern Time`), and the two are compared as the same moment.\n\n\
Example:\n\n    seller may \"terminate\" by 5:00 p.m. Pacific Time on March 3, 2025\n\n\
Fix: leave the time out, or state it in words with `assume \"...\"`.";
    QuoteNotInSource = "clausec::check::quote_not_in_source",
        "a quote is not found word for word in the source document",
        "Each clause quotes its text from the agreement's source document. This quote \
does not appear there (white space and line breaks may differ; everything else must \
match). The message shows where the quote first departs from the closest passage.";
    FigureNotQuoted = "clausec::check::figure_not_quoted",
        "a figure the rule writes is not in its clause's quote",
        "Every figure an obligation writes — an amount of money, a percentage, a number \
of installments, a date written out, a duration — should be in the words its clause \
quotes, in numerals (`18%`, `$10,000`, `2002-09-30`, `September 30, 2002`) or in words \
(`eighteen percent`, `six (6)`, `ten days`), or in an assumption of the clause \
(`assume \"...\"`) that says where it comes from. Otherwise the rule and the text may \
say different things, and the ledger follows the rule.\n\nExample: the quote of clause \
2(b) says interest accrues \"at the rate of 18% per annum\", and the rule says\n\n    \
late interest 12% per annum on the unpaid amount\n\nThe report shows the figure of the \
rule and the nearest figure of the same kind in the quote. Fix the rule or the quote \
(against the source), or, when the figure is read from elsewhere, add an assumption \
that mentions it. A number in a calculation (`annual_salary * 6 / 12`) is arithmetic, \
not a figure of the text, and is not checked; neither is the agreement's own date \
(\"the date hereof\").";
    UnquotedSource = "clausec::check::unquoted_source",
        "part of the source document is not encoded by any clause",
        "A passage of the source document is not quoted by any clause file, so nothing \
encodes it. Headings, addresses, page numbers and signature blocks can be marked as \
not operative with `quote` in a clause of their own, or left reported.";
    MissingQuote = "clausec::check::missing_quote",
        "a clause has no quote from the source",
        "Every clause should quote its text from the source (`quote \"...\"`), so that \
the checker can prove the encoding still matches the document.";
    MissingSource = "clausec::check::missing_source",
        "the agreement's source document cannot be read",
        "The `source` file named in the `agreement` header was not found next to the \
clause files, so quotes cannot be checked. The document must be inside the agreement's \
folder: a name that leads out of it (`../letter.txt`, an absolute path, or a symbolic link \
to a file elsewhere) is refused, so that checking an agreement never reads a file you did \
not give.";

    // ---- scenarios and evaluation --------------------------------------
    UnknownObligation = "clausec::scenario::unknown_obligation",
        "an event or an `expect` line refers to an obligation that does not exist",
        "A scenario event names an obligation (by its label, and for schedules its due \
date) that the agreement does not have under this scenario; or an `expect` line names \
an obligation by an id or a label that no clause declares (`expect 2(b).severerance[2] \
...`).\n\nExample:\n\n    company \
paid employee $20,833.33 on November 25, 2002 for severance due October 30, 2002\n\nThere \
is no installment due October 30; the month-end is October 31.\n\nA notice must answer a \
notice duty between the same two parties, in the same direction: `lessor notified lessee \
...` answers no duty if only the lessee owes notices to the lessor, and `for LABEL` must \
name a notice owed by the party who gave it to the party who received it.";
    AmbiguousEvent = "clausec::scenario::ambiguous_event",
        "a notice could answer several notice duties and names none",
        "A notice in a scenario answers one notice duty. Without `for LABEL`, it answers \
the only notice its giver owes its receiver, or, among several, the only one whose words \
it repeats. When it could answer more than one, the ledger cannot tell which duty it \
meets, and meeting all of them with one notice would be wrong.\n\nExample: clause 6 \
has `loss_notice: lessee notifies lessor of \"any loss of or damage to the Equipment\"` \
and clause 7 has `election_notice: lessee notifies lessor of \"its election\"`; the \
scenario line\n\n    lessee notified lessor on January 15, 2027 \"of its election to \
purchase the Equipment\"\n\ncould answer either. Fix: end the line with the label of the \
duty it answers:\n\n    lessee notified lessor on January 15, 2027 \"of its election to \
purchase the Equipment\" for election_notice";
    EventBeforeAgreement = "clausec::scenario::event_before_agreement",
        "an event is dated before the agreement",
        "A payment or notice in a scenario is dated before the agreement's date.";
    MissingFact = "clausec::scenario::missing_fact",
        "a fact the evaluation needs has no value in the scenario",
        "An amount depends on a fact the scenario does not give, so it cannot be \
computed. Add it to the scenario:\n\n    fact annual_salary is $250,000.00";
    OffsetExcess = "clausec::scenario::offset_excess",
        "more is to be offset than remains to be paid",
        "Under a scenario, compensation to be offset against a schedule of payments is \
larger than the payments still due on or after the day it was received. The agreement \
does not say what happens to the excess (is it repaid?); the ledger offsets only what is \
owed and reports the rest.";
    ExpectationFailed = "clausec::scenario::expectation_failed",
        "an `expect` line of a scenario does not hold in its ledger",
        "A scenario states what its ledger must show (`expect 2(b).severance[2] late \
interest is $256.85`), and the ledger shows something else. `clausec test` checks every \
`expect` line; the report names the line, the value expected, the value the ledger \
shows and how the ledger reached it.\n\nWhy: an expectation is a figure worked out by \
hand, independently of clausec; when a change to a clause moves it, the change is \
either a mistake or a decision to record.\n\nExample: after the rate of clause 2(b) \
is changed from 18% to 12%, the line\n\n    expect 2(b).severance[2] late interest is \
$256.85\n\nfails: the ledger shows $171.23 = $20,833.33 × 12% × 25/365. Fix the clause, \
or, if the change is meant, the expectation.";
    Arithmetic = "clausec::eval::arithmetic",
        "a calculation overflows or divides by zero",
        "A calculation cannot be carried out exactly: it divides by zero, or its result \
is too large to hold exactly.";
    TooManyInstances = "clausec::eval::too_many_instances",
        "a schedule has more instances than clausec expands",
        "A schedule would produce more than 100,000 dated instances, or dates past the year \
9999 (the calendar clausec counts in); or one ledger would \
hold more than 150,000 entries, or 256 MiB of the text its reports repeat for each entry \
(an obligation's words and its clause's quote); or the ledgers of all the scenarios of \
one agreement more than 2,000,000 entries together. clausec refuses to expand them \
rather than run out of memory or time. A ledger this large is almost always a mistyped \
count or date.";
}
