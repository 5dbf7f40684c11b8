//! The local Proton endpoint.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use serde_json::{json, Map, Value};

use crate::serve::serve;

const TARGET_PREFIX: &str = "AwsProton20200720.";
const ACCOUNT: &str = "123456789012";
/// Client tokens are remembered this long.
const TOKEN_LIFETIME_SECS: u64 = 8 * 60 * 60;

/// The server's clock, in seconds since the Unix epoch: tests move it forward to expire
/// client tokens.
#[derive(Debug, Clone)]
pub struct Clock(Arc<AtomicU64>);

impl Clock {
    /// A clock standing at `epoch_seconds`.
    #[must_use]
    pub fn at(epoch_seconds: u64) -> Clock {
        Clock(Arc::new(AtomicU64::new(epoch_seconds)))
    }

    /// Now.
    #[must_use]
    pub fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    /// Moves the clock forward.
    pub fn advance(&self, seconds: u64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

/// A fault for the next request of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// `ThrottlingException` (the request is not applied).
    Throttle,
    /// HTTP 500 `InternalServerException` (the request is not applied).
    ServerError,
    /// The request is applied, then the connection is closed without a response.
    DropAfterApply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Environment,
    Service,
}

impl Kind {
    fn field(self) -> &'static str {
        match self {
            Kind::Environment => "environmentTemplate",
            Kind::Service => "serviceTemplate",
        }
    }

    fn arn_type(self) -> &'static str {
        match self {
            Kind::Environment => "environment-template",
            Kind::Service => "service-template",
        }
    }
}

struct Template {
    fields: Map<String, Value>,
    tags: Vec<Value>,
}

struct Version {
    kind: Kind,
    template: String,
    major: u32,
    minor: u32,
    status: &'static str,
    status_message: Option<String>,
    description: Option<String>,
    created: u64,
    modified: u64,
    schema: Option<String>,
    tags: Vec<Value>,
    compatible: Value,
    component_sources: Option<Value>,
    /// Gets until registration ends, and how it ends.
    polls_left: u32,
    outcome: Result<String, String>,
}

impl Version {
    fn arn(&self) -> String {
        format!(
            "arn:aws:proton:us-east-1:{ACCOUNT}:{}/{}:{}.{}",
            self.kind.arn_type(),
            self.template,
            self.major,
            self.minor
        )
    }

    fn summary(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("templateName".into(), json!(self.template));
        out.insert("majorVersion".into(), json!(self.major.to_string()));
        out.insert("minorVersion".into(), json!(self.minor.to_string()));
        out.insert("status".into(), json!(self.status));
        if let Some(m) = &self.status_message {
            out.insert("statusMessage".into(), json!(m));
        }
        if let Some(d) = &self.description {
            out.insert("description".into(), json!(d));
        }
        out.insert("arn".into(), json!(self.arn()));
        out.insert("createdAt".into(), json!(self.created));
        out.insert("lastModifiedAt".into(), json!(self.modified));
        out
    }

    fn detail(&self) -> Value {
        let mut out = self.summary();
        if let Some(s) = &self.schema {
            out.insert("schema".into(), json!(s));
        }
        if self.kind == Kind::Service {
            out.insert(
                "compatibleEnvironmentTemplates".into(),
                self.compatible.clone(),
            );
            if let Some(s) = &self.component_sources {
                out.insert("supportedComponentSources".into(), s.clone());
            }
        }
        Value::Object(out)
    }
}

struct Token {
    params: Value,
    version: (Kind, String, u32, u32),
    created: u64,
}

#[derive(Default)]
struct State {
    templates: BTreeMap<(Kind, String), Template>,
    versions: Vec<Version>,
    tokens: HashMap<String, Token>,
    sync_configs: BTreeMap<(String, String), Value>,
    faults: VecDeque<(String, Fault)>,
    fail_next_registration: Option<String>,
    requests: Vec<(String, Value)>,
    polls_to_register: u32,
}

