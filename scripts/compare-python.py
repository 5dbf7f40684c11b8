#!/usr/bin/env python3
"""protonkit side by side with the Python pipeline the AWS sample tools use.

For each case (a bundle and a spec), both sides do the same work: parse the bundle's
schema and manifests and the spec, validate each input section of the spec against its
input type, and render every template (Jinja2 with `StrictUndefined` for CloudFormation;
the JSON of the inputs that Proton writes for Terraform and CodeBuild). The Python side is
PyYAML + jsonschema + Jinja2 from PyPI; it renders with the contexts protonkit wrote (read
before timing, so Python is not charged for building them).

Two measures, in one run:
  in-process     time per bundle once running: Python in a loop here; protonkit through
                 `cargo bench --bench pipeline` (the same loop in Rust)
  whole-process  one command per bundle, start-up included (what a pre-commit hook pays):
                 `protonkit render ...` against `python3 compare-python.py --single ...`

Usage:
  scripts/compare-python.py [--protonkit BIN] [--examples DIR] [--corpus DIR] [--runs N]
Prints a table with the per-bundle ratios and the median ratios.
"""

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import jinja2
import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MEASURE_SECONDS = 0.3
INPUT_TYPES = {
    "infrastructure": "environment_input_type",
    "instance_infrastructure": "service_input_type",
    "pipeline_infrastructure": "pipeline_input_type",
}


def differential():
    """The Jinja2 environment with Proton's filters, and the case lists, shared with
    jinja2-differential.py."""
    loader = importlib.util.spec_from_file_location("differential", os.path.join(HERE, "jinja2-differential.py"))
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    return module


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def prepare(protonkit, bundle, spec, out):
    """Everything the Python side reads, in memory: the bundle's YAML files, the spec, and
    per rendered unit its template text and the context protonkit wrote."""
    run = subprocess.run(
        [protonkit, "render", bundle, "--spec", spec, "--out", out, "--write-contexts", "--placeholder-outputs", "--format", "concise"],
        capture_output=True,
        text=True,
        check=False,
    )
    index_path = os.path.join(out, "protonkit-render.json")
    if run.returncode not in (0, 1) or not os.path.isfile(index_path):
        return None
    with open(index_path, encoding="utf-8") as f:
        index = json.load(f)
    yaml_files = {}
    for rel in ["schema/schema.yaml"] + [f"{d}/manifest.yaml" for d in INPUT_TYPES]:
        path = os.path.join(bundle, rel)
        if os.path.isfile(path):
            yaml_files[rel] = read_text(path)
    units = []
    for entry in index:
        with open(os.path.join(out, entry["context"]), encoding="utf-8") as f:
            units.append((read_text(entry["template"]), json.load(f)))
    return {"yaml": yaml_files, "spec": read_text(spec), "units": units}


def sections(spec):
    """(folder, inputs) for each input section of a parsed spec."""
    if not isinstance(spec, dict):
        return []
    if spec.get("proton") == "EnvironmentSpec":
        return [("infrastructure", spec.get("spec") or {})]
    out = [("instance_infrastructure", (i or {}).get("spec") or {}) for i in spec.get("instances") or []]
    if "pipeline" in spec:
        out.append(("pipeline_infrastructure", spec.get("pipeline") or {}))
    return out


def pipeline(env, case):
    """The Python pipeline for one bundle; returns (validation errors, rendered files)."""
    parsed = {rel: yaml.safe_load(text) for rel, text in case["yaml"].items()}
    spec = yaml.safe_load(case["spec"])
    schema = (parsed.get("schema/schema.yaml") or {}).get("schema") or {}
    types = schema.get("types") or {}
    errors = 0
    rendered = []
    for folder, inputs in sections(spec):
        type_name = schema.get(INPUT_TYPES[folder])
        if type_name in types:
            validator = jsonschema.Draft4Validator(types[type_name])
            errors += sum(1 for _ in validator.iter_errors(inputs))
        manifest = (parsed.get(f"{folder}/manifest.yaml") or {}).get("infrastructure") or {}
        for template in manifest.get("templates") or []:
            if template.get("rendering_engine") != "jinja":
                rendered.append(json.dumps({"inputs": inputs}, indent=2))
        if manifest.get("provisioning") == "CUSTOMER_MANAGED":
            rendered.append(json.dumps({"inputs": inputs}, indent=2))
    for source, context in case["units"]:
        try:
            rendered.append(env.from_string(source).render(**context))
        except Exception:  # a template that fails fails in protonkit too (differential)
            rendered.append(None)
    return errors, rendered


