//! Values and conditions under a scenario: amounts computed exactly, with
//! the arithmetic shown; conditions true, false, or not yet known.

use super::*;
use chrono::Datelike;

impl<'m> Evaluator<'m> {
    /// A condition stated in words, as the scenario decides it
    /// (`condition "..." is yes`); unknown when it does not.
    pub(super) fn decided(&self, text: &str) -> Truth {
        let wanted = fold_spaces(text);
        let decision = self.scenario.and_then(|s| {
            s.conditions
                .iter()
                .find(|(t, _)| fold_spaces(&t.node) == wanted)
                .map(|(_, holds)| *holds)
        });
        match decision {
            Some(true) => Truth::Yes,
            Some(false) => Truth::No,
            None => Truth::Unknown,
        }
    }

    pub(super) fn conditions(&self, obligation: &Obligation) -> Truth {
        (obligation.terms.conditions.iter())
            .map(|c| self.truth(c))
            .fold(Truth::Yes, Truth::and)
    }

    /// The value the scenario gives the fact a use names, if any.
    fn fact(&self, fact: Slot<FactId>) -> Option<&'m Value> {
        let id = fact.get()?;
        self.facts.get(id.index()).copied().flatten()
    }

    pub(super) fn truth(&self, condition: &Condition) -> Truth {
        match condition {
            Condition::Not(inner, _) => self.truth(inner).not(),
            Condition::All(parts, _) => parts
                .iter()
                .map(|p| self.truth(p))
                .fold(Truth::Yes, Truth::and),
            Condition::Any(parts, _) => parts
                .iter()
                .map(|p| self.truth(p))
                .fold(Truth::No, Truth::or),
            Condition::Elects { option, .. } => {
                let Some(choice) = option.id.get() else {
                    return Truth::Unknown;
                };
                match self
                    .elections
                    .get(choice.election.index())
                    .copied()
                    .flatten()
                {
                    Some(elected) if elected.option == choice.option => Truth::Yes,
                    Some(_) => Truth::No,
                    None => Truth::Unknown,
                }
            }
            Condition::Fact(fact) => match self.fact(fact.id) {
                Some(Value::Yes) => Truth::Yes,
                Some(Value::No) => Truth::No,
                _ => Truth::Unknown,
            },
            Condition::Prevails(party) => {
                let prevailed = self.events().find_map(|e| match e {
                    Event::Prevailed { party: p, .. } => Some(p.names_same(party)),
                    _ => None,
                });
                match prevailed {
                    Some(true) => Truth::Yes,
                    Some(false) => Truth::No,
                    None => Truth::Unknown,
                }
            }
            Condition::Compare(left, op, right) => {
                let (Ok(a), Ok(b)) = (self.value(left), self.value(right)) else {
                    return Truth::Unknown;
                };
                let ordering = match (&a, &b) {
                    (Val::Date(x), Val::Date(y)) => x.partial_cmp(y),
                    _ => scalar(&a)
                        .zip(scalar(&b))
                        .and_then(|(x, y)| x.partial_cmp(y)),
                };
                let Some(ordering) = ordering else {
                    return Truth::Unknown;
                };
                let holds = match op.node {
                    CompareOp::Gt => ordering.is_gt(),
                    CompareOp::Ge => ordering.is_ge(),
                    CompareOp::Lt => ordering.is_lt(),
                    CompareOp::Le => ordering.is_le(),
                    CompareOp::Eq => ordering.is_eq(),
                };
                if holds {
                    Truth::Yes
                } else {
                    Truth::No
                }
            }
            Condition::FactIs { fact, value } => match self.fact(fact.id) {
                Some(Value::Choice(given)) if given.node == value.node => Truth::Yes,
                Some(Value::Choice(_)) => Truth::No,
                _ => Truth::Unknown,
            },
            Condition::Defaulted { obligation, grace } => {
                match self.defaults(&obligation.node, *grace) {
                    Ok((Some(_), _)) => Truth::Yes,
                    Ok((None, true)) => Truth::Unknown,
                    Ok((None, false)) => Truth::No,
                    Err(_) => Truth::Unknown,
                }
            }
            Condition::Happens { event, by } => {
                // A scenario records what happened up to its date: an event
                // it does not record has not happened, and cannot have by a
                // deadline already past; by a later one, it still may.
                let by_date = by.as_ref().map(|d| self.date(d));
                let Some((on, _)) = self.happened(event) else {
                    return match by_date {
                        Some(Ok(by)) if by >= self.as_of => Truth::Unknown,
                        _ => Truth::No,
                    };
                };
                match by_date {
                    None => Truth::Yes,
                    Some(Ok(by)) if on <= by => Truth::Yes,
                    Some(Ok(_)) => Truth::No,
                    Some(Err(_)) => Truth::Unknown,
                }
            }
            Condition::Described(text) => self.decided(&text.node),
        }
    }

    /// When the scenario records that an event happened, by its date: its
    /// first and last day. `event` may also name a notice duty: the day the
    /// notice answering it was given.
    pub(super) fn happened(&self, event: &Ref<Occasion>) -> Option<(NaiveDate, NaiveDate)> {
        (self.recorded.of_occasion(event))
            .map(|r| (r.first, r.last))
            .or_else(|| self.notice_date(&event.name.node).map(|on| (on, on)))
            .filter(|(on, _)| *on <= self.as_of)
    }

    /// A date under the scenario: written out, a fact's, the day an event
    /// happened, or counted from one of those.
    pub(super) fn date(&self, expr: &Expr) -> Result<NaiveDate, Unavailable> {
        match self.value(expr)? {
            Val::Date(date) => Ok(date),
            // The checker types every date position, so only an unchecked
            // model gets here.
            _ => Err(Unavailable::Arithmetic(
                format!("`{expr}` is not a date"),
                expr.span,
            )),
        }
    }

    /// The first business day on or after `date` (`later`), or the last on
    /// or before it.
    fn roll_to_business_day(
        &self,
        expr: &Expr,
        date: NaiveDate,
        later: bool,
    ) -> Result<NaiveDate, Unavailable> {
        let roll = if later {
            Roll::Following
        } else {
            Roll::Preceding
        };
        self.calendar
            .roll(date, roll)
            .map_err(|e| calendar_problem(expr, e))
    }

    /// A date shifted by a duration; business days on the agreement's
    /// calendar.
    fn shift(
        &self,
        expr: &Expr,
        date: NaiveDate,
        by: Duration,
        after: bool,
    ) -> Result<NaiveDate, Unavailable> {
        self.shifted(date, by, after)
            .map_err(|why| Unavailable::Arithmetic(format!("`{expr}` {why}"), expr.span))
    }

    /// `date` moved by `by`, after or before; the error says why not
    /// (a year outside the calendars, a count too long).
    pub(super) fn shifted(
        &self,
        date: NaiveDate,
        by: Duration,
        after: bool,
    ) -> Result<NaiveDate, String> {
        if by.unit == DurationUnit::BusinessDays {
            let n = i64::from(by.amount);
            return self
                .calendar
                .add_business_days(date, if after { n } else { -n })
                .map_err(|e| format!("cannot be counted: {e}"));
        }
        let shifted = if after {
            add_duration(date, by)
        } else {
            sub_duration(date, by)
        };
        shifted.ok_or_else(|| "falls outside the calendar".to_owned())
    }

    /// An amount used as it is — a limit, a stated installment, a fee, a
    /// rent — which must come to an exact figure in its currency's smallest
    /// unit or finer: one with no end (`$1,000.00 ÷ 3`) is refused with how
    /// to say its rounding, rather than cut silently.
    pub(super) fn money(&self, expr: &Expr) -> Result<Decimal, Unavailable> {
        match self.value(expr)? {
            Val::Money(exact, currency) => exact
                .to_decimal()
                .ok_or_else(|| unrounded(expr, &exact, currency)),
            // The checker types every amount position, so only an unchecked
            // model gets here.
            _ => Err(Unavailable::Arithmetic(
                format!("`{expr}` is not an amount"),
                expr.span,
            )),
        }
    }

    pub(super) fn value(&self, expr: &Expr) -> Result<Val, Unavailable> {
        let overflow = || too_large(expr);
        match &expr.node {
            ExprKind::Money(v, currency) => Ok(Val::Money(Exact::from(*v), *currency)),
            ExprKind::Number(v) => Ok(Val::Number(Exact::from(*v))),
            ExprKind::Percent(v) => Ok(Val::Percent(Exact::from(*v))),
            ExprKind::Date(d) => Ok(Val::Date(*d)),
            ExprKind::Duration(d) => Ok(Val::Duration(*d)),
            ExprKind::Fact(name, id) => match self.fact(*id) {
                Some(Value::Expr(e)) => self.value(e),
                _ => Err(Unavailable::MissingFact(name.clone(), expr.span)),
            },
            ExprKind::GreaterOf(a, b) | ExprKind::LesserOf(a, b) => {
                let (va, vb) = (self.value(a)?, self.value(b)?);
                let (Some(x), Some(y)) = (scalar(&va), scalar(&vb)) else {
                    return Err(overflow());
                };
                let greater = matches!(expr.node, ExprKind::GreaterOf(..));
                Ok(if (x >= y) == greater { va } else { vb })
            }
            ExprKind::Rounded(inner, rounding) => {
                let round = |v: &Exact| rounding.apply_exact(v).map(Exact::from);
                match self.value(inner)? {
                    Val::Money(v, c) => round(&v).map(|v| Val::Money(v, c)).ok_or_else(overflow),
                    Val::Number(v) => round(&v).map(Val::Number).ok_or_else(overflow),
                    Val::Percent(v) => round(&v).map(Val::Percent).ok_or_else(overflow),
                    _ => Err(overflow()),
                }
            }
            ExprKind::LaterOf(..)
            | ExprKind::EarlierOf(..)
            | ExprKind::EventDate(_)
            | ExprKind::EventEnd(_)
            | ExprKind::UnpaidBalance { .. }
            | ExprKind::FirstDefault { .. }
            | ExprKind::LastAmount(_)
            | ExprKind::TotalOf(_)
            | ExprKind::Case { .. }
            | ExprKind::InterestOn { .. }
            | ExprKind::MonthEnd(_)
            | ExprKind::BusinessDay { .. }
            | ExprKind::Between { .. }
            | ExprKind::Shift { .. }
            | ExprKind::YearFraction { .. }
            | ExprKind::Power { .. }
            | ExprKind::Converted { .. } => self.date_form(expr),
            ExprKind::Binary(op @ (BinOp::Add | BinOp::Sub), a, b)
                if matches!(b.node, ExprKind::Duration(_)) =>
            {
                let (Val::Date(date), Val::Duration(by)) = (self.value(a)?, self.value(b)?) else {
                    return Err(overflow());
                };
                self.shift(expr, date, by, *op == BinOp::Add).map(Val::Date)
            }
            ExprKind::Binary(op, a, b) => {
                let (va, vb) = (self.value(a)?, self.value(b)?);
                if *op == BinOp::Div && scalar(&vb).is_some_and(Exact::is_zero) {
                    return Err(Unavailable::Arithmetic(
                        format!("`{expr}` divides by zero"),
                        expr.span,
                    ));
                }
                binary(*op, &va, &vb).ok_or_else(overflow)
            }
        }
    }

    /// The value of a date form (`the later of ...`, `30 days after ...`,
    /// `the number of days from ...`). Kept out of [`Evaluator::value`], which
    /// recurses once per level of an expression: its frame stays small, so
    /// the deepest expression accepted evaluates on a small stack.
    #[inline(never)]
    fn date_form(&self, expr: &Expr) -> Result<Val, Unavailable> {
        let overflow = || too_large(expr);
        match &expr.node {
            ExprKind::LaterOf(a, b) => {
                let (x, y) = (self.date(a)?, self.date(b)?);
                Ok(Val::Date(x.max(y)))
            }
            ExprKind::EarlierOf(a, b) => self.earlier_of(a, b).map(Val::Date),
            ExprKind::EventDate(event) | ExprKind::EventEnd(event) => {
                let (first, last) = self.happened(event).ok_or_else(|| {
                    Unavailable::NotYetKnown(Awaited::Event(event.name.node.clone()))
                })?;
                let end = matches!(expr.node, ExprKind::EventEnd(_));
                Ok(Val::Date(if end { last } else { first }))
            }
            ExprKind::LastAmount(schedule) => self
                .entries
                .iter()
                .rev()
                .find(|e| e.id.name() == schedule.node && e.id.instance().is_some())
                .and_then(|e| Some((e.amount?, e.currency.unwrap_or_default())))
                .map(|(amount, currency)| Val::Money(Exact::from(amount), currency))
                .ok_or_else(|| {
                    Unavailable::NotYetKnown(Awaited::LastAmount(schedule.node.clone()))
                }),
            ExprKind::TotalOf(obligation) => {
                let entries = self
                    .entries
                    .iter()
                    .filter(|e| e.id.name() == obligation.node)
                    .filter(|e| !matches!(e.status, Status::NotTriggered | Status::Lapsed));
                let mut total = Decimal::ZERO;
                let mut currency = Currency::default();
                for entry in entries {
                    currency = entry.currency.unwrap_or(currency);
                    // A part not yet known, or owed only on a condition the
                    // scenario leaves open, leaves the total open too.
                    if matches!(entry.status, Status::NotYetKnown | Status::Conditional) {
                        return Err(Unavailable::NotYetKnown(Awaited::TotalOf(
                            obligation.node.clone(),
                        )));
                    }
                    let amount = entry.amount.unwrap_or_default();
                    total = total.checked_add(amount).ok_or_else(overflow)?;
                }
                Ok(Val::Money(Exact::from(total), currency))
            }
            ExprKind::Case {
                then,
                condition,
                otherwise,
            } => match self.truth(condition) {
                Truth::Yes => self.value(then),
                Truth::No => self.value(otherwise),
                Truth::Unknown => Err(Unavailable::NotYetKnown(Awaited::Condition(
                    condition.to_string(),
                ))),
            },
            // Only the whole amount of a `pays` obligation, which the
            // evaluator expands itself (the checker refuses it elsewhere).
            ExprKind::InterestOn { .. } => Err(overflow()),
            ExprKind::UnpaidBalance { obligation, on } => {
                let on = self.date(on)?;
                let currency = self.currency_of_entries(&obligation.node);
                self.unpaid_balance(&obligation.node, on)
                    .map(|balance| Val::Money(Exact::from(balance), currency))
                    .ok_or_else(overflow)
            }
            ExprKind::FirstDefault { obligation, grace } => {
                let (first, _) = self.defaults(&obligation.node, *grace).map_err(|why| {
                    Unavailable::Arithmetic(format!("`{expr}`: {why}"), expr.span)
                })?;
                first.map(Val::Date).ok_or_else(|| {
                    Unavailable::NotYetKnown(Awaited::Default {
                        obligation: obligation.node.clone(),
                        grace: *grace,
                    })
                })
            }
            ExprKind::Power { base, exponent } => self.power(expr, base, exponent),
            ExprKind::Converted {
                amount, rate, to, ..
            } => match self.value(amount)? {
                Val::Money(value, _) => value
                    .checked_mul(&Exact::from(rate.node))
                    .map(|converted| Val::Money(converted, *to))
                    .ok_or_else(overflow),
                _ => Err(overflow()),
            },
            ExprKind::YearFraction {
                from,
                to,
                day_count: convention,
            } => {
                let (days, basis) = day_count(*convention, self.date(from)?, self.date(to)?);
                Exact::from(days)
                    .checked_div(&Exact::from(basis))
                    .map(Val::Number)
                    .ok_or_else(overflow)
            }
            ExprKind::MonthEnd(date) => {
                let date = self.date(date)?;
                last_day_of_month(date.year(), date.month())
                    .map(Val::Date)
                    .ok_or_else(overflow)
            }
            ExprKind::BusinessDay { later, date } => {
                let date = self.date(date)?;
                self.roll_to_business_day(expr, date, *later).map(Val::Date)
            }
            ExprKind::Between {
                unit,
                from,
                to,
                inclusive,
            } => {
                let length = span_length(self.date(from)?, self.date(to)?, *unit, *inclusive);
                Ok(Val::Number(Exact::from(length)))
            }
            ExprKind::Shift { by, after, date } => {
                let date = self.date(date)?;
                self.shift(expr, date, *by, *after).map(Val::Date)
            }
            _ => Err(overflow()),
        }
    }

    /// `(BASE) to the power of N`, exactly; `N` must come to a whole number.
    #[inline(never)]
    fn power(&self, expr: &Expr, base: &Expr, exponent: &Expr) -> Result<Val, Unavailable> {
        let times = match self.value(exponent)? {
            Val::Number(n) | Val::Percent(n) => n.to_integer(),
            _ => None,
        };
        let Some(times) = times else {
            return Err(Unavailable::Arithmetic(
                format!("`{exponent}` is not a whole number: a power must be one"),
                exponent.span,
            ));
        };
        let raise = |x: &Exact| x.checked_pow(times).ok_or_else(|| too_large(expr));
        match self.value(base)? {
            Val::Number(x) => raise(&x).map(Val::Number),
            Val::Percent(x) => raise(&x).map(Val::Percent),
            _ => Err(too_large(expr)),
        }
    }

    /// `the earlier of A and B`. A date counted from an event the scenario
    /// has not recorded is after its as-of date; so when the other date has
    /// come, it is the earlier, whatever happens later.
    #[inline(never)]
    fn earlier_of(&self, a: &Expr, b: &Expr) -> Result<NaiveDate, Unavailable> {
        match (self.date(a), self.date(b)) {
            (Ok(x), Ok(y)) => Ok(x.min(y)),
            (Ok(known), Err(Unavailable::NotYetKnown(_)))
            | (Err(Unavailable::NotYetKnown(_)), Ok(known))
                if known <= self.as_of =>
            {
                Ok(known)
            }
            (Err(why), _) | (_, Err(why)) => Err(why),
        }
    }

    /// The arithmetic of an expression with each fact's value, as data
    /// (`report::words` shows it: `$250,000.00 × 6 ÷ 12`).
    pub(super) fn calculation(&self, expr: &Expr) -> Calculation {
        match &expr.node {
            ExprKind::Fact(name, _) => Calculation::Fact {
                name: name.clone(),
                value: self.value(expr).ok(),
            },
            ExprKind::Binary(op, a, b) => Calculation::Binary {
                op: *op,
                left: Box::new(self.operand(a)),
                right: Box::new(self.operand(b)),
            },
            ExprKind::GreaterOf(a, b) | ExprKind::LesserOf(a, b) => Calculation::Extreme {
                greater: matches!(expr.node, ExprKind::GreaterOf(..)),
                a: Box::new(self.operand(a)),
                b: Box::new(self.operand(b)),
            },
            ExprKind::Between {
                unit,
                from,
                to,
                inclusive,
            } => Calculation::Between {
                unit: *unit,
                from: self.shown_date(from),
                to: self.shown_date(to),
                inclusive: *inclusive,
            },
            ExprKind::UnpaidBalance { obligation, on } => Calculation::UnpaidBalance {
                obligation: obligation.node.clone(),
                on: self.shown_date(on),
            },
            ExprKind::TotalOf(obligation) => match self.value(expr) {
                Ok(value) => Calculation::TotalOf {
                    obligation: obligation.node.clone(),
                    value,
                },
                Err(_) => Calculation::Written(expr.to_string()),
            },
            ExprKind::Case {
                then,
                condition,
                otherwise,
            } => Calculation::Case(Box::new(self.case(then, condition, otherwise))),
            ExprKind::YearFraction {
                from,
                to,
                day_count: convention,
            } => Calculation::YearFraction {
                from: self.shown_date(from),
                to: self.shown_date(to),
                convention: *convention,
                days: match (self.date(from), self.date(to)) {
                    (Ok(a), Ok(b)) => Some(day_count(*convention, a, b)),
                    _ => None,
                },
            },
            ExprKind::Converted {
                amount,
                rate,
                to,
                from,
            } => Calculation::Converted {
                amount: Box::new(self.operand(amount)),
                rate: rate.node,
                to: *to,
                from: *from,
            },
            ExprKind::Power { base, exponent } => Calculation::Power {
                base: Box::new(self.operand(base)),
                exponent: Box::new(self.operand(exponent)),
            },
            // The step before rounding is shown unevaluated: its exact
            // quotient may have more digits than a reader can check.
            ExprKind::Rounded(inner, rounding) => Calculation::Rounded {
                inner: Box::new(self.calculation(inner)),
                rounding: *rounding,
            },
            _ => self.date_calculation(expr),
        }
    }

    /// How a date was counted: from an event (and the day it happened), by
    /// a duration, to a month's end or a business day, the later or the
    /// earlier of two; any other value as it is.
    #[inline(never)]
    fn date_calculation(&self, expr: &Expr) -> Calculation {
        match &expr.node {
            ExprKind::EventDate(event) | ExprKind::EventEnd(event) => Calculation::Event {
                event: event.name.node.clone(),
                end: matches!(expr.node, ExprKind::EventEnd(_)),
                on: self.date(expr).ok(),
            },
            ExprKind::Shift { by, after, date } => Calculation::Shift {
                by: *by,
                after: *after,
                from: Box::new(self.operand(date)),
            },
            ExprKind::MonthEnd(date) => Calculation::MonthEnd(Box::new(self.operand(date))),
            ExprKind::BusinessDay { later, date } => Calculation::BusinessDay {
                later: *later,
                date: Box::new(self.operand(date)),
            },
            ExprKind::LaterOf(a, b) | ExprKind::EarlierOf(a, b) => Calculation::LaterOrEarlier {
                later: matches!(expr.node, ExprKind::LaterOf(..)),
                a: Box::new(self.operand(a)),
                b: Box::new(self.operand(b)),
            },
            _ => Calculation::Value(self.value(expr).ok()),
        }
    }

    /// The case in force, and why: `5% × the total of fees $6,000.00
    /// (since completion_reached)`.
    #[inline(never)]
    fn case(&self, then: &Expr, condition: &Condition, otherwise: &Expr) -> Case {
        match self.truth(condition) {
            Truth::Yes => Case::Holds {
                then: self.calculation(then),
                condition: condition.to_string(),
            },
            Truth::No => match condition {
                Condition::Not(holds, _) => Case::NegationFails {
                    otherwise: self.calculation(otherwise),
                    holds: holds.to_string(),
                },
                _ => Case::Fails {
                    otherwise: self.calculation(otherwise),
                    condition: condition.to_string(),
                },
            },
            Truth::Unknown => Case::Open {
                then: then.to_string(),
                condition: condition.to_string(),
                otherwise: otherwise.to_string(),
            },
        }
    }

    /// A date as the scenario makes it, or as written where it cannot.
    pub(super) fn shown_date(&self, expr: &Expr) -> Shown {
        match self.date(expr) {
            Ok(date) => Shown::Date(date),
            Err(_) => Shown::Written(expr.to_string()),
        }
    }

    /// An operand: a calculation of its own is shown in parentheses with
    /// its value.
    fn operand(&self, expr: &Expr) -> Operand {
        let compound = matches!(
            expr.node,
            ExprKind::Binary(..)
                | ExprKind::GreaterOf(..)
                | ExprKind::LesserOf(..)
                | ExprKind::Between { .. }
                | ExprKind::YearFraction { .. }
                | ExprKind::Power { .. }
                | ExprKind::Converted { .. }
                | ExprKind::Rounded(..)
                | ExprKind::Shift { .. }
                | ExprKind::MonthEnd(_)
                | ExprKind::BusinessDay { .. }
                | ExprKind::LaterOf(..)
                | ExprKind::EarlierOf(..)
        );
        Operand {
            calculation: self.calculation(expr),
            compound: compound.then(|| self.value(expr).ok()),
        }
    }
}

