declare_rule! {
    /// ## What it does
    /// Reports a service template that reads `environment.outputs.NAME` (in Terraform,
    /// `var.environment.outputs.NAME`) when an environment template it declares compatible
    /// in `.template-registration.yaml` (or `.compatible-envs`) does not declare that
    /// output. Runs when `protonkit lint` sees both templates in a template-sync layout
    /// (`<name>/v<N>/`); environment templates whose output names Jinja writes are skipped.
    ///
    /// ## Why is this bad?
    /// Proton renders the service template with the outputs of the environment it is
    /// deployed to. A missing output makes rendering fail, but only when a developer deploys
    /// to that environment, long after the template was registered.
    ///
    /// ## Example
    /// ```yaml
    /// # my-svc/v1/instance_infrastructure/cloudformation.yaml
    /// VpcId: '{{ environment.outputs.VPCId }}'
    /// # my-env/v1/infrastructure/cloudformation.yaml declares `VpcId`
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// VpcId: '{{ environment.outputs.VpcId }}'
    /// ```
    ("P400", "unknown-environment-output", Error, "a service template reads an environment output that a compatible environment template does not declare")
}
