//! A county-sized workbook: 10,000 items, each with an assessment and a ten-point series,
//! builds from an `.xlsx` (written here) into the same bundle; the time is printed.

use std::time::Instant;

use scorecard_explorer::bundle::{
    Assessment, Board, Bundle, Item, Kind, Period, Point, Rag, Source, Workstream, FORMAT, VERSION,
};
use scorecard_explorer::workbook::{build, write, File, Limits};

fn large(items: usize) -> Bundle {
    Bundle {
        format: FORMAT.into(),
        version: VERSION,
        board: Board { name: "County Board".into(), area: "County".into(), ..Board::default() },
        source: Source { illustrative: true, ..Source::default() },
        periods: vec![Period { id: "2024-03".into(), label: "March 2024".into(), end: "2024-03-31".into() }],
        workstreams: vec![Workstream {
            id: "ws".into(),
            label: "All".into(),
            title: "Everything".into(),
            ..Workstream::default()
        }],
        items: (0..items)
            .map(|i| Item {
                id: format!("m{i}"),
                workstream: "ws".into(),
                kind: Some(Kind::Metric),
                title: format!("Measure number {i}"),
                unit: Some("%".into()),
                assessments: vec![Assessment {
                    period: "2024-03".into(),
                    rag: Some(Rag::Amber),
                    ..Assessment::default()
                }],
                series: (0..10)
                    .map(|y| {
                        let v = 50.0 + (i % 7) as f64 + y as f64 * 0.25;
                        Point {
                            date: format!("{}", 2014 + y),
                            value: Some(v),
                            lower: Some(v - 1.5),
                            upper: Some(v + 1.5),
                            ..Point::default()
                        }
                    })
                    .collect(),
                ..Item::default()
            })
            .collect(),
        context: Vec::new(),
    }
}

#[test]
fn a_10000_item_workbook_builds() {
    let bundle = large(10_000);
    let bytes = write::workbook(&bundle).expect("written");
    let started = Instant::now();
    let built = build(&[File { name: "county.xlsx", bytes: &bytes }], &[], &Limits::default());
    let took = started.elapsed();
    println!(
        "10,000-item workbook ({} KB, {} series rows): built in {:.2} s",
        bytes.len() / 1024,
        bundle.items.len() * 10,
        took.as_secs_f64()
    );
    assert!(built.problems.is_empty(), "{:?}", &built.problems[..built.problems.len().min(5)]);
    assert_eq!(built.bundle, bundle);
}
