declare_rule! {
    /// ## What it does
    /// Reports parameter names from Proton's preview, which Proton rejects since it became
    /// generally available: `service_name`, `service_instance_name`, `source.repository`,
    /// `source.branch`, `source.connection_arn`, and inputs or outputs read without
    /// `.inputs` / `.outputs` (`environment.vpc_cidr`, `service_instance.port`,
    /// `pipeline.dockerfile`), with the current name in the help.
    ///
    /// ## Why is this bad?
    /// The names are undefined when Proton renders the template.
    ///
    /// ## Example
    /// ```yaml
    /// ServiceName: '{{ service_name }}'
    /// Port: '{{ service_instance.port }}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ServiceName: '{{ service.name }}'
    /// Port: '{{ service_instance.inputs.port }}'
    /// ```
    ("P313", "legacy-parameter-name", Error, "a preview-era parameter name")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
