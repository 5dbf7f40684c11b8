#!/usr/bin/env python3
"""Renders the same templates with protonkit and with Python Jinja2, and compares.

For each case (a bundle, a spec, optionally an outputs file) this runs
`protonkit render --out TMP --write-contexts`, then renders every template again with
Jinja2 (`StrictUndefined`, Jinja2's default whitespace, no extensions) from the context
protonkit wrote, and compares the two outputs byte for byte. A template protonkit could not
render must fail in Jinja2 too. Proton's four filters are not part of Jinja2; they are
implemented here as protonkit documents them (README, "Rendering").

Cases:
  DIR                 a folder with `bundle/`, `spec.yaml` and optionally `outputs.yaml`
  --examples DIR      each `<template>/v<N>/` bundle of DIR with the specs in `<template>/spec/`
  --corpus DIR        every CloudFormation bundle of the corpus with its specs (INDEX.md)

Usage: scripts/jinja2-differential.py [--protonkit BIN] [--examples DIR] [--corpus DIR] [DIR...]
Exit status: 0 when every output matched, 1 when one did not or a run failed.
"""

import argparse
import difflib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

import jinja2

LINE_BREAK = "\uf8ff"
PLAIN = re.compile(r"^[a-zA-Z0-9_-]*$")
POLICY_ARN = re.compile(r"^arn:[a-zA-Z-]+:iam::\d{12}:policy/")


def illegal(value, arn_allowed):
    or_arn = " or be a valid ARN" if arn_allowed else ""
    return ValueError(
        f'Illegal character(s) detected in "{value}". Must match regex ^[a-zA-Z0-9_-]*${or_arn}'
    )


def is_arn(value):
    parts = value.split(":", 5)
    return len(parts) == 6 and parts[0] == "arn" and all(parts[i] for i in (1, 2, 5))


def checked(outputs, raw):
    for value in outputs.values():
        if not raw and not PLAIN.match(str(value)):
            raise illegal(str(value), False)


def ecs_env_vars(outputs, raw=True):
    checked(outputs, raw)
    return LINE_BREAK.join(
        f"- Name: {json.dumps(str(k))}{LINE_BREAK}  Value: {json.dumps(str(v))}"
        for k, v in outputs.items()
    )


def lambda_env_vars(outputs, raw=True):
    checked(outputs, raw)
    return LINE_BREAK.join(f"{json.dumps(str(k))}: {json.dumps(str(v))}" for k, v in outputs.items())


def iam_policy_arns(outputs):
    return LINE_BREAK.join(
        f"- {json.dumps(str(v))}" for v in outputs.values() if POLICY_ARN.match(str(v))
    )


def sanitize(value):
    text = str(value)
    if PLAIN.match(text) or is_arn(text):
        return text
    raise illegal(text, True)


def indent_breaks(text):
    out = []
    for line in text.splitlines(keepends=True):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        out.append(line.replace(LINE_BREAK, "\n" + indent))
    return "".join(out)


def environment():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters.update(
        {
            "proton_cfn_ecs_task_definition_formatted_env_vars": ecs_env_vars,
            "proton_cfn_lambda_function_formatted_env_vars": lambda_env_vars,
            "proton_cfn_iam_policy_arns": iam_policy_arns,
            "proton_cfn_sanitize": sanitize,
        }
    )
    return env


def render(env, source, context):
    try:
        return indent_breaks(env.from_string(source).render(**context)), None
    except Exception as e:  # every Jinja2 failure is a render failure here
        return None, f"{type(e).__name__}: {e}"


