//! Change of an item's RAG status since the previous edition of the scorecard.

/// How an item's RAG moved from the previous period to the selected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// More severe than before (e.g. amber to red).
    Worse,
    /// Less severe than before.
    Better,
    /// The same RAG in both periods.
    Same,
    /// Not assessed (or not rated) in the previous period.
    New,
}

impl Change {
    pub const WORDS: &'static [&'static str] = &["worse", "better", "same", "new"];
    pub const ALL: &'static [Change] = &[Change::Worse, Change::Better, Change::Same, Change::New];

    pub fn as_str(&self) -> &'static str {
        match self {
            Change::Worse => "worse",
            Change::Better => "better",
            Change::Same => "same",
            Change::New => "new",
        }
    }

    pub fn from_word(word: &str) -> Option<Change> {
        Change::ALL.iter().copied().find(|c| c.as_str() == word)
    }
}
