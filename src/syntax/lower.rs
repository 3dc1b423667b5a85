//! Concrete tree (pest pairs) → AST.
//!
//! One function per grammar rule, named after it, each taking the rule's
//! children in order through [`Children`], which turns a grammar/lowering
//! mismatch into an internal diagnostic instead of a panic. Values are checked
//! here — impossible dates, amounts beyond exact range, times that do not
//! exist — and every problem in a chunk is collected before the chunk is
//! given up.

use crate::calc::amortize::AfterPrepayment;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::ast::*;
use crate::syntax::parse::Rule;
use crate::syntax::problem::SyntaxProblem;
use chrono::{NaiveDate, NaiveTime};
use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;

type Result<T> = std::result::Result<T, Diagnostic>;

/// Lowers the pairs of one parsed chunk. `offset` is where the chunk starts
/// in its file. Returns every value error of the chunk, or its items.
pub fn lower_file(
    file: FileId,
    offset: usize,
    mut pairs: Pairs<'_, Rule>,
) -> std::result::Result<File, Vec<Diagnostic>> {
    let mut lowerer = Lowerer {
        file,
        offset,
        errors: Vec::new(),
    };
    let mut ast = File::default();
    let root = pairs.next();
    for pair in root.into_iter().flat_map(|p| p.into_inner()) {
        if pair.as_rule() == Rule::EOI {
            continue;
        }
        match lowerer.item(pair) {
            Ok(item) => ast.items.push(item),
            Err(error) => lowerer.errors.push(error),
        }
    }
    if lowerer.errors.is_empty() {
        Ok(ast)
    } else {
        Err(lowerer.errors)
    }
}

struct Lowerer {
    file: FileId,
    offset: usize,
    /// Value errors that did not stop lowering (collected, then reported together).
    errors: Vec<Diagnostic>,
}

/// A pair's children without the keyword pairs.
type NonKeywords<'i> = std::iter::Filter<Pairs<'i, Rule>, fn(&Pair<'i, Rule>) -> bool>;

/// The children of one pair, taken in order.
struct Children<'i> {
    inner: std::iter::Peekable<NonKeywords<'i>>,
    span: Span,
}

impl<'i> Children<'i> {
    /// The next child, which must be `rule`.
    fn required(&mut self, rule: Rule) -> Result<Pair<'i, Rule>> {
        match self.inner.next() {
            Some(pair) if pair.as_rule() == rule => Ok(pair),
            other => Err(internal(self.span, rule, other.map(|p| p.as_rule()))),
        }
    }

    /// The next child if it is `rule`.
    fn optional(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        if self.inner.peek().map(|p| p.as_rule()) == Some(rule) {
            self.inner.next()
        } else {
            None
        }
    }

    /// The next child, whatever it is.
    fn any(&mut self) -> Result<Pair<'i, Rule>> {
        self.inner
            .next()
            .ok_or_else(|| internal(self.span, Rule::EOI, None))
    }

    fn next(&mut self) -> Option<Pair<'i, Rule>> {
        self.inner.next()
    }
}

/// Keywords are atomic rules (so that `dated` cannot match `datedJune`), so
/// pest reports them as pairs; the lowering never needs them, except the
/// frequencies, which are read through their parent.
/// pest numbers rules in grammar order, and the grammar puts every `kw_`
/// rule after `keyword`, last in the file (a unit test holds this true).
fn is_not_keyword(pair: &Pair<'_, Rule>) -> bool {
    pair.as_rule() <= Rule::keyword
}

/// The grammar and this file disagree: a bug in clausec, reported as such.
fn internal(span: Span, expected: Rule, found: Option<Rule>) -> Diagnostic {
    Diagnostic::of(&SyntaxProblem::Internal { expected, found }, span)
}

