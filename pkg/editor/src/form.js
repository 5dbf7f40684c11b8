// A form generated from the spec's JSON Schema, kept in sync with the YAML both ways.

import YAML from "yaml";

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  node.append(...children.filter(Boolean));
  return node;
};

/** The schema a field edits: the editor schema allows `${Proton::CURRENT_VAL}` beside
 * each input's own schema (`anyOf`); the form edits the input's own. */
function effective(schema = {}) {
  if (!Array.isArray(schema.anyOf)) return schema;
  const own = schema.anyOf.find((s) => !("const" in s)) ?? {};
  const { anyOf, ...outer } = schema;
  return { ...own, ...outer };
}

const scalarType = (schema) => {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  return t ?? (schema.enum ? "string" : undefined);
};

/** The typed value of a field's text, or `undefined` to remove the input. */
function parseValue(schema, input) {
  const type = scalarType(schema);
  if (input.type === "checkbox") return input.checked;
  const text = input.value.trim();
  if (text === "") return undefined;
  if (type === "number" || type === "integer") return Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === "array") return text.split(",").map((s) => s.trim()).filter(Boolean).map((s) => (schema.items && ["number", "integer"].includes(scalarType(schema.items)) && Number.isFinite(Number(s)) ? Number(s) : s));
  if (schema.enum && schema.enum.some((v) => typeof v !== "string")) {
    const match = schema.enum.find((v) => String(v) === text);
    if (match !== undefined) return match;
  }
  return text;
}

function showValue(schema, input, value) {
  if (input === document.activeElement) return;
  if (input.type === "checkbox") input.checked = value === true;
  else if (Array.isArray(value)) input.value = value.join(", ");
  else input.value = value === undefined || value === null ? "" : String(value);
}

export class SpecForm {
  /** `onEdit(path, value)` is called when the user changes a field. */
  constructor(root, onEdit) {
    this.root = root;
    this.onEdit = onEdit;
    this.fields = [];
    this.shape = "";
  }

  /** Rebuilds the form when the schema or the spec's shape (its instances) changed, then
   * shows the spec's values. */
  update(schema, doc) {
    const data = doc.toJS() ?? {};
    const instances = Array.isArray(data.instances) ? data.instances.map((i, n) => i?.name ?? `#${n + 1}`) : [];
    const shape = JSON.stringify([schema?.properties ? Object.keys(schema.properties) : null, instances]);
    if (shape !== this.shape) {
      this.shape = shape;
      this.build(schema, instances);
    }
    for (const f of this.fields) showValue(f.schema, f.input, doc.getIn(f.path));
  }

  build(schema, instances) {
    this.root.replaceChildren();
    this.fields = [];
    const props = schema?.properties ?? {};
    if (props.spec) this.section("Environment inputs", props.spec, ["spec"]);
    if (props.instances) {
      const inputs = props.instances.items?.properties?.spec;
      instances.forEach((name, i) => {
        const set = el("fieldset", {}, el("legend", { text: `Instance ${name}` }));
        this.root.append(set);
        this.fieldFor(set, "environment", props.instances.items.properties.environment, ["instances", i, "environment"]);
        if (inputs) this.objectFields(set, inputs, ["instances", i, "spec"]);
      });
      if (instances.length === 0) this.root.append(el("p", { class: "muted", text: "Add an instance under `instances:` in the spec to fill in its inputs." }));
    }
    if (props.pipeline) this.section("Pipeline inputs", props.pipeline, ["pipeline"]);
  }

  section(title, schema, path) {
    const set = el("fieldset", {}, el("legend", { text: title }));
    this.root.append(set);
    this.objectFields(set, schema, path);
  }

  objectFields(parent, schema, path) {
    for (const [name, raw] of Object.entries(effective(schema).properties ?? {})) {
      const prop = effective(raw);
      if (scalarType(prop) === "object" && prop.properties) {
        const set = el("fieldset", {}, el("legend", { text: prop.title ?? name }));
        parent.append(set);
        this.objectFields(set, prop, [...path, name]);
      } else {
        this.fieldFor(parent, name, prop, [...path, name], (schema.required ?? []).includes(name));
      }
    }
  }

  fieldFor(parent, name, raw, path, required = false) {
    const schema = effective(raw);
    const id = `field-${path.join("-")}`;
    const type = scalarType(schema);
    let input;
    if (schema.enum) {
      input = el("select", { id, name: path.join(".") }, el("option", { value: "", text: schema.default !== undefined ? `(default: ${schema.default})` : "" }));
      for (const v of schema.enum) input.append(el("option", { value: String(v), text: String(v) }));
    } else if (type === "boolean") {
      input = el("input", { id, type: "checkbox", name: path.join(".") });
    } else {
      input = el("input", {
        id,
        type: type === "number" || type === "integer" ? "number" : "text",
        name: path.join("."),
        placeholder: schema.default !== undefined ? `default: ${Array.isArray(schema.default) ? schema.default.join(", ") : schema.default}` : type === "array" ? "comma-separated" : "",
        step: type === "integer" ? "1" : type === "number" ? "any" : undefined,
      });
    }
    const message = el("div", { class: "message" });
    const field = el(
      "div",
      { class: "field", "data-path": JSON.stringify(path) },
      el("label", { for: id }, `${schema.title ?? name}${required ? " *" : ""}`, el("span", { class: "name", text: name })),
      input,
      schema.description ? el("div", { class: "description", text: schema.description }) : null,
      message,
    );
    parent.append(field);
    const record = { path, schema, input, field, message };
    this.fields.push(record);
    input.addEventListener(input.tagName === "SELECT" || input.type === "checkbox" ? "change" : "input", () => this.onEdit(path, parseValue(schema, input)));
  }

  /** Shows validation messages at the fields whose value (or key) they point at. */
  showProblems(doc, diagnostics) {
    for (const f of this.fields) {
      const node = doc.getIn(f.path, true);
      const pair = findPair(doc, f.path);
      const ranges = [node?.range, pair?.key?.range].filter(Boolean);
      const hits = diagnostics.filter((d) => {
        const at = d.primary.range?.start.offset;
        return at !== undefined && ranges.some(([start, , end]) => at >= start && at <= end);
      });
      f.field.classList.toggle("invalid", hits.length > 0);
      f.message.textContent = hits.map((d) => d.message).join("; ");
    }
  }
}

function findPair(doc, path) {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!YAML.isMap(parent)) return null;
  return parent.items.find((p) => (YAML.isScalar(p.key) ? p.key.value : p.key) === path[path.length - 1]) ?? null;
}