/// An API error: HTTP status, `__type` and message.
struct ApiError(StatusCode, &'static str, String);

type ApiResult = Result<Value, ApiError>;

fn validation(message: impl Into<String>) -> ApiError {
    ApiError(
        StatusCode::BAD_REQUEST,
        "ValidationException",
        message.into(),
    )
}

fn not_found(message: impl Into<String>) -> ApiError {
    ApiError(
        StatusCode::NOT_FOUND,
        "ResourceNotFoundException",
        message.into(),
    )
}

fn conflict(message: impl Into<String>) -> ApiError {
    ApiError(StatusCode::CONFLICT, "ConflictException", message.into())
}

/// The local Proton endpoint. Dropping it stops it.
pub struct ProtonServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for ProtonServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Shared {
    state: Arc<Mutex<State>>,
    clock: Clock,
    s3_root: PathBuf,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl ProtonServer {
    /// Starts the endpoint; registration reads uploaded bundles from `s3_root`
    /// (`<bucket>/<key>`, as [`crate::S3Server`] stores them).
    pub async fn start(s3_root: &Path, clock: Clock) -> ProtonServer {
        let state = Arc::new(Mutex::new(State {
            polls_to_register: 2,
            ..State::default()
        }));
        let shared = Arc::new(Shared {
            state: state.clone(),
            clock,
            s3_root: s3_root.to_path_buf(),
        });
        let service = service_fn(move |req| {
            let shared = shared.clone();
            async move { handle(req, &shared).await }
        });
        let (addr, task) = serve(service).await;
        ProtonServer { addr, state, task }
    }

    /// `http://127.0.0.1:<port>`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Makes the next request of `operation` (`CreateEnvironmentTemplateVersion`) fail so.
    pub fn inject(&self, operation: &str, fault: Fault) {
        lock(&self.state)
            .faults
            .push_back((operation.to_owned(), fault));
    }

    /// Makes the next version created end in `REGISTRATION_FAILED` with `message`.
    pub fn fail_next_registration(&self, message: &str) {
        lock(&self.state).fail_next_registration = Some(message.to_owned());
    }

    /// How many requests of `operation` arrived (including faulted ones).
    #[must_use]
    pub fn requests(&self, operation: &str) -> usize {
        lock(&self.state)
            .requests
            .iter()
            .filter(|(op, _)| op == operation)
            .count()
    }

    /// The bodies of the requests of `operation`, in order.
    #[must_use]
    pub fn request_bodies(&self, operation: &str) -> Vec<Value> {
        lock(&self.state)
            .requests
            .iter()
            .filter(|(op, _)| op == operation)
            .map(|(_, body)| body.clone())
            .collect()
    }

    /// Every version of `template`: `(major, minor, status)`, in creation order.
    #[must_use]
    pub fn versions(&self, template: &str) -> Vec<(u32, u32, String)> {
        lock(&self.state)
            .versions
            .iter()
            .filter(|v| v.template == template)
            .map(|v| (v.major, v.minor, v.status.to_owned()))
            .collect()
    }
}

fn respond(status: StatusCode, body: &Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.0")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

/// An error that makes hyper close the connection without a response.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

async fn handle(req: Request<Incoming>, shared: &Shared) -> Result<Response<Full<Bytes>>, Dropped> {
    let operation = req
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .and_then(|t| t.strip_prefix(TARGET_PREFIX))
        .unwrap_or_default()
        .to_owned();
    let body = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let body: Value = if body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return Ok(respond(
                    StatusCode::BAD_REQUEST,
                    &json!({"__type": "SerializationException", "message": e.to_string()}),
                ))
            }
        }
    };
    let fault = {
        let mut state = lock(&shared.state);
        state.requests.push((operation.clone(), body.clone()));
        let at = state.faults.iter().position(|(op, _)| *op == operation);
        at.and_then(|i| state.faults.remove(i)).map(|(_, f)| f)
    };
    match fault {
        Some(Fault::Throttle) => {
            return Ok(respond(
                StatusCode::BAD_REQUEST,
                &json!({"__type": "ThrottlingException", "message": "rate exceeded"}),
            ))
        }
        Some(Fault::ServerError) => {
            return Ok(respond(
                StatusCode::INTERNAL_SERVER_ERROR,
                &json!({"__type": "InternalServerException", "message": "internal error"}),
            ))
        }
        _ => {}
    }
    let result = dispatch(&operation, &body, shared);
    if fault == Some(Fault::DropAfterApply) {
        return Err(Dropped);
    }
    Ok(match result {
        Ok(value) => respond(StatusCode::OK, &value),
        Err(ApiError(status, kind, message)) => {
            respond(status, &json!({"__type": kind, "message": message}))
        }
    })
}

