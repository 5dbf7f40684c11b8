//! A minijinja environment that renders the way Proton's Jinja2 does.
//!
//! - Strict undefined: printing, iterating, testing or looking into a missing value fails;
//!   `is defined`, `is undefined` and `default` still work (Jinja2's `StrictUndefined`).
//! - Jinja2's whitespace defaults: no `trim_blocks`, no `lstrip_blocks`, one trailing
//!   newline dropped.
//! - No loop controls (`break`, `continue`) and no `do`: Jinja2 needs extensions for them.
//! - No auto-escaping; values print as Python prints them (`True`, `['a']`).
//! - Proton's filters, and Jinja2's `tojson` and `truncate`.
//! - A fuel limit: a template that loops without end stops with an error.

use std::ops::Range;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use super::{filters, python};

/// Instructions one render may run: far more than any real template needs (the largest
/// corpus template uses under 100,000), few enough to stop an endless loop in well under a
/// second.
pub const FUEL: u64 = 10_000_000;

/// Nesting of calls and includes one render may reach.
const RECURSION_LIMIT: usize = 200;

/// A template that did not render: what went wrong and where in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// Jinja2-style text (`'environment' is undefined`).
    pub message: String,
    /// The byte range in the template source of the expression or tag that failed.
    pub range: Option<Range<usize>>,
    /// What kind of failure.
    pub kind: RenderErrorKind,
}

/// The kinds of [`RenderError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderErrorKind {
    /// The template does not parse.
    Syntax,
    /// A reference to something the context does not have.
    Undefined,
    /// The fuel limit stopped an endless (or enormous) loop.
    OutOfFuel,
    /// Anything else: a filter that refused its input, a bad operation.
    Failed,
}

/// Renders templates; build once and reuse (it is `Send + Sync`).
pub struct Renderer {
    env: Environment<'static>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    /// A renderer with Proton's semantics.
    #[must_use]
    pub fn new() -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION_LIMIT);
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        env.set_formatter(|out, _state, value| {
            if value.is_undefined() {
                return Err(Error::from(ErrorKind::UndefinedError));
            }
            out.write_str(&python::str_of(value)).map_err(Error::from)
        });
        env.add_filter(
            "proton_cfn_ecs_task_definition_formatted_env_vars",
            filters::ecs_env_vars,
        );
        env.add_filter(
            "proton_cfn_lambda_function_formatted_env_vars",
            filters::lambda_env_vars,
        );
        env.add_filter("proton_cfn_iam_policy_arns", filters::iam_policy_arns);
        env.add_filter("proton_cfn_sanitize", filters::sanitize);
        env.add_filter("tojson", filters::tojson);
        env.add_filter("truncate", filters::truncate);
        Renderer { env }
    }

    /// Renders `source` (named `name` in errors) with `context`.
    ///
    /// # Errors
    /// When the template does not parse or does not render.
    pub fn render(
        &self,
        name: &str,
        source: &str,
        context: &serde_json::Value,
    ) -> Result<String, RenderError> {
        self.render_traced(name, source, context).map(|r| r.text)
    }

    /// Checks that `source` parses, without rendering it.
    ///
    /// # Errors
    /// When the template does not parse.
    pub fn check_syntax(&self, name: &str, source: &str) -> Result<(), RenderError> {
        if let Some(range) = do_statement(source) {
            return Err(do_error(range));
        }
        self.env
            .template_from_named_str(name, source)
            .map(|_| ())
            .map_err(|e| error(&e, source))
    }

    /// Like [`Renderer::render`], and says which part of the template wrote each part of
    /// the output.
    ///
    /// # Errors
    /// When the template does not parse or does not render.
    pub fn render_traced(
        &self,
        name: &str,
        source: &str,
        context: &serde_json::Value,
    ) -> Result<Rendered, RenderError> {
        if let Some(range) = do_statement(source) {
            return Err(do_error(range));
        }
        let template = self
            .env
            .template_from_named_str(name, source)
            .map_err(|e| error(&e, source))?;
        let (rendered, spans) = template
            .render_with_spans(Value::from(minijinja::value::Serde(context)))
            .map_err(|e| error(&e, source))?;
        let (text, anchors) = filters::indent_breaks(&rendered);
        Ok(Rendered {
            text,
            anchors,
            spans: spans
                .iter()
                .map(|s| {
                    (
                        s.output_range(),
                        s.source_range(),
                        s.kind() == minijinja::OutputSpanKind::Raw,
                    )
                })
                .collect(),
        })
    }
}

