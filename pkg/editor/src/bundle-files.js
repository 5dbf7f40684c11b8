// Reading a bundle chosen in the page: a folder (directory picker) or an archive.

const SPEC_DIRS = ["spec/", "specs/"];

/** Whether `dir` (ending in `/`, or "") holds a bundle among `paths`. */
function isBundleRoot(paths, dir) {
  return (
    paths.has(`${dir}schema/schema.yaml`) ||
    paths.has(`${dir}manifest.yaml`) ||
    ["infrastructure", "instance_infrastructure", "pipeline_infrastructure"].some((d) => paths.has(`${dir}${d}/manifest.yaml`))
  );
}

/** The bundle root among a folder's paths: the folder itself, or in a template-sync
 * layout (`<name>/v<N>/`) the highest major version. */
export function bundleRoot(paths) {
  const set = new Set(paths);
  const dirs = new Set([""]);
  for (const path of paths) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/") + "/");
  }
  const roots = [...dirs].filter((d) => isBundleRoot(set, d));
  if (roots.length === 0) return null;
  const major = (d) => Number(/(?:^|\/)v([1-9][0-9]*)\/$/.exec(d)?.[1] ?? 0);
  roots.sort((a, b) => a.split("/").length - b.split("/").length || major(b) - major(a));
  return roots[0];
}

/** Files of a directory pick: `{ name, files, specs }` with bundle-relative paths, and the
 * spec files found in `spec/` beside or inside the bundle. */
export async function readFolder(fileList) {
  const entries = [...fileList].map((f) => [f.webkitRelativePath || f.name, f]);
  const paths = entries.map(([p]) => p);
  const root = bundleRoot(paths);
  if (root === null) throw new Error("no bundle in this folder: it has no schema/schema.yaml or manifest.yaml");
  const parent = root.replace(/[^/]+\/$/, "");
  const files = {};
  const specs = {};
  for (const [path, file] of entries) {
    if (path.startsWith(root)) {
      const rel = path.slice(root.length);
      if (!rel.split("/").some((s) => s === ".git" || s === "node_modules")) files[rel] = await file.text();
    }
    for (const base of new Set([root, parent])) {
      const rel = path.slice(base.length);
      if (path.startsWith(base) && SPEC_DIRS.some((d) => rel.startsWith(d)) && /\.ya?ml$/i.test(rel)) {
        specs[path] = await file.text();
      }
    }
  }
  return { name: root.replace(/\/$/, "") || "(folder)", files, specs };
}

/** The bytes of an archive. */
export async function readArchive(file) {
  return { name: file.name, files: new Uint8Array(await file.arrayBuffer()), specs: {} };
}