fn dispatch(operation: &str, body: &Value, shared: &Shared) -> ApiResult {
    let kind_of = |op: &str| {
        if op.contains("EnvironmentTemplate") {
            Kind::Environment
        } else {
            Kind::Service
        }
    };
    let mut state = lock(&shared.state);
    let now = shared.clock.now();
    match operation {
        "CreateEnvironmentTemplate" | "CreateServiceTemplate" => {
            create_template(&mut state, kind_of(operation), body, now)
        }
        "GetEnvironmentTemplate" | "GetServiceTemplate" => {
            get_template(&state, kind_of(operation), body)
        }
        "CreateEnvironmentTemplateVersion" | "CreateServiceTemplateVersion" => {
            create_version(&mut state, kind_of(operation), body, now, &shared.s3_root)
        }
        "GetEnvironmentTemplateVersion" | "GetServiceTemplateVersion" => {
            get_version(&mut state, kind_of(operation), body, now)
        }
        "ListEnvironmentTemplateVersions" | "ListServiceTemplateVersions" => {
            list_versions(&state, kind_of(operation), body)
        }
        "UpdateEnvironmentTemplateVersion" | "UpdateServiceTemplateVersion" => {
            update_version(&mut state, kind_of(operation), body, now)
        }
        "ListTagsForResource" => list_tags(&state, body),
        "CreateTemplateSyncConfig" => sync_create(&mut state, body),
        "UpdateTemplateSyncConfig" => sync_update(&mut state, body),
        "GetTemplateSyncConfig" => sync_get(&state, body).map(|c| json!({"templateSyncConfig": c})),
        "DeleteTemplateSyncConfig" => sync_delete(&mut state, body),
        "GetTemplateSyncStatus" => sync_status(&state, body, now),
        other => Err(ApiError(
            StatusCode::BAD_REQUEST,
            "UnknownOperationException",
            format!("this endpoint does not implement `{other}`"),
        )),
    }
}

fn string<'a>(body: &'a Value, field: &str) -> Result<&'a str, ApiError> {
    body.get(field).and_then(Value::as_str).ok_or_else(|| {
        validation(format!(
            "1 validation error detected: `{field}` must not be null"
        ))
    })
}

fn resource_name(body: &Value, field: &str) -> Result<String, ApiError> {
    let name = string(body, field)?;
    let valid = (1..=100).contains(&name.len())
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid {
        return Err(validation(format!(
            "`{field}` `{name}` must satisfy the pattern ^[0-9A-Za-z]+[0-9A-Za-z_\\-]*$ and be 1 to 100 characters"
        )));
    }
    Ok(name.to_owned())
}

fn version_part(body: &Value, field: &str) -> Result<Option<u32>, ApiError> {
    let Some(v) = body.get(field) else {
        return Ok(None);
    };
    let text = v
        .as_str()
        .ok_or_else(|| validation(format!("`{field}` must be a string")))?;
    let valid = (1..=20).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if !valid {
        return Err(validation(format!(
            "`{field}` `{text}` must satisfy the pattern ^(0|([1-9]{{1}}\\d*))$"
        )));
    }
    text.parse()
        .map(Some)
        .map_err(|_| validation(format!("`{field}` is too large")))
}

