//! One item in full: its facts, its status in the period with how it was worked out,
//! what each edition said, and its series as a chart and a table.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::{Item, Point, Polarity};
use crate::explore::detail::Detail;
use crate::explore::figure::TableColumns;
use crate::explore::query::Query;
use crate::explore::thinning::{page_count, page_rows, rows_text};
use crate::stats::number::{format_number, with_unit};
use crate::web::page::{use_page, Page};

use super::badges::{BenchmarkMark, ChangeMark, PublishedMarks, RagBadge, TrendMark};

/// Everything about one item: what each edition said, and its series as a chart and a table.
#[component]
pub fn ItemDetail(item_idx: usize) -> impl IntoView {
    let page = use_page();
    let heading = NodeRef::<leptos::html::H2>::new();
    page.last_item.set(page.bundle.with_value(|b| b.items.get(item_idx).map(|i| i.id.clone())));
    // Move focus to the opened item, as a screen-reader user would expect.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let back = Page::href(&Query { item: None, ..page.query.get_untracked() });
    move || {
        let selected = page.period.get();
        let Detail {
            item,
            workstream: ws,
            parent,
            children,
            period,
            rag,
            trend,
            trend_calculation: calc,
            benchmark: bench,
            comparison,
            change,
            series,
            source_symbol: symbol,
            commentary,
            trend_words,
            trend_disagreement,
            trend_over,
            headline,
            source_notes,
            published,
            target_rag,
            target,
            standing,
            peers,
        } = page.bundle.with_value(|b| Detail::new(b, item_idx, &selected));
        let indicator = page.bundle.with_value(|b| b.items[item_idx].fingertips.as_ref().and_then(|f| f.indicator_id));
        let compare_rows: Vec<_> = page
            .bundle
            .with_value(|b| crate::explore::detail::comparison_rows(b, &standing).into_iter().cloned().collect());
        let area = page.bundle.with_value(|b| b.board.area.trim().to_string());
        let dates = crate::explore::detail::data_dates(&item, today());
        let rank_methods: Vec<String> =
            standing.ranks.iter().map(|r| r.rank.explanation(&r.label, item.unit.as_deref())).collect();
        let compare_methods: Vec<String> = standing
            .comparisons
            .iter()
            .filter(|c| compare_rows.iter().any(|r| r.comparator == c.comparator))
            .map(|c| {
                format!(
                    "Compared with {}: {}",
                    c.label,
                    c.explanation(crate::stats::status::BENCHMARK_LEVEL, item.unit.as_deref())
                )
            })
            .collect();
        let periods = page.bundle.with_value(|b| b.periods.clone());
        let other_period = (period.id != selected.id).then(|| {
            format!(
                "This item is not in the {} edition; it is shown as of {}, the last edition that assessed it.",
                selected.label, period.label
            )
        });
        let link = |i: &Item| Page::href(&Query { item: Some(i.id.clone()), ..page.query.get_untracked() });
        let polarity = match item.polarity() {
            Polarity::HigherIsBetter => Some("Higher is better"),
            Polarity::LowerIsBetter => Some("Lower is better"),
            _ => None,
        };
        view! {
            <article class="detail" data-item-id=item.id.clone() aria-labelledby="detail-heading">
                <p class="back"><a href=back.clone()>"← All items"</a></p>
                <p class="item-meta">
                    <span class="item-kind">{item.kind.as_ref().map(|k| k.label().to_string())}</span>
                    {item.scope.as_ref().map(|s| view! { <span class="item-scope">{s.label().to_string()}</span> })}
                    {item.code.clone().map(|c| view! { <span class="item-code">{c}</span> })}
                </p>
                <h2 id="detail-heading" class="detail-title" tabindex="-1" node_ref=heading>{item.title.clone()}</h2>
                <section class="detail-status" aria-labelledby="status-heading">
                    <h3 id="status-heading">{format!("Status in {}", period.label)}</h3>
                    {other_period.map(|t| view! { <p class="note">{t}</p> })}
                    <div class="item-marks">
                        <RagBadge rag=rag judged=target_rag/>
                        <TrendMark trend=trend words=trend_words disagree=trend_disagreement illegible=symbol.is_some() over=trend_over/>
                        {item.is_metric().then(|| view! { <BenchmarkMark benchmark=bench comparator=item.comparator().to_string()/> })}
                        <ChangeMark change=change/>
                    </div>
                    {published.map(|p| view! { <p class="item-marks published-marks"><PublishedMarks published=p/></p> })}
                    {indicator.map(|id| view! {
                        <p class="fingertips-link"><a href=crate::fingertips::indicator_page(id) rel="noopener noreferrer" data-fingertips=id.to_string()>
                            {format!("Fingertips indicator {id}")}<span class="visually-hidden">", on OHID's Fingertips site"</span></a></p>
                    })}
                    {dates.map(|d| view! {
                        <p class="data-dates" data-dates="">{d.text}
                            {d.overdue.map(|o| view! { <span class="overdue" data-overdue="">" "{o}</span> })}</p>
                    })}
                    {commentary.map(|c| view! {
                        <p class="status-commentary"><strong>{format!("{} commentary: ", period.label)}</strong>{c}</p>
                    })}
                    {item.is_metric().then(|| view! {
                        <details class="method">
                            <summary>"How is this calculated?"</summary>
                            <p class="method-trend" data-trend-method=calc.method().label()>
                                <strong>"Recent trend: "</strong>{calc.label()}". "{calc.explanation()}
                            </p>
                            <p class="method-benchmark">
                                <strong>{format!("Compared with {}: ", item.comparator())}</strong>{comparison.label()}". "
                                {comparison.explanation(crate::stats::status::BENCHMARK_LEVEL)}
                            </p>
                            {target.map(|t| view! { <p class="method-target"><strong>"RAG against the target: "</strong>{t.explanation()}</p> })}
                            {compare_methods.into_iter().map(|m| view! { <p class="method-comparator">{m}</p> }).collect_view()}
                            {rank_methods.into_iter().map(|m| view! { <p class="method-rank"><strong>"Rank: "</strong>{m}</p> }).collect_view()}
                            <p>"Values the scorecard states are shown as stated. Where it states none, the computed value is shown and marked “computed”; where they disagree, the item is flagged. The words Fingertips itself published for the latest period are shown beside them, flagged in the same way where the calculation here disagrees."</p>
                        </details>
                    })}
                </section>
                <dl class="facts">
                    {ws.clone().map(|w| view! { <dt>"Workstream"</dt><dd>{w.heading()}</dd> })}
                    {item.lead.clone().or_else(|| ws.as_ref().and_then(|w| w.lead.clone())).map(|l| view! { <dt>"Lead"</dt><dd>{l}</dd> })}
                    {item.unit.clone().map(|u| view! { <dt>"Unit"</dt><dd>{u}</dd> })}
                    {polarity.map(|p| view! { <dt>"Polarity"</dt><dd>{p}</dd> })}
                    {parent.as_ref().map(|p| view! { <dt>"Part of action"</dt><dd><a href=link(p)>{p.title.clone()}</a></dd> })}
                </dl>
                {(!children.is_empty()).then(|| view! {
                    <section class="children">
                        <h3>"Metrics of this action"</h3>
                        <ul>{children.iter().map(|c| view! { <li><a href=link(c)>{c.title.clone()}</a></li> }).collect_view()}</ul>
                    </section>
                })}
                <super::comparisons::Comparisons rows=compare_rows ranks=standing.ranks.clone() peers=peers
                    unit=item.unit.clone() area=area/>
                <History item=item.clone() periods=periods shown=period.id.clone()/>
                {(!source_notes.is_empty()).then(|| view! {
                    <details class="source-notes">
                        <summary>"Notes from the source document"</summary>
                        <ul>{source_notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </details>
                })}
                {(!series.is_empty()).then(|| {
                    let figure = page.bundle.with_value(|b| crate::explore::figure::Figure::new(b, &item, &series));
                    let columns = TableColumns::new(&item, &series);
                    view! {
                    <section class="series" aria-labelledby="series-heading">
                        <h3 id="series-heading">"Values over time"</h3>
                        {headline.clone().map(|h| view! { <p class="headline-figure" data-headline="">{h}</p> })}
                        <super::chart::Chart series=series.clone() figure=figure/>
                        <SeriesTable series=series.clone() unit=item.unit.clone() columns=columns/>
                    </section>
                }})}
            </article>
        }.into_any()
    }
}

/// Today's date in the reader's browser, to tell an overdue data update.
fn today() -> Option<crate::bundle::date::IsoDate> {
    let d = js_sys::Date::new_0();
    let text = format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date());
    crate::bundle::date::IsoDate::parse(&text).ok()
}

