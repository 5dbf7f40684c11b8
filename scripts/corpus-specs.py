#!/usr/bin/env python3
"""Validates every spec of the shared corpus against the bundle it belongs to.

The corpus index (`INDEX.md`) pairs each bundle with its spec files. For each pair this runs
`protonkit spec validate --format json` and prints a count of findings per rule code; with
`--init` it also checks that `protonkit spec init` output validates for every bundle.

Usage: scripts/corpus-specs.py [--corpus DIR] [--protonkit BIN] [--init] [--verbose]
Exit status: 0 when every run exited 0 or 1 (findings are expected), 1 when a run failed
otherwise (a crash, an I/O error) or an `init` skeleton did not validate.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def pairs(corpus):
    """(bundle dir, [spec files]) for every row of INDEX.md that names specs."""
    with open(os.path.join(corpus, "INDEX.md"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("| `"):
                continue
            cells = [c.strip() for c in line.split("|")[1:-1]]
            if len(cells) < 7:
                continue
            bundle = cells[0].strip("`")
            specs = re.findall(r"`([^`\s]+\.ya?ml)", cells[6])
            yield bundle, [s for s in specs if is_spec_for(os.path.join(corpus, s), cells[2])]


def is_spec_for(path, kind):
    """Whether `path` is a spec for a bundle of `kind`: the index also lists sync files,
    `.template-registration.yaml` and the environment spec a service test needs."""
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    match = re.search(r"^proton:\s*\"?(\w+)", text, re.MULTILINE)
    if not match:
        return False
    wanted = {"environment": "EnvironmentSpec", "service": "ServiceSpec"}.get(kind)
    return wanted is None or match.group(1) == wanted


def bundles(corpus):
    for bundle, _ in pairs(corpus):
        yield bundle


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="../shared/corpus")
    parser.add_argument("--protonkit", default="target/release/protonkit")
    parser.add_argument("--init", action="store_true", help="also check `spec init` output")
    parser.add_argument("--verbose", action="store_true", help="print every finding")
    args = parser.parse_args()

    failures = 0
    per_code = collections.Counter()
    validated = 0
    for bundle, specs in pairs(args.corpus):
        bundle_dir = os.path.join(args.corpus, bundle)
        for spec in specs:
            spec_path = os.path.join(args.corpus, spec)
            proc = run([args.protonkit, "spec", "validate", "--bundle", bundle_dir, spec_path, "--format", "json"])
            if proc.returncode not in (0, 1):
                print(f"FAIL {spec}: exit {proc.returncode}\n{proc.stderr}", file=sys.stderr)
                failures += 1
                continue
            validated += 1
            for finding in json.loads(proc.stdout):
                per_code[f"{finding['code']} {finding['name']}"] += 1
                if args.verbose:
                    print(f"{spec}:{finding['line']}:{finding['column']}: {finding['severity']}[{finding['code']}] {finding['message']}")
    print(f"{validated} corpus specs validated")
    for code, n in sorted(per_code.items()):
        print(f"  {n:4}  {code}")

    if args.init:
        checked = 0
        with tempfile.TemporaryDirectory() as tmp:
            for bundle in bundles(args.corpus):
                bundle_dir = os.path.join(args.corpus, bundle)
                out = os.path.join(tmp, "spec.yaml")
                proc = run([args.protonkit, "spec", "init", "--bundle", bundle_dir, "--output", out, "--force"])
                if proc.returncode != 0:
                    # Components and bundles without input types take no spec.
                    if "take no spec" in proc.stderr or "no input type" in proc.stderr:
                        continue
                    print(f"FAIL spec init {bundle}: exit {proc.returncode}\n{proc.stderr}", file=sys.stderr)
                    failures += 1
                    continue
                proc = run([args.protonkit, "spec", "validate", "--bundle", bundle_dir, out, "--fail-on", "warning", "--color", "never"])
                checked += 1
                if proc.returncode != 0:
                    print(f"FAIL spec init output for {bundle} does not validate:\n{proc.stdout}{proc.stderr}", file=sys.stderr)
                    failures += 1
        print(f"{checked} `spec init` skeletons validate")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
