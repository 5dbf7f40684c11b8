//! The `format`s spec values are checked against: JSON Schema draft 7's formats plus `uuid`,
//! each following the RFC that defines it.

/// The formats spec validation checks, in the order the rule docs list them.
pub const CHECKED_FORMATS: &[&str] = &[
    "date",
    "date-time",
    "time",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
    "uuid",
];

/// Whether `text` is a valid `format`; `None` for a format that is not checked.
#[must_use]
pub fn conforms(format: &str, text: &str) -> Option<bool> {
    Some(match format {
        "date" => is_date(text),
        "date-time" => is_date_time(text),
        "time" => is_time(text),
        "email" => is_email(text),
        "hostname" => is_hostname(text),
        "ipv4" => text.parse::<core::net::Ipv4Addr>().is_ok(),
        "ipv6" => text.parse::<core::net::Ipv6Addr>().is_ok(),
        "uri" => is_uri(text, Reference::Absolute, Chars::Ascii),
        "uri-reference" => is_uri(text, Reference::Any, Chars::Ascii),
        "iri" => is_uri(text, Reference::Absolute, Chars::International),
        "iri-reference" => is_uri(text, Reference::Any, Chars::International),
        "uri-template" => is_uri_template(text),
        "json-pointer" => is_json_pointer(text),
        "relative-json-pointer" => is_relative_json_pointer(text),
        "regex" => regress::Regex::new(text).is_ok(),
        "uuid" => is_uuid(text),
        _ => return None,
    })
}

/// A run of exactly `n` ASCII digits at the start of `text`, as a number.
fn digits(text: &str, n: usize) -> Option<u32> {
    let run = text.get(..n)?;
    run.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| run.parse().ok())?
}

/// RFC 3339 `full-date`: `2024-02-29`.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        digits(text, 4),
        digits(&text[5..], 2),
        digits(&text[8..], 2),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// RFC 3339 `full-time`: `23:59:60.5+01:00`. A leap second is only valid at 23:59 UTC.
fn is_time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        digits(text, 2),
        digits(&text[3..], 2),
        digits(&text[6..], 2),
    ) else {
        return false;
    };
    let mut rest = &text[8..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    let offset_minutes: i64 = match rest.as_bytes().first() {
        Some(b'Z' | b'z') if rest.len() == 1 => 0,
        Some(sign @ (b'+' | b'-')) if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let (Some(h), Some(m)) = (digits(&rest[1..], 2), digits(&rest[4..], 2)) else {
                return false;
            };
            if h > 23 || m > 59 {
                return false;
            }
            let minutes = i64::from(h * 60 + m);
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return false,
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    if second == 60 {
        let utc = (i64::from(hour * 60 + minute) - offset_minutes).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

/// RFC 3339 `date-time`: a `full-date`, `T` and a `full-time`.
fn is_date_time(text: &str) -> bool {
    match (text.get(..10), text.get(10..11), text.get(11..)) {
        (Some(date), Some("T" | "t"), Some(time)) => is_date(date) && is_time(time),
        _ => false,
    }
}

/// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, each at
/// most 63 characters, at most 253 in all.
fn is_hostname(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// RFC 5322 `addr-spec` without comments or folding white space: a dot-atom or quoted
/// local part, `@`, and a host name or an address literal (`[192.0.2.1]`, `[IPv6:…]`).
fn is_email(text: &str) -> bool {
    let Some(at) = text.rfind('@') else {
        return false;
    };
    let (local, domain) = (&text[..at], &text[at + 1..]);
    let local_ok = if let Some(quoted) = local
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .filter(|_| local.len() >= 2)
    {
        let mut chars = quoted.chars();
        let mut ok = true;
        while let Some(c) = chars.next() {
            ok &= match c {
                '\\' => chars.next().is_some_and(|e| (' '..='~').contains(&e)),
                '"' => false,
                c => (' '..='~').contains(&c),
            };
        }
        ok
    } else {
        !local.is_empty()
            && local.split('.').all(|atom| {
                !atom.is_empty()
                    && atom
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b))
            })
    };
    let domain_ok = match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(literal) => literal.strip_prefix("IPv6:").map_or_else(
            || literal.parse::<core::net::Ipv4Addr>().is_ok(),
            |v6| v6.parse::<core::net::Ipv6Addr>().is_ok(),
        ),
        None => is_hostname(domain),
    };
    local_ok && domain_ok
}

/// Whether a URI must have a scheme (`uri`) or may be relative (`uri-reference`).
#[derive(Clone, Copy, PartialEq)]
enum Reference {
    Absolute,
    Any,
}

/// RFC 3986 URIs are ASCII; RFC 3987 IRIs also allow most non-ASCII characters.
#[derive(Clone, Copy, PartialEq)]
enum Chars {
    Ascii,
    International,
}

/// An RFC 3986 URI or relative reference (RFC 3987 IRI with `Chars::International`), split
/// as in RFC 3986 appendix B, each component then checked against its grammar.
fn is_uri(text: &str, reference: Reference, chars: Chars) -> bool {
    let (rest, fragment) = match text.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (text, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let scheme_end = rest.find(':').filter(|&i| !rest[..i].contains('/'));
    let (scheme, rest) = match scheme_end {
        Some(i) => (Some(&rest[..i]), &rest[i + 1..]),
        None => (None, rest),
    };
    if let Some(scheme) = scheme {
        let mut bytes = scheme.bytes();
        let first_alpha = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
        if !first_alpha
            || !bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            return false;
        }
    } else if reference == Reference::Absolute {
        return false;
    }
    let path = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            if !is_authority(&after[..end], chars) {
                return false;
            }
            &after[end..]
        }
        None => rest,
    };
    let in_path = |c: char| c == '/' || is_pchar(c, chars);
    let in_query = |c: char| matches!(c, '/' | '?') || is_pchar(c, chars) || is_private(c, chars);
    let in_fragment = |c: char| matches!(c, '/' | '?') || is_pchar(c, chars);
    all_chars(path, in_path)
        && query.is_none_or(|q| all_chars(q, in_query))
        && fragment.is_none_or(|f| all_chars(f, in_fragment))
}

