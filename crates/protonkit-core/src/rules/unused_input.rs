declare_rule! {
    /// ## What it does
    /// Reports an input of the schema that no template of the bundle reads. A template that
    /// reads the inputs as a whole (`environment.inputs | tojson`, a loop over
    /// `.inputs.items()`) reads them all; CodeBuild bundles, whose scripts receive every
    /// input in `proton-inputs.json`, are not checked.
    ///
    /// ## Why is this bad?
    /// Developers fill in an input that changes nothing, usually because the template reads
    /// it under another name.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   log_retention_days:      # no template reads it
    ///     type: integer
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// RetentionInDays: {{ environment.inputs.log_retention_days }}
    /// ```
    ("P311", "unused-input", Warning, "a schema input that no template reads")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
