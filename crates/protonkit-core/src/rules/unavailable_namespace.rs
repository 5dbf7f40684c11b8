declare_rule! {
    /// ## What it does
    /// Reports a reference to a Proton namespace that the type of template does not get
    /// (reference section 5.2): `service`, `service_instance` or `pipeline` in an
    /// environment template, `environment.outputs` in an environment template ("no output
    /// parameters of other resources are available to environment IaC files"),
    /// `pipeline` or `service_instances` in an instance template, `environment` or
    /// `service_instance` outside the loop over `service_instances` in a pipeline template.
    ///
    /// ## Why is this bad?
    /// The reference is undefined when Proton renders the template.
    ///
    /// ## Example
    /// ```yaml
    /// # instance_infrastructure/cloudformation.yaml
    /// Value: '{{ pipeline.inputs.dockerfile }}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # pipeline_infrastructure/cloudformation.yaml
    /// Value: '{{ pipeline.inputs.dockerfile }}'
    /// ```
    ("P312", "unavailable-namespace", Error, "a namespace that this type of template does not get")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
