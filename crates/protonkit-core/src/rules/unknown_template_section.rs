declare_rule! {
    /// ## What it does
    /// Reports a top-level key of a rendered CloudFormation template that is not one of
    /// CloudFormation's sections (`AWSTemplateFormatVersion`, `Description`, `Metadata`,
    /// `Parameters`, `Rules`, `Mappings`, `Conditions`, `Transform`, `Resources`,
    /// `Outputs`).
    ///
    /// ## Why is this bad?
    /// CloudFormation rejects the template ("Invalid template property or properties").
    ///
    /// ## Example
    /// ```yaml
    /// Resource:
    ///   Queue:
    ///     Type: AWS::SQS::Queue
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Resources:
    ///   Queue:
    ///     Type: AWS::SQS::Queue
    /// ```
    ("P303", "unknown-template-section", Error, "a top-level key that is not a CloudFormation section")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