fn optional_text(body: &Value, field: &str, max: usize) -> Result<Option<String>, ApiError> {
    match body.get(field).and_then(Value::as_str) {
        Some(t) if t.chars().count() > max => Err(validation(format!(
            "`{field}` must be at most {max} characters"
        ))),
        Some(t) => Ok(Some(t.to_owned())),
        None => Ok(None),
    }
}

fn create_template(state: &mut State, kind: Kind, body: &Value, now: u64) -> ApiResult {
    let name = resource_name(body, "name")?;
    let mut fields = Map::new();
    fields.insert("name".into(), json!(name));
    fields.insert(
        "arn".into(),
        json!(format!(
            "arn:aws:proton:us-east-1:{ACCOUNT}:{}/{name}",
            kind.arn_type()
        )),
    );
    if let Some(d) = optional_text(body, "displayName", 100)? {
        fields.insert("displayName".into(), json!(d));
    }
    if let Some(d) = optional_text(body, "description", 500)? {
        fields.insert("description".into(), json!(d));
    }
    let provisioning_field = match kind {
        Kind::Environment => "provisioning",
        Kind::Service => "pipelineProvisioning",
    };
    if let Some(p) = body.get(provisioning_field) {
        if p != "CUSTOMER_MANAGED" {
            return Err(validation(format!(
                "`{provisioning_field}` must be CUSTOMER_MANAGED"
            )));
        }
        fields.insert(provisioning_field.into(), p.clone());
    }
    if let Some(existing) = state.templates.get(&(kind, name.clone())) {
        let same = ["displayName", "description", provisioning_field]
            .iter()
            .all(|k| existing.fields.get(*k) == fields.get(*k));
        return if same {
            Ok(json!({ kind.field(): existing.fields }))
        } else {
            Err(conflict(format!(
                "a template named `{name}` already exists with other parameters"
            )))
        };
    }
    fields.insert("createdAt".into(), json!(now));
    fields.insert("lastModifiedAt".into(), json!(now));
    let tags = body
        .get("tags")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    state.templates.insert(
        (kind, name),
        Template {
            fields: fields.clone(),
            tags,
        },
    );
    Ok(json!({ kind.field(): fields }))
}

fn get_template(state: &State, kind: Kind, body: &Value) -> ApiResult {
    let name = resource_name(body, "name")?;
    state
        .templates
        .get(&(kind, name.clone()))
        .map(|t| json!({ kind.field(): t.fields }))
        .ok_or_else(|| not_found(format!("the template `{name}` does not exist")))
}

/// What registration makes of the bundle at `s3://bucket/key`: its schema, or why not.
fn register(s3_root: &Path, bucket: &str, key: &str) -> Result<String, String> {
    let bytes = std::fs::read(s3_root.join(bucket).join(key))
        .map_err(|_| format!("the bundle s3://{bucket}/{key} does not exist or cannot be read"))?;
    let unpacked =
        protonkit_core::archive::unpack(&bytes, protonkit_core::archive::Limits::default())
            .map_err(|e| format!("the bundle s3://{bucket}/{key} is {e}"))?;
    let schema = unpacked
        .files
        .lookup("schema/schema.yaml")
        .ok_or_else(|| "the bundle has no schema/schema.yaml".to_owned())?;
    Ok(unpacked
        .files
        .get(schema)
        .text()
        .unwrap_or_default()
        .to_owned())
}

