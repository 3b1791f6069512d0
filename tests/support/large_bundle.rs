//! A county-sized scorecard, shared by the native workbook test and the browser tests:
//! `items` metrics, each with an assessment and a ten-point series.

/// `items` metrics in one workstream, each with an amber assessment and ten yearly points.
pub fn large_bundle(items: usize) -> scorecard_explorer::Bundle {
    use scorecard_explorer::bundle::*;
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
        ..Bundle::default()
    }
}
