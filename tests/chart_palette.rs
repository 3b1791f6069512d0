//! The chart's colours are defined once, in `style/main.css`: the chart's fallback table
//! (`src/web/components/chart/palette.rs`, compiled here as it is) must hold the values the
//! stylesheet declares, and the lines must keep their contrast with the background.

#[path = "../src/web/components/chart/palette.rs"]
#[allow(dead_code)]
mod palette;

use palette::{Ink, Palette, Rgba};

/// The custom properties the stylesheet's defaults (`:where(.se-app) { ... }`) declare.
fn declared() -> Vec<(String, String)> {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).expect("style/main.css");
    let start = css.find(":where(.se-app) {").expect("style/main.css has its defaults in `:where(.se-app) { ... }`");
    let mut block = css[start..start + css[start..].find('}').expect("the defaults' block closes")].to_owned();
    while let (Some(open), Some(close)) = (block.find("/*"), block.find("*/")) {
        block.replace_range(open..close + 2, "");
    }
    let mut found = Vec::new();
    for declaration in block.split(';') {
        if let Some((name, value)) = declaration.split_once(':') {
            if let Some(name) = name.trim().strip_prefix("--") {
                found.push((format!("--{name}"), value.trim().to_owned()));
            }
        }
    }
    found
}

#[test]
fn the_stylesheet_declares_each_chart_colour_as_the_chart_falls_back_to() {
    let declared = declared();
    for ink in Ink::ALL {
        let (_, value) = declared
            .iter()
            .find(|(name, _)| name == ink.property())
            .unwrap_or_else(|| panic!("style/main.css does not declare {} ({ink:?})", ink.property()));
        assert_eq!(
            Rgba::parse(value),
            Some(ink.fallback()),
            "{} is {value} in style/main.css but {:?} in chart/palette.rs",
            ink.property(),
            ink.fallback()
        );
    }
    let chart: Vec<&String> = declared.iter().map(|(name, _)| name).filter(|n| n.starts_with("--se-chart-")).collect();
    for name in chart {
        assert!(Ink::ALL.iter().any(|ink| ink.property() == name), "{name} in style/main.css is drawn by no ink");
    }
}

#[test]
fn a_page_without_the_stylesheet_draws_with_the_fallbacks() {
    let palette = Palette::from_lookup(|_| None);
    assert_eq!(palette.get(Ink::Value), Rgba(0, 94, 184, 1.0));
    let themed = Palette::from_lookup(|p| (p == "--se-chart-value").then(|| " #00703c".to_owned()));
    assert_eq!(themed.get(Ink::Value), Rgba(0, 112, 60, 1.0));
    assert_eq!(themed.get(Ink::Target), Ink::Target.fallback());
    let unreadable = Palette::from_lookup(|_| Some("var(--elsewhere)".to_owned()));
    assert_eq!(unreadable, palette);
}

#[test]
fn colours_are_read_in_the_forms_css_and_browsers_write() {
    assert_eq!(Rgba::parse("#005eb8"), Some(Rgba(0, 94, 184, 1.0)));
    assert_eq!(Rgba::parse("#FFF"), Some(Rgba(255, 255, 255, 1.0)));
    assert_eq!(Rgba::parse("rgb(166 199 234 / 0.6)"), Some(Rgba(166, 199, 234, 0.6)));
    assert_eq!(Rgba::parse("rgba(166, 199, 234, 0.6)"), Some(Rgba(166, 199, 234, 0.6)));
    assert_eq!(Rgba::parse("rgb(166, 199, 234)"), Some(Rgba(166, 199, 234, 1.0)));
    assert_eq!(Rgba::parse("rgb(166 199 234 / 60%)"), Some(Rgba(166, 199, 234, 0.6)));
    for bad in ["", "blue", "#12345", "rgb(300, 0, 0)", "rgb(1, 2)", "rgba(1, 2, 3, 2)", "#ggg"] {
        assert_eq!(Rgba::parse(bad), None, "{bad:?}");
    }
    assert_eq!(Rgba::parse(&Rgba(166, 199, 234, 0.6).css()), Some(Rgba(166, 199, 234, 0.6)));
}

/// WCAG 2.2's contrast ratio of two opaque colours.
fn contrast(a: Rgba, b: Rgba) -> f64 {
    let luminance = |c: Rgba| {
        let linear = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn the_lines_and_labels_keep_their_contrast_with_the_background() {
    let background = Ink::Background.fallback();
    // Lines that carry meaning: 3:1 for graphical objects (1.4.11); labels: 4.5:1 (1.4.3).
    for (ink, least) in [(Ink::Value, 3.0), (Ink::Comparator, 3.0), (Ink::Target, 3.0), (Ink::Text, 4.5)] {
        let ratio = contrast(ink.fallback(), background);
        assert!(ratio >= least, "{ink:?} has contrast {ratio:.2} with the background, under {least}");
    }
    assert!((contrast(Rgba(0, 0, 0, 1.0), Rgba(255, 255, 255, 1.0)) - 21.0).abs() < 1e-9);
}