impl Lowerer {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.offset + s.start(), self.offset + s.end())
    }

    /// The span without the white space pest lets a rule that ends in an
    /// expression run on over (`from DATE` up to the next line's start).
    fn trimmed_span(&self, pair: &Pair<'_, Rule>) -> Span {
        let span = self.span(pair);
        let length = pair.as_str().trim_end().len();
        Span::new(span.file, span.start, span.start + length)
    }

    fn children<'i>(&self, pair: Pair<'i, Rule>) -> Children<'i> {
        let span = self.span(&pair);
        Children {
            inner: pair
                .into_inner()
                .filter(is_not_keyword as fn(&Pair<'i, Rule>) -> bool)
                .peekable(),
            span,
        }
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Result<Item> {
        let span = self.span(&pair);
        Ok(match pair.as_rule() {
            Rule::agreement => Item::Agreement(self.agreement(pair)?),
            Rule::party_decl => Item::Party(self.party_decl(pair)?),
            Rule::document_decl => Item::Document(self.document_decl(pair)?),
            Rule::fact_decl => Item::Fact(self.fact_decl(pair)?),
            Rule::election_decl => Item::Election(self.election_decl(pair)?),
            Rule::assumption_decl => Item::Assumption(self.assumption_decl(pair)?),
            Rule::signature_decl => Item::Signature(self.signature_decl(pair)?),
            Rule::event_decl => Item::Event(self.event_decl(pair)?),
            Rule::business_days_decl => Item::BusinessDays(self.business_days(pair)?),
            Rule::clause => Item::Clause(self.clause(pair)?),
            Rule::scenario => Item::Scenario(self.scenario(pair)?),
            other => return Err(internal(span, Rule::item, Some(other))),
        })
    }

    // ---- header ---------------------------------------------------------

    fn agreement(&mut self, pair: Pair<'_, Rule>) -> Result<Agreement> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let title = self.string(c.required(Rule::string)?);
        let mut agreement = Agreement {
            title,
            dated: None,
            source: None,
            span,
        };
        while let Some(attr) = c.next() {
            match attr.as_rule() {
                Rule::dated => agreement.dated = Some(self.dated(attr)?),
                Rule::source_file => {
                    let mut a = self.children(attr);
                    agreement.source = Some(self.string(a.required(Rule::string)?));
                }
                other => return Err(internal(span, Rule::dated, Some(other))),
            }
        }
        Ok(agreement)
    }

    fn dated(&mut self, pair: Pair<'_, Rule>) -> Result<DateLit> {
        let mut c = self.children(pair);
        self.date(c.required(Rule::date)?)
    }

    /// `event delivery "the Seller delivers the Lathe"`
    fn event_decl(&mut self, pair: Pair<'_, Rule>) -> Result<EventDecl> {
        let mut c = self.children(pair);
        let name = self.name(c.required(Rule::name)?);
        let description = c.optional(Rule::string).map(|s| self.string(s));
        Ok(EventDecl { name, description })
    }

    /// `business days exclude Saturdays, Sundays and United States federal holidays`
    fn business_days(&mut self, pair: Pair<'_, Rule>) -> Result<BusinessDays> {
        use chrono::Weekday;
        let span = self.trimmed_span(&pair);
        let mut declared = BusinessDays {
            weekend: Vec::new(),
            built_ins: Vec::new(),
            holidays: Vec::new(),
            span,
        };
        let mut c = self.children(pair);
        while let Some(day) = c.next() {
            let at = self.span(&day);
            match day.as_rule() {
                Rule::weekday_plural => {
                    let weekday = match day.as_str() {
                        "Mondays" => Weekday::Mon,
                        "Tuesdays" => Weekday::Tue,
                        "Wednesdays" => Weekday::Wed,
                        "Thursdays" => Weekday::Thu,
                        "Fridays" => Weekday::Fri,
                        "Saturdays" => Weekday::Sat,
                        _ => Weekday::Sun,
                    };
                    declared.weekend.push(Spanned::new(weekday, at));
                }
                Rule::built_in_holidays => {
                    let built_in = if day.as_str().starts_with("United States") {
                        BuiltIn::UnitedStatesFederal
                    } else {
                        BuiltIn::EnglandAndWales
                    };
                    declared.built_ins.push(Spanned::new(built_in, at));
                }
                Rule::date => declared.holidays.push(self.date(day)?),
                other => return Err(internal(at, Rule::business_days_decl, Some(other))),
            }
        }
        Ok(declared)
    }

    fn party_decl(&mut self, pair: Pair<'_, Rule>) -> Result<Party> {
        let mut c = self.children(pair);
        Ok(Party {
            name: self.name(c.required(Rule::name)?),
            legal_name: self.string(c.required(Rule::string)?),
        })
    }

    fn document_decl(&mut self, pair: Pair<'_, Rule>) -> Result<Document> {
        let mut c = self.children(pair);
        let name = self.name(c.required(Rule::name)?);
        let title = self.string(c.required(Rule::string)?);
        let dated = match c.optional(Rule::dated) {
            Some(d) => Some(self.dated(d)?),
            None => None,
        };
        let mut sections = Vec::new();
        while let Some(section) = c.optional(Rule::section_decl) {
            sections.push(self.section_decl(section)?);
        }
        Ok(Document {
            name,
            title,
            dated,
            sections,
        })
    }

    fn section_decl(&mut self, pair: Pair<'_, Rule>) -> Result<Section> {
        let mut c = self.children(pair);
        Ok(Section {
            number: self.name(c.required(Rule::section_number)?),
            title: c.optional(Rule::string).map(|s| self.string(s)),
        })
    }

    fn fact_decl(&mut self, pair: Pair<'_, Rule>) -> Result<FactDecl> {
        let mut c = self.children(pair);
        let name = self.name(c.required(Rule::name)?);
        if let Some(one_of) = c.optional(Rule::one_of) {
            let ty_span = self.span(&one_of);
            let mut o = self.children(one_of);
            let mut options = Vec::new();
            while let Some(option) = o.next() {
                options.push(self.name(option));
            }
            return Ok(FactDecl {
                name,
                ty: Spanned::new(Type::Choice, ty_span),
                options,
                description: c.optional(Rule::string).map(|s| self.string(s)),
            });
        }
        let ty_pair = c.required(Rule::type_name)?;
        let ty_span = self.span(&ty_pair);
        let ty = match ty_pair.as_str() {
            _ if ty_pair.as_rule() == Rule::type_name
                && ty_pair
                    .clone()
                    .into_inner()
                    .any(|p| p.as_rule() == Rule::money_in) =>
            {
                let code = ty_pair
                    .clone()
                    .into_inner()
                    .flat_map(|p| p.into_inner())
                    .find(|p| p.as_rule() == Rule::currency_code)
                    .ok_or_else(|| internal(ty_span, Rule::money_in, None))?;
                Type::Money(self.currency_code(&code)?)
            }
            "money" => Type::Money(Currency::Usd),
            "date" => Type::Date,
            "duration" => Type::Duration,
            "percentage" => Type::Percentage,
            "count" => Type::Count,
            "number" => Type::Number,
            _ => Type::YesNo,
        };
        Ok(FactDecl {
            name,
            ty: Spanned::new(ty, ty_span),
            options: Vec::new(),
            description: c.optional(Rule::string).map(|s| self.string(s)),
        })
    }

    fn election_decl(&mut self, pair: Pair<'_, Rule>) -> Result<Election> {
        let mut c = self.children(pair);
        let name = self.name(c.required(Rule::name)?);
        let by = self.name(c.required(Rule::name)?);
        let description = c.optional(Rule::string).map(|s| self.string(s));
        let options = self.option_decls(&mut c)?;
        Ok(Election {
            name,
            by,
            description,
            options,
            id: Slot::default(),
        })
    }

    fn option_decls(&mut self, c: &mut Children<'_>) -> Result<Vec<OptionDecl>> {
        let mut options = Vec::new();
        while let Some(option) = c.optional(Rule::option_decl) {
            options.push(self.option_decl(option)?);
        }
        Ok(options)
    }

    fn option_decl(&mut self, pair: Pair<'_, Rule>) -> Result<OptionDecl> {
        let mut c = self.children(pair);
        Ok(OptionDecl {
            name: self.name(c.required(Rule::name)?),
            description: c.optional(Rule::string).map(|s| self.string(s)),
            is_default: c.optional(Rule::default_mark).is_some(),
        })
    }

    fn assumption_decl(&mut self, pair: Pair<'_, Rule>) -> Result<Assumption> {
        let mut c = self.children(pair);
        if let Some(text) = c.optional(Rule::string) {
            return Ok(Assumption::Stated(self.string(text)));
        }
        let name = self.name(c.required(Rule::name)?);
        let description = self.string(c.required(Rule::string)?);
        let options = self.option_decls(&mut c)?;
        Ok(Assumption::Reading {
            name,
            description,
            options,
        })
    }

    fn signature_decl(&mut self, pair: Pair<'_, Rule>) -> Result<Signature> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let party = self.name(c.required(Rule::name)?);
        let signed_as = c.optional(Rule::string).map(|s| self.string(s));
        let when = match c.next() {
            None => SignatureDate::Unstated,
            Some(p) if p.as_rule() == Rule::date_left_blank => {
                SignatureDate::LeftBlank(self.span(&p))
            }
            Some(p) => {
                let mut on = self.children(p);
                let date = self.date(on.required(Rule::date)?)?;
                let time = match on.optional(Rule::time_of_day) {
                    Some(t) => Some(self.time(t)?),
                    None => None,
                };
                let zone = on.optional(Rule::zone).and_then(|z| self.zone(z));
                SignatureDate::On(date, time, zone)
            }
        };
        Ok(Signature {
            party,
            signed_as,
            when,
            span,
        })
    }

    // ---- clauses --------------------------------------------------------

    fn clause(&mut self, pair: Pair<'_, Rule>) -> Result<Clause> {
        let mut c = self.children(pair);
        let number = self.name(c.required(Rule::clause_number)?);
        let title = c.optional(Rule::string).map(|s| self.string(s));
        let head_span = title
            .as_ref()
            .map_or(number.span, |t| number.span.to(t.span));
        let mut clause = Clause {
            number,
            title,
            quotes: Vec::new(),
            assumptions: Vec::new(),
            elections: Vec::new(),
            facts: Vec::new(),
            events: Vec::new(),
            obligations: Vec::new(),
            head_span,
        };
        while let Some(item) = c.next() {
            match item.as_rule() {
                Rule::quote => {
                    let mut q = self.children(item);
                    clause.quotes.push(self.string(q.required(Rule::string)?));
                }
                Rule::assumption_decl => clause.assumptions.push(self.assumption_decl(item)?),
                Rule::election_decl => clause.elections.push(self.election_decl(item)?),
                Rule::fact_decl => clause.facts.push(self.fact_decl(item)?),
                Rule::event_decl => clause.events.push(self.event_decl(item)?),
                Rule::obligation => match self.obligation(item) {
                    Ok(obligation) => clause.obligations.push(obligation),
                    Err(error) => self.errors.push(error),
                },
                other => return Err(internal(head_span, Rule::obligation, Some(other))),
            }
        }
        Ok(clause)
    }

    fn obligation(&mut self, pair: Pair<'_, Rule>) -> Result<Obligation> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let label = match c.optional(Rule::label) {
            Some(l) => {
                let mut inner = self.children(l);
                Some(self.name(inner.required(Rule::name)?))
            }
            None => None,
        };
        let subject_party = self.name(c.required(Rule::name)?);
        let action = c.any()?;
        let (kind, obligor, obligee, subject) = self.action(subject_party, action)?;
        let mut modifiers = Vec::new();
        for modifier in c.inner {
            match self.hour_of(&modifier) {
                Some(Ok(time)) => modifiers.push(Modifier::ByTime(time)),
                Some(Err(error)) => self.errors.push(error),
                None => {}
            }
            match self.modifier(modifier) {
                Ok(m) => modifiers.push(m),
                Err(error) => self.errors.push(error),
            }
        }
        Ok(Obligation {
            label,
            kind,
            obligor: Ref::to(obligor),
            obligee: obligee.map(Ref::to),
            subject,
            terms: Terms::gather(&modifiers),
            modifiers,
            span,
        })
    }

    /// The verb phrase: decides the kind, who owes and who is owed.
    fn action(
        &mut self,
        subject: Name,
        pair: Pair<'_, Rule>,
    ) -> Result<(Kind, Name, Option<Name>, Subject)> {
        let rule = pair.as_rule();
        let span = self.span(&pair);
        let mut c = self.children(pair);
        Ok(match rule {
            Rule::pays => {
                let to = self.name(c.required(Rule::name)?);
                let amount = self.whole_expr(c.required(Rule::expr)?)?;
                (Kind::Payment, subject, Some(to), Subject::Amount(amount))
            }
            Rule::provides => {
                let to = self.name(c.required(Rule::name)?);
                let what = self.string(c.required(Rule::string)?);
                (Kind::Benefit, subject, Some(to), Subject::Described(what))
            }
            Rule::reimburses => {
                let to = self.name(c.required(Rule::name)?);
                let what = self.string(c.required(Rule::string)?);
                let amount = match c.optional(Rule::expr) {
                    Some(e) => Some(self.whole_expr(e)?),
                    None => None,
                };
                (
                    Kind::Reimbursement,
                    subject,
                    Some(to),
                    Subject::Reimbursed(what, amount),
                )
            }
            Rule::performs => {
                let what = self.string(c.required(Rule::string)?);
                let to = c.optional(Rule::name).map(|n| self.name(n));
                (Kind::Performance, subject, to, Subject::Described(what))
            }
            Rule::notifies => {
                let to = self.name(c.required(Rule::name)?);
                let of = c.any()?;
                let what = if of.as_rule() == Rule::compensation_ref {
                    let mut r = self.children(of);
                    Subject::CompensationReceived(Ref::to(self.name(r.required(Rule::name)?)))
                } else {
                    Subject::Described(self.string(of))
                };
                (Kind::Notice, subject, Some(to), what)
            }
            Rule::releases => {
                let to = self.name(c.required(Rule::name)?);
                let from = self.document_or_text(c.any()?)?;
                (Kind::Release, subject, Some(to), from)
            }
            Rule::remains_bound => {
                let by = self.document_or_text(c.any()?)?;
                let to = c.optional(Rule::name).map(|n| self.name(n));
                (Kind::Survival, subject, to, by)
            }
            Rule::must_not => {
                let what = self.string(c.required(Rule::string)?);
                let to = c.optional(Rule::name).map(|n| self.name(n));
                (Kind::Restriction, subject, to, Subject::Described(what))
            }
            Rule::may => {
                // A right: the holder is owed; the party it is held against owes.
                let what = self.string(c.required(Rule::string)?);
                match c.optional(Rule::name).map(|n| self.name(n)) {
                    Some(against) => (
                        Kind::Right,
                        against,
                        Some(subject),
                        Subject::Described(what),
                    ),
                    None => (Kind::Right, subject, None, Subject::Described(what)),
                }
            }
            Rule::signs => {
                let what = c.optional(Rule::string).map(|s| self.string(s));
                let to = c.optional(Rule::name).map(|n| self.name(n));
                let time = self.time(c.required(Rule::time_of_day)?)?;
                let zone = c.optional(Rule::zone).and_then(|z| self.zone(z));
                let date = self.date(c.required(Rule::date)?)?;
                (
                    Kind::Acceptance,
                    subject,
                    to,
                    Subject::Deadline {
                        what,
                        date,
                        time,
                        zone,
                    },
                )
            }
            other => return Err(internal(span, Rule::pays, Some(other))),
        })
    }

    /// The time of day of `by 5:00 p.m. Pacific Time on DATE`, if the
    /// modifier is one (its date is lowered by [`Self::modifier`]).
    fn hour_of(&self, pair: &Pair<'_, Rule>) -> Option<Result<TimeOfDay>> {
        if pair.as_rule() != Rule::by_date {
            return None;
        }
        let time = pair
            .clone()
            .into_inner()
            .find(|p| p.as_rule() == Rule::deadline_time)?;
        Some(self.deadline_time(time))
    }

    /// `5:00 p.m. Pacific Time`
    fn deadline_time(&self, pair: Pair<'_, Rule>) -> Result<TimeOfDay> {
        let mut c = self.children(pair);
        let time = self.time(c.required(Rule::time_of_day)?)?;
        let zone = c.optional(Rule::zone).and_then(|z| self.zone(z));
        Ok(TimeOfDay { time, zone })
    }

    /// `at 7:30 p.m. Eastern Time`, where a scenario writes one.
    fn at_time(&self, pair: Option<Pair<'_, Rule>>) -> Result<Option<TimeOfDay>> {
        let Some(pair) = pair else {
            return Ok(None);
        };
        let mut c = self.children(pair);
        self.deadline_time(c.required(Rule::deadline_time)?)
            .map(Some)
    }

    fn document_or_text(&mut self, pair: Pair<'_, Rule>) -> Result<Subject> {
        if pair.as_rule() == Rule::string {
            return Ok(Subject::Described(self.string(pair)));
        }
        let mut c = self.children(pair);
        Ok(Subject::DocumentRef(DocumentRef {
            document: self.name(c.required(Rule::name)?),
            section: c.optional(Rule::section_number).map(|s| self.name(s)),
        }))
    }

    fn modifier(&mut self, pair: Pair<'_, Rule>) -> Result<Modifier> {
        let span = match pair.as_rule() {
            // These end in a date, an expression now.
            Rule::period | Rule::on_date | Rule::by_date | Rule::effective | Rule::offset => {
                self.trimmed_span(&pair)
            }
            _ => self.span(&pair),
        };
        let rule = pair.as_rule();
        let mut c = self.children(pair);
        Ok(match rule {
            Rule::installments => {
                let count = self.count(c.required(Rule::count)?)?;
                let frequency = match c
                    .required(Rule::frequency)?
                    .into_inner()
                    .next()
                    .map(|p| p.as_rule())
                {
                    Some(Rule::kw_quarterly) => Frequency::Quarterly,
                    Some(Rule::kw_yearly) => Frequency::Yearly,
                    Some(Rule::kw_weekly) => Frequency::Weeks(1),
                    Some(Rule::kw_semi_monthly) => Frequency::SemiMonthly(0, 0),
                    _ => Frequency::Monthly,
                };
                let each = match c.optional(Rule::each_amount) {
                    Some(e) => {
                        let mut inner = self.children(e);
                        Some(self.whole_expr(inner.required(Rule::expr)?)?)
                    }
                    None => None,
                };
                let (frequency, day) =
                    self.schedule_days(frequency, c.optional(Rule::day_rule), span)?;
                Modifier::Installments(Installments {
                    count,
                    frequency,
                    each,
                    day,
                    span,
                })
            }
            Rule::conflict_rule => {
                Modifier::ConflictRule(Ref::to(self.name(c.required(Rule::name)?)))
            }
            Rule::recurring => {
                let frequency = match c.optional(Rule::integer) {
                    Some(weeks) => {
                        let weeks = self.integer(weeks)?;
                        if weeks.node == 0 {
                            return Err(Diagnostic::of(&SyntaxProblem::EveryZeroWeeks, weeks.span));
                        }
                        Frequency::Weeks(weeks.node)
                    }
                    None => match c.required(Rule::recurring_unit)?.as_str() {
                        "half month" => Frequency::SemiMonthly(0, 0),
                        "quarter" => Frequency::Quarterly,
                        "year" => Frequency::Yearly,
                        "week" => Frequency::Weeks(1),
                        _ => Frequency::Monthly,
                    },
                };
                let (frequency, day) =
                    self.schedule_days(frequency, c.optional(Rule::day_rule), span)?;
                Modifier::Recurring(Recurring {
                    frequency,
                    day,
                    span,
                })
            }
            Rule::escalation => {
                let rate = self.percent(c.required(Rule::percent)?)?;
                let mut r = self.children(c.required(Rule::rounding)?);
                let mode = rounding_mode(r.required(Rule::rounding_mode)?.as_str());
                let unit = rounding_unit(r.required(Rule::rounding_unit)?.as_str());
                let rounding = crate::calc::money::Rounding { mode, unit };
                Modifier::Escalation(Escalation {
                    rate,
                    rounding,
                    span,
                })
            }
            Rule::abatement => Modifier::Abatement(Abatement {
                from: self.date_expr(c.required(Rule::date_expr)?)?,
                through: self.date_expr(c.required(Rule::date_expr)?)?,
                span,
            }),
            Rule::step => Modifier::Step(Step {
                amount: self.whole_expr(c.required(Rule::expr)?)?,
                from: self.date_expr(c.required(Rule::date_expr)?)?,
                span,
            }),
            Rule::prorated => Modifier::Prorated(span),
            Rule::prepayments => {
                let after = if c.optional(Rule::prepayments_shorten).is_some() {
                    AfterPrepayment::Shorten
                } else {
                    c.required(Rule::prepayments_reduce)?;
                    AfterPrepayment::Reamortize
                };
                Modifier::Prepayments(after, span)
            }
            Rule::roll_convention => {
                let roll = match c.required(Rule::roll_name)?.as_str() {
                    "modified following" => Roll::ModifiedFollowing,
                    "modified preceding" => Roll::ModifiedPreceding,
                    "following" => Roll::Following,
                    _ => Roll::Preceding,
                };
                Modifier::Roll(roll, span)
            }
            Rule::rounding => {
                let mode = rounding_mode(c.required(Rule::rounding_mode)?.as_str());
                let unit = rounding_unit(c.required(Rule::rounding_unit)?.as_str());
                Modifier::Rounding(mode, unit, span)
            }
            Rule::remainder => {
                let position = match c.required(Rule::remainder_position)?.as_str() {
                    "first" => Remainder::First,
                    _ => Remainder::Last,
                };
                Modifier::Remainder(position, span)
            }
            Rule::period => Modifier::Period(self.period_children(span, &mut c)?),
            Rule::on_date | Rule::by_date => {
                // The time of day, if any, is lowered by `hour_of`.
                c.optional(Rule::deadline_time);
                Modifier::On(self.date_expr(c.required(Rule::date_expr)?)?)
            }
            Rule::effective => Modifier::Effective(self.date_expr(c.required(Rule::date_expr)?)?),
            Rule::for_duration => Modifier::For(self.duration(c.required(Rule::duration)?)?),
            Rule::within => Modifier::Within(self.duration(c.required(Rule::duration)?)?),
            Rule::grace => Modifier::Grace(self.duration(c.required(Rule::duration)?)?),
            Rule::offset => {
                let mut r = self.children(c.required(Rule::compensation_ref)?);
                let receiver = self.name(r.required(Rule::name)?);
                let period = match c.optional(Rule::period) {
                    Some(p) => {
                        let period_span = self.trimmed_span(&p);
                        let mut pc = self.children(p);
                        Some(self.period_children(period_span, &mut pc)?)
                    }
                    None => None,
                };
                Modifier::Offset(Offset {
                    receiver: Ref::to(receiver),
                    period,
                    span,
                })
            }
            Rule::late_interest => Modifier::LateInterest(self.late_interest(span, c)?),
            Rule::late_fee => {
                let fee = match c.optional(Rule::fee_share) {
                    Some(share) => {
                        let mut s = self.children(share);
                        LateFee::Share(self.percent(s.required(Rule::percent)?)?)
                    }
                    None => LateFee::Amount(self.whole_expr(c.required(Rule::expr)?)?),
                };
                Modifier::LateFee(fee, span)
            }
            Rule::accrued_interest => {
                let rate = self.percent(c.required(Rule::percent)?)?;
                let from = self.date_expr(c.required(Rule::date_expr)?)?;
                let mut day_count = None;
                while let Some(term) = c.next() {
                    if term.as_rule() == Rule::day_count {
                        day_count = Some(self.day_count(term)?);
                    }
                }
                Modifier::Interest(AccruedInterest {
                    rate,
                    from,
                    day_count,
                    span,
                })
            }
            Rule::remaining_end => {
                Modifier::RemainingEnd(self.date_expr(c.required(Rule::date_expr)?)?)
            }
            Rule::cost => Modifier::Cost(self.whole_expr(c.required(Rule::expr)?)?),
            Rule::cap => Modifier::Cap(self.whole_expr(c.required(Rule::expr)?)?),
            Rule::aggregate_cap => {
                Modifier::AggregateCap(self.whole_expr(c.required(Rule::expr)?)?)
            }
            Rule::floor => Modifier::Floor(self.whole_expr(c.required(Rule::expr)?)?),
            Rule::condition => Modifier::Condition(self.cond(c.required(Rule::cond)?)?),
            Rule::lapses => Modifier::Lapses(span),
            Rule::met_when => Modifier::MetWhen(Ref::to(self.name(c.required(Rule::name)?))),
            Rule::amortized => {
                let rate = self.percent(c.required(Rule::percent)?)?;
                let day_count = match c.optional(Rule::day_count) {
                    Some(term) => Some(self.day_count(term)?),
                    None => None,
                };
                Modifier::Amortized(Amortized {
                    rate,
                    day_count,
                    span,
                })
            }
            Rule::credited_against => Modifier::CreditedAgainst(self.name(c.required(Rule::name)?)),
            Rule::unused_credit => {
                let fate = if c.optional(Rule::credit_refunded).is_some() {
                    UnusedCredit::Refunded
                } else {
                    c.required(Rule::credit_lapses)?;
                    UnusedCredit::Lapses
                };
                let on = self.date_expr(c.required(Rule::date_expr)?)?;
                Modifier::UnusedCredit(UnusedCreditTerm { fate, on, span })
            }
            Rule::then_right => Modifier::Then(Then {
                party: self.name(c.required(Rule::name)?),
                what: self.string(c.required(Rule::string)?),
            }),
            other => return Err(internal(span, Rule::modifier, Some(other))),
        })
    }

    fn period_children(&mut self, span: Span, c: &mut Children<'_>) -> Result<Period> {
        let from = match c.optional(Rule::period_from) {
            Some(p) => Some(self.date_expr(self.children(p).required(Rule::date_expr)?)?),
            None => None,
        };
        let through = match c.optional(Rule::period_through) {
            Some(p) => Some(self.date_expr(self.children(p).required(Rule::date_expr)?)?),
            None => None,
        };
        Ok(Period {
            from,
            through,
            span,
        })
    }

    /// `rounded down to a whole number`, `rounded half up to the cent`
    fn rounded_suffix(&mut self, pair: Pair<'_, Rule>) -> Result<crate::calc::money::Rounding> {
        let mut c = self.children(pair);
        let mode = rounding_mode(c.required(Rule::rounding_mode)?.as_str());
        let unit = match c.required(Rule::round_target)?.as_str().rsplit(' ').next() {
            Some("number") | None => Unit::Whole,
            Some(word) => rounding_unit(word),
        };
        Ok(crate::calc::money::Rounding { mode, unit })
    }

    /// A date: `June 6, 2002`, `30 days after the date of delivery`.
    fn date_expr(&mut self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut c = self.children(pair);
        self.whole_expr(c.required(Rule::expr)?)
    }

    fn count(&mut self, pair: Pair<'_, Rule>) -> Result<Count> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let words = c.optional(Rule::number_word).map(|w| self.name(w));
        let value = match (c.optional(Rule::integer), &words) {
            (Some(i), _) => self.integer(i)?,
            (None, Some(w)) => {
                let value = crate::calc::words::value_of(&[w.node.as_str()])
                    .and_then(|v| u32::try_from(v).ok())
                    .ok_or_else(|| {
                        Diagnostic::of(
                            &SyntaxProblem::NotANumberWord {
                                word: w.node.clone(),
                            },
                            w.span,
                        )
                    })?;
                Spanned::new(value, w.span)
            }
            (None, None) => return Err(internal(span, Rule::integer, None)),
        };
        Ok(Count { value, words })
    }

    /// A schedule's frequency and day rule together: a semi-monthly one
    /// takes its two days (`on days 1 and 15`), and only it does.
    fn schedule_days(
        &mut self,
        frequency: Frequency,
        day: Option<Pair<'_, Rule>>,
        span: Span,
    ) -> Result<(Frequency, Option<DayRule>)> {
        let two_days = day.as_ref().and_then(|d| {
            d.clone()
                .into_inner()
                .find(|p| p.as_rule() == Rule::two_days)
        });
        match (frequency, two_days, day) {
            (Frequency::SemiMonthly(..), Some(days), _) => {
                let mut c = self.children(days);
                let first = self.day_number(c.required(Rule::integer)?)?;
                let second = self.day_number(c.required(Rule::integer)?)?;
                if first.node >= second.node {
                    return Err(Diagnostic::of(
                        &SyntaxProblem::DaysOutOfOrder {
                            first: first.node,
                            second: second.node,
                        },
                        second.span,
                    ));
                }
                Ok((Frequency::SemiMonthly(first.node, second.node), None))
            }
            (Frequency::SemiMonthly(..), None, _) => {
                Err(Diagnostic::of(&SyntaxProblem::SemiMonthlyWithoutDays, span))
            }
            (_, Some(days), _) => Err(Diagnostic::of(
                &SyntaxProblem::TwoDaysNotSemiMonthly,
                self.span(&days),
            )),
            (_, None, Some(day)) => Ok((frequency, Some(self.day_rule(day)?))),
            (_, None, None) => Ok((frequency, None)),
        }
    }

    /// A day of the month, 1 to 31.
    fn day_number(&mut self, pair: Pair<'_, Rule>) -> Result<Spanned<u32>> {
        let day = self.integer(pair)?;
        if !(1..=31).contains(&day.node) {
            return Err(Diagnostic::of(
                &SyntaxProblem::NoSuchDayOfMonth { day: day.node },
                day.span,
            ));
        }
        Ok(day)
    }

    fn day_rule(&mut self, pair: Pair<'_, Rule>) -> Result<DayRule> {
        let mut c = self.children(pair);
        let rule = c.any()?;
        match rule.as_rule() {
            Rule::last_day => return Ok(DayRule::LastDayOfMonth),
            Rule::first_business_day => return Ok(DayRule::FirstBusinessDay),
            _ => {}
        }
        let mut d = self.children(rule);
        let day = self.day_number(d.required(Rule::integer)?)?;
        Ok(DayRule::DayOfMonth(day.node))
    }

    fn late_interest(&mut self, span: Span, mut c: Children<'_>) -> Result<LateInterest> {
        let rate = self.percent(c.required(Rule::percent)?)?;
        let mut interest = LateInterest {
            rate,
            start: None,
            day_count: None,
            span,
        };
        while let Some(term) = c.next() {
            match term.as_rule() {
                Rule::interest_start => {
                    let mut s = self.children(term);
                    let start = s.any()?;
                    interest.start = Some(match start.as_rule() {
                        Rule::due_date_start => InterestStart::DueDate,
                        Rule::grace_end_start => InterestStart::GraceEnd,
                        _ => InterestStart::Reading(Ref::to(self.name(start))),
                    });
                }
                Rule::day_count => interest.day_count = Some(self.day_count(term)?),
                _ => {} // `simple`: the only kind of interest clausec computes
            }
        }
        Ok(interest)
    }

    /// `actual/365`, `actual/360`, `30/360`
    fn day_count(&self, term: Pair<'_, Rule>) -> Result<Spanned<DayCount>> {
        let convention = match term.as_str() {
            "actual/360" => DayCount::Actual360,
            "30/360" => DayCount::Thirty360,
            "actual/365" => DayCount::Actual365,
            other => {
                return Err(Diagnostic::of(
                    &SyntaxProblem::UnknownDayCount {
                        written: other.to_owned(),
                    },
                    self.span(&term),
                ))
            }
        };
        Ok(Spanned::new(convention, self.span(&term)))
    }

    // ---- conditions and expressions ------------------------------------

    fn cond(&mut self, pair: Pair<'_, Rule>) -> Result<Condition> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let first = self.cond_atom(c.any()?)?;
        let mut parts = vec![first];
        let mut joiner: Option<Rule> = None;
        while let Some(op) = c.next() {
            let rule = op.as_rule();
            if joiner.is_some_and(|j| j != rule) {
                return Err(mixed_and_or(self.span(&op)));
            }
            joiner = Some(rule);
            parts.push(self.cond_atom(c.any()?)?);
        }
        Ok(match (joiner, parts.len()) {
            (_, 1) => parts.pop().unwrap_or(Condition::All(Vec::new(), span)),
            (Some(Rule::cond_or), _) => Condition::Any(parts, span),
            _ => Condition::All(parts, span),
        })
    }

    /// One part of a condition. Only `not` and parentheses recurse; every
    /// other form is lowered by [`Lowerer::cond_leaf`], so that the frame
    /// this function adds at each level of a condition stays small.
    fn cond_atom(&mut self, pair: Pair<'_, Rule>) -> Result<Condition> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::cond_not => {
                let mut c = self.children(pair);
                Ok(Condition::Not(Box::new(self.cond_atom(c.any()?)?), span))
            }
            Rule::cond_paren => {
                let mut c = self.children(pair);
                self.cond(c.required(Rule::cond)?)
            }
            _ => self.cond_leaf(pair),
        }
    }

    /// A condition that holds no other condition.
    #[inline(never)]
    fn cond_leaf(&mut self, pair: Pair<'_, Rule>) -> Result<Condition> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        if rule == Rule::described {
            let mut c = self.children(pair);
            return Ok(Condition::Described(self.string(c.required(Rule::string)?)));
        }
        let mut c = self.children(pair);
        Ok(match rule {
            Rule::elects => Condition::Elects {
                party: self.name(c.required(Rule::name)?),
                option: Ref::to(self.name(c.required(Rule::name)?)),
            },
            Rule::prevails => Condition::Prevails(Ref::to(self.name(c.required(Rule::name)?))),
            Rule::compare => {
                let left = self.whole_expr(c.required(Rule::expr)?)?;
                let op_pair = c.required(Rule::compare_op)?;
                let op = match op_pair.as_str() {
                    ">=" => CompareOp::Ge,
                    "<=" => CompareOp::Le,
                    ">" => CompareOp::Gt,
                    "<" => CompareOp::Lt,
                    _ => CompareOp::Eq,
                };
                let op = Spanned::new(op, self.span(&op_pair));
                let right = self.whole_expr(c.required(Rule::expr)?)?;
                Condition::Compare(left, op, right)
            }
            Rule::defaulted | Rule::happens => self.event_condition(rule, c)?,
            Rule::fact_equals => Condition::FactIs {
                fact: Ref::to(self.name(c.required(Rule::name)?)),
                value: self.name(c.required(Rule::name)?),
            },
            Rule::fact_is => Condition::Fact(Ref::to(self.name(c.required(Rule::name)?))),
            other => return Err(internal(span, Rule::cond, Some(other))),
        })
    }

    /// `delivery happens by DATE`, `an installment of X has been unpaid for
    /// more than N days`: apart from [`Lowerer::cond_atom`], which recurses
    /// once per level of a condition, so that its frame stays small.
    #[inline(never)]
    fn event_condition(&mut self, rule: Rule, mut c: Children<'_>) -> Result<Condition> {
        if rule == Rule::defaulted {
            return Ok(Condition::Defaulted {
                obligation: self.name(c.required(Rule::name)?),
                grace: self.duration(c.required(Rule::duration)?)?.node,
            });
        }
        let event = self.name(c.required(Rule::name)?);
        let by = match c.optional(Rule::expr) {
            Some(e) => Some(self.whole_expr(e)?),
            None => None,
        };
        Ok(Condition::Happens {
            event: Ref::to(event),
            by,
        })
    }

    /// A whole expression: an amount, a limit, one side of a comparison.
    /// Its terms are counted on the parsed text before any tree is built,
    /// so that no expression lowers to a tree deeper than [`MAX_TERMS`].
    fn whole_expr(&mut self, pair: Pair<'_, Rule>) -> Result<Expr> {
        // `flatten` walks pest's token list in order, without recursion.
        let operators = pair
            .clone()
            .into_inner()
            .flatten()
            .filter(|p| {
                matches!(
                    p.as_rule(),
                    Rule::add_op
                        | Rule::mul_op
                        | Rule::greater_of
                        | Rule::lesser_of
                        | Rule::later_of
                        | Rule::earlier_of
                        | Rule::month_end
                        | Rule::business_day_on_or_after
                        | Rule::business_day_on_or_before
                        | Rule::days_between
                        | Rule::date_shift
                        | Rule::year_fraction
                        | Rule::rounded_suffix
                        | Rule::power_suffix
                        | Rule::conversion
                )
            })
            .count();
        let terms = operators + 1;
        if terms > MAX_TERMS {
            // pest's span of an `expr` runs on over the white space after it.
            let span = self.span(&pair);
            let length = pair.as_str().trim_end().len();
            let span = Span::new(span.file, span.start, span.start + length);
            return Err(too_many_terms(span, terms));
        }
        self.expr(pair)
    }

    fn expr(&mut self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut c = self.children(pair);
        let mut left = self.term(c.required(Rule::term)?)?;
        while let Some(op) = c.next() {
            let op = if op.as_str() == "+" {
                BinOp::Add
            } else {
                BinOp::Sub
            };
            let right = self.term(c.required(Rule::term)?)?;
            left = binary(op, left, right);
        }
        Ok(left)
    }

    fn term(&mut self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut c = self.children(pair);
        let mut left = self.factor(c.any()?)?;
        while let Some(op) = c.next() {
            let op = if matches!(op.as_str(), "*" | "×") {
                BinOp::Mul
            } else {
                BinOp::Div
            };
            let right = self.factor(c.any()?)?;
            left = binary(op, left, right);
        }
        Ok(left)
    }

    fn factor(&mut self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let text = pair.as_str();
        let node = match rule {
            Rule::paren => return self.paren(pair),
            Rule::greater_of | Rule::lesser_of => {
                let mut c = self.children(pair);
                let a = Box::new(self.factor(c.any()?)?);
                let b = Box::new(self.factor(c.any()?)?);
                if rule == Rule::greater_of {
                    ExprKind::GreaterOf(a, b)
                } else {
                    ExprKind::LesserOf(a, b)
                }
            }
            Rule::later_of
            | Rule::earlier_of
            | Rule::event_date
            | Rule::event_end
            | Rule::unpaid_balance
            | Rule::first_default
            | Rule::last_amount
            | Rule::total_of
            | Rule::interest_on
            | Rule::month_end
            | Rule::business_day_on_or_after
            | Rule::business_day_on_or_before
            | Rule::days_between
            | Rule::date_shift
            | Rule::year_fraction => self.date_form(rule, pair)?,
            Rule::money => {
                let (amount, currency) = self.money(pair)?;
                ExprKind::Money(amount.node, currency)
            }
            Rule::percent => ExprKind::Percent(self.percent(pair)?.node),
            Rule::number => ExprKind::Number(self.decimal(span, text)?),
            Rule::date => ExprKind::Date(self.date(pair)?.node),
            Rule::duration => ExprKind::Duration(self.duration(pair)?.node),
            Rule::fact_ref => ExprKind::Fact(text.to_owned(), Slot::default()),
            other => return Err(internal(span, Rule::factor, Some(other))),
        };
        Ok(Expr {
            node,
            span,
            parenthesized: false,
        })
    }

    /// `(EXPR)`, `(EXPR) rounded ...`, or an amount with cases `(A if
    /// COND, otherwise B)`. Out of line: [`Lowerer::factor`] recurses once
    /// per level of an expression and its frame must stay small.
    #[inline(never)]
    fn paren(&mut self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let start = pair.as_span().start();
        let mut c = self.children(pair);
        let inner = self.expr(c.required(Rule::expr)?)?;
        let inner = match c.optional(Rule::case_tail) {
            Some(tail) => {
                let mut t = self.children(tail);
                let condition = self.cond(t.required(Rule::cond)?)?;
                let otherwise = self.whole_expr(t.required(Rule::expr)?)?;
                Expr {
                    node: ExprKind::Case {
                        then: Box::new(inner),
                        condition: Box::new(condition),
                        otherwise: Box::new(otherwise),
                    },
                    span,
                    // The parentheses are the form's own: printed always.
                    parenthesized: false,
                }
            }
            None => Expr {
                node: inner.node,
                span,
                parenthesized: true,
            },
        };
        let inner = match c.optional(Rule::power_suffix) {
            Some(power) => {
                // The power ends where its exponent does.
                let end = power.as_span().end() - start;
                let before = text.get(..end).unwrap_or(text);
                let power_span =
                    Span::new(span.file, span.start, span.start + before.trim_end().len());
                self.power(inner, power, power_span)?
            }
            None => inner,
        };
        let inner = match c.optional(Rule::conversion) {
            Some(conversion) => {
                let end = conversion.as_span().end() - start;
                let before = text.get(..end).unwrap_or(text);
                let whole = Span::new(span.file, span.start, span.start + before.trim_end().len());
                self.conversion(inner, conversion, whole)?
            }
            None => inner,
        };
        let Some(suffix) = c.optional(Rule::rounded_suffix) else {
            return Ok(inner);
        };
        // What is rounded ends where the white space before `rounded` starts.
        let before = text.get(..suffix.as_span().start() - start).unwrap_or(text);
        let paren_span = Span::new(span.file, span.start, span.start + before.trim_end().len());
        let rounding = self.rounded_suffix(suffix)?;
        let inner = Expr {
            span: paren_span,
            ..inner
        };
        Ok(Expr {
            node: ExprKind::Rounded(Box::new(inner), rounding),
            span,
            parenthesized: false,
        })
    }

    /// `(AMOUNT) at RATE TO per FROM`.
    fn conversion(&mut self, amount: Expr, suffix: Pair<'_, Rule>, span: Span) -> Result<Expr> {
        let mut c = self.children(suffix);
        let rate_pair = c.required(Rule::number)?;
        let rate_span = self.span(&rate_pair);
        let rate = self.decimal(rate_span, rate_pair.as_str())?;
        let to = self.currency_code(&c.required(Rule::currency_code)?)?;
        let from = self.currency_code(&c.required(Rule::currency_code)?)?;
        Ok(Expr {
            node: ExprKind::Converted {
                amount: Box::new(amount),
                rate: Spanned::new(rate, rate_span),
                to,
                from,
            },
            span,
            parenthesized: false,
        })
    }

    /// `(BASE) to the power of EXPONENT`.
    fn power(&mut self, base: Expr, suffix: Pair<'_, Rule>, span: Span) -> Result<Expr> {
        let mut c = self.children(suffix);
        let exponent = self.factor(c.any()?)?;
        Ok(Expr {
            node: ExprKind::Power {
                base: Box::new(base),
                exponent: Box::new(exponent),
            },
            span,
            parenthesized: false,
        })
    }

    /// A date form (`the later of ...`, `30 days after ...`, `the number of
    /// days from ...`), apart from [`Lowerer::factor`], which recurses once
    /// per level of an expression, so that its frame stays small.
    #[inline(never)]
    fn date_form(&mut self, rule: Rule, pair: Pair<'_, Rule>) -> Result<ExprKind> {
        let span = self.span(&pair);
        Ok(match rule {
            Rule::later_of | Rule::earlier_of => {
                let mut c = self.children(pair);
                let a = Box::new(self.factor(c.any()?)?);
                let b = Box::new(self.factor(c.any()?)?);
                if rule == Rule::later_of {
                    ExprKind::LaterOf(a, b)
                } else {
                    ExprKind::EarlierOf(a, b)
                }
            }
            Rule::event_date | Rule::event_end => {
                let mut c = self.children(pair);
                let event = self.name(c.required(Rule::name)?);
                if rule == Rule::event_date {
                    ExprKind::EventDate(Ref::to(event))
                } else {
                    ExprKind::EventEnd(Ref::to(event))
                }
            }
            Rule::last_amount => {
                let mut c = self.children(pair);
                ExprKind::LastAmount(self.name(c.required(Rule::name)?))
            }
            Rule::total_of => {
                let mut c = self.children(pair);
                ExprKind::TotalOf(self.name(c.required(Rule::name)?))
            }
            Rule::interest_on => {
                let mut c = self.children(pair);
                let schedule = self.name(c.required(Rule::name)?);
                let rate = self.percent(c.required(Rule::percent)?)?;
                let day_count = match c.optional(Rule::day_count) {
                    Some(d) => Some(self.day_count(d)?),
                    None => None,
                };
                ExprKind::InterestOn {
                    schedule,
                    rate,
                    day_count,
                }
            }
            Rule::unpaid_balance => {
                let mut c = self.children(pair);
                let obligation = self.name(c.required(Rule::name)?);
                let on = Box::new(self.factor(c.any()?)?);
                ExprKind::UnpaidBalance { obligation, on }
            }
            Rule::first_default => {
                let mut c = self.children(pair);
                ExprKind::FirstDefault {
                    obligation: self.name(c.required(Rule::name)?),
                    grace: self.duration(c.required(Rule::duration)?)?.node,
                }
            }
            Rule::month_end => {
                let mut c = self.children(pair);
                ExprKind::MonthEnd(Box::new(self.factor(c.any()?)?))
            }
            Rule::business_day_on_or_after | Rule::business_day_on_or_before => {
                let mut c = self.children(pair);
                ExprKind::BusinessDay {
                    later: rule == Rule::business_day_on_or_after,
                    date: Box::new(self.factor(c.any()?)?),
                }
            }
            Rule::days_between => {
                let mut c = self.children(pair);
                let unit = match c.required(Rule::span_unit)?.as_str() {
                    "days" => SpanUnit::Days,
                    "full weeks" => SpanUnit::FullWeeks,
                    _ => SpanUnit::FullMonths,
                };
                let from = Box::new(self.factor(c.any()?)?);
                let inclusive = c.any()?.as_rule() == Rule::span_through;
                let to = Box::new(self.factor(c.any()?)?);
                ExprKind::Between {
                    unit,
                    from,
                    to,
                    inclusive,
                }
            }
            Rule::year_fraction => {
                let mut c = self.children(pair);
                let from = Box::new(self.factor(c.any()?)?);
                let to = Box::new(self.factor(c.any()?)?);
                let day_count = self.day_count(c.required(Rule::day_count)?)?.node;
                ExprKind::YearFraction {
                    from,
                    to,
                    day_count,
                }
            }
            Rule::date_shift => {
                let mut c = self.children(pair);
                let by = self.duration(c.required(Rule::duration)?)?.node;
                let after = c.any()?.as_rule() == Rule::shift_after;
                let date = Box::new(self.factor(c.any()?)?);
                ExprKind::Shift { by, after, date }
            }
            other => return Err(internal(span, Rule::factor, Some(other))),
        })
    }

    // ---- scenarios ------------------------------------------------------

    fn scenario(&mut self, pair: Pair<'_, Rule>) -> Result<Scenario> {
        let mut c = self.children(pair);
        let name = self.name(c.required(Rule::name)?);
        let title = c.optional(Rule::string).map(|s| self.string(s));
        let head_span = title.as_ref().map_or(name.span, |t| name.span.to(t.span));
        let mut scenario = Scenario::empty(name, title, head_span);
        while let Some(item) = c.next() {
            if let Err(error) = self.scenario_item(&mut scenario, item) {
                self.errors.push(error);
            }
        }
        Ok(scenario)
    }

    fn scenario_item(&mut self, scenario: &mut Scenario, pair: Pair<'_, Rule>) -> Result<()> {
        let span = self.span(&pair);
        let trimmed = self.trimmed_span(&pair);
        let rule = pair.as_rule();
        let mut c = self.children(pair);
        match rule {
            Rule::hypothetical => scenario
                .hypothetical
                .push(self.string(c.required(Rule::string)?)),
            Rule::as_of => scenario.as_of = Some(self.date(c.required(Rule::date)?)?),
            Rule::fact_value => {
                let name = self.name(c.required(Rule::name)?);
                let value_pair = c.required(Rule::value)?;
                let value_span = self.span(&value_pair);
                let mut v = self.children(value_pair);
                let inner = v.any()?;
                let value = match inner.as_rule() {
                    Rule::yes => Value::Yes,
                    Rule::no => Value::No,
                    Rule::name => Value::Choice(self.name(inner)),
                    _ => Value::Expr(self.factor(inner)?),
                };
                scenario.facts.push(FactValue {
                    fact: Ref::to(name),
                    value: Spanned::new(value, value_span),
                });
            }
            Rule::condition_value => {
                let text = self.string(c.required(Rule::string)?);
                let holds = c.any()?.as_rule() == Rule::yes;
                scenario.conditions.push((text, holds));
            }
            Rule::reading_choice => scenario.readings.push(ReadingChoice {
                reading: Ref::to(self.name(c.required(Rule::name)?)),
                option: self.name(c.required(Rule::name)?),
            }),
            Rule::on_time => scenario.payments_on_time = true,
            Rule::election_event => scenario.events.push(Event::Elected {
                party: self.name(c.required(Rule::name)?),
                option: Ref::to(self.name(c.required(Rule::name)?)),
            }),
            Rule::payment_event => {
                let payer = self.name(c.required(Rule::name)?);
                let payee = self.name(c.required(Rule::name)?);
                let (amount, currency) = self.money(c.required(Rule::money)?)?;
                let on = self.date(c.required(Rule::date)?)?;
                let at = self.at_time(c.optional(Rule::at_time))?;
                let obligation = self.name(c.required(Rule::name)?);
                let due = match c.optional(Rule::date) {
                    Some(d) => Some(self.date(d)?),
                    None => None,
                };
                scenario.events.push(Event::Paid {
                    payer,
                    payee,
                    amount,
                    currency,
                    on,
                    at,
                    obligation,
                    due,
                    span,
                });
            }
            Rule::prepayment_event => {
                let payer = self.name(c.required(Rule::name)?);
                let payee = self.name(c.required(Rule::name)?);
                let (amount, currency) = self.money(c.required(Rule::money)?)?;
                scenario.events.push(Event::Prepaid {
                    payer,
                    payee,
                    amount,
                    currency,
                    on: self.date(c.required(Rule::date)?)?,
                    obligation: self.name(c.required(Rule::name)?),
                    span,
                });
            }
            Rule::compensation_event => {
                let party = self.name(c.required(Rule::name)?);
                let (amount, currency) = self.money(c.required(Rule::money)?)?;
                let on = self.date(c.required(Rule::date)?)?;
                let description = c.optional(Rule::string).map(|s| self.string(s));
                scenario.events.push(Event::Compensation {
                    party: Ref::to(party),
                    amount,
                    currency,
                    on,
                    description,
                });
            }
            Rule::notice_event => {
                let party = self.name(c.required(Rule::name)?);
                let to = self.name(c.required(Rule::name)?);
                let on = self.date(c.required(Rule::date)?)?;
                let at = self.at_time(c.optional(Rule::at_time))?;
                let description = c.optional(Rule::string).map(|s| self.string(s));
                let duty = c.optional(Rule::name).map(|n| self.name(n));
                scenario.events.push(Event::Notified {
                    party,
                    to,
                    on,
                    at,
                    description,
                    duty,
                    span,
                });
            }
            Rule::signature_event => {
                let party = self.name(c.required(Rule::name)?);
                let on = self.date(c.required(Rule::date)?)?;
                let at = match c.optional(Rule::time_of_day) {
                    Some(t) => Some(self.time(t)?),
                    None => None,
                };
                let zone = c.optional(Rule::zone).and_then(|z| self.zone(z));
                scenario.events.push(Event::Signed {
                    party: Ref::to(party),
                    on,
                    at,
                    zone,
                });
            }
            Rule::prevailed_event => scenario.events.push(Event::Prevailed {
                party: Ref::to(self.name(c.required(Rule::name)?)),
                on: self.date(c.required(Rule::date)?)?,
            }),
            Rule::event_record => {
                let event = self.name(c.required(Rule::name)?);
                let on = self.date(c.required(Rule::date)?)?;
                let at = self.at_time(c.optional(Rule::at_time))?;
                let through = match c.optional(Rule::date) {
                    Some(d) => Some(self.date(d)?),
                    None => None,
                };
                let description = c.optional(Rule::string).map(|s| self.string(s));
                scenario.events.push(Event::Happened {
                    event: Ref::to(event),
                    on,
                    at,
                    through,
                    description,
                    span,
                });
            }
            Rule::expect_line => {
                let what = self.expected(c.any()?)?;
                scenario.expectations.push(Expectation {
                    what,
                    span: trimmed,
                });
            }
            other => return Err(internal(span, Rule::scenario, Some(other))),
        }
        Ok(())
    }

    /// The part of an `expect` line after `expect`.
    fn expected(&mut self, pair: Pair<'_, Rule>) -> Result<Expected> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut c = self.children(pair);
        Ok(match rule {
            Rule::expect_total => {
                let party = self.name(c.required(Rule::name)?);
                let (amount, currency) = self.money(c.required(Rule::money)?)?;
                Expected::TotalPaid {
                    party,
                    amount,
                    currency,
                }
            }
            Rule::expect_finding | Rule::expect_no_finding => Expected::Finding {
                code: self.name(c.required(Rule::finding_code)?),
                present: rule == Rule::expect_finding,
            },
            Rule::expect_entry => {
                let obligation = self.obligation_ref(c.required(Rule::obligation_ref)?)?;
                let test = c.any()?;
                let test_rule = test.as_rule();
                let mut t = self.children(test);
                let (field, value) = match test_rule {
                    Rule::expect_money => {
                        let field = match t.any()?.as_rule() {
                            Rule::expect_amount => ExpectField::Amount,
                            Rule::expect_interest => ExpectField::LateInterest,
                            Rule::expect_paid => ExpectField::Paid,
                            Rule::expect_outstanding => ExpectField::Outstanding,
                            other => return Err(internal(span, Rule::expect_money, Some(other))),
                        };
                        let (money, currency) = self.money(t.required(Rule::money)?)?;
                        (
                            field,
                            Spanned::new(ExpectedValue::Money(money.node, currency), money.span),
                        )
                    }
                    Rule::expect_due => {
                        let date = self.date(t.required(Rule::date)?)?;
                        (
                            ExpectField::Due,
                            Spanned::new(ExpectedValue::Date(date.node), date.span),
                        )
                    }
                    Rule::expect_status => {
                        let words = t.required(Rule::status_words)?;
                        let words_span = self.span(&words);
                        let status = words.as_str().replace('_', " ");
                        (
                            ExpectField::Status,
                            Spanned::new(ExpectedValue::Status(status), words_span),
                        )
                    }
                    other => return Err(internal(span, Rule::expect_entry, Some(other))),
                };
                Expected::Entry {
                    obligation,
                    field,
                    value,
                }
            }
            other => return Err(internal(span, Rule::expect_line, Some(other))),
        })
    }

    /// `2(b).severance[3]`, `acceptance`
    fn obligation_ref(&mut self, pair: Pair<'_, Rule>) -> Result<ObligationRef> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let path = self.name(c.required(Rule::obligation_path)?);
        let instance = match c.optional(Rule::integer) {
            Some(n) => Some(self.integer(n)?),
            None => None,
        };
        Ok(ObligationRef {
            path,
            instance,
            span,
        })
    }

    // ---- values ---------------------------------------------------------

    fn name(&self, pair: Pair<'_, Rule>) -> Name {
        Spanned::new(pair.as_str().to_owned(), self.span(&pair))
    }

    /// The text inside a quoted string, escapes resolved. The span covers
    /// the quote marks too.
    fn string(&self, pair: Pair<'_, Rule>) -> Text {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut text = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(escaped) = chars.next() {
                    text.push(escaped);
                }
            } else {
                text.push(c);
            }
        }
        Spanned::new(text, span)
    }

    fn integer(&self, pair: Pair<'_, Rule>) -> Result<Spanned<u32>> {
        let span = self.span(&pair);
        pair.as_str()
            .parse::<u32>()
            .map(|v| Spanned::new(v, span))
            .map_err(|_| Diagnostic::of(&SyntaxProblem::NumberTooLarge, span))
    }

    /// Parses a decimal exactly: never rounds a digit away, never accepts an
    /// exponent. Thousands commas are allowed.
    fn decimal(&self, span: Span, text: &str) -> Result<Decimal> {
        let digits: String = text.chars().filter(|c| *c != ',').collect();
        Decimal::from_str_exact(&digits).map_err(|_| {
            Diagnostic::of(
                &SyntaxProblem::TooManyDigits {
                    text: text.to_owned(),
                },
                span,
            )
        })
    }

    /// `$10,000.00`, `€1,250.00`, `EUR 1,250.00`: the amount and its
    /// currency; a code clausec does not know is an error that names the
    /// closest it does.
    fn money(&self, pair: Pair<'_, Rule>) -> Result<(Spanned<Decimal>, Currency)> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let digits_at = text
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(text.len());
        let (mark, digits) = text.split_at(digits_at);
        let mark = mark.trim_end();
        let currency = match Currency::from_sign(mark) {
            Some(currency) => currency,
            None => {
                let code_span = Span::new(span.file, span.start, span.start + mark.len());
                self.currency_named(mark, code_span)?
            }
        };
        let value = self.decimal(span, digits)?;
        Ok((Spanned::new(value, span), currency))
    }

    /// `EUR` in `money in EUR`.
    fn currency_code(&self, pair: &Pair<'_, Rule>) -> Result<Currency> {
        self.currency_named(pair.as_str(), self.span(pair))
    }

    /// The currency an ISO code names, or an error with the closest one.
    fn currency_named(&self, code: &str, span: Span) -> Result<Currency> {
        Currency::from_code(code).ok_or_else(|| {
            let codes = Currency::ALL.map(Currency::code);
            let near = crate::diagnostic::suggest::closest(code, codes.iter().copied());
            Diagnostic::of(
                &SyntaxProblem::UnknownCurrency {
                    code: code.to_owned(),
                    near: near.map(str::to_owned),
                },
                span,
            )
        })
    }

    /// `18%` → 0.18.
    fn percent(&self, pair: Pair<'_, Rule>) -> Result<Spanned<Decimal>> {
        let span = self.span(&pair);
        let value = self.decimal(span, pair.as_str().trim_end_matches('%'))?;
        let rate = value
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| Diagnostic::of(&SyntaxProblem::InexactPercentage, span))?;
        Ok(Spanned::new(rate, span))
    }

    fn duration(&self, pair: Pair<'_, Rule>) -> Result<Spanned<Duration>> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let amount = self.integer(c.required(Rule::integer)?)?.node;
        let unit_pair = c.required(Rule::duration_unit)?;
        let business = unit_pair
            .clone()
            .into_inner()
            .any(|p| p.as_rule() == Rule::business_days);
        let unit = match unit_pair.as_str() {
            _ if business => DurationUnit::BusinessDays,
            "day" | "days" => DurationUnit::Days,
            "week" | "weeks" => DurationUnit::Weeks,
            "month" | "months" => DurationUnit::Months,
            _ => DurationUnit::Years,
        };
        Ok(Spanned::new(Duration { amount, unit }, span))
    }

    fn date(&self, pair: Pair<'_, Rule>) -> Result<DateLit> {
        let span = self.span(&pair);
        let text = pair.as_str();
        if pair
            .clone()
            .into_inner()
            .any(|p| p.as_rule() == Rule::misspelt_date)
        {
            return Err(misspelt_month(span, text));
        }
        let parts = parse_date_parts(text);
        let (year, month, day) = parts.unwrap_or((1, 0, 0));
        if parts.is_some() && !(1..=9999).contains(&year) {
            // The year 0 is the only one four digits can write outside the
            // range, and reports (iCalendar's above all) need four digits.
            return Err(Diagnostic::of(
                &SyntaxProblem::YearOutOfRange {
                    text: text.to_owned(),
                },
                span,
            ));
        }
        NaiveDate::from_ymd_opt(year, month, day)
            .map(|d| Spanned::new(d, span))
            .ok_or_else(|| {
                Diagnostic::of(
                    &SyntaxProblem::NotInCalendar {
                        text: text.to_owned(),
                        year,
                        month,
                    },
                    span,
                )
            })
    }

    /// `Pacific Time`: the grammar reads only the zones [`Zone`] names.
    fn zone(&self, pair: Pair<'_, Rule>) -> Option<Spanned<Zone>> {
        Zone::from_words(pair.as_str()).map(|zone| Spanned::new(zone, self.span(&pair)))
    }

    fn time(&self, pair: Pair<'_, Rule>) -> Result<Spanned<NaiveTime>> {
        let span = self.span(&pair);
        let text = pair.as_str();
        parse_time(text)
            .map(|t| Spanned::new(t, span))
            .ok_or_else(|| {
                Diagnostic::of(
                    &SyntaxProblem::NotATime {
                        text: text.to_owned(),
                    },
                    span,
                )
            })
    }
}