/// A business-day question with no answer (a year outside the built-in
/// calendars, a count too long).
fn calendar_problem(expr: &Expr, error: crate::calc::business::CalendarError) -> Unavailable {
    Unavailable::Arithmetic(format!("`{expr}` cannot be counted: {error}"), expr.span)
}

/// An amount to pay that comes to less than nothing: there is no such
/// payment, so the ledger refuses it rather than print it.
pub(super) fn negative_amount(expr: &Expr, value: &Exact, currency: Currency) -> Unavailable {
    Unavailable::Arithmetic(
        format!(
            "`{expr}` comes to {}: an amount to pay cannot be negative",
            format_exact_money_in(value, currency)
        ),
        expr.span,
    )
}

/// A figure past what can be carried exactly (see [`Exact`]).
pub(super) fn too_large(expr: &Expr) -> Unavailable {
    Unavailable::Arithmetic(
        format!("`{expr}` is too large to compute exactly"),
        expr.span,
    )
}

/// An amount with no exact decimal value, used where the contract states no
/// rounding.
fn unrounded(expr: &Expr, value: &Exact, currency: Currency) -> Unavailable {
    Unavailable::Arithmetic(
        format!(
            "`{expr}` comes to {}, which has no exact value in {}; say how it is rounded, e.g. `({expr}) rounded half up to {}`",
            format_exact_money_in(value, currency),
            match currency {
                Currency::Usd => "dollars and cents",
                other => other.words(),
            },
            Unit::smallest(currency).words()
        ),
        expr.span,
    )
}

