//! The compare view: each workstream's metrics as Fingertips' spine chart, drawn as
//! inline SVG (positions from `explore::spine`), the area's mark shaped and worded by its
//! verdict against England, never colour alone, and each workstream's figures in a table
//! twin, the chart's accessible form.

use leptos::prelude::*;

use crate::explore::query::{Query, View};
use crate::explore::spine::{Compare as Spine, Group, Row};
use crate::stats::compare::CompareResult;
use crate::stats::number::with_unit;
use crate::web::page::{use_page, Page};

/// The compare view of the period.
#[component]
pub fn Compare() -> impl IntoView {
    let page = use_page();
    move || {
        let period = page.period.get();
        let (area, spine) = page.bundle.with_value(|b| {
            let area = b.board.area.trim();
            (if area.is_empty() { "this area" } else { area }.to_string(), Spine::new(b, &period))
        });
        let body = match spine.empty {
            Some(why) => {
                let back = Page::href(&Query { view: View::Items, item: None, ..page.query.get_untracked() });
                view! { <p class="empty" data-empty="no-comparisons">{why}" "<a href=back>"Back to all items"</a></p> }
                    .into_any()
            }
            None => view! {
                <p class="lede" data-compare-count=spine.rows()>
                    {format!("{} against the areas most like {area}, centred on England.", crate::stats::vocabulary::count(spine.rows(), "metric"))}
                </p>
                <ul class="spine-legend" aria-label="Key">
                    <li>"Compared with England:"</li>
                    <li><span class="verdict-better" aria-hidden="true">"● "</span>"Better"</li>
                    <li><span class="verdict-similar" aria-hidden="true">"■ "</span>"Similar"</li>
                    <li><span class="verdict-worse" aria-hidden="true">"◆ "</span>"Worse"</li>
                    <li><span class="verdict-higher" aria-hidden="true">"▲ "</span>"Higher"</li>
                    <li><span class="verdict-lower" aria-hidden="true">"▼ "</span>"Lower"</li>
                    <li class="key key-england">"England"</li>
                    <li class="key key-region">"Region"</li>
                    <li class="key key-spine">"Similar areas: worst to best, darker from 25th to 75th percentile"</li>
                </ul>
                <details class="method">
                    <summary>"How is this drawn?"</summary>
                    <p>{crate::explore::spine::METHOD}</p>
                </details>
                {spine.groups.into_iter().map(|g| view! { <Workstream group=g area=area.clone()/> }).collect_view()}
            }
            .into_any(),
        };
        view! {
            <section class="compare" aria-labelledby="compare-heading">
                <h2 id="compare-heading">{format!("How {area} compares: {}", period.label)}</h2>
                {body}
            </section>
        }
    }
}

/// A verdict's class, its text mark, and the SVG path of its shape around (0, 0), the
/// same shape.
fn shape(verdict: &CompareResult) -> (&'static str, &'static str, &'static str) {
    match verdict {
        CompareResult::Better => ("better", "● ", "M-7 0a7 7 0 1 0 14 0a7 7 0 1 0-14 0"),
        CompareResult::Similar => ("similar", "■ ", "M-6-6h12v12h-12z"),
        CompareResult::Worse => ("worse", "◆ ", "M0-8l8 8-8 8-8-8z"),
        CompareResult::Higher => ("higher", "▲ ", "M0-8l8 14h-16z"),
        CompareResult::Lower => ("lower", "▼ ", "M0 8l8-14h-16z"),
        CompareResult::NotCompared { .. } => ("none", "○ ", "M-6 0a6 6 0 1 0 12 0a6 6 0 1 0-12 0"),
    }
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

#[component]
fn Workstream(group: Group, area: String) -> impl IntoView {
    let page = use_page();
    let href = move |id: &str| Page::href(&Query { item: Some(id.to_string()), ..page.query.get_untracked() });
    let caption = format!("compare-{}", group.workstream);
    let labelled_by = caption.clone();
    let region = group.has_region();
    let headings = group.headings(&area);
    let table = group
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr data-item-id=r.id.clone()>
                    <th scope="row">{r.title.clone()}<span class="spine-period">{period_unit(r)}</span></th>
                    {r.cells(region).into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="spine-group" data-workstream=group.workstream.clone()>
            <h3>{group.heading.clone()}</h3>
            {(!group.rows.is_empty()).then(|| view! {
                <div class="spine-axis" aria-hidden="true"><div><span>"Worst or lowest"</span><span>{group.england().to_string()}</span><span>"Best or highest"</span></div></div>
            })}
            <ol class="spine-rows">
                {group.rows.iter().map(|r| view! { <SpineRow row=r.clone() href=href(&r.id)/> }).collect_view()}
            </ol>
            {(!group.omitted.is_empty()).then(|| view! {
                <ul class="spine-omitted">
                    {group.omitted.iter().map(|o| view! {
                        <li data-item-id=o.id.clone()><a href=href(&o.id)>{o.title.clone()}</a>{format!(": not drawn, {}.", o.reason)}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!group.rows.is_empty()).then(|| view! {
                <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
                    <table class="data-table spine-table">
                        <caption id=caption>{format!("{}: the figures", group.heading)}</caption>
                        <thead><tr><th scope="col">"Metric"</th>{headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>{table}</tbody>
                    </table>
                </div>
                <p class="scroll-hint" aria-hidden="true">"Scroll the table sideways to see every column."</p>
            })}
        </section>
    }
}

/// "2023 · %": the period drawn and the unit.
fn period_unit(r: &Row) -> String {
    match &r.unit {
        Some(u) if !u.trim().is_empty() => format!("{} · {u}", r.period),
        _ => r.period.clone(),
    }
}

#[component]
fn SpineRow(row: Row, href: String) -> impl IntoView {
    let m = row.marks();
    let (class, glyph, path) = shape(&row.verdict);
    let bar = |(l, r): (f64, f64), class: &'static str| {
        view! { <rect class=class x=pct(l) width=pct(r - l) y="9" height="14"/> }
    };
    view! {
        <li class="spine-row" data-item-id=row.id.clone() data-verdict=class>
            <div class="spine-name">
                <a href=href>{row.title.clone()}</a>
                <span class="spine-period">{format!("{} · {} areas", period_unit(&row), row.spread.count)}</span>
            </div>
            <p class="spine-value">
                <span class="spine-figure">{with_unit(row.value, row.unit.as_deref())}</span>
                <span class=format!("spine-verdict verdict-{class}")><span aria-hidden="true">{glyph}</span>{row.verdict_words()}</span>
            </p>
            <svg class="spine-chart" aria-hidden="true" focusable="false" height="32">
                {bar(m.spine, "spine-range")}
                {m.middle.map(|b| bar(b, "spine-middle"))}
                <line class="spine-england" x1="50%" x2="50%" y1="2" y2="30"/>
                {m.region.map(|x| view! { <line class="spine-region" x1=pct(x) x2=pct(x) y1="2" y2="30"/> })}
                <svg class=format!("spine-mark verdict-{class}") x=pct(m.area) y="16" overflow="visible"><path d=path/></svg>
            </svg>
        </li>
    }
}