/// `[ userinfo "@" ] host [ ":" port ]`.
fn is_authority(authority: &str, chars: Chars) -> bool {
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let in_userinfo = |c: char| c == ':' || is_unreserved(c, chars) || is_sub_delim(c);
    if userinfo.is_some_and(|u| !all_chars(u, in_userinfo)) {
        return false;
    }
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = literal.split_once(']') else {
            return false;
        };
        if !(inside.parse::<core::net::Ipv6Addr>().is_ok() || is_ip_future(inside)) {
            return false;
        }
        match after {
            "" => ("", None),
            _ => match after.strip_prefix(':') {
                Some(port) => ("", Some(port)),
                None => return false,
            },
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    let in_reg_name = |c: char| is_unreserved(c, chars) || is_sub_delim(c);
    all_chars(host, in_reg_name) && port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
fn is_ip_future(text: &str) -> bool {
    let Some((version, address)) = text
        .strip_prefix(['v', 'V'])
        .and_then(|t| t.split_once('.'))
    else {
        return false;
    };
    !version.is_empty()
        && version.bytes().all(|b| b.is_ascii_hexdigit())
        && !address.is_empty()
        && address
            .chars()
            .all(|c| c == ':' || is_unreserved(c, Chars::Ascii) || is_sub_delim(c))
}

/// Whether every character of `text` is allowed, reading `%XX` as one percent-encoded octet.
fn all_chars(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let ok = if c == '%' {
            chars.next().is_some_and(|h| h.is_ascii_hexdigit())
                && chars.next().is_some_and(|h| h.is_ascii_hexdigit())
        } else {
            allowed(c)
        };
        if !ok {
            return false;
        }
    }
    true
}

fn is_pchar(c: char, chars: Chars) -> bool {
    matches!(c, ':' | '@') || is_unreserved(c, chars) || is_sub_delim(c)
}

fn is_unreserved(c: char, chars: Chars) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '.' | '_' | '~')
        || (chars == Chars::International && is_ucschar(c))
}

fn is_sub_delim(c: char) -> bool {
    matches!(
        c,
        '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '='
    )
}

/// RFC 3987 `ucschar`: non-ASCII characters other than controls, surrogates and the
/// non-characters at the end of each plane.
fn is_ucschar(c: char) -> bool {
    let c = u32::from(c);
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
        || ((0x1_0000..0xE_0000).contains(&c) && (c & 0xFFFF) <= 0xFFFD)
        || (0xE_1000..=0xE_FFFD).contains(&c)
}

/// RFC 3987 `iprivate`, allowed in the query of an IRI.
fn is_private(c: char, chars: Chars) -> bool {
    chars == Chars::International
        && matches!(u32::from(c), 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

/// RFC 6570 URI templates: literals and `{` expressions `}` of an optional operator and
/// comma-separated variables, each with an optional `:length` or `*` modifier.
fn is_uri_template(text: &str) -> bool {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            let Some(end) = rest.find('}') else {
                return false;
            };
            if !is_expression(&rest[1..end]) {
                return false;
            }
            rest = &rest[end + 1..];
            continue;
        }
        if c == '%' {
            let hex = rest.as_bytes().get(1..3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            rest = &rest[3..];
            continue;
        }
        let forbidden = c.is_control()
            || matches!(
                c,
                ' ' | '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '|' | '}'
            );
        if forbidden {
            return false;
        }
        rest = &rest[c.len_utf8()..];
    }
    true
}

