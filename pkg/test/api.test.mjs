// The npm package in Node.js, imported by its name as users import it.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  lintBundle, validateSpec, render, diff, specSkeleton, specJsonSchema, completions, hover, version, openBundle,
} from "protonkit";
import { filesOf, read, largeBundle, tarGz, zip } from "./fixtures.mjs";

const web = filesOf("fixtures/bundles/web-svc/v1");
const storefront = read("fixtures/bundles/web-svc/spec/storefront.yaml");

test("the example bundles lint clean and say what they are", () => {
  assert.deepEqual(lintBundle(web), { kind: "service", diagnostics: [] });
  assert.equal(lintBundle(filesOf("fixtures/bundles/network-env/v1")).kind, "environment");
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("a rule fixture's finding comes with its rule, severity and UTF-16 position", () => {
  const result = lintBundle(filesOf("fixtures/rules/P020-unknown-manifest-key/bad"));
  const finding = result.diagnostics.find((d) => d.code === "P020");
  assert.ok(finding, JSON.stringify(result));
  assert.equal(finding.rule, "unknown-manifest-key");
  assert.equal(finding.severity, "warning");
  assert.ok(finding.primary.range.start.line >= 1);
  assert.ok(finding.url.endsWith("#p020-unknown-manifest-key"));
});

test("spec findings point at the value, in UTF-16 columns and offsets", () => {
  const broken = storefront.replace("size: large", "size: «huge»");
  const { diagnostics } = validateSpec(web, broken);
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.rule, "input-not-in-enum");
  const start = broken.indexOf("«huge»"); // a JS index is a UTF-16 offset
  assert.equal(d.primary.range.start.offset, start);
  const line = broken.slice(0, start).split("\n").length;
  assert.equal(d.primary.range.start.line, line);
  assert.equal(d.primary.range.file, "spec.yaml");
  assert.deepEqual(validateSpec(web, storefront), { diagnostics: [] });
});

test("a UTF-16 column counts an emoji as two units", () => {
  const spec = storefront.replace("image: public.ecr.aws/example/storefront:2.3", "image: public.ecr.aws/example/storefront:2.3\n      size: 😀😀");
  const d = validateSpec(web, spec).diagnostics.find((x) => x.rule === "input-not-in-enum");
  const offset = spec.indexOf("😀😀");
  assert.equal(d.primary.range.start.offset, offset);
  assert.equal(d.primary.range.end.offset, offset + 4);
});

test("rendering gives every instance and the pipeline, or one instance", () => {
  const all = render(web, storefront);
  assert.deepEqual(all.diagnostics, []);
  const paths = all.files.map((f) => f.path);
  assert.ok(paths.includes("instances/storefront-dev/instance_infrastructure/cloudformation.yaml"), paths.join());
  assert.ok(paths.some((p) => p.startsWith("pipeline/")));
  const one = render(web, storefront, { instance: "storefront-prod" });
  assert.ok(one.files.every((f) => f.path.startsWith("instances/storefront-prod/")));
  assert.match(one.files[0].text, /storefront:2\.2/);
  const missing = render(web, storefront, { instance: "nope" });
  assert.equal(missing.files.length, 0);
  assert.match(missing.diagnostics[0].message, /no instance named `nope`/);
});

test("archives load like folders; garbage is an error value, not an exception", () => {
  const zipped = lintBundle(zip(filesOf("fixtures/bundles/bucket-component")));
  assert.deepEqual(zipped, { kind: "component", diagnostics: [] });
  const tgz = lintBundle(tarGz(web));
  assert.deepEqual(tgz, { kind: "service", diagnostics: [] });
  const escaping = lintBundle(tarGz({ ...web, "../outside.yaml": "x: 1\n" }));
  assert.ok(escaping.diagnostics.some((d) => d.rule === "refused-bundle-entry"), JSON.stringify(escaping));
  assert.match(lintBundle(new Uint8Array([1, 2, 3])).error, /not a \.tar\.gz or \.zip/);
  assert.match(lintBundle(42).error, /`files` must be an object/);
  assert.match(render(web, storefront, { instance: 7 }).error, /invalid options/);
});

test("diff classifies a change and points into both sides", () => {
  const base = filesOf("fixtures/compat/input-became-required/base");
  const revision = filesOf("fixtures/compat/input-became-required/revision");
  const result = diff(base, revision);
  assert.equal(result.verdict, "major");
  assert.equal(result.changes[0].id, "input-became-required");
  assert.equal(result.changes[0].revision.file, "schema/schema.yaml");
  assert.equal(diff(base, base).verdict, "none");
  assert.match(diff(base, revision, { policy: "lenient" }).error, /unknown policy/);
});

test("skeleton and JSON Schema describe the inputs", () => {
  const { text } = specSkeleton(web, { instance: "api", environment: "prod" });
  assert.match(text, /proton: ServiceSpec/);
  assert.match(text, /name: api/);
  assert.deepEqual(validateSpec(web, text).diagnostics.filter((d) => d.severity === "error"), []);
  const { schema } = specJsonSchema(web);
  assert.equal(schema.properties.proton.const, "ServiceSpec");
  assert.match(specJsonSchema(filesOf("fixtures/bundles/bucket-component")).error, /takes no spec/);
});

test("completions offer the inputs not yet given, enum values and instance keys", () => {
  const at = (text, marker) => text.indexOf(marker);
  // An instance's spec: `image` and `size` are there in the prod instance, `port` is not.
  const text = storefront.replace("      size: large\n", "      size: large\n      \n");
  const cursor = at(text, "size: large\n      \n") + "size: large\n      ".length;
  const keys = completions(web, text, cursor);
  const labels = keys.items.map((i) => i.label);
  assert.ok(!labels.includes("size") && !labels.includes("image"), labels.join());
  assert.ok(keys.items.every((i) => i.kind === "input"));
  assert.equal(keys.from, cursor);

  const value = text.indexOf("size: large") + "size: ".length;
  const values = completions(web, text, value + 2);
  assert.deepEqual(values.items.map((i) => i.label).slice(0, 3), ["small", "medium", "large"]);
  assert.equal(values.from, value);

  const item = "instances:\n  - n";
  const instanceKeys = completions(web, `proton: ServiceSpec\n${item}`, `proton: ServiceSpec\n${item}`.length);
  assert.deepEqual(instanceKeys.items.map((i) => i.label), ["name", "environment", "spec"]);
  const top = completions(web, "pro", 3);
  assert.deepEqual(top.items.map((i) => i.label), ["proton", "instances", "pipeline"]);
  assert.deepEqual(completions(web, "proton: ", 8).items.map((i) => i.label), ["ServiceSpec", "EnvironmentSpec"]);
});

test("an open bundle answers like the functions, and frees", () => {
  const bundle = openBundle(web);
  assert.equal(bundle.kind, "service");
  assert.deepEqual(bundle.lint(), lintBundle(web));
  const broken = storefront.replace("size: large", "size: huge");
  assert.deepEqual(bundle.validateSpec(broken), validateSpec(web, broken));
  assert.deepEqual(bundle.render(storefront), render(web, storefront));
  bundle.free();
  assert.match(openBundle(null).error, /`files` must be an object/);
});

test("hover shows an input's type, title and description", () => {
  const offset = storefront.indexOf("image: public.ecr.aws/example/storefront:2.2") + 2;
  const h = hover(web, storefront, offset);
  assert.ok(h, "hover on `image`");
  assert.match(h.contents, /^\*\*image\*\* \(string\)\n\nContainer image/);
  assert.equal(storefront.slice(h.from, h.to), "image");
  assert.equal(hover(web, storefront, 0), null);
});

test("benchmark: validateSpec on a 200-line spec (median of 100 runs, printed)", () => {
  const { files, spec } = largeBundle(200);
  assert.equal(spec.split("\n").length, 203);
  const bundle = openBundle(files);
  assert.deepEqual(bundle.validateSpec(spec).diagnostics, []);
  const median = (f) => {
    const times = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      f();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[50].toFixed(3);
  };
  const kept = median(() => bundle.validateSpec(spec));
  const once = median(() => validateSpec(files, spec));
  console.log(`validateSpec, 200-line spec, Node ${process.version}: median ${kept} ms with an open bundle, ${once} ms parsing the bundle on every call`);
  bundle.free();
});
