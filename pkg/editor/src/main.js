// The protonkit spec editor: everything runs in this page, through protonkit's WebAssembly.

import init, { openBundle } from "../../dist/web/protonkit_wasm.js";
import { EditorView, basicSetup } from "codemirror";
import { hoverTooltip } from "@codemirror/view";
import { yaml as yamlLanguage } from "@codemirror/lang-yaml";
import { linter, lintGutter } from "@codemirror/lint";
import { autocompletion } from "@codemirror/autocomplete";
import YAML from "yaml";
import { readArchive, readFolder } from "./bundle-files.js";
import { SpecForm } from "./form.js";

const $ = (id) => document.getElementById(id);
const state = { bundle: null, schema: null, problems: [], name: "spec" };

const list = (ul, diagnostics, empty) => {
  ul.replaceChildren(
    ...diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = d.severity;
      const where = d.primary.range ? `${d.primary.range.file}:${d.primary.range.start.line}:${d.primary.range.start.column}` : d.primary.path;
      li.innerHTML = `<span class="where"></span> <code></code> <span class="message"></span>`;
      li.querySelector(".where").textContent = where;
      li.querySelector("code").textContent = `${d.severity}[${d.code}]`;
      li.querySelector(".message").textContent = d.message + (d.help ? `. ${d.help}` : "");
      return li;
    }),
  );
  if (diagnostics.length === 0 && empty) {
    const li = document.createElement("li");
    li.className = "ok";
    li.textContent = empty;
    ul.append(li);
  }
};

// --- the spec editor ---------------------------------------------------------------

const specLinter = linter(
  (view) =>
    state.problems
      .filter((d) => d.primary.range)
      .map((d) => ({
        from: Math.min(d.primary.range.start.offset, view.state.doc.length),
        to: Math.min(Math.max(d.primary.range.end.offset, d.primary.range.start.offset), view.state.doc.length),
        severity: d.severity === "info" ? "info" : d.severity,
        message: d.message + (d.help ? `\n${d.help}` : ""),
        source: `${d.code} ${d.rule}`,
      })),
  { delay: 50 },
);

const completionSource = (context) => {
  if (!state.bundle) return null;
  const text = context.state.doc.toString();
  const result = state.bundle.completions(text, context.pos);
  if (!result.items.length || (result.from === result.to && !context.explicit && !/[:\s-]$/.test(text.slice(0, context.pos)))) return null;
  return {
    from: result.from,
    to: result.to,
    options: result.items.map((i) => ({
      label: i.label,
      type: i.kind === "value" ? "enum" : "property",
      detail: i.detail,
      info: i.documentation,
      apply: i.insertText,
    })),
  };
};

