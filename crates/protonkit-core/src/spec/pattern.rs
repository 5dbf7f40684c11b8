//! Schema `pattern`s (ECMA-262 regular expressions) matched against spec values in linear
//! time.
//!
//! regress implements ECMA-262 exactly, but by backtracking: `^(a+)+$` against a long run
//! of `a`s followed by a `b` would take longer than the universe has. So each pattern is
//! translated into the syntax of regex-lite, whose matching time is linear in the pattern
//! and the text, with ECMA-262's meaning kept (`.` and `\s` as ECMA-262 defines them,
//! Annex B's literal braces and brackets, `\cX`, `\uXXXX` ...). Only what has no linear
//! equivalent, lookaround and backreferences, is left to regress.

use std::fmt::Write;

/// A compiled `pattern`.
#[derive(Debug)]
pub(crate) struct Pattern(Engine);

#[derive(Debug)]
enum Engine {
    Linear(regex_lite::Regex),
    Backtracking(regress::Regex),
}

impl Pattern {
    /// Compiles an ECMA-262 pattern; the error is the one the `invalid-pattern` rule reports.
    pub(crate) fn new(source: &str) -> Result<Pattern, regress::Error> {
        let exact = regress::Regex::new(source)?;
        let linear = translate(source).and_then(|t| regex_lite::Regex::new(&t).ok());
        Ok(Pattern(match linear {
            Some(linear) => Engine::Linear(linear),
            None => Engine::Backtracking(exact),
        }))
    }

    /// Whether the pattern matches somewhere in `text` (patterns are not implicitly anchored).
    pub(crate) fn is_match(&self, text: &str) -> bool {
        match &self.0 {
            Engine::Linear(re) => re.is_match(text),
            Engine::Backtracking(re) => re.find(text).is_some(),
        }
    }

    #[cfg(test)]
    fn is_linear(&self) -> bool {
        matches!(self.0, Engine::Linear(_))
    }
}

/// ECMA-262's `WhiteSpace` and `LineTerminator` characters (`\s`), as a class body.
const SPACES: &str = r"\t\n\x{0B}\x{0C}\r\x{20}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// ECMA-262's `.`: anything but a line terminator.
const DOT: &str = r"[^\n\r\x{2028}\x{2029}]";
const ANY: &str = r"[\x{0}-\x{10FFFF}]";
const NOTHING: &str = r"[^\x{0}-\x{10FFFF}]";

/// What an escape sequence stands for.
enum Escape {
    Char(char),
    /// `\d`, `\D`, `\w`, `\W`: the same, ASCII-only, in both dialects.
    Perl(char),
    /// `\s` or, negated, `\S`.
    Space {
        negated: bool,
    },
    /// `\b` or `\B` outside a class.
    Boundary(char),
}

/// The regex-lite pattern with the meaning of the ECMA-262 `pattern` (which regress has
/// accepted), or `None` when it needs lookaround or backreferences.
fn translate(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let named_groups = chars
        .windows(4)
        .any(|w| w[..3] == ['(', '?', '<'] && !matches!(w[3], '=' | '!'));
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => match escape(&chars, &mut i, false, named_groups)? {
                Escape::Char(c) => literal(&mut out, c),
                Escape::Perl(p) | Escape::Boundary(p) => {
                    out.push('\\');
                    out.push(p);
                }
                Escape::Space { negated } => {
                    out.push_str(if negated { "[^" } else { "[" });
                    out.push_str(SPACES);
                    out.push(']');
                }
            },
            '[' => class(&chars, &mut i, &mut out, named_groups)?,
            '.' => out.push_str(DOT),
            '(' if chars.get(i) == Some(&'?') => match chars.get(i + 1) {
                Some(':') => {
                    out.push_str("(?:");
                    i += 2;
                }
                // A named group; its name only matters to backreferences, which are not
                // translated.
                Some('<') if !matches!(chars.get(i + 2), Some('=' | '!')) => {
                    let close = chars[i..].iter().position(|&c| c == '>')?;
                    out.push('(');
                    i += close + 1;
                }
                _ => return None,
            },
            '(' | ')' | '|' | '^' | '$' | '*' | '+' | '?' => out.push(c),
            '{' => match quantifier_len(&chars[i..]) {
                Some(n) => {
                    out.push('{');
                    out.extend(&chars[i..i + n]);
                    i += n;
                }
                // Annex B: a brace that does not start a quantifier is a literal.
                None => literal(&mut out, c),
            },
            _ => literal(&mut out, c),
        }
    }
    Some(out)
}

