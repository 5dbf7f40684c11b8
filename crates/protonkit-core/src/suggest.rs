//! "Did you mean" suggestions.

/// The candidate closest to `word` when it is close enough to be a likely typo.
#[must_use]
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .filter(|&c| c != word)
        .map(|c| (levenshtein(&word_lower, &c.to_ascii_lowercase()), c))
        .filter(|&(distance, c)| {
            let longest = word.chars().count().max(c.chars().count());
            distance <= (longest / 3).max(1)
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

/// Appends "; did you mean `x`?" when there is a close candidate.
#[must_use]
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suffix(did_you_mean(word, candidates))
}

/// "; did you mean `x`?" for a suggestion already found, or nothing.
#[must_use]
pub fn suffix(suggestion: Option<&str>) -> String {
    suggestion
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// Names as prose: `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
#[must_use]
pub fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Edit distance counting a swap of two neighbouring characters as one edit (optimal string
/// alignment), since swapped letters are the most common typo in keys.
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["rendering_engine", "template_language", "file", "settings"];
        assert_eq!(
            did_you_mean("rendering_engin", keys),
            Some("rendering_engine")
        );
        assert_eq!(
            did_you_mean("template_languag", keys),
            Some("template_language")
        );
        assert_eq!(did_you_mean("fiel", keys), Some("file"));
        assert_eq!(did_you_mean("completely_else", keys), None);
        assert_eq!(did_you_mean("File", keys), Some("file"));
    }
}
