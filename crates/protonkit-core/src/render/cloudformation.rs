//! Checks of rendered CloudFormation: it must be YAML (or JSON) with CloudFormation's
//! sections, at least one resource, a `Type` on every resource, and no `null` values
//! (CloudFormation rejects them: "'null' values are not allowed in templates").

use super::Rendered;
use crate::diagnostic::Diagnostic;
use crate::rules::{
    missing_resources, null_in_template, rendered_template_not_yaml, resource_without_type,
    unknown_template_section,
};
use crate::source::{FileId, FileSet, Span};
use crate::yaml::{Node, Value};

/// The top-level sections of a CloudFormation template.
pub const SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
];

/// Findings in the rendered file `out`, each with a secondary label at the template text
/// that wrote it.
pub(crate) fn check(
    files: &FileSet,
    out: FileId,
    template: FileId,
    rendered: &Rendered,
) -> Vec<Diagnostic> {
    let text = files.get(out).text().unwrap_or_default();
    let doc = crate::yaml::parse(out, text);
    let mut found = Vec::new();
    if let Some(issue) = doc.issues.first() {
        found.push(
            Diagnostic::new(
                rendered_template_not_yaml::rule(),
                issue.span,
                format!("the rendered template is not valid YAML: {}", issue.message),
            )
            .help("look at the rendered file: a value Jinja wrote may need quotes, or a block may be indented wrongly"),
        );
    } else if let Some(root) = &doc.root {
        shape(root, &mut found);
    } else {
        found.push(Diagnostic::new(
            missing_resources::rule(),
            Span::new(out, 0..0),
            "the rendered template is empty",
        ));
    }
    for d in &mut found {
        if let crate::diagnostic::Location::Span(span) = &d.primary.location {
            if let Some(origin) = rendered.origin(span.range().start) {
                d.secondary.push(crate::diagnostic::Label {
                    location: Span::new(template, origin).into(),
                    message: "written by this part of the template".into(),
                });
            }
        }
    }
    found
}

fn shape(root: &Node, found: &mut Vec<Diagnostic>) {
    let Some(entries) = root.as_map() else {
        found.push(Diagnostic::new(
            rendered_template_not_yaml::rule(),
            root.span,
            format!(
                "the rendered template must be a mapping of sections, found {}",
                root.kind_name()
            ),
        ));
        return;
    };
    // A template with a `Transform` (AWS SAM) may also have `Globals`.
    let transformed = root.get("Transform").is_some();
    for (key, _) in entries {
        let name = key.scalar_text().unwrap_or_default();
        let known = SECTIONS.contains(&name.as_str()) || (transformed && name == "Globals");
        if !known {
            found.push(
                Diagnostic::new(
                    unknown_template_section::rule(),
                    key.span,
                    format!(
                        "`{name}` is not a CloudFormation template section{}",
                        crate::suggest::suffix(crate::suggest::did_you_mean(
                            &name,
                            SECTIONS.iter().copied()
                        ))
                    ),
                )
                .label("unknown section"),
            );
        }
    }
    match root.entry("Resources") {
        None => found.push(
            Diagnostic::new(
                missing_resources::rule(),
                root.span.start_point(),
                "the rendered template has no `Resources`",
            )
            .help("CloudFormation needs at least one resource; check the `{% if %}` blocks around `Resources`"),
        ),
        Some((key, resources)) => match resources.as_map() {
            Some(items) if !items.is_empty() => {
                for (name, body) in items {
                    if body.get("Type").and_then(Node::as_str).is_none() {
                        let resource = name.scalar_text().unwrap_or_default();
                        found.push(
                            Diagnostic::new(
                                resource_without_type::rule(),
                                name.span,
                                format!("resource `{resource}` has no `Type`"),
                            )
                            .label("no `Type: AWS::...`"),
                        );
                    }
                }
            }
            _ => found.push(
                Diagnostic::new(
                    missing_resources::rule(),
                    key.span,
                    "`Resources` of the rendered template is empty",
                )
                .label("no resource below"),
            ),
        },
    }
    nulls(root, found);
}

/// Every `null` value, in source order (the `Metadata` section included: CloudFormation
/// rejects them everywhere).
fn nulls(node: &Node, found: &mut Vec<Diagnostic>) {
    let mut stack = vec![(node, String::new())];
    while let Some((n, path)) = stack.pop() {
        match &n.value {
            Value::Map(entries) => {
                for (k, v) in entries.iter().rev() {
                    let key = k.scalar_text().unwrap_or_default();
                    let child = if path.is_empty() {
                        key
                    } else {
                        format!("{path}.{key}")
                    };
                    // An empty `Resources` is reported as missing resources.
                    let reported = path.is_empty() && child == "Resources";
                    if matches!(v.value, Value::Null) && v.tag.is_none() && !reported {
                        found.push(
                            Diagnostic::new(
                                null_in_template::rule(),
                                k.span,
                                format!("`{child}` is null in the rendered template; CloudFormation rejects null values"),
                            )
                            .label("no value")
                            .help("give it a value, or leave the key out when the value is empty (`{% if %}`)"),
                        );
                    } else {
                        stack.push((v, child));
                    }
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    if matches!(item.value, Value::Null) && item.tag.is_none() {
                        found.push(
                            Diagnostic::new(
                                null_in_template::rule(),
                                item.span.start_point(),
                                format!("`{path}[{i}]` is null in the rendered template; CloudFormation rejects null values"),
                            )
                            .label("empty item"),
                        );
                    } else {
                        stack.push((item, format!("{path}[{i}]")));
                    }
                }
            }
            _ => {}
        }
    }
}
