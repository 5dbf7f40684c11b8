// Fixture bundles of the repository as `files` objects (path -> text).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, gzipSync } from "node:zlib";

export const repo = process.env.PROTONKIT_REPO ?? fileURLToPath(new URL("../..", import.meta.url));

export function filesOf(dir) {
  const root = join(repo, dir);
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path).split("\\").join("/")] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return out;
}

export const read = (path) => readFileSync(join(repo, path), "utf8");

/** An environment bundle with `count` inputs of assorted types, and a spec of about
 * `count` lines for it (the benchmark's 200-line spec). */
export function largeBundle(count) {
  let properties = "";
  let spec = "proton: EnvironmentSpec\nspec:\n";
  for (let i = 0; i < count; i++) {
    switch (i % 4) {
      case 0:
        properties += `        name_${i}:\n          type: string\n          title: Name ${i}\n          pattern: "^[a-z][a-z0-9-]*$"\n          maxLength: 40\n`;
        spec += `  name_${i}: value-${i}\n`;
        break;
      case 1:
        properties += `        count_${i}:\n          type: number\n          minimum: 1\n          maximum: 100\n`;
        spec += `  count_${i}: ${i % 100 + 1}\n`;
        break;
      case 2:
        properties += `        size_${i}:\n          type: string\n          enum: [small, medium, large]\n`;
        spec += `  size_${i}: medium\n`;
        break;
      default:
        properties += `        flag_${i}:\n          type: boolean\n          default: false\n`;
        spec += `  flag_${i}: true\n`;
    }
  }
  const schema = `schema:\n  format:\n    openapi: "3.0.0"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n${properties}`;
  const files = {
    "schema/schema.yaml": schema,
    "infrastructure/manifest.yaml": "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n",
    "infrastructure/cloudformation.yaml": "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: '{{ environment.inputs.name_0 }}'\n",
  };
  return { files, spec };
}

/** A .tar.gz of `files` (ustar headers; paths are written as given, `..` included). */
export function tarGz(files) {
  const blocks = [];
  for (const [path, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const header = Buffer.alloc(512);
    header.write(path, 0, 100, "utf8");
    header.write("0000644\0", 100);
    header.write("0000000\0", 108);
    header.write("0000000\0", 116);
    header.write(data.length.toString(8).padStart(11, "0") + "\0", 124);
    header.write("00000000000\0", 136);
    header.write("        ", 148);
    header.write("0", 156);
    header.write("ustar\0" + "00", 257);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return new Uint8Array(gzipSync(Buffer.concat(blocks)));
}

/** A .zip of `files`, entries stored uncompressed. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [path, text] of Object.entries(files)) {
    const name = Buffer.from(path, "utf8");
    const data = Buffer.from(text, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
