declare_rule! {
    /// ## What it does
    /// Reports a CloudFormation dynamic reference (`{{resolve:ssm:...}}`,
    /// `{{resolve:secretsmanager:...}}`) written as is in a Jinja-rendered template.
    ///
    /// ## Why is this bad?
    /// Proton renders the template with Jinja first, which reads `{{ ... }}` as its own
    /// expression; the deployment fails (Proton's troubleshooting guide documents this).
    ///
    /// ## Example
    /// ```yaml
    /// MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// MasterUserPassword: '{% raw %}{{resolve:secretsmanager:db:SecretString:password}}{% endraw %}'
    /// ```
    ("P315", "unescaped-dynamic-reference", Error, "a CloudFormation dynamic reference that Jinja would read")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