const hover = hoverTooltip((view, pos) => {
  if (!state.bundle) return null;
  const h = state.bundle.hover(view.state.doc.toString(), pos);
  if (!h) return null;
  return {
    pos: h.from,
    end: h.to,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "hover";
      dom.textContent = h.contents.replace(/\*\*/g, "").replace(/`/g, "");
      return { dom };
    },
  };
});

let fromForm = false;
const view = new EditorView({
  parent: $("editor"),
  doc: "",
  extensions: [
    basicSetup,
    yamlLanguage(),
    lintGutter(),
    specLinter,
    autocompletion({ override: [completionSource], activateOnTyping: true }),
    hover,
    EditorView.updateListener.of((update) => {
      if (update.docChanged) specChanged(!fromForm);
    }),
  ],
});

const specText = () => view.state.doc.toString();

function setSpecText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

// --- the form -----------------------------------------------------------------------

const form = new SpecForm($("form"), (path, value) => {
  const doc = YAML.parseDocument(specText());
  if (doc.errors.length) return; // the YAML is being edited by hand: leave it alone
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, value);
  fromForm = true;
  try {
    setSpecText(doc.toString());
  } finally {
    fromForm = false;
  }
});

// --- keeping everything in step with the spec ---------------------------------------------

let previewTimer;
function specChanged(updateForm = true) {
  if (!state.bundle) return;
  const text = specText();
  state.problems = state.bundle.validateSpec(text).diagnostics;
  const errors = state.problems.filter((d) => d.severity === "error").length;
  $("spec-status").textContent = errors ? `${errors} error${errors > 1 ? "s" : ""}` : state.problems.length ? `${state.problems.length} warning(s)` : "valid";
  $("spec-status").className = `tag ${errors ? "error" : "ok"}`;
  list($("spec-problems"), state.problems);
  const doc = YAML.parseDocument(text);
  if (state.schema && !doc.errors.length) {
    if (updateForm) form.update(state.schema, doc);
    form.showProblems(doc, state.problems);
  }
  clearTimeout(previewTimer);
  previewTimer = setTimeout(refreshPreview, 60);
}

function refreshPreview() {
  if (!state.bundle) return;
  const text = specText();
  const doc = YAML.parseDocument(text);
  const names = (doc.toJS()?.instances ?? []).map((i) => i?.name).filter((n) => typeof n === "string");
  const instanceSelect = $("instance");
  instanceSelect.hidden = names.length === 0;
  const chosen = names.includes(instanceSelect.value) ? instanceSelect.value : names[0];
  instanceSelect.replaceChildren(...names.map((n) => new Option(n, n, false, n === chosen)));
  const result = state.bundle.render(text, chosen ? { instance: chosen, serviceName: state.name } : { environmentName: state.name });
  if (result.error) {
    $("preview").textContent = result.error;
    return;
  }
  list($("render-problems"), result.diagnostics);
  const outputSelect = $("output");
  const previous = outputSelect.value;
  const paths = result.files.map((f) => f.path);
  const pick = paths.includes(previous) ? previous : paths.find((p) => /cloudformation|\.tfvars\.json$|proton-inputs/.test(p)) ?? paths[0];
  outputSelect.replaceChildren(...paths.map((p) => new Option(p, p, false, p === pick)));
  $("preview").textContent = result.files.find((f) => f.path === pick)?.text ?? "(nothing rendered)";
}

$("instance").addEventListener("change", refreshPreview);
$("output").addEventListener("change", refreshPreview);

// --- opening bundles ------------------------------------------------------------------

function load({ name, files, specs }) {
  const opened = openBundle(files);
  if (opened.error) {
    $("bundle-name").textContent = opened.error;
    return;
  }
  state.bundle?.free();
  state.bundle = opened;
  state.name = name.split("/").filter((s) => !/^v[0-9]+$/.test(s)).pop()?.replace(/\.(zip|tgz|tar\.gz)$/, "") || "spec";
  $("bundle-name").textContent = name;
  const lint = opened.lint();
  $("bundle-kind").textContent = lint.kind;
  list($("bundle-findings"), lint.diagnostics, "No problems found.");
  const schema = opened.specJsonSchema();
  state.schema = schema.error ? null : schema.schema;
  if (!state.schema) $("form").replaceChildren(Object.assign(document.createElement("p"), { className: "muted", textContent: schema.error }));
  form.shape = "";
  const kind = lint.kind === "environment" ? "EnvironmentSpec" : "ServiceSpec";
  const existing = Object.entries(specs).find(([, text]) => text.includes(`proton: ${kind}`));
  const skeleton = opened.specSkeleton();
  setSpecText(existing ? existing[1] : skeleton.text ?? "");
  $("download").disabled = false;
  specChanged();
}

const failed = (e) => {
  $("bundle-name").textContent = `Cannot open: ${e.message ?? e}`;
};

$("open-folder").addEventListener("change", (e) => readFolder(e.target.files).then(load, failed));
$("open-archive").addEventListener("change", (e) => e.target.files[0] && readArchive(e.target.files[0]).then(load, failed));
document.addEventListener("dragover", (e) => {
  e.preventDefault();
  $("drop").hidden = false;
});
document.addEventListener("dragleave", (e) => {
  if (!e.relatedTarget) $("drop").hidden = true;
});
document.addEventListener("drop", (e) => {
  e.preventDefault();
  $("drop").hidden = true;
  const file = e.dataTransfer.files[0];
  if (file) readArchive(file).then(load, failed);
});

$("download").addEventListener("click", () => {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([specText()], { type: "application/yaml" }));
  link.download = `${state.name}.yaml`;
  link.click();
  URL.revokeObjectURL(link.href);
});

// --- start ----------------------------------------------------------------------------

await init({ module_or_path: new URL("./protonkit_wasm_bg.wasm", import.meta.url) });
if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js").catch(() => {});
window.protonkit = { view, state, load, openBundle };
document.body.dataset.ready = "true";
