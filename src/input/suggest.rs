//! "Did you mean" suggestions for misspelt keys and names.

/// Returns the candidate closest to `word`, when one is close enough to be a
/// likely typo: a Jaro-Winkler similarity of at least 0.8, or a
/// case-insensitive match.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lowered = word.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let score = if candidate.to_lowercase() == lowered {
            1.0
        } else {
            strsim::jaro_winkler(&lowered, &candidate.to_lowercase())
        };
        if score >= 0.8 && best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_key() {
        let keys = ["input_per_mtok", "output_per_mtok", "per_request"];
        assert_eq!(did_you_mean("input_per_mtk", keys), Some("input_per_mtok"));
        assert_eq!(did_you_mean("QA", ["qa", "legal"]), Some("qa"));
    }

    #[test]
    fn no_suggestion_for_unrelated_word() {
        assert_eq!(did_you_mean("zebra", ["input_per_mtok", "hourly"]), None);
    }
}