def compare(protonkit, bundle, spec, outputs, env, verbose, placeholders):
    """(matched, mismatched, failed runs) for one case."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [protonkit, "render", bundle, "--spec", spec, "--out", out, "--write-contexts", "--format", "concise"]
        if outputs:
            cmd += ["--outputs", outputs]
        if placeholders:
            cmd.append("--placeholder-outputs")
        run = subprocess.run(cmd, capture_output=True, text=True, check=False)
        index_path = os.path.join(out, "protonkit-render.json")
        if run.returncode == 1 and "nothing rendered" in run.stdout + run.stderr:
            print(f"SPEC {bundle} with {spec}: protonkit refused the spec (not compared):")
            print("     " + "\n     ".join(l for l in (run.stdout + run.stderr).splitlines() if "error[" in l))
            return 0, 0, 0
        if run.returncode not in (0, 1) or not os.path.isfile(index_path):
            print(f"FAIL {bundle} with {spec}: protonkit exited {run.returncode}: {run.stderr.strip()} {run.stdout.strip()}")
            return 0, 0, 1
        with open(index_path, encoding="utf-8") as f:
            index = json.load(f)
        matched = mismatched = 0
        for entry in index:
            with open(entry["template"], encoding="utf-8") as f:
                source = f.read()
            with open(os.path.join(out, entry["context"]), encoding="utf-8") as f:
                context = json.load(f)
            expected, error = render(env, source, context)
            label = f"{entry['template']} ({os.path.basename(spec)})"
            if entry["output"] is None:
                if expected is None:
                    matched += 1
                    if verbose:
                        print(f"ok   {label}: both fail ({error})")
                else:
                    mismatched += 1
                    print(f"DIFF {label}: protonkit failed to render, Jinja2 rendered it")
                continue
            with open(os.path.join(out, entry["output"]), encoding="utf-8", newline="") as f:
                actual = f.read()
            if expected == actual:
                matched += 1
                if verbose:
                    print(f"ok   {label}")
            else:
                mismatched += 1
                print(f"DIFF {label}: " + (error or "outputs differ"))
                if expected is not None:
                    diff = difflib.unified_diff(
                        expected.splitlines(keepends=True),
                        actual.splitlines(keepends=True),
                        "jinja2",
                        "protonkit",
                    )
                    sys.stdout.writelines(list(diff)[:60])
        return matched, mismatched, 0


def example_cases(root):
    for template in sorted(os.listdir(root)):
        spec_dir = os.path.join(root, template, "spec")
        if not os.path.isdir(spec_dir):
            continue
        for version in sorted(os.listdir(os.path.join(root, template))):
            if re.fullmatch(r"v[1-9][0-9]*", version):
                for spec in sorted(os.listdir(spec_dir)):
                    yield os.path.join(root, template, version), os.path.join(spec_dir, spec), None


def corpus_cases(corpus):
    here = os.path.dirname(os.path.abspath(__file__))
    loader = importlib.util.spec_from_file_location("corpus_specs", os.path.join(here, "corpus-specs.py"))
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    for bundle, specs in module.pairs(corpus):
        path = os.path.join(corpus, bundle)
        if not any(
            os.path.isfile(os.path.join(path, d, "cloudformation.yaml"))
            or any(f.endswith((".yaml", ".yml", ".json")) and f != "manifest.yaml" for f in os.listdir(os.path.join(path, d)))
            for d in ("infrastructure", "instance_infrastructure", "pipeline_infrastructure")
            if os.path.isdir(os.path.join(path, d))
        ):
            continue
        for spec in specs:
            spec = os.path.join(corpus, spec)
            # The AWS template checker keeps `sample-outputs.yaml` in the bundle's `spec/`.
            samples = [os.path.join(d, "sample-outputs.yaml") for d in (os.path.dirname(spec), os.path.join(path, "spec"))]
            yield path, spec, next((s for s in samples if os.path.isfile(s)), None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--protonkit", default=os.path.join(here, "target", "release", "protonkit"))
    parser.add_argument("--examples")
    parser.add_argument("--corpus")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--placeholder-outputs", action="store_true", help="pass --placeholder-outputs to protonkit render")
    args = parser.parse_args()
    cases = []
    for case in args.cases:
        outputs = os.path.join(case, "outputs.yaml")
        cases.append((os.path.join(case, "bundle"), os.path.join(case, "spec.yaml"), outputs if os.path.isfile(outputs) else None))
    if args.examples:
        cases.extend(example_cases(args.examples))
    if args.corpus:
        cases.extend(corpus_cases(args.corpus))
    env = environment()
    totals = [0, 0, 0]
    for bundle, spec, outputs in cases:
        for i, n in enumerate(compare(args.protonkit, bundle, spec, outputs, env, args.verbose, args.placeholder_outputs)):
            totals[i] += n
    matched, mismatched, failed = totals
    print(f"{len(cases)} cases: {matched} templates identical to Jinja2 (or failing in both), {mismatched} different, {failed} runs failed")
    return 1 if mismatched or failed else 0


if __name__ == "__main__":
    sys.exit(main())
