//! The chart's colours. Each is defined once, as a custom property of `style/main.css`
//! (so a theme changes the canvas and the HTML legend together), and the chart reads it
//! from its canvas's computed style. The values here are the fallback for a page without
//! the stylesheet; `tests/chart_palette.rs` checks that the stylesheet declares the same.
//!
//! Plain Rust with no imports, so that the native test can compile it as it is.

/// A colour: red, green, blue and opacity (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub f64);

impl Rgba {
    /// Reads the forms of a colour a stylesheet or a browser writes: `#rgb`, `#rrggbb`,
    /// `rgb(r, g, b)`, `rgba(r, g, b, a)` and `rgb(r g b / a)`. Anything else is `None`.
    pub fn parse(text: &str) -> Option<Rgba> {
        let text = text.trim();
        if let Some(hex) = text.strip_prefix('#') {
            let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
            return match hex.len() {
                3 => Some(Rgba(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17, 1.0)),
                6 => Some(Rgba(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?, 1.0)),
                _ => None,
            };
        }
        let inner = text.strip_prefix("rgba(").or_else(|| text.strip_prefix("rgb("))?.strip_suffix(')')?;
        let parts: Vec<&str> = inner.split([',', ' ', '/']).filter(|p| !p.is_empty()).collect();
        let channel = |p: &str| p.parse::<u8>().ok();
        let alpha = match parts.get(3) {
            None => 1.0,
            Some(a) => match a.strip_suffix('%') {
                Some(pc) => pc.parse::<f64>().ok()? / 100.0,
                None => a.parse::<f64>().ok()?,
            },
        };
        if parts.len() > 4 || !(0.0..=1.0).contains(&alpha) {
            return None;
        }
        Some(Rgba(channel(parts.first()?)?, channel(parts.get(1)?)?, channel(parts.get(2)?)?, alpha))
    }

    /// The colour as CSS, for a canvas's `fillStyle`.
    pub fn css(self) -> String {
        let Rgba(r, g, b, a) = self;
        format!("rgba({r}, {g}, {b}, {a})")
    }
}

/// What the chart draws in its own colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// The value line and its dots.
    Value,
    /// The confidence interval's band (translucent, over the grid).
    Band,
    /// The comparator's dashed line.
    Comparator,
    /// The targets' stepped line.
    Target,
    /// Axes and their labels: the page's text colour.
    Text,
    /// The grid lines: the page's border colour.
    Grid,
    /// Behind the chart: the page's surface colour.
    Background,
}

impl Ink {
    pub const ALL: [Ink; 7] =
        [Ink::Value, Ink::Band, Ink::Comparator, Ink::Target, Ink::Text, Ink::Grid, Ink::Background];

    /// The custom property of `style/main.css` that defines it.
    pub fn property(self) -> &'static str {
        match self {
            Ink::Value => "--se-chart-value",
            Ink::Band => "--se-chart-band",
            Ink::Comparator => "--se-chart-comparator",
            Ink::Target => "--se-chart-target",
            Ink::Text => "--se-text",
            Ink::Grid => "--se-border",
            Ink::Background => "--se-surface",
        }
    }

    /// The stylesheet's value, used where a page has no stylesheet.
    pub fn fallback(self) -> Rgba {
        match self {
            Ink::Value => Rgba(0x00, 0x5e, 0xb8, 1.0),
            Ink::Band => Rgba(166, 199, 234, 0.6),
            Ink::Comparator => Rgba(0x42, 0x54, 0x62, 1.0),
            Ink::Target => Rgba(0x33, 0x00, 0x72, 1.0),
            Ink::Text => Rgba(0x21, 0x2b, 0x32, 1.0),
            Ink::Grid => Rgba(0xd8, 0xdd, 0xe0, 1.0),
            Ink::Background => Rgba(0xff, 0xff, 0xff, 1.0),
        }
    }
}

/// The colours one chart draws with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette([Rgba; Ink::ALL.len()]);

impl Palette {
    /// Each ink's colour from `lookup` (its property's value), or its fallback where the
    /// lookup has none or one that does not read as a colour.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Palette {
        Palette(Ink::ALL.map(|ink| lookup(ink.property()).and_then(|v| Rgba::parse(&v)).unwrap_or(ink.fallback())))
    }

    pub fn get(&self, ink: Ink) -> Rgba {
        self.0[ink as usize]
    }
}

impl Default for Palette {
    fn default() -> Palette {
        Palette::from_lookup(|_| None)
    }
}
