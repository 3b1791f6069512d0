//! The red-red view (`preset=red-red`): items worse than the comparator and getting
//! worse, stated or computed. The index's selection is checked against a plain walk over
//! every item's status in every period.

use scorecard_explorer::bundle::{load, Benchmark, Trend};
use scorecard_explorer::explore::facets::FacetIndex;
use scorecard_explorer::explore::query::{Preset, Query};
use scorecard_explorer::stats::status::{in_period, status};

#[test]
fn red_red_selects_exactly_the_items_worse_and_getting_worse() {
    let mut seen = 0;
    for path in ["bundles/somerset.json", "tests/bundles/riverside.json"] {
        let b = load(&std::fs::read(path).unwrap()).unwrap();
        for period in &b.periods {
            let facets = FacetIndex::new(&b, period);
            let q = Query::parse(&format!("?period={}&preset=red-red", period.id));
            assert_eq!(q.preset, Some(Preset::RedRed));
            let (selection, ignored) = facets.select(&q.applied_facets(), &q.q);
            assert!(ignored.is_empty(), "{ignored:?}");
            let picked = facets.matching(&selection);
            let naive: Vec<usize> = b
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| in_period(item, &period.id))
                .filter(|(_, item)| {
                    let s = status(&b, item, period);
                    s.trend.value == Some(Trend::Declining) && s.benchmark.value == Some(Benchmark::Worse)
                })
                .map(|(i, _)| i)
                .collect();
            assert_eq!(picked, naive, "{path} {}", period.id);
            seen += naive.len();
        }
    }
    assert!(seen > 0, "the bundles hold red-red items to check");
}