/// The most terms one expression may have (`$1 + $2 × 3` has three; `the
/// greater of a and b` two). An expression is a tree one level deeper for
/// each term, and every step after lowering (checking, evaluating,
/// explaining, comparing, cloning, dropping) walks it by recursion. With
/// parentheses and `not` limited to 64 levels each
/// ([`crate::syntax::parse::MAX_NESTING`]), no walk goes deeper than about
/// 230 calls, far inside the smallest stack a thread of clausec gets (2 MiB,
/// rayon's workers; `tests/hostile_sizes.rs` runs every walk of the
/// deepest expression on a 512 KiB one, unoptimised). Above 64 nested `greater
/// of` (65 terms), so that nesting is refused as too deep first; a
/// contract's longest sum has a dozen terms.
pub const MAX_TERMS: usize = 100;

fn too_many_terms(span: Span, terms: usize) -> Diagnostic {
    Diagnostic::of(&SyntaxProblem::TooManyTerms { terms }, span)
}

fn binary(op: BinOp, left: Expr, right: Expr) -> Expr {
    let span = left.span.to(right.span);
    Expr {
        node: ExprKind::Binary(op, Box::new(left), Box::new(right)),
        span,
        parenthesized: false,
    }
}

/// `Julyy 1, 2002`: a written date whose month is not one.
fn misspelt_month(span: Span, text: &str) -> Diagnostic {
    let word = text.split(' ').next().unwrap_or(text);
    let month = crate::diagnostic::suggest::closest(
        word,
        crate::calc::calendar::MONTH_NAMES.iter().copied(),
    );
    let diagnostic = Diagnostic::of(
        &SyntaxProblem::NotAMonth {
            word: word.to_owned(),
        },
        span,
    );
    match month {
        Some(month) => diagnostic.with_suggestion(
            Span::new(span.file, span.start, span.start + word.len()),
            month,
        ),
        None => diagnostic,
    }
}

