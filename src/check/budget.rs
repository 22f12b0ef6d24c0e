//! budget-sum: the sources, and the items of a cost estimate appendix, must add
//! up to the total, to the đồng.

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::Plan;
use crate::vi::number::integer;

pub fn check(plan: &Plan, sink: &mut Sink) {
    let Some(budget) = plan.budget.as_ref() else { return };
    let Some(total) = &budget.total else { return };
    for appendix in plan.appendices.iter().filter(|a| !a.items.is_empty()) {
        let sum = appendix.items.iter().try_fold(0u64, |s, i| s.checked_add(*i.amount));
        if sum == Some(**total) {
            continue;
        }
        let sum_text = sum.map_or_else(|| "> 18.446.744.073.709.551.615".into(), integer);
        let mut d = Diagnostic::new(Code::BudgetSum)
            .with_message(Msg::new("budget-sum.items").arg("sum", &sum_text).arg("total", integer(**total)))
            .primary(appendix.title.span, Msg::new("budget-sum.items-label").arg("sum", &sum_text))
            .secondary(total.span, Msg::new("budget-sum.label").arg("total", integer(**total)));
        if let Some(sum) = sum {
            d = d.note(Msg::new("budget-sum.help").arg("difference", integer(sum.abs_diff(**total))));
        }
        sink.push(d);
    }
    if budget.sources.is_empty() {
        return;
    }
    // Sums that overflow u64 cannot equal any total either.
    let sum = budget.sources_sum();
    if sum == Some(**total) {
        return;
    }
    let sum_text = sum.map_or_else(|| "> 18.446.744.073.709.551.615".into(), integer);
    let mut d = Diagnostic::new(Code::BudgetSum)
        .arg("sum", &sum_text)
        .arg("total", integer(**total))
        .primary(total.span, Msg::new("budget-sum.label").arg("total", integer(**total)));
    for source in &budget.sources {
        d = d.secondary(source.amount.span, Msg::new("budget-sum.source").arg("amount", integer(*source.amount)));
    }
    if let Some(sum) = sum {
        d = d.note(Msg::new("budget-sum.help").arg("difference", integer(sum.abs_diff(**total))));
    }
    sink.push(d);
}