/// A figure written out, which needs no explaining.
pub(super) fn is_literal(expr: &Expr) -> bool {
    matches!(
        expr.node,
        ExprKind::Money(..) | ExprKind::Number(_) | ExprKind::Percent(_)
    )
}

pub(super) fn scalar(v: &Val) -> Option<&Exact> {
    match v {
        Val::Money(d, _) | Val::Number(d) | Val::Percent(d) => Some(d),
        Val::Date(_) | Val::Duration(_) => None,
    }
}

/// One step of arithmetic, exactly; nothing for a combination the checker
/// refuses (a date times an amount) or a figure too large to carry.
pub(super) fn binary(op: BinOp, a: &Val, b: &Val) -> Option<Val> {
    use Val::*;
    let apply = |x: &Exact, y: &Exact| match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => x.checked_div(y),
    };
    match (a, b) {
        (Date(d), Duration(span)) if op == BinOp::Add => add_duration(*d, *span).map(Date),
        (Date(d), Duration(span)) if op == BinOp::Sub => sub_duration(*d, *span).map(Date),
        // Amounts in two currencies never meet: the checker refuses it.
        (Money(_, c), Money(_, d)) if c != d => None,
        (Money(x, _), Money(y, _)) if op == BinOp::Div => apply(x, y).map(Number),
        (Money(x, c), Money(y, _) | Number(y) | Percent(y))
        | (Number(x) | Percent(x), Money(y, c)) => apply(x, y).map(|v| Money(v, *c)),
        // `1 + 0.5%`: a rate added to a number is a number (1.005).
        (Percent(x), Number(y)) | (Number(x), Percent(y))
            if matches!(op, BinOp::Add | BinOp::Sub) =>
        {
            apply(x, y).map(Number)
        }
        (Percent(x), Number(y) | Percent(y)) | (Number(x), Percent(y)) => apply(x, y).map(Percent),
        (Number(x), Number(y)) => apply(x, y).map(Number),
        _ => None,
    }
}