/// `2002-06-06` or `June 6, 2002` → (year, month, day), unchecked.
fn parse_date_parts(text: &str) -> Option<(i32, u32, u32)> {
    if let Some((month_name, rest)) = text.split_once(' ') {
        let month = crate::calc::calendar::MONTH_NAMES
            .iter()
            .position(|m| *m == month_name)? as u32
            + 1;
        let (day, year) = rest.trim().split_once(',')?;
        return Some((year.trim().parse().ok()?, month, day.trim().parse().ok()?));
    }
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((year, month, day))
}

/// `1:30 p.m.`, `11:00 am`, `13:30` → a time of day.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let (clock, meridiem) = match text.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (text.get(..i)?.trim(), Some(text.get(i..)?.starts_with('p'))),
        None => (text.trim(), None),
    };
    let (hour, minute) = clock.split_once(':')?;
    let hour: u32 = hour.parse().ok()?;
    let minute: u32 = minute.parse().ok()?;
    let hour = match meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// `a and b or c`: which goes first is for the lawyer to say. Out of line:
/// a diagnostic built inside [`Lowerer::cond`] would widen the frame it
/// adds at each level of a condition.
#[inline(never)]
fn mixed_and_or(span: Span) -> Diagnostic {
    Diagnostic::of(&SyntaxProblem::MixedAndOr, span)
}