/// Rendered text, and where in the template each part of it came from.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The output.
    pub text: String,
    anchors: Vec<(usize, usize)>,
    /// Output range, source range, and whether the output is the source's own text.
    spans: Vec<(Range<usize>, Range<usize>, bool)>,
}

impl Rendered {
    /// The part of the template that wrote the output at `offset`: the very text for
    /// template text, the expression for `{{ ... }}` output.
    #[must_use]
    pub fn origin(&self, offset: usize) -> Option<Range<usize>> {
        let at = filters::before_breaks(&self.anchors, offset);
        let (out, src, raw) = self.spans.iter().find(|(out, _, _)| out.contains(&at))?;
        if *raw {
            let start = src.start + (at - out.start);
            Some(start..(start + 1).min(src.end))
        } else {
            Some(src.clone())
        }
    }
}

fn do_error(range: Range<usize>) -> RenderError {
    RenderError {
        message: "the `do` statement needs Jinja2's `jinja2.ext.do` extension, which Proton does not enable".into(),
        range: Some(range),
        kind: RenderErrorKind::Syntax,
    }
}

fn error(e: &Error, source: &str) -> RenderError {
    let kind = match e.kind() {
        ErrorKind::SyntaxError => RenderErrorKind::Syntax,
        ErrorKind::UndefinedError => RenderErrorKind::Undefined,
        ErrorKind::OutOfFuel => RenderErrorKind::OutOfFuel,
        _ => RenderErrorKind::Failed,
    };
    // A range that runs over several lines (an unclosed block) is shown by its first line.
    let range = e
        .range()
        .map(|r| match source.get(r.clone()) {
            Some(text) if text.contains('\n') => {
                let line = source[..r.start].matches('\n').count() + 1;
                line_range(source, line).unwrap_or(r)
            }
            _ => r,
        })
        .or_else(|| e.line().and_then(|line| line_range(source, line)));
    let expression = range
        .clone()
        .and_then(|r| source.get(r))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    let message = match (kind, e.detail(), expression) {
        (RenderErrorKind::OutOfFuel, _, _) => format!(
            "rendering stopped after {FUEL} steps; the template loops without end or builds far too much output"
        ),
        (RenderErrorKind::Undefined, None, Some(expr)) if is_filter(source, range.as_ref()) => {
            format!("the value given to `{expr}` is undefined")
        }
        (RenderErrorKind::Undefined, None, Some(expr)) => format!("`{expr}` is undefined"),
        (RenderErrorKind::Syntax, Some(detail), _) if detail.starts_with("unexpected end of input") => {
            format!("{detail}: a block (`{{% if %}}`, `{{% for %}}`, `{{% macro %}}` ...) is not closed")
        }
        (_, Some(detail), _) => detail.to_owned(),
        (_, None, _) => e.kind().to_string(),
    };
    RenderError {
        message,
        range,
        kind,
    }
}

/// Whether `range` is a filter's name (`| name`).
fn is_filter(source: &str, range: Option<&Range<usize>>) -> bool {
    range.is_some_and(|r| source[..r.start].trim_end().ends_with('|'))
}

/// The byte range of 1-based `line` in `text`, without its newline.
fn line_range(text: &str, line: usize) -> Option<Range<usize>> {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return Some(start..start + l.trim_end_matches(['\n', '\r']).len());
        }
        start += l.len();
    }
    None
}