fn is_expression(expression: &str) -> bool {
    let variables = expression
        .strip_prefix(|c: char| "+#./;?&=,!@|".contains(c))
        .unwrap_or(expression);
    !variables.is_empty()
        && variables.split(',').all(|spec| {
            let (name, modifier) = match spec.split_once(':') {
                Some((n, m)) => (n, Some(m)),
                None => (spec.strip_suffix('*').unwrap_or(spec), None),
            };
            let length_ok = modifier.is_none_or(|m| {
                (1..=4).contains(&m.len())
                    && !m.starts_with('0')
                    && m.bytes().all(|b| b.is_ascii_digit())
            });
            let name_ok = !name.is_empty()
                && name.split('.').all(|part| {
                    !part.is_empty() && all_chars(part, |c| c.is_ascii_alphanumeric() || c == '_')
                });
            length_ok && name_ok
        })
}

/// RFC 6901: empty, or `/`-prefixed reference tokens in which `~` only starts `~0` or `~1`.
fn is_json_pointer(text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    text.starts_with('/')
        && text
            .split('~')
            .skip(1)
            .all(|after| after.starts_with(['0', '1']))
}

/// draft-handrews-relative-json-pointer-01: a non-negative integer, then `#` or a JSON pointer.
fn is_relative_json_pointer(text: &str) -> bool {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (n > 1 && text.starts_with('0')) {
        return false;
    }
    let rest = &text[n..];
    rest == "#" || is_json_pointer(rest)
}

