//! The data a template sees, per template type, with the namespaces Proton documents:
//! inputs from the spec with the schema's defaults applied, names from the spec, outputs
//! of other resources from an outputs file, and the metadata Proton knows but specs do not
//! carry (account, repository), from options or placeholders.

use serde_json::{json, Map, Value as Json};

/// What Proton knows about the resources that specs do not say. The defaults are
/// placeholders that look like real values.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Metadata {
    /// `environment.name` of an environment template (a service's instances name their
    /// environments in the spec).
    pub environment_name: String,
    /// `environment.account_id`.
    pub account_id: String,
    /// `service.name`.
    pub service_name: String,
    /// `service.repository_id`.
    pub repository_id: String,
    /// `service.repository_connection_arn`.
    pub repository_connection_arn: String,
    /// `service.branch_name`.
    pub branch_name: String,
    /// `service_instance.components.default.name` and `component.name`.
    pub component_name: String,
}

impl Default for Metadata {
    fn default() -> Self {
        Metadata {
            environment_name: "my-environment".into(),
            account_id: "123456789012".into(),
            service_name: "my-service".into(),
            repository_id: "my-org/my-repository".into(),
            repository_connection_arn:
                "arn:aws:codestar-connections:us-east-1:123456789012:connection/00000000-0000-0000-0000-000000000000"
                    .into(),
            branch_name: "main".into(),
            component_name: "my-component".into(),
        }
    }
}

/// Outputs of other resources, as an outputs file gives them.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Outputs {
    /// `environment.outputs`: the outputs of the environment (of every environment, unless
    /// `environments` names it).
    pub environment: Map<String, Json>,
    /// Outputs of named environments.
    pub environments: Map<String, Json>,
    /// The outputs of every service instance (`service_instances[i].outputs` in a pipeline).
    pub service_instance: Map<String, Json>,
    /// Outputs of named service instances.
    pub service_instances: Map<String, Json>,
    /// Outputs of the directly defined component attached to each instance; `None` when no
    /// component is attached.
    pub component: Option<Map<String, Json>>,
}

impl Outputs {
    fn of_environment(&self, name: &str) -> Json {
        self.environments
            .get(name)
            .cloned()
            .unwrap_or_else(|| Json::Object(self.environment.clone()))
    }

    fn of_instance(&self, name: &str) -> Json {
        self.service_instances
            .get(name)
            .cloned()
            .unwrap_or_else(|| Json::Object(self.service_instance.clone()))
    }
}

/// One service instance as the contexts need it.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceData {
    /// `service_instance.name`.
    pub name: String,
    /// The environment it is deployed to.
    pub environment: String,
    /// Its inputs with defaults applied.
    pub inputs: Map<String, Json>,
}

/// The context of an environment template.
#[must_use]
pub fn environment(inputs: &Map<String, Json>, meta: &Metadata) -> Json {
    json!({
        "environment": {
            "name": meta.environment_name,
            "inputs": inputs,
        }
    })
}

fn service(meta: &Metadata) -> Json {
    json!({
        "name": meta.service_name,
        "branch_name": meta.branch_name,
        "repository_connection_arn": meta.repository_connection_arn,
        "repository_id": meta.repository_id,
    })
}

fn environment_of(instance: &InstanceData, meta: &Metadata, outputs: &Outputs) -> Json {
    json!({
        "name": instance.environment,
        "account_id": meta.account_id,
        "outputs": outputs.of_environment(&instance.environment),
    })
}

/// The context of a service instance template. A whole-object reference to the default
/// component's outputs is `{}` when no component is attached, as Proton documents.
#[must_use]
pub fn service_instance(instance: &InstanceData, meta: &Metadata, outputs: &Outputs) -> Json {
    let component = match &outputs.component {
        Some(o) => json!({ "name": meta.component_name, "outputs": o }),
        None => json!({ "outputs": {} }),
    };
    json!({
        "environment": environment_of(instance, meta, outputs),
        "service": service(meta),
        "service_instance": {
            "name": instance.name,
            "inputs": instance.inputs,
            "components": { "default": component },
        },
    })
}

/// The context of a pipeline template: every instance in `service_instances`.
#[must_use]
pub fn pipeline(
    inputs: &Map<String, Json>,
    instances: &[InstanceData],
    meta: &Metadata,
    outputs: &Outputs,
) -> Json {
    let list: Vec<Json> = instances
        .iter()
        .map(|i| {
            json!({
                "name": i.name,
                "inputs": i.inputs,
                "outputs": outputs.of_instance(&i.name),
                "environment": environment_of(i, meta, outputs),
            })
        })
        .collect();
    json!({
        "pipeline": { "inputs": inputs },
        "service": service(meta),
        "service_instances": list,
    })
}