def python_in_process(env, case):
    pipeline(env, case)
    started, runs = time.perf_counter(), 0
    while time.perf_counter() - started < MEASURE_SECONDS:
        pipeline(env, case)
        runs += 1
    return (time.perf_counter() - started) / runs


def rust_in_process(cases):
    """ns per bundle for each case, from the `pipeline` bench (built in release mode)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump([{"bundle": b, "spec": s} for b, s in cases], f)
    try:
        run = subprocess.run(
            ["cargo", "bench", "--quiet", "--bench", "pipeline", "--", f.name],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )
    finally:
        os.unlink(f.name)
    lines = [json.loads(l) for l in run.stdout.splitlines() if l.startswith("{")]
    return {(l["bundle"], l["spec"]): l.get("ns_per_iter") for l in lines}


def median_time(cmd, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def single(bundle, spec, out):
    """`--single`: the whole Python pipeline for one bundle, as one process would run it
    (reads protonkit's contexts from OUT, written before timing)."""
    case = prepare_from(bundle, spec, out)
    env = differential().environment()
    pipeline(env, case)


def prepare_from(bundle, spec, out):
    with open(os.path.join(out, "protonkit-render.json"), encoding="utf-8") as f:
        index = json.load(f)
    yaml_files = {
        rel: read_text(os.path.join(bundle, rel))
        for rel in ["schema/schema.yaml"] + [f"{d}/manifest.yaml" for d in INPUT_TYPES]
        if os.path.isfile(os.path.join(bundle, rel))
    }
    units = []
    for entry in index:
        with open(os.path.join(out, entry["context"]), encoding="utf-8") as f:
            units.append((read_text(entry["template"]), json.load(f)))
    return {"yaml": yaml_files, "spec": read_text(spec), "units": units}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protonkit", default=os.path.join(ROOT, "target/release/protonkit"))
    parser.add_argument("--examples", default=os.path.join(ROOT, "fixtures/bundles"))
    parser.add_argument("--corpus")
    parser.add_argument("--runs", type=int, default=10, help="whole-process runs per bundle (median)")
    parser.add_argument("--single", nargs=3, metavar=("BUNDLE", "SPEC", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        single(*args.single)
        return 0

    module = differential()
    env = module.environment()
    cases = [(b, s) for b, s, _ in module.example_cases(args.examples)]
    if args.corpus:
        cases += [(b, s) for b, s, _ in module.corpus_cases(args.corpus)]
    cases = [(os.path.abspath(b), os.path.abspath(s)) for b, s in cases]

    rust = rust_in_process(cases)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (bundle, spec) in enumerate(cases):
            out = os.path.join(tmp, str(n))
            case = prepare(args.protonkit, bundle, spec, out)
            if case is None or not rust.get((bundle, spec)):
                print(f"skipped {bundle} with {spec}: protonkit could not render it", file=sys.stderr)
                continue
            py_in = python_in_process(env, case)
            rs_in = rust[(bundle, spec)] / 1e9
            render_cmd = [args.protonkit, "render", bundle, "--spec", spec, "--out", os.path.join(tmp, "w"), "--placeholder-outputs"]
            rs_proc = median_time(render_cmd, args.runs)
            py_proc = median_time([sys.executable, os.path.abspath(__file__), "--single", bundle, spec, out], args.runs)
            rows.append((os.path.relpath(bundle, ROOT), os.path.basename(spec), py_in, rs_in, py_proc, rs_proc))

    print(f"{'bundle':<48} {'spec':<22} {'python':>9} {'protonkit':>9} {'ratio':>6}   {'python':>8} {'protonkit':>9} {'ratio':>6}")
    print(f"{'':<48} {'':<22} {'in-process (per bundle)':>26}   {'whole process':>25}")
    for bundle, spec, py_in, rs_in, py_proc, rs_proc in rows:
        print(f"{bundle[-48:]:<48} {spec[:22]:<22} {py_in*1e3:>7.2f}ms {rs_in*1e3:>7.3f}ms {py_in/rs_in:>5.0f}x   {py_proc*1e3:>6.0f}ms {rs_proc*1e3:>7.1f}ms {py_proc/rs_proc:>5.1f}x")
    if rows:
        print(
            f"median ratio over {len(rows)} bundles: in-process {statistics.median(r[2]/r[3] for r in rows):.0f}x, "
            f"whole process {statistics.median(r[4]/r[5] for r in rows):.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