/// What every edition said about the item: how its RAG moved, and the commentary. On a
/// phone the `shown` edition's commentary is already under the status, so its card
/// leaves it out (style/main.css).
#[component]
fn History(item: Item, periods: Vec<crate::bundle::Period>, shown: String) -> impl IntoView {
    let rows: Vec<_> = periods
        .iter()
        .filter_map(|p| item.assessment(&p.id).map(|a| (p.label.clone(), p.id == shown, a.clone())))
        .collect();
    (!rows.is_empty()).then(|| view! {
        <section class="history" aria-labelledby="history-heading">
            <h3 id="history-heading">"What each edition said"</h3>
            <div class="table-wrap">
                // Below 40em each row is a stacked card, each cell headed by its data-label.
                <table class="data-table history-table">
                    <thead><tr><th scope="col">"Period"</th><th scope="col">"RAG"</th><th scope="col">"Trend"</th><th scope="col">"Benchmark"</th><th scope="col">"Commentary"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(label, shown, a)| view! {
                            <tr class:shown-period=shown>
                                <th scope="row">{label}</th>
                                <td><RagBadge rag=a.rag.clone().unwrap_or(crate::bundle::Rag::NotRated)/></td>
                                <td data-label="Trend">{a.trend.as_ref().map_or("Not stated".to_string(), |t| t.label().to_string())}</td>
                                <td data-label="Benchmark">{a.benchmark.as_ref().map_or("Not stated".to_string(), |b| b.label().to_string())}</td>
                                <td class="commentary" data-label="Commentary">{a.commentary.clone().unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    })
}

/// Rows in one page of the series table.
const TABLE_PAGE: usize = 50;

/// Where a pager button leads: the page to show, from the one shown and the last.
type PageMove = fn(usize, usize) -> usize;

/// The chart's data as a table: exact values for everyone, and for screen readers. A
/// series longer than a page is shown a page at a time, latest first, so a million
/// points do not become a million rows.
#[component]
pub fn SeriesTable(series: Arc<[Point]>, unit: Option<String>, columns: TableColumns) -> impl IntoView {
    let cell = move |v: Option<f64>| v.map_or("–".to_string(), |v| with_unit(v, unit.as_deref()));
    let (ci, bench, target) = (columns.limits, columns.comparator.is_some(), columns.target);
    let (count, denominator) = (columns.count, columns.denominator);
    // Counts and denominators are numbers of people or events: no unit.
    let plain = |v: Option<f64>| v.map_or("–".to_string(), format_number);
    let len = series.len();
    let last = page_count(len, TABLE_PAGE) - 1;
    let page = RwSignal::new(0usize);
    let shown = move || rows_text(&page_rows(len, TABLE_PAGE, page.get()), len);
    let rows = move || {
        series[page_rows(len, TABLE_PAGE, page.get())]
            .iter()
            .map(|p| {
                view! {
                    <tr data-date=p.date.clone()>
                        <th scope="row">{p.label.clone().unwrap_or_else(|| p.date.clone())}</th>
                        <td>{p.value.map_or("No value".to_string(), |v| cell.clone()(Some(v)))}</td>
                        {ci.then(|| view! { <td>{cell.clone()(p.lower)}</td><td>{cell.clone()(p.upper)}</td> })}
                        {bench.then(|| view! { <td>{cell.clone()(p.benchmark)}</td> })}
                        {target.then(|| view! { <td>{cell.clone()(p.target)}</td> })}
                        {count.then(|| view! { <td>{plain(p.count)}</td> })}
                        {denominator.then(|| view! { <td>{plain(p.denominator)}</td> })}
                    </tr>
                }
            })
            .collect_view()
    };
    // Page 0 is the latest rows. A button with nowhere to go is aria-disabled rather than
    // disabled, so the focus stays on it.
    let moves: [(&str, &str, PageMove); 4] = [
        ("Earliest", "earliest", |_, last| last),
        ("Earlier", "earlier", |p, last| (p + 1).min(last)),
        ("Later", "later", |p, _| p.saturating_sub(1)),
        ("Latest", "latest", |_, _| 0),
    ];
    let buttons = moves.into_iter().map(|(text, key, to)| {
        view! {
            <button type="button" class="button secondary" data-page=key
                aria-disabled=move || (to(page.get(), last) == page.get()).then_some("true")
                on:click=move |_| page.set(to(page.get_untracked(), last))>{text}</button>
        }
    });
    view! {
        <nav class="table-pager" aria-label="Pages of the values table" hidden=last == 0>
            {buttons.collect_view()}
            <span class="table-rows" role="status">{shown}</span>
        </nav>
        <div class="table-wrap" role="region" aria-label="Values table" tabindex="0">
            <table class="data-table series-table">
                <caption>{columns.caption()}
                    <span class="table-rows">{move || if last > 0 { shown() } else { String::new() }}</span></caption>
                <thead><tr>
                    <th scope="col">"Period"</th><th scope="col">"Value"</th>
                    {ci.then(|| view! { <th scope="col">"Lower 95% limit"</th><th scope="col">"Upper 95% limit"</th> })}
                    {columns.comparator_heading().map(|h| view! { <th scope="col">{h}</th> })}
                    {target.then(|| view! { <th scope="col">"Target"</th> })}
                    {count.then(|| view! { <th scope="col">"Count"</th> })}
                    {denominator.then(|| view! { <th scope="col">"Denominator"</th> })}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
