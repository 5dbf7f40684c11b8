declare_rule! {
    /// ## What it does
    /// Reports a resource of a rendered CloudFormation template without a string `Type`.
    ///
    /// ## Why is this bad?
    /// CloudFormation rejects the template.
    ///
    /// ## Example
    /// ```yaml
    /// Resources:
    ///   Queue:
    ///     Properties:
    ///       QueueName: orders
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Resources:
    ///   Queue:
    ///     Type: AWS::SQS::Queue
    ///     Properties:
    ///       QueueName: orders
    /// ```
    ("P305", "resource-without-type", Error, "a rendered resource without a `Type`")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
