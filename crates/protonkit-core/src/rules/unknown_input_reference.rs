declare_rule! {
    /// ## What it does
    /// Reports a template reference to an input that the input type does not define:
    /// `environment.inputs.X` in an environment template, `service_instance.inputs.X` in an
    /// instance or component template, `pipeline.inputs.X` and
    /// `service_instance.inputs.X` (inside the loop over `service_instances`) in a pipeline
    /// template, and `var.environment.inputs.X` and the like in Terraform, with the closest
    /// input as a suggestion. One level into an object input is checked too.
    ///
    /// ## Why is this bad?
    /// The reference is undefined when Proton renders the template, and the deployment
    /// fails (in Terraform, the value is null).
    ///
    /// ## Example
    /// ```yaml
    /// CidrBlock: '{{ environment.inputs.vpc_cidr_block }}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// CidrBlock: '{{ environment.inputs.vpc_cidr }}'
    /// ```
    ("P310", "unknown-input-reference", Error, "a template reads an input that the schema does not define")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