/// The length of `n}`, `n,}` or `n,m}` at the start of `rest` (after a `{`).
fn quantifier_len(rest: &[char]) -> Option<usize> {
    let digits = |from: usize| {
        rest[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let lower = digits(0);
    if lower == 0 {
        return None;
    }
    let mut n = lower;
    if rest.get(n) == Some(&',') {
        n += 1 + digits(n + 1);
    }
    (rest.get(n) == Some(&'}')).then_some(n + 1)
}

/// Reads the escape after a `\` at `chars[*i]`, moving `*i` past it.
fn escape(chars: &[char], i: &mut usize, in_class: bool, named_groups: bool) -> Option<Escape> {
    let c = *chars.get(*i)?;
    *i += 1;
    Some(match c {
        'd' | 'D' | 'w' | 'W' => Escape::Perl(c),
        's' | 'S' => Escape::Space { negated: c == 'S' },
        'b' if in_class => Escape::Char('\u{8}'),
        'b' | 'B' => Escape::Boundary(c),
        'f' => Escape::Char('\u{C}'),
        'n' => Escape::Char('\n'),
        'r' => Escape::Char('\r'),
        't' => Escape::Char('\t'),
        'v' => Escape::Char('\u{B}'),
        '0' if !chars.get(*i).is_some_and(char::is_ascii_digit) => Escape::Char('\0'),
        // Backreferences, or Annex B's legacy octal escapes: both rare, left to regress.
        '0'..='9' => return None,
        'k' if named_groups => return None,
        'c' => {
            let control = chars.get(*i).filter(|l| {
                l.is_ascii_alphabetic() || (in_class && (l.is_ascii_digit() || **l == '_'))
            });
            match control {
                Some(&l) => {
                    *i += 1;
                    Escape::Char(char::from(u8::try_from(u32::from(l) % 32).ok()?))
                }
                // Annex B: `\c` without a control letter is a backslash and a `c`.
                None => {
                    *i -= 1;
                    Escape::Char('\\')
                }
            }
        }
        'x' => match hex(chars, *i, 2) {
            Some(code) => {
                *i += 2;
                Escape::Char(char::from_u32(code)?)
            }
            None => Escape::Char('x'),
        },
        'u' => match hex(chars, *i, 4) {
            Some(high @ 0xD800..=0xDBFF) => {
                let low = (chars.get(*i + 4) == Some(&'\\') && chars.get(*i + 5) == Some(&'u'))
                    .then(|| hex(chars, *i + 6, 4))
                    .flatten()
                    .filter(|low| (0xDC00..=0xDFFF).contains(low))?;
                *i += 10;
                Escape::Char(char::from_u32(
                    0x1_0000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                )?)
            }
            Some(code) => {
                *i += 4;
                // A lone surrogate cannot occur in a Rust string; left to regress.
                Escape::Char(char::from_u32(code)?)
            }
            // regress reads `\u{...}` as a code point also without the `u` flag.
            None if chars.get(*i) == Some(&'{') => {
                let len = chars[*i + 1..].iter().position(|&c| c == '}')?;
                if !(1..=6).contains(&len) {
                    return None;
                }
                let code = hex(chars, *i + 1, len)?;
                *i += len + 2;
                Escape::Char(char::from_u32(code)?)
            }
            None => Escape::Char('u'),
        },
        other => Escape::Char(other),
    })
}

fn hex(chars: &[char], at: usize, len: usize) -> Option<u32> {
    let digits = chars.get(at..at + len)?;
    digits
        .iter()
        .try_fold(0, |acc, d| Some(acc * 16 + d.to_digit(16)?))
}

/// Translates the class opened by the `[` before `chars[*i]`.
fn class(chars: &[char], i: &mut usize, out: &mut String, named_groups: bool) -> Option<()> {
    let negated = chars.get(*i) == Some(&'^');
    if negated {
        *i += 1;
    }
    enum Item {
        Char(char),
        /// An unescaped `-`, which may make a range.
        Dash,
        Set(String),
    }
    let mut items: Vec<Item> = Vec::new();
    // `\S` could only join other items in a nested class, which regex-lite lacks.
    let mut not_space = false;
    loop {
        let c = *chars.get(*i)?;
        *i += 1;
        let item = match c {
            ']' => break,
            '\\' => match escape(chars, i, true, named_groups)? {
                Escape::Char(c) => Item::Char(c),
                Escape::Perl(p) => Item::Set(format!("\\{p}")),
                Escape::Space { negated: false } => Item::Set(SPACES.to_owned()),
                Escape::Space { negated: true } => {
                    not_space = true;
                    continue;
                }
                Escape::Boundary(_) => return None,
            },
            '-' => Item::Dash,
            c => Item::Char(c),
        };
        items.push(item);
    }
    if not_space {
        if !items.is_empty() {
            return None;
        }
        // `[\S]` is `[^<spaces>]`, `[^\S]` is `[<spaces>]`.
        out.push_str(if negated { "[" } else { "[^" });
        out.push_str(SPACES);
        out.push(']');
        return Some(());
    }
    if items.is_empty() {
        out.push_str(if negated { ANY } else { NOTHING });
        return Some(());
    }
    out.push('[');
    if negated {
        out.push('^');
    }
    // A `-` is a character too where it cannot make a range: `[--/]` is `-` to `/`.
    let single = |item: Option<&Item>| match item {
        Some(Item::Char(c)) => Some(*c),
        Some(Item::Dash) => Some('-'),
        _ => None,
    };
    let mut k = 0;
    while k < items.len() {
        match (
            single(items.get(k)),
            items.get(k + 1),
            single(items.get(k + 2)),
        ) {
            // `a-z` is a range; a `-` next to a set (`[\d-z]`) is a literal (Annex B).
            (Some(start), Some(Item::Dash), Some(end)) => {
                literal(out, start);
                out.push('-');
                literal(out, end);
                k += 3;
            }
            (Some(c), _, _) => {
                literal(out, c);
                k += 1;
            }
            (None, _, _) => {
                if let Item::Set(set) = &items[k] {
                    out.push_str(set);
                }
                k += 1;
            }
        }
    }
    out.push(']');
    Some(())
}

/// `c` as a literal: letters, digits and non-ASCII characters as they are, the rest in hex,
/// so that no character can be read as syntax.
fn literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || !c.is_ascii() {
        out.push(c);
    } else {
        let _ = write!(out, "\\x{{{:X}}}", u32::from(c));
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    /// Each pattern must be translated, and agree with regress on every text.
    #[test]
    fn translated_patterns_match_as_ecma_262_does() {
        let texts = [
            "",
            "a",
            "abc",
            "ABC",
            "a-b",
            "a b",
            "a\u{A0}b",
            "a\tb",
            "a\nb",
            "a\u{2028}b",
            "10.0.0.1",
            "10.0.0.1/16",
            "10.0.0.1/17",
            "123456789012",
            "123456789012,210987654321",
            "x{2}",
            "{",
            "}",
            "]",
            "[",
            "a{,2}",
            "\u{8}",
            "\u{1F600}",
            "\\",
            "\\c",
            "é",
            "_",
            "-",
            "^",
            "$",
            "ab1",
            "\u{1}",
            "\0",
            "éab",
            "abé",
            "*",
            ".",
            "/",
        ];
        let patterns = [
            r"([0-9]{1,3}\.){3}[0-9]{1,3}($|/(16|18|24))",
            r"([0-9]{1,3}\.){3}[0-9]{1,3}($|/(16|17|18|19|20|21|22|23|24|25|26|27|28|29|30|31|32))",
            r"([0-9]{1,3}\.){3}[0-9]{1,3}($|/(24))",
            r"([0-9]{1,3}\.){3}[0-9]{1,3}($|/(16|24))",
            r"^$|^\d{12}(,\d{12})*$",
            r"^[a-z][a-z0-9-]*$",
            r"^[A-Za-z0-9_\-]+$",
            r"\s",
            r"\S+",
            r"^\S*$",
            r"[\s]",
            r"[^\s]",
            r"[\S]",
            r"[^\S]",
            r"^.$",
            r"a.b",
            r"x{2}",
            r"x\{2}",
            r"a{,2}",
            r"^{$",
            r"^}$",
            r"^]$",
            r"[]",
            r"[^]",
            r"[\b]",
            r"\bab",
            r"b\B",
            r"[\d-z]",
            r"[a\-z]",
            r"[\$--]",
            r"[--/]",
            r"[+--]",
            r"\cA",
            r"\c",
            r"[\c1]",
            r"\x41",
            r"\x4",
            r"\u00e9",
            r"\ud83d\ude00",
            r"\u{41}",
            r"\0",
            r"(?<word>\w+)-",
            r"(?:ab)+?1",
            r"^\w+$",
            r"[^\W_]",
            r"\/",
            r"\$",
            r"\k",
            r"^(a+)+$",
        ];
        for source in patterns {
            let ours = Pattern::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            assert!(ours.is_linear(), "{source} was not translated");
            let exact = regress::Regex::new(source).unwrap();
            for text in texts {
                assert_eq!(
                    ours.is_match(text),
                    exact.find(text).is_some(),
                    "{source} against {text:?}"
                );
            }
        }
    }

    /// Random patterns over ECMA-262's syntax, against short texts (short, so that regress's
    /// backtracking stays quick): the translation must agree with regress on all of them.
    #[test]
    fn random_patterns_agree_with_regress() {
        const TOKENS: &[&str] = &[
            "a", "b", "1", " ", "-", ".", r"\d", r"\D", r"\w", r"\W", r"\s", r"\S", r"\b", r"\B",
            "[ab]", "[^a]", "[a-c]", r"[\s1]", r"[^\d ]", r"[\-a]", "[-a]", "[a-]", r"[\b]", "[]",
            "[^]", "(", ")", "(?:", "|", "*", "+", "?", "{1,2}", "{2}", "{1,}", "*?", "^", "$",
            "{", "}", "]", r"\u0061", r"\x62", r"\cJ", r"\n", r"\{", r"\.", r"\/", "é",
        ];
        const ALPHABET: &[char] = &[
            'a', 'b', 'c', ' ', '\n', '\r', '\u{b}', '\u{2028}', '1', '-', '{', '\u{a0}', 'é', '_',
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap()
        };
        let mut compared = 0;
        for _ in 0..20_000 {
            let source: String = (0..1 + next(6))
                .map(|_| TOKENS[next(TOKENS.len())])
                .collect();
            let Ok(exact) = regress::Regex::new(&source) else {
                continue;
            };
            let ours = Pattern::new(&source).unwrap();
            assert!(ours.is_linear(), "{source} was not translated");
            for _ in 0..8 {
                let text: String = (0..next(7))
                    .map(|_| ALPHABET[next(ALPHABET.len())])
                    .collect();
                assert_eq!(
                    ours.is_match(&text),
                    exact.find(&text).is_some(),
                    "{source:?} against {text:?}"
                );
            }
            compared += 1;
        }
        assert!(compared > 5_000, "only {compared} valid patterns");
    }

    #[test]
    fn lookaround_and_backreferences_are_matched_exactly() {
        for (source, text, expected) in [
            (r"^(?=.*\d)[a-z\d]+$", "abc1", true),
            (r"^(?=.*\d)[a-z\d]+$", "abc", false),
            (r"^(?!prod)", "production", false),
            (r"(a)\1", "aa", true),
            (r"(?<=\$)\d+", "$5", true),
            (r"(?<x>a)\k<x>", "ab", false),
        ] {
            let ours = Pattern::new(source).unwrap();
            assert!(!ours.is_linear(), "{source}");
            assert_eq!(ours.is_match(text), expected, "{source} against {text:?}");
        }
    }

    #[test]
    fn nested_quantifiers_do_not_backtrack() {
        let ours = Pattern::new("^(a+)+$").unwrap();
        assert!(ours.is_linear());
        let hostile = format!("{}b", "a".repeat(50_000));
        assert!(!ours.is_match(&hostile));
        assert!(ours.is_match(&"a".repeat(50_000)));
    }

    #[test]
    fn invalid_patterns_are_refused() {
        for source in ["(", "[a-", "a{2,1}", "*a", "(?<n>a)(?<n>b)"] {
            assert!(Pattern::new(source).is_err(), "{source}");
        }
    }
}
