// The spec editor in headless Chromium (Debian's, driven by playwright-core): open a bundle,
// type an invalid value and see it marked, fix it, fill a form field and see the YAML and
// the rendered preview change. Screenshots go to target/editor-screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../editor/serve.mjs";
import { repo, largeBundle } from "../test/fixtures.mjs";

const shots = join(repo, "target/editor-screenshots");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
let server;
let browser;
let page;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("pageerror", (e) => console.error("page error:", e));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Selects `word` in the editor where it first follows `after`, ready to be typed over. */
async function select(after, word) {
  await page.evaluate(([after, word]) => {
    const { view } = window.protonkit;
    const text = view.state.doc.toString();
    const at = text.indexOf(after) + after.length;
    if (text.slice(at, at + word.length) !== word) throw new Error(`no \`${word}\` after \`${after}\``);
    view.dispatch({ selection: { anchor: at, head: at + word.length } });
    view.focus();
  }, [after, word]);
}

const specText = () => page.evaluate(() => window.protonkit.view.state.doc.toString());

test("opening a bundle folder shows its findings, its spec and its form", async () => {
  await page.setInputFiles("#open-folder", join(repo, "fixtures/bundles/web-svc"));
  await page.waitForFunction(() => document.getElementById("bundle-kind").textContent === "service");
  assert.equal(await page.textContent("#bundle-findings"), "No problems found.");
  assert.match(await specText(), /name: storefront-prod/);
  assert.equal(await page.textContent("#spec-status"), "valid");
  assert.ok(await page.isVisible("#field-instances-0-spec-port"));
  await page.screenshot({ path: join(shots, "1-opened.png") });
});

test("an invalid value is marked as it is typed, with its message", async () => {
  await select("size: ", "large");
  await page.keyboard.type("huge", { delay: 20 });
  await page.waitForSelector(".cm-lintRange-error");
  const problems = await page.textContent("#spec-problems");
  assert.match(problems, /`huge`, which is not one of `small`, `medium`, `large`/);
  assert.equal(await page.textContent("#spec-status"), "1 error");
  // The form shows the message at the field too.
  assert.match(await page.textContent("[data-path='[\"instances\",1,\"spec\",\"size\"]'] .message"), /huge/);
  await page.hover(".cm-lintRange-error");
  await page.waitForSelector(".cm-tooltip-lint");
  await page.screenshot({ path: join(shots, "2-invalid-value.png") });
});

test("fixing the value removes the marker", async () => {
  await select("size: ", "huge");
  await page.keyboard.type("medium", { delay: 20 });
  await page.waitForFunction(() => document.querySelectorAll(".cm-lintRange-error").length === 0);
  assert.equal(await page.textContent("#spec-status"), "valid");
  assert.equal(await page.textContent("#spec-problems"), "");
});

test("a form field writes the YAML, and the preview renders the new value", async () => {
  await page.fill("#field-instances-0-spec-port", "9090");
  await page.waitForFunction(() => window.protonkit.view.state.doc.toString().includes("port: 9090"));
  const text = await specText();
  const dev = text.slice(text.indexOf("name: storefront-dev"), text.indexOf("name: storefront-prod"));
  assert.match(dev, /port: 9090/);
  await page.selectOption("#instance", "storefront-dev");
  await page.waitForFunction(() => document.getElementById("preview").textContent.includes("ContainerPort: 9090"));
  assert.match(await page.inputValue("#output"), /instances\/storefront-dev\/instance_infrastructure\/cloudformation\.yaml/);
  await page.screenshot({ path: join(shots, "3-form-and-preview.png") });
});

test("typing a key offers the inputs not yet given, with their types", async () => {
  await page.evaluate(() => {
    const { view } = window.protonkit;
    const text = view.state.doc.toString();
    const at = text.indexOf("      port: 9090\n") + "      port: 9090\n".length;
    view.dispatch({ changes: { from: at, insert: "      \n" }, selection: { anchor: at + 6 } });
    view.focus();
  });
  await page.keyboard.type("s");
  await page.waitForSelector(".cm-tooltip-autocomplete");
  const options = await page.$$eval(".cm-tooltip-autocomplete li", (lis) => lis.map((li) => li.textContent));
  assert.ok(options.some((o) => o.startsWith("size")), options.join(" | "));
  assert.ok(!options.some((o) => o.startsWith("image")), options.join(" | "));
  await page.keyboard.press("Escape");
});

test("benchmark: validateSpec on a 200-line spec in Chromium (median of 100 runs, printed)", async () => {
  const { files, spec } = largeBundle(200);
  const result = await page.evaluate(
    ([files, spec]) => {
      const bundle = window.protonkit.openBundle(files);
      const errors = bundle.validateSpec(spec).diagnostics.length;
      const times = [];
      for (let i = 0; i < 100; i++) {
        const started = performance.now();
        bundle.validateSpec(spec);
        times.push(performance.now() - started);
      }
      bundle.free();
      times.sort((a, b) => a - b);
      return { errors, median: times[50], p90: times[90] };
    },
    [files, spec],
  );
  assert.equal(result.errors, 0);
  console.log(`validateSpec, 200-line spec, Chromium ${browser.version()}: median ${result.median.toFixed(3)} ms, p90 ${result.p90.toFixed(3)} ms`);
});