/// The first `{% do ... %}` tag outside `{% raw %}` blocks.
fn do_statement(source: &str) -> Option<Range<usize>> {
    let mut raw = false;
    let mut from = 0;
    while let Some(found) = source[from..].find("{%") {
        let start = from + found;
        let body_start = start + 2;
        // An unclosed tag runs to the end of the source.
        let (body_end, end) = source[body_start..]
            .find("%}")
            .map_or((source.len(), source.len()), |e| {
                (body_start + e, body_start + e + 2)
            });
        let body = source[body_start..body_end]
            .trim_start_matches(['-', '+'])
            .trim();
        let word = body.split_whitespace().next().unwrap_or_default();
        match word {
            "raw" => raw = true,
            "endraw" => raw = false,
            "do" if !raw => return Some(start..end),
            _ => {}
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(source: &str, ctx: serde_json::Value) -> Result<String, RenderError> {
        Renderer::new().render("t.yaml", source, &ctx)
    }

    #[test]
    fn do_tags_are_found_outside_raw_blocks_and_unclosed_tags_end_the_search() {
        assert_eq!(do_statement("a {% do x %} b"), Some(2..12));
        assert_eq!(do_statement("{% raw %}{% do x %}{% endraw %}"), None);
        assert_eq!(do_statement("{%- do"), Some(0..6));
        // Found by the `render` fuzz target: an unclosed tag ending in a multi-byte character.
        assert_eq!(do_statement("{%- rcm\u{650}\u{7DA}t"), None);
    }

    #[test]
    fn undefined_fails_but_tests_and_default_work() {
        let ctx = json!({"a": {"b": 1}});
        let e = render("x: {{ a.c }}", ctx.clone()).unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::Undefined);
        assert_eq!(&"x: {{ a.c }}"[e.range.clone().unwrap()], "a.c");
        assert!(render("{% if a.c %}y{% endif %}", ctx.clone()).is_err());
        assert_eq!(
            render(
                "{{ a.c is defined }} {{ a.c | default('d') }} {{ a.b }}",
                ctx
            )
            .unwrap(),
            "False d 1"
        );
    }

    #[test]
    fn whitespace_follows_jinja2_defaults() {
        let ctx = json!({"xs": [1, 2]});
        assert_eq!(
            render(
                "a:\n  {% for x in xs %}\n  - {{ x }}\n  {% endfor %}\n",
                ctx
            )
            .unwrap(),
            "a:\n  \n  - 1\n  \n  - 2\n  "
        );
    }

    #[test]
    fn loop_controls_and_do_are_refused() {
        let ctx = json!({"xs": [1]});
        let e = render("{% for x in xs %}{% break %}{% endfor %}", ctx.clone()).unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::Syntax);
        let e = render("a\n{%- do xs.append(2) %}", ctx.clone()).unwrap_err();
        assert_eq!(e.range, Some(2..24));
        assert!(render("{% raw %}{% do x %}{% endraw %}", ctx).is_ok());
    }

    #[test]
    fn an_endless_loop_runs_out_of_fuel() {
        let e = render(
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            json!({}),
        )
        .unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::OutOfFuel);
    }

    #[test]
    fn output_maps_back_to_the_template() {
        let source = "a: {{ x }}\nb: 2\n";
        let r = Renderer::new()
            .render_traced("t", source, &json!({"x": "long value"}))
            .unwrap();
        let value = r.text.find("long").unwrap();
        assert_eq!(&source[r.origin(value).unwrap()], "x");
        let b = r.text.find("b: 2").unwrap();
        assert_eq!(r.origin(b), Some(11..12));
    }

    #[test]
    fn proton_filters() {
        let ctx = json!({"o": {"Queue": "orders", "Policy": "arn:aws:iam::123456789012:policy/q", "Bad": "a b"}});
        assert_eq!(
            render("      - {{ o | proton_cfn_iam_policy_arns }}", ctx.clone()).unwrap(),
            "      - - \"arn:aws:iam::123456789012:policy/q\""
        );
        assert_eq!(
            render("  {{ {'A': 'x', 'B': 'y'} | proton_cfn_ecs_task_definition_formatted_env_vars }}\nnext", ctx.clone()).unwrap(),
            "  - Name: \"A\"\n    Value: \"x\"\n  - Name: \"B\"\n    Value: \"y\"\nnext"
        );
        let e = render(
            "{{ o | proton_cfn_lambda_function_formatted_env_vars(raw=False) }}",
            ctx.clone(),
        )
        .unwrap_err();
        assert!(
            e.message
                .contains("Illegal character(s) detected in \"arn:aws"),
            "{}",
            e.message
        );
        assert_eq!(
            render("{{ o.Queue | proton_cfn_sanitize }}", ctx.clone()).unwrap(),
            "orders"
        );
        let e = render("{{ o.Bad | proton_cfn_sanitize }}", ctx).unwrap_err();
        assert_eq!(
            e.message,
            "Illegal character(s) detected in \"a b\". Must match regex ^[a-zA-Z0-9_-]*$ or be a valid ARN"
        );
    }

    #[test]
    fn truncate_and_python_methods_work_as_in_jinja2() {
        let ctx = json!({"s": "service-instance-with-a-long-name", "p": "a,b"});
        assert_eq!(
            render(
                "{{ (s ~ '-x') | truncate(29, true, 'zzz', 0) }}",
                ctx.clone()
            )
            .unwrap(),
            "service-instance-with-a-lozzz"
        );
        assert_eq!(
            render("{{ 'a b c d' | truncate(5) }}", ctx.clone()).unwrap(),
            "a b c d"
        );
        assert_eq!(
            render(
                "{{ 'aaa bbb ccc ddd eee' | truncate(9, leeway=0) }}",
                ctx.clone()
            )
            .unwrap(),
            "aaa..."
        );
        assert_eq!(render("{{ p.split(',') }}", ctx).unwrap(), "['a', 'b']");
    }
}