fn create_version(
    state: &mut State,
    kind: Kind,
    body: &Value,
    now: u64,
    s3_root: &Path,
) -> ApiResult {
    let template = resource_name(body, "templateName")?;
    let major = version_part(body, "majorVersion")?;
    let token = body
        .get("clientToken")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(t) = &token {
        if t.len() > 64 || !t.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
            return Err(validation(
                "`clientToken` must be at most 64 printable ASCII characters",
            ));
        }
    }
    let bucket = body.pointer("/source/s3/bucket").and_then(Value::as_str);
    let key = body.pointer("/source/s3/key").and_then(Value::as_str);
    let (Some(bucket), Some(key)) = (bucket, key) else {
        return Err(validation(
            "`source.s3.bucket` and `source.s3.key` are required",
        ));
    };
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !bucket_ok || key.is_empty() || key.len() > 1024 {
        return Err(validation("`source.s3` names an invalid bucket or key"));
    }
    let description = optional_text(body, "description", 500)?;
    let compatible = body.get("compatibleEnvironmentTemplates").cloned();
    if kind == Kind::Service {
        let count = compatible
            .as_ref()
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if !(1..=10).contains(&count) {
            return Err(validation(
                "`compatibleEnvironmentTemplates` must list 1 to 10 templates",
            ));
        }
    }
    // Idempotency: the same token with the same parameters returns the original version.
    let mut params = body.clone();
    if let Some(map) = params.as_object_mut() {
        map.remove("clientToken");
    }
    if let Some(t) = &token {
        state
            .tokens
            .retain(|_, entry| now.saturating_sub(entry.created) < TOKEN_LIFETIME_SECS);
        if let Some(entry) = state.tokens.get(t) {
            if entry.params != params {
                return Err(validation(format!(
                    "IdempotentParameterMismatch: client token `{t}` was used with other parameters"
                )));
            }
            let (k, name, major, minor) = entry.version.clone();
            if let Some(v) = state
                .versions
                .iter()
                .find(|v| v.kind == k && v.template == name && v.major == major && v.minor == minor)
            {
                return Ok(json!({ version_field(kind): v.detail() }));
            }
        }
    }
    if !state.templates.contains_key(&(kind, template.clone())) {
        return Err(not_found(format!(
            "the template `{template}` does not exist"
        )));
    }
    let of_template = || {
        state
            .versions
            .iter()
            .filter(|v| v.kind == kind && v.template == template)
    };
    let (major, minor) = match major {
        Some(m) => {
            let latest = of_template()
                .filter(|v| v.major == m)
                .map(|v| v.minor)
                .max();
            let Some(latest) = latest else {
                return Err(validation(format!(
                    "major version {m} of `{template}` does not exist; leave out `majorVersion` to create a new major version"
                )));
            };
            (m, latest + 1)
        }
        None => (of_template().map(|v| v.major).max().unwrap_or(0) + 1, 0),
    };
    let outcome = match state.fail_next_registration.take() {
        Some(message) => Err(message),
        None => register(s3_root, bucket, key),
    };
    let version = Version {
        kind,
        template: template.clone(),
        major,
        minor,
        status: "REGISTRATION_IN_PROGRESS",
        status_message: None,
        description,
        created: now,
        modified: now,
        schema: None,
        tags: body
            .get("tags")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        compatible: compatible.unwrap_or_else(|| json!([])),
        component_sources: body.get("supportedComponentSources").cloned(),
        polls_left: state.polls_to_register,
        outcome,
    };
    let detail = version.detail();
    state.versions.push(version);
    if let Some(t) = token {
        state.tokens.insert(
            t,
            Token {
                params,
                version: (kind, template, major, minor),
                created: now,
            },
        );
    }
    Ok(json!({ version_field(kind): detail }))
}

fn version_field(kind: Kind) -> &'static str {
    match kind {
        Kind::Environment => "environmentTemplateVersion",
        Kind::Service => "serviceTemplateVersion",
    }
}

fn find_version<'s>(
    state: &'s mut State,
    kind: Kind,
    body: &Value,
) -> Result<&'s mut Version, ApiError> {
    let template = resource_name(body, "templateName")?;
    let major = version_part(body, "majorVersion")?
        .ok_or_else(|| validation("`majorVersion` is required"))?;
    let minor = version_part(body, "minorVersion")?
        .ok_or_else(|| validation("`minorVersion` is required"))?;
    state
        .versions
        .iter_mut()
        .find(|v| v.kind == kind && v.template == template && v.major == major && v.minor == minor)
        .ok_or_else(|| {
            not_found(format!(
                "version {major}.{minor} of `{template}` does not exist"
            ))
        })
}

