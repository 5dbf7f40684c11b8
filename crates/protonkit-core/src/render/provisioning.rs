//! The input files Proton writes for Terraform (`proton.<type>.variables.tf` and
//! `proton.auto.tfvars.json`) and for CodeBuild (`proton-inputs.json`).

use serde_json::{json, Map, Value as Json};

/// Which resource a template provisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resource {
    /// An environment.
    Environment,
    /// A service instance.
    ServiceInstance,
    /// A service pipeline.
    Pipeline,
    /// A directly defined component.
    Component,
}

impl Resource {
    /// The resource type in Proton's generated file names (`service_instance`). The
    /// pipeline's file name is not documented; `pipeline` is assumed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Environment => "environment",
            Resource::ServiceInstance => "service_instance",
            Resource::Pipeline => "pipeline",
            Resource::Component => "component",
        }
    }
}

const HEADER: &str = "# Written by protonkit the way AWS Proton generates it; do not edit.\n";

const SERVICE: &str = "variable \"service\" {\n  type = object({\n    name                      = string\n    branch_name               = string\n    repository_connection_arn = string\n    repository_id             = string\n  })\n  default = null\n}\n";

const ENVIRONMENT_OUTPUTS: &str = "variable \"environment\" {\n  type = object({\n    account_id = string\n    name       = string\n    outputs    = map(string)\n  })\n  default = null\n}\n";

const TAGS: &str = "variable \"proton_tags\" {\n  type    = map(string)\n  default = null\n}\n";

/// `proton.<type>.variables.tf`: the variables Proton declares for the template (bundles
/// must not declare them themselves).
#[must_use]
pub fn terraform_variables(resource: Resource) -> String {
    let body = match resource {
        Resource::Environment => format!(
            "variable \"environment\" {{\n  type = object({{\n    inputs = map(string)\n    name   = string\n  }})\n  default = null\n}}\n\n{TAGS}"
        ),
        Resource::ServiceInstance => format!(
            "{ENVIRONMENT_OUTPUTS}\n{SERVICE}\nvariable \"service_instance\" {{\n  type = object({{\n    name       = string\n    inputs     = map(string)\n    components = map(string)\n  }})\n  default = null\n}}\n\n{TAGS}"
        ),
        Resource::Pipeline => format!(
            "variable \"service_instances\" {{\n  type = list(object({{\n    name        = string\n    inputs      = map(string)\n    outputs     = map(string)\n    environment = object({{\n      account_id = string\n      name       = string\n      outputs    = map(string)\n    }})\n  }}))\n  default = null\n}}\n\n{SERVICE}\nvariable \"pipeline\" {{\n  type = object({{\n    inputs = map(string)\n  }})\n  default = null\n}}\n\n{TAGS}"
        ),
        Resource::Component => format!(
            "{ENVIRONMENT_OUTPUTS}\n{SERVICE}\nvariable \"service_instance\" {{\n  type = object({{\n    name   = string\n    inputs = map(string)\n  }})\n  default = null\n}}\n\nvariable \"component\" {{\n  type = object({{\n    name = string\n  }})\n  default = null\n}}\n\n{TAGS}"
        ),
    };
    format!("{HEADER}\n{body}")
}

/// The values Proton passes: the template's context without what only Jinja templates see
/// (a service instance's `components` become a map of names), and `proton_tags`.
#[must_use]
pub fn terraform_values(resource: Resource, context: &Json, tags: &Map<String, Json>) -> String {
    let mut values = inputs(resource, context);
    if let Json::Object(map) = &mut values {
        map.insert("proton_tags".into(), Json::Object(tags.clone()));
    }
    pretty(&values)
}

/// `proton-inputs.json`: the template's context as CodeBuild receives it.
#[must_use]
pub fn codebuild_inputs(resource: Resource, context: &Json) -> String {
    pretty(&inputs(resource, context))
}

fn inputs(resource: Resource, context: &Json) -> Json {
    let mut values = context.clone();
    if resource == Resource::ServiceInstance {
        if let Some(instance) = values
            .get_mut("service_instance")
            .and_then(Json::as_object_mut)
        {
            let name = instance
                .get("components")
                .and_then(|c| c.pointer("/default/name"))
                .cloned();
            instance.insert(
                "components".into(),
                match name {
                    Some(n) => json!({ "default": n }),
                    None => json!({}),
                },
            );
        }
    }
    values
}

fn pretty(value: &Json) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// The `proton_tags` Proton adds to Terraform values.
#[must_use]
pub fn proton_tags(
    resource: Resource,
    account: &str,
    template: &str,
    resource_name: &str,
) -> Map<String, Json> {
    let region = "us-east-1";
    let (template_kind, key, arn_kind) = match resource {
        Resource::Environment => ("environment-template", "proton:environment", "environment"),
        Resource::ServiceInstance | Resource::Pipeline => {
            ("service-template", "proton:service", "service")
        }
        Resource::Component => ("service-template", "proton:component", "component"),
    };
    let mut tags = Map::new();
    tags.insert("proton:account".into(), Json::from(account));
    tags.insert(
        "proton:template".into(),
        Json::from(format!(
            "arn:aws:proton:{region}:{account}:{template_kind}/{template}"
        )),
    );
    tags.insert(
        key.into(),
        Json::from(format!(
            "arn:aws:proton:{region}:{account}:{arn_kind}/{resource_name}"
        )),
    );
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_declare_what_the_context_holds() {
        let env = terraform_variables(Resource::Environment);
        assert!(env.contains("variable \"environment\"") && env.contains("inputs = map(string)"));
        let pipeline = terraform_variables(Resource::Pipeline);
        assert!(
            pipeline.contains("variable \"service_instances\"")
                && pipeline.contains("variable \"pipeline\"")
        );
    }

    #[test]
    fn values_replace_components_and_add_tags() {
        let ctx = json!({"service_instance": {"name": "a", "inputs": {}, "components": {"default": {"outputs": {}}}}});
        let tags = proton_tags(
            Resource::ServiceInstance,
            "123456789012",
            "svc",
            "my-service",
        );
        let text = terraform_values(Resource::ServiceInstance, &ctx, &tags);
        let v: Json = serde_json::from_str(&text).unwrap();
        assert_eq!(v["service_instance"]["components"], json!({}));
        assert_eq!(v["proton_tags"]["proton:account"], "123456789012");
    }
}
