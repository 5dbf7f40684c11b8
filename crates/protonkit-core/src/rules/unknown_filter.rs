declare_rule! {
    /// ## What it does
    /// Reports a filter (`{{ x | name }}`) that is neither one of Jinja2's built-in filters
    /// nor one of Proton's four (`proton_cfn_ecs_task_definition_formatted_env_vars`,
    /// `proton_cfn_lambda_function_formatted_env_vars`, `proton_cfn_iam_policy_arns`,
    /// `proton_cfn_sanitize`), with the closest name as a suggestion.
    ///
    /// ## Why is this bad?
    /// Proton's renderer has no such filter, and rendering fails.
    ///
    /// ## Example
    /// ```yaml
    /// Name: '{{ service.name | lowercase }}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Name: '{{ service.name | lower }}'
    /// ```
    ("P316", "unknown-filter", Error, "a filter that neither Jinja2 nor Proton defines")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