fn get_version(state: &mut State, kind: Kind, body: &Value, now: u64) -> ApiResult {
    let v = find_version(state, kind, body)?;
    if v.status == "REGISTRATION_IN_PROGRESS" {
        v.polls_left = v.polls_left.saturating_sub(1);
        if v.polls_left == 0 {
            v.modified = now;
            match &v.outcome {
                Ok(schema) => {
                    v.status = "DRAFT";
                    v.schema = Some(schema.clone());
                }
                Err(message) => {
                    v.status = "REGISTRATION_FAILED";
                    v.status_message = Some(message.clone());
                }
            }
        }
    }
    Ok(json!({ version_field(kind): v.detail() }))
}

fn list_versions(state: &State, kind: Kind, body: &Value) -> ApiResult {
    let template = resource_name(body, "templateName")?;
    if !state.templates.contains_key(&(kind, template.clone())) {
        return Err(not_found(format!(
            "the template `{template}` does not exist"
        )));
    }
    let major = version_part(body, "majorVersion")?;
    let of_template: Vec<&Version> = state
        .versions
        .iter()
        .filter(|v| v.kind == kind && v.template == template)
        .collect();
    let listed: Vec<Value> = match major {
        Some(m) => of_template
            .iter()
            .filter(|v| v.major == m)
            .map(|v| Value::Object(v.summary()))
            .collect(),
        None => {
            // One entry per major version: its latest minor.
            let mut latest: BTreeMap<u32, &Version> = BTreeMap::new();
            for v in &of_template {
                let slot = latest.entry(v.major).or_insert(v);
                if v.minor > slot.minor {
                    *slot = v;
                }
            }
            latest
                .values()
                .map(|v| Value::Object(v.summary()))
                .collect()
        }
    };
    Ok(json!({ "templateVersions": listed }))
}

fn update_version(state: &mut State, kind: Kind, body: &Value, now: u64) -> ApiResult {
    let status = body.get("status").and_then(Value::as_str);
    let description = optional_text(body, "description", 500)?;
    let v = find_version(state, kind, body)?;
    if let Some(status) = status {
        match (v.status, status) {
            ("DRAFT" | "PUBLISHED", "PUBLISHED") => v.status = "PUBLISHED",
            (from, to) => {
                return Err(validation(format!(
                    "version {}.{} is {from} and cannot become {to}",
                    v.major, v.minor
                )))
            }
        }
    }
    if description.is_some() {
        v.description = description;
    }
    v.modified = now;
    Ok(json!({ version_field(kind): v.detail() }))
}

fn list_tags(state: &State, body: &Value) -> ApiResult {
    let arn = string(body, "resourceArn")?;
    if let Some(v) = state.versions.iter().find(|v| v.arn() == arn) {
        return Ok(json!({ "tags": v.tags }));
    }
    state
        .templates
        .values()
        .find(|t| t.fields.get("arn").and_then(Value::as_str) == Some(arn))
        .map(|t| json!({ "tags": t.tags }))
        .ok_or_else(|| not_found(format!("no resource has the ARN `{arn}`")))
}

fn sync_key(body: &Value) -> Result<(String, String), ApiError> {
    let name = resource_name(body, "templateName")?;
    let ty = string(body, "templateType")?;
    if ty != "ENVIRONMENT" && ty != "SERVICE" {
        return Err(validation("`templateType` must be ENVIRONMENT or SERVICE"));
    }
    Ok((ty.to_owned(), name))
}