/// `half up`, `half even`, `down`, `up`: the grammar allows no other.
fn rounding_mode(words: &str) -> RoundingMode {
    match words {
        "half up" => RoundingMode::HalfUp,
        "half even" => RoundingMode::HalfEven,
        "down" => RoundingMode::Down,
        _ => RoundingMode::Up,
    }
}

/// `cent`, `dollar`, `euro`, `pound`, `franc`, `yen`: what an amount is
/// rounded to.
fn rounding_unit(word: &str) -> Unit {
    match word {
        "dollar" => Unit::Dollar,
        "euro" => Unit::Euro,
        "pound" => Unit::Pound,
        "franc" => Unit::Franc,
        "yen" => Unit::Yen,
        _ => Unit::Cent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_rules_come_last_in_the_grammar() {
        let grammar = include_str!("../../grammar/clause.pest");
        let after_keyword = grammar.split("\nkeyword = {").nth(1).unwrap_or("");
        let rules_after: Vec<&str> = after_keyword
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(name, _)| name.trim()))
            .filter(|name| !name.is_empty() && !name.starts_with('|') && !name.starts_with("//"))
            .collect();
        assert!(rules_after.len() > 50);
        assert!(
            rules_after.iter().all(|r| r.starts_with("kw_")),
            "{rules_after:?}"
        );
        assert!(Rule::kw_yes > Rule::keyword && Rule::kw_a > Rule::keyword);
        assert!(Rule::string < Rule::keyword && Rule::file < Rule::keyword);
    }
}
