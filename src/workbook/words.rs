//! Enumerated cells: the bundle's words (`not_rated`) and the words people type (`Not
//! rated`, `RED`, `Higher is better`), case-insensitively.

/// The bundle word that `text` stands for among `accepted`, if any: case, spaces,
/// hyphens and underscores are not told apart, and a few common synonyms are taken.
pub fn bundle_word(text: &str, accepted: &'static [&'static str]) -> Option<&'static str> {
    let key = normal(text);
    if let Some(w) = accepted.iter().find(|w| normal(w) == key) {
        return Some(w);
    }
    let synonym = match key.as_str() {
        "completed" | "done" => "complete",
        "notrated" | "norating" | "unrated" => "not_rated",
        "measure" | "indicator" => "metric",
        "localmeasure" => "local",
        "nationalmeasure" => "national",
        "nochange" | "same" => "stable",
        "worsening" | "gettingworse" => "declining",
        "gettingbetter" => "improving",
        "notcomparable" | "notapplicable" => "not_compared",
        "nojudgment" | "none" => "no_judgement",
        "higher" | "highisgood" => "higher_is_better",
        "lower" | "lowisgood" => "lower_is_better",
        _ => return None,
    };
    accepted.contains(&synonym).then_some(synonym)
}

/// The words a person may type for these bundle words, for messages: `"red", …,
/// "not_rated" (any case; spaces for underscores, as in "Not rated")`, the example one
/// of these words as typed.
pub fn accepted_words(accepted: &[&str]) -> String {
    let listed = accepted.iter().map(|w| crate::bundle::problem::quoted(w)).collect::<Vec<_>>().join(", ");
    match accepted.iter().find(|w| w.contains('_')) {
        Some(w) => {
            format!("{listed} (any case; spaces for underscores, as in {})", crate::bundle::problem::quoted(&typed(w)))
        }
        None => format!("{listed} (any case)"),
    }
}

/// A bundle word as a person types it: `not_rated` as `Not rated`.
fn typed(word: &str) -> String {
    let spaced = word.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn normal(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Polarity, Rag};

    #[test]
    fn typed_words_map_to_bundle_words() {
        assert_eq!(bundle_word("Not rated", Rag::WORDS), Some("not_rated"));
        assert_eq!(bundle_word(" RED ", Rag::WORDS), Some("red"));
        assert_eq!(bundle_word("Higher is better", Polarity::WORDS), Some("higher_is_better"));
        assert_eq!(bundle_word("Completed", Rag::WORDS), Some("complete"));
        assert_eq!(bundle_word("purple", Rag::WORDS), None);
        assert_eq!(bundle_word("higher", Rag::WORDS), None, "a synonym counts only among its own words");
    }

    #[test]
    fn the_accepted_words_example_is_one_of_them_as_typed() {
        assert!(accepted_words(Rag::WORDS).ends_with("(any case; spaces for underscores, as in \"Not rated\")"));
        assert!(accepted_words(Polarity::WORDS).ends_with("as in \"Higher is better\")"));
        assert_eq!(accepted_words(&["action", "metric"]), "\"action\", \"metric\" (any case)");
    }
}
