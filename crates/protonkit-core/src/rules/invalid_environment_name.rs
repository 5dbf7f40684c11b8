declare_rule! {
    /// ## What it does
    /// Checks each instance's `environment` against Proton's resource-name rule: 1 to 100
    /// characters, starting with a letter or digit, then letters, digits, `_` and `-`.
    ///
    /// ## Why is this bad?
    /// No environment can have such a name, so the instance can never be deployed; usually the
    /// value is an ARN or a display name instead of the environment's name.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   - name: web
    ///     environment: arn:aws:proton:us-east-1:111122223333:environment/dev
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ("P207", "invalid-environment-name", Error, "an instance `environment` that is not a valid environment name")
}