/// `uuid` (RFC 4122 text form) is a draft 2019-09 format; specs written for editors use it.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::conforms;

    fn check(format: &str, valid: &[&str], invalid: &[&str]) {
        for text in valid {
            assert_eq!(conforms(format, text), Some(true), "{format}: {text:?}");
        }
        for text in invalid {
            assert_eq!(conforms(format, text), Some(false), "{format}: {text:?}");
        }
    }

    #[test]
    fn every_listed_format_is_checked() {
        for format in super::CHECKED_FORMATS {
            assert!(conforms(format, "").is_some(), "{format}");
        }
        assert_eq!(conforms("int32", "x"), None);
    }

    #[test]
    fn dates_and_times() {
        check(
            "date",
            &["2024-02-29", "2000-02-29", "1999-12-31"],
            &[
                "2023-02-29",
                "1900-02-29",
                "2024-13-01",
                "2024-04-31",
                "2024-1-01",
                "24-01-01",
                "2024-01-01x",
                "２０２４-01-01",
            ],
        );
        check(
            "time",
            &[
                "08:30:00Z",
                "23:59:60Z",
                "00:59:60+01:00",
                "12:00:00.123-05:30",
                "12:00:00z",
            ],
            &[
                "08:30:00",
                "24:00:00Z",
                "12:60:00Z",
                "12:00:60Z",
                "12:00:00.Z",
                "12:00:00+24:00",
                "12:00:00+0100",
            ],
        );
        check(
            "date-time",
            &["2024-02-29T08:30:00Z", "2024-02-29t08:30:00.5+02:00"],
            &[
                "2024-02-29 08:30:00Z",
                "2024-02-30T08:30:00Z",
                "2024-02-29T08:30Z",
                "2024-02-29",
            ],
        );
    }

    #[test]
    fn hosts_and_addresses() {
        check(
            "hostname",
            &[
                "example.com",
                "a-b.c",
                "localhost",
                &format!("{}.com", "a".repeat(63)),
            ],
            &[
                "",
                ".",
                "example.com.",
                "-a.com",
                "a-.com",
                "a..b",
                "a_b.com",
                "exämple.com",
                &format!("{}.com", "a".repeat(64)),
            ],
        );
        check(
            "email",
            &[
                "ops@example.com",
                "first.last+tag@sub.example.com",
                "\"john doe\"@example.com",
                "a@[192.0.2.1]",
                "a@[IPv6:2001:db8::1]",
            ],
            &[
                "",
                "ops",
                "@example.com",
                "ops@",
                ".a@example.com",
                "a..b@example.com",
                "a b@example.com",
                "a@-x.com",
                "a@[300.0.0.1]",
            ],
        );
        check(
            "ipv4",
            &["10.0.0.1", "255.255.255.255"],
            &["256.0.0.1", "10.0.0", "010.0.0.1", "10.0.0.1/16"],
        );
        check(
            "ipv6",
            &["::1", "2001:db8::8a2e:370:7334", "::ffff:10.0.0.1"],
            &["12345::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0"],
        );
    }

    #[test]
    fn uris_and_iris() {
        check(
            "uri",
            &[
                "https://example.com/a/b?x=1#top",
                "mailto:ops@example.com",
                "urn:isbn:0451450523",
                "s3://bucket/key%20name",
                "http://[::1]:8080/",
                "http://user:pw@host:1/",
                "file:///etc/hosts",
                "x:",
            ],
            &[
                "",
                "/relative/path",
                "example.com",
                "http://exa mple.com",
                "https://example.com/ü",
                "1http://x",
                "http://host:80a/",
                "http://[::1/",
                "http://x/%zz",
                "a#b#c",
            ],
        );
        check(
            "uri-reference",
            &[
                "",
                "/relative/path?q",
                "../up",
                "#fragment",
                "//host/path",
                "https://example.com",
            ],
            &["\\\\server", "a b", "http://x/%zz", "1a:b"],
        );
        check(
            "iri",
            &["https://exämple.com/päth?q=ü#ö"],
            &["/päth", "https://exämple.com/ p"],
        );
        check("iri-reference", &["/päth", "#ö"], &["a b"]);
    }

    #[test]
    fn templates_pointers_patterns_and_uuids() {
        check(
            "uri-template",
            &[
                "https://example.com/{user}/repos{?page,per_page}",
                "{+path:6}/here",
                "{var*}",
                "plain",
                "{a.b}%20",
            ],
            &[
                "{",
                "{}",
                "{a b}",
                "{var:0}",
                "{var:12345}",
                "a}b",
                "x{a}}",
                "%zz",
            ],
        );
        check(
            "json-pointer",
            &["", "/a/b", "/a~0b/c~1d", "/"],
            &["a/b", "/a~2", "/a~"],
        );
        check(
            "relative-json-pointer",
            &["0", "1/a", "2#", "10/x"],
            &["", "01", "#", "/a", "1a"],
        );
        check("regex", &["^[a-z]+$", "(a|b)*"], &["(", "[a-", "a{2,1}"]);
        check(
            "uuid",
            &["123e4567-e89b-12d3-a456-426614174000"],
            &[
                "123e4567-e89b-12d3-a456",
                "123e4567-e89b-12d3-a456-42661417400g",
            ],
        );
    }

    /// Agreement with the draft 7 formats of the `jsonschema` crate, except where ECMA-262's
    /// Annex B (which browsers and regress follow) accepts literal braces in a `regex`.
    #[test]
    fn agrees_with_a_json_schema_validator() {
        let samples = [
            "",
            "a",
            "example.com",
            "example.com.",
            "a..b",
            "-a.com",
            "exämple.com",
            "ops@example.com",
            "\"john doe\"@example.com",
            "a@[192.0.2.1]",
            "a@[IPv6:2001:db8::1]",
            ".a@example.com",
            "a@-x.com",
            "10.0.0.1",
            "010.0.0.1",
            "::1",
            "fe80::1%eth0",
            "::ffff:10.0.0.1",
            "https://example.com/a?b#c",
            "mailto:ops@example.com",
            "x:",
            "/relative",
            "http://exa mple.com",
            "https://example.com/ü",
            "http://host:80a/",
            "http://[::1]:8080/",
            "a#b#c",
            "#frag",
            "../up",
            "//host/p",
            "\\\\server",
            "1a:b",
            "https://exämple.com/päth?q=ü#ö",
            "/päth",
            "{var*}",
            "{",
            "{}",
            "{a b}",
            "{var:0}",
            "a}b",
            "%zz",
            "/a~0b",
            "/a~2",
            "0",
            "01",
            "1/a",
            "2#",
            "08:30:00Z",
            "08:30:00",
            "23:59:60Z",
            "12:00:60Z",
            "00:59:60+01:00",
            "2024-02-29",
            "2023-02-29",
            "2024-02-29T08:30:00Z",
            "2024-02-29t08:30:00z",
            "2024-02-29 08:30:00Z",
            "^a",
            "(",
            "[a-",
            "\\p{L}",
            "(?<=a)b",
        ];
        let mut disagreements = Vec::new();
        for format in super::CHECKED_FORMATS.iter().filter(|f| **f != "uuid") {
            let reference = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft7)
                .should_validate_formats(true)
                .build(&serde_json::json!({ "format": format }))
                .unwrap();
            for text in samples {
                let expected = reference.is_valid(&serde_json::json!(text));
                let annex_b = *format == "regex" && text.contains(['{', '}']);
                if conforms(format, text) != Some(expected) && !annex_b {
                    disagreements.push(format!("{format} {text:?}: reference {expected}"));
                }
            }
        }
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }
}