fn sync_fields(body: &Value) -> Result<Value, ApiError> {
    let (ty, name) = sync_key(body)?;
    let provider = string(body, "repositoryProvider")?;
    if !["GITHUB", "GITHUB_ENTERPRISE", "BITBUCKET"].contains(&provider) {
        return Err(validation(
            "`repositoryProvider` must be GITHUB, GITHUB_ENTERPRISE or BITBUCKET",
        ));
    }
    let repository = string(body, "repositoryName")?;
    if !repository.contains('/') || repository.len() > 100 {
        return Err(validation(
            "`repositoryName` must look like `owner/repository`",
        ));
    }
    let branch = string(body, "branch")?;
    if branch.is_empty() || branch.len() > 200 {
        return Err(validation("`branch` must be 1 to 200 characters"));
    }
    let mut config = json!({
        "templateName": name, "templateType": ty, "repositoryProvider": provider,
        "repositoryName": repository, "branch": branch,
    });
    if let Some(sub) = body.get("subdirectory").and_then(Value::as_str) {
        if sub.is_empty() || sub.len() > 4096 {
            return Err(validation("`subdirectory` must be 1 to 4096 characters"));
        }
        config["subdirectory"] = json!(sub);
    }
    Ok(config)
}

fn sync_create(state: &mut State, body: &Value) -> ApiResult {
    let key = sync_key(body)?;
    let config = sync_fields(body)?;
    let template_kind = if key.0 == "ENVIRONMENT" {
        Kind::Environment
    } else {
        Kind::Service
    };
    if !state
        .templates
        .contains_key(&(template_kind, key.1.clone()))
    {
        return Err(not_found(format!(
            "the template `{}` does not exist",
            key.1
        )));
    }
    if let Some(existing) = state.sync_configs.get(&key) {
        return if *existing == config {
            Ok(json!({ "templateSyncConfig": existing }))
        } else {
            Err(conflict(format!(
                "`{}` already has a template sync config",
                key.1
            )))
        };
    }
    state.sync_configs.insert(key, config.clone());
    Ok(json!({ "templateSyncConfig": config }))
}

fn sync_get(state: &State, body: &Value) -> ApiResult {
    let key = sync_key(body)?;
    state
        .sync_configs
        .get(&key)
        .cloned()
        .ok_or_else(|| not_found(format!("`{}` has no template sync config", key.1)))
}

fn sync_update(state: &mut State, body: &Value) -> ApiResult {
    let key = sync_key(body)?;
    let config = sync_fields(body)?;
    let slot = state
        .sync_configs
        .get_mut(&key)
        .ok_or_else(|| not_found(format!("`{}` has no template sync config", key.1)))?;
    *slot = config.clone();
    Ok(json!({ "templateSyncConfig": config }))
}

fn sync_delete(state: &mut State, body: &Value) -> ApiResult {
    let key = sync_key(body)?;
    Ok(match state.sync_configs.remove(&key) {
        Some(config) => json!({ "templateSyncConfig": config }),
        None => json!({}),
    })
}

fn sync_status(state: &State, body: &Value, now: u64) -> ApiResult {
    let config = sync_get(state, body)?;
    let major = version_part(body, "templateVersion")?
        .ok_or_else(|| validation("`templateVersion` is required"))?;
    let sub = config
        .get("subdirectory")
        .and_then(Value::as_str)
        .map_or(String::new(), |s| format!("{s}/"));
    let directory = format!(
        "{sub}{}/v{major}",
        config["templateName"].as_str().unwrap_or_default()
    );
    let desired = json!({
        "repositoryName": config["repositoryName"], "repositoryProvider": config["repositoryProvider"],
        "branch": config["branch"], "sha": "0000000000000000000000000000000000000000",
        "directory": directory,
    });
    Ok(json!({
        "desiredState": desired,
        "latestSync": {
            "target": directory, "startedAt": now, "status": "INITIATED",
            "events": [{"type": "SYNC_INITIATED", "time": now, "event": "waiting for the next push"}],
        },
    }))
}