/// The context of a directly defined component attached to `instance`.
#[must_use]
pub fn component(instance: &InstanceData, meta: &Metadata, outputs: &Outputs) -> Json {
    json!({
        "environment": environment_of(instance, meta, outputs),
        "service": service(meta),
        "service_instance": {
            "name": instance.name,
            "inputs": instance.inputs,
        },
        "component": { "name": meta.component_name },
    })
}

/// Reads an outputs file: YAML with `environment:` and `service:` (or `service_instance:`)
/// mappings of output names to values, as the AWS template-checker action's
/// `sample-outputs.yaml` has them, and optionally `component:`, and `environments:` /
/// `service_instances:` mappings from a name to that resource's outputs.
///
/// # Errors
/// A message with the line and column of what is wrong.
pub fn parse_outputs(text: &str) -> Result<Outputs, String> {
    let mut files = crate::source::FileSet::new();
    let id = files.insert_text("outputs", text);
    let doc = crate::yaml::parse(id, text);
    if let Some(issue) = doc.issues.first() {
        let at = files.start(issue.span);
        return Err(format!("{}:{}: {}", at.line, at.column, issue.message));
    }
    let mut out = Outputs::default();
    let Some(root) = doc.root else {
        return Ok(out);
    };
    let Some(entries) = root.as_map() else {
        let at = files.start(root.span);
        return Err(format!(
            "{}:{}: the outputs file must be a mapping with `environment`, `service` or `component`",
            at.line, at.column
        ));
    };
    for (key, value) in entries {
        let at = files.start(key.span);
        let name = key.scalar_text().unwrap_or_default();
        let map = || -> Result<Map<String, Json>, String> {
            match crate::spec::node_to_json(value) {
                Json::Object(m) => Ok(m),
                Json::Null => Ok(Map::new()),
                _ => Err(format!(
                    "{}:{}: `{name}` must be a mapping of output names to values",
                    at.line, at.column
                )),
            }
        };
        match name.as_str() {
            "environment" => out.environment = map()?,
            "service" | "service_instance" => out.service_instance = map()?,
            "component" => out.component = Some(map()?),
            "environments" => out.environments = map()?,
            "service_instances" => out.service_instances = map()?,
            other => {
                let known = [
                    "environment",
                    "service",
                    "service_instance",
                    "component",
                    "environments",
                    "service_instances",
                ];
                return Err(format!(
                    "{}:{}: unknown key `{other}` in the outputs file{}",
                    at.line,
                    at.column,
                    crate::suggest::suffix(crate::suggest::did_you_mean(other, known))
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_template_checker_shape_and_named_outputs() {
        let o = parse_outputs("environment:\n  VpcId: vpc-1\nservice:\n  Url: http://x\nenvironments:\n  prod:\n    VpcId: vpc-2\n").unwrap();
        assert_eq!(o.environment["VpcId"], "vpc-1");
        assert_eq!(o.of_environment("prod")["VpcId"], "vpc-2");
        assert_eq!(o.of_environment("dev")["VpcId"], "vpc-1");
        assert_eq!(o.of_instance("a")["Url"], "http://x");
        let e = parse_outputs("environment:\n  a: 1\nenviroment: {}\n").unwrap_err();
        assert_eq!(
            e,
            "3:1: unknown key `enviroment` in the outputs file; did you mean `environment`?"
        );
        assert!(parse_outputs("- a\n").unwrap_err().starts_with("1:1:"));
    }

    #[test]
    fn instance_context_has_every_namespace() {
        let i = InstanceData {
            name: "web".into(),
            environment: "dev".into(),
            inputs: Map::new(),
        };
        let c = service_instance(&i, &Metadata::default(), &Outputs::default());
        assert_eq!(c["environment"]["name"], "dev");
        assert_eq!(
            c["service_instance"]["components"]["default"]["outputs"],
            json!({})
        );
        assert_eq!(c["service"]["branch_name"], "main");
        let p = pipeline(&Map::new(), &[i], &Metadata::default(), &Outputs::default());
        assert_eq!(
            p["service_instances"][0]["environment"]["account_id"],
            "123456789012"
        );
    }
}
