//! "How does it compare?" on the item page: the latest value beside each comparator's
//! with the verdict, the rank in each peer group, and the peer chart with its table.

use leptos::prelude::*;

use crate::explore::standing::{GroupRank, PeerChart};
use crate::stats::comparators::Comparison;
use crate::stats::compare::CompareResult;
use crate::stats::number::{format_number, with_unit};
use crate::stats::vocabulary::comparison_words;

use super::chart::peers::PeerBars;

/// The section; nothing when the item has no comparator.
#[component]
pub fn Comparisons(
    rows: Vec<Comparison>,
    ranks: Vec<GroupRank>,
    peers: Option<PeerChart>,
    unit: Option<String>,
    area: String,
) -> impl IntoView {
    if rows.is_empty() && ranks.is_empty() {
        return None;
    }
    let cell = {
        let unit = unit.clone();
        move |v: Option<f64>| v.map_or("–".to_string(), |v| with_unit(v, unit.as_deref()))
    };
    let area_heading = if area.is_empty() { "This area".to_string() } else { area.clone() };
    let table_rows = rows
        .into_iter()
        .map(|c| {
            let p = c.point.clone().unwrap_or_default();
            let interval = match (p.lower, p.upper) {
                (Some(l), Some(u)) => format!("{} to {}", format_number(l), format_number(u)),
                _ => "–".to_string(),
            };
            let period =
                c.point.as_ref().map_or("No common period".to_string(), |p| p.label.clone().unwrap_or(p.date.clone()));
            view! {
                <tr data-comparator=c.comparator.clone()>
                    <th scope="row">{c.label.clone()}</th>
                    <td data-label="Period">{period}</td>
                    <td data-label=area_heading.clone()>{cell.clone()(p.value)}</td>
                    <td data-label="95% interval">{interval}</td>
                    <td data-label=format!("{} value", c.label)>{cell.clone()(p.benchmark)}</td>
                    <td data-label="Verdict"><VerdictMark result=c.result.clone() comparator=c.label.clone()/></td>
                </tr>
            }
        })
        .collect_view();
    let rank_lines = ranks
        .iter()
        .map(|r| {
            let average = r.rank.average.map(|a| {
                format!("; the group's average, without {}, is {}", area_heading, with_unit(a, unit.as_deref()))
            });
            view! {
                <p class="rank-line" data-rank=r.rank.rank data-rank-of=r.rank.of data-group=r.group.clone()>
                    <strong>{r.words()}</strong>{format!(" ({})", r.rank.period)}{average}
                </p>
            }
        })
        .collect_view();
    Some(view! {
        <section class="comparisons" aria-labelledby="compare-heading">
            <h3 id="compare-heading">"How does it compare?"</h3>
            {rank_lines}
            <div class="table-wrap">
                <table class="data-table compare-table">
                    <caption>"The latest period each comparator shares with this area, compared by this area's 95% confidence interval"</caption>
                    <thead><tr>
                        <th scope="col">"Compared with"</th><th scope="col">"Period"</th><th scope="col">{area_heading.clone()}</th>
                        <th scope="col">"95% interval"</th><th scope="col">"Their value"</th><th scope="col">"Verdict"</th>
                    </tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
            {peers.map(|chart| view! { <PeerSection chart=chart unit=unit.clone()/> })}
        </section>
    })
}

/// A verdict as a mark: a word and a shape, coloured by what it means.
#[component]
pub fn VerdictMark(result: CompareResult, comparator: String) -> impl IntoView {
    let (shape, class) = match result {
        CompareResult::Better => ("▲", "good"),
        CompareResult::Worse => ("▼", "bad"),
        CompareResult::Similar => ("●", "neutral"),
        CompareResult::Higher | CompareResult::Lower => ("◆", "neutral"),
        CompareResult::NotCompared { .. } => ("○", "unknown"),
    };
    view! {
        <span class=format!("mark verdict bench-{class}") data-verdict=result.label().to_lowercase()>
            <span class="mark-arrow" aria-hidden="true">{shape}</span>
            {comparison_words(&result, &comparator)}
        </span>
    }
}

/// The peer chart and its table twin.
#[component]
fn PeerSection(chart: PeerChart, unit: Option<String>) -> impl IntoView {
    let chart_unit = unit.clone();
    let cell = move |v: Option<f64>| v.map_or("–".to_string(), |v| with_unit(v, unit.as_deref()));
    let national = chart
        .national
        .as_ref()
        .map(|(label, v)| format!("The dashed line is {label}'s value, {}.", cell.clone()(Some(*v))));
    let rows = chart
        .bars
        .iter()
        .map(|b| {
            view! {
                <tr class:own-area=b.own data-own=b.own.then_some("true")>
                    <td data-label="Rank">{b.rank}</td>
                    <th scope="row">{b.label.clone()}{b.own.then_some(" (this area)")}</th>
                    <td data-label="Value">{cell.clone()(Some(b.value))}</td>
                    <td data-label="Lower 95% limit">{cell.clone()(b.lower)}</td>
                    <td data-label="Upper 95% limit">{cell.clone()(b.upper)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart peer-chart">
            <figcaption><strong>{format!("Every area of the {}, {}", chart.group_label, chart.period)}</strong>
                " Best first; this area's bar is dark, the lines are 95% intervals. "{national}</figcaption>
            <PeerBars chart=chart.clone() unit=chart_unit/>
        </figure>
        <div class="table-wrap">
            <table class="data-table peer-table">
                <caption>{format!("The {} for {}, best first", chart.group_label, chart.period)}</caption>
                <thead><tr>
                    <th scope="col">"Rank"</th><th scope="col">"Area"</th><th scope="col">"Value"</th>
                    <th scope="col">"Lower 95% limit"</th><th scope="col">"Upper 95% limit"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
