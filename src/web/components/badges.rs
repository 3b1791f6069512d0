//! Status marks. RAG is never colour alone: each badge has a word and a shape; trends
//! have an arrow and a word, coloured by what the direction means for this metric.

use leptos::prelude::*;

use crate::bundle::{Benchmark, Rag, Trend};
use crate::stats::change::Change;
use crate::stats::published::{Published, Verdict};
use crate::stats::status::{Judged, Origin};
use crate::stats::vocabulary::{benchmark_words, change_words};

/// A RAG badge: shape + word + colour; with `judged`, marked "computed" when the target
/// gave it, and flagged when the target contradicts the stated one.
#[component]
pub fn RagBadge(rag: Rag, #[prop(optional)] judged: Option<Judged<Rag>>) -> impl IntoView {
    let (shape, class) = rag_mark(&rag);
    let (origin, disagreement) = judged.map_or((Origin::Stated, None), |j| (j.origin, j.disagreement));
    view! {
        <span class=format!("badge rag {class}") data-rag=rag.as_str().to_string()>
            <span class="badge-shape" aria-hidden="true">{shape}</span>
            <span class="visually-hidden">"RAG status: "</span>
            {rag.label().to_string()}
        </span>
        {(origin == Origin::Computed || disagreement.is_some()).then(|| view! {
            <span class="mark rag-origin" data-rag-origin=if origin == Origin::Computed { "computed" } else { "stated" }>
                {(origin == Origin::Computed).then_some("From the target")}
                <OriginNote origin=origin disagreement=disagreement.map(|r| format!("{} against the target", r.label().to_lowercase())) over=None/>
            </span>
        })}
    }
}

/// A RAG status's shape and the class that colours it.
pub fn rag_mark(rag: &Rag) -> (&'static str, &'static str) {
    match rag {
        Rag::Red => ("◆", "rag-red"),
        Rag::Amber => ("▲", "rag-amber"),
        Rag::Green => ("●", "rag-green"),
        Rag::Complete => ("✔", "rag-complete"),
        Rag::NotRated | Rag::Unknown(_) => ("○", "rag-none"),
    }
}

/// Trend arrow and words (from `stats::vocabulary`); coloured good/bad by the word itself
/// (the producer or the computation already judged it by polarity). `illegible`: the
/// source printed a symbol that could not be read, told in plain words (the symbol itself
/// is in the item's notes from the source document). `over`: the periods a computed trend
/// covers, said beside "computed".
#[component]
pub fn TrendMark(
    trend: Judged<Trend>,
    words: String,
    disagree: Option<String>,
    illegible: bool,
    over: Option<String>,
) -> impl IntoView {
    let (arrow, class) = match &trend.value {
        Some(Trend::Improving) => ("▲", "good"),
        Some(Trend::Declining) => ("▼", "bad"),
        Some(Trend::Stable) => ("▶", "neutral"),
        _ => ("?", "unknown"),
    };
    view! {
        <span class=format!("mark trend trend-{class}") data-trend=trend.value.as_ref().map_or("not_known", |t| t.as_str()).to_string()>
            <span class="visually-hidden">"Trend: "</span>
            <span class="mark-arrow" aria-hidden="true">{arrow}</span>
            {words}
            <OriginNote origin=trend.origin disagreement=disagree over=over/>
            {illegible.then(|| view! { <span class="source-symbol">" (trend not legible in the source)"</span> })}
        </span>
    }
}

/// The comparison with the item's comparator, named: "Worse than England".
#[component]
pub fn BenchmarkMark(benchmark: Judged<Benchmark>, comparator: String) -> impl IntoView {
    let class = match &benchmark.value {
        Some(Benchmark::Better) => "good",
        Some(Benchmark::Worse) => "bad",
        Some(Benchmark::Similar) => "neutral",
        _ => "unknown",
    };
    let word = benchmark_words(benchmark.value.as_ref(), &comparator);
    view! {
        <span class=format!("mark benchmark bench-{class}") data-benchmark=benchmark.value.as_ref().map_or("not_compared", |b| b.as_str()).to_string()>
            {word}
            <OriginNote origin=benchmark.origin disagreement=benchmark.disagreement.map(|b| benchmark_words(Some(&b), &comparator)) over=None/>
        </span>
    }
}

/// "computed" for a value the viewer worked out, with the periods it covers when `over`
/// names them; a flag when it disagrees with the stated one.
#[component]
fn OriginNote(origin: Origin, disagreement: Option<String>, over: Option<String>) -> impl IntoView {
    let spans = over.is_some().then_some("");
    let words = match over {
        Some(over) => format!(" (computed, {over})"),
        None => " (computed)".to_string(),
    };
    view! {
        {(origin == Origin::Computed).then(|| view! { <span class="computed" title="Computed by this viewer from the series" data-trend-over=spans>{words}</span> })}
        <Disagreement disagreement=disagreement/>
    }
}

/// The flag for a computed value that disagrees with what was stated or published.
#[component]
fn Disagreement(disagreement: Option<String>) -> impl IntoView {
    disagreement.map(|d| {
        view! {
            <span class="disagree" data-disagree="true">
                <span aria-hidden="true">" ⚠ "</span>
                {format!("computed: {d}")}
            </span>
        }
    })
}

/// Fingertips' own words about the latest period, each flagged where the viewer's
/// calculation disagrees ("Fingertips: Decreasing and getting better").
#[component]
pub fn PublishedMarks(published: Published) -> impl IntoView {
    let period = published.period.map(|p| format!(" ({p})")).unwrap_or_default();
    let mark = move |what: &'static str, verdict: Option<Verdict>, period: String| {
        verdict.map(|v| view! {
            <span class="mark published" data-published=what>
                {format!("Fingertips{period}: {}{}", if what == "benchmark" { "compared with England, " } else { "" }, v.word)}
                <Disagreement disagreement=v.disagreement/>
            </span>
        })
    };
    view! {
        {mark("trend", published.recent_trend, period.clone())}
        {mark("benchmark", published.compared_to_england, period)}
    }
}

#[component]
pub fn ChangeMark(change: Option<Change>) -> impl IntoView {
    change.map(|c| {
        let (arrow, class) = match c {
            Change::Worse => ("▼", "bad"),
            Change::Better => ("▲", "good"),
            Change::Same => ("=", "neutral"),
            Change::New => ("✚", "neutral"),
        };
        view! {
            <span class=format!("mark change change-{class}") data-change=c.as_str()>
                <span class="visually-hidden">"Since the last edition: "</span>
                <span class="mark-arrow" aria-hidden="true">{arrow}</span>
                {change_words(c)}
            </span>
        }
    })
}
