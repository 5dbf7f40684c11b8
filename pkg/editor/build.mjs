// Builds the editor into editor/dist: the page, its bundled script, and the module.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
rmSync(here("dist"), { recursive: true, force: true });
mkdirSync(here("dist"));
await build({
  entryPoints: [here("src/main.js")],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  outfile: here("dist/main.js"),
  logLevel: "warning",
});
for (const file of ["index.html", "style.css", "sw.js"]) copyFileSync(here(file), here(`dist/${file}`));
copyFileSync(here("../dist/web/protonkit_wasm_bg.wasm"), here("dist/protonkit_wasm_bg.wasm"));
console.log("editor built in pkg/editor/dist");
