//! The line of commentary an item's card shows: the edition's first line, cut short, and
//! none when it only repeats the item's title (a common habit in scorecard tables, which
//! on a phone just doubles the card's height).

use crate::bundle::Item;

/// The card shows at most this many characters of commentary.
pub const MAX_CHARS: usize = 160;

/// The first line of `item`'s commentary for `period`, cut to [`MAX_CHARS`]; `None` when
/// there is none or it says nothing the title does not.
pub fn excerpt(item: &Item, period: &str) -> Option<String> {
    let commentary = item.assessment(period)?.commentary.as_deref()?;
    let line = commentary.trim().lines().next().unwrap_or_default().trim();
    let said = words(line);
    if said.is_empty() || words(&item.title).contains(&said) {
        return None;
    }
    Some(line.chars().take(MAX_CHARS).collect())
}

/// The words of `text`, lower case, one space apart: punctuation and spacing aside.
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}
