//! Text from a file made safe to show: the characters that could steer a terminal (set
//! its title, clear the screen, write to the clipboard) or reorder the text around them
//! are written as escapes, so a hostile workbook or export cannot act through a message.

use std::borrow::Cow;

/// Whether a character can steer a terminal or reorder a line: a C0 control (line breaks
/// and tabs too), DEL, a C1 control, or a bidirectional mark, embedding, override or
/// isolate.
pub fn steers(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text with every character that [`steers`] written as `quoted` writes it (`\u{1b}`,
/// `\n`), so what is shown is one line of inert characters.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.contains(steers) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if steers(c) { c.escape_debug().to_string() } else { c.to_string() }).collect())
}

/// JSON text with every character that [`steers`] as a JSON escape (`\u001b`). The same
/// document, since such characters can only stand inside a JSON string, where the escape
/// means the character itself; and it shows inert in a terminal or an editor.
pub fn escaped_json(json: &str) -> Cow<'_, str> {
    if !json.contains(|c: char| steers(c) && !matches!(c, '\n' | '\r' | '\t')) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if steers(c) && !matches!(c, '\n' | '\r' | '\t') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_and_bidi_overrides_are_escaped() {
        let hostile = "a\u{1b}]0;title\u{7}b\u{1b}[2J\u{9b}31m\u{7f}\u{202e}gnp.exe\u{2066}x\u{2069}\nline";
        let shown = escaped(hostile);
        assert_eq!(
            shown,
            "a\\u{1b}]0;title\\u{7}b\\u{1b}[2J\\u{9b}31m\\u{7f}\\u{202e}gnp.exe\\u{2066}x\\u{2069}\\nline"
        );
        assert!(!shown.contains(steers));
        assert!(matches!(escaped("Smoking prevalence, 15+ (%) é"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_its_controls() {
        let value = "x\u{1b}\u{9b}\u{202e}\u{7f}é\n\t\"";
        let json = serde_json::to_string_pretty(&serde_json::json!({ "title": value, "list": [1, 2] })).unwrap();
        let safe = escaped_json(&json);
        assert!(!safe.chars().any(|c| steers(c) && !matches!(c, '\n' | ' ')), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["title"], value);
        assert_eq!(safe.lines().count(), json.lines().count(), "the layout stays");
    }
}
