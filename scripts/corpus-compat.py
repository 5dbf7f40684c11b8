#!/usr/bin/env python3
"""Compare the copies of one template found in the corpus with `protonkit diff`.

The corpus (../shared/corpus) holds public template bundles; several templates appear more
than once: forks, workshop copies, the same sample in two repositories. Every copy sits in a
`v<N>` folder chosen by its author. This script groups the bundles by template name (the
folder above `v<N>`, or the bundle folder), compares every copy with the first one (in path
order) in both directions, and prints the verdicts and change ids, so that one can see which
copies a template-sync repository could take as a minor version of the other.

Usage: scripts/corpus-compat.py [CORPUS] [--protonkit PATH]
Exit status: 0 when every comparison ran (whatever the verdicts), 1 when protonkit failed.
"""

import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys

INFRA = ("infrastructure", "instance_infrastructure", "pipeline_infrastructure")


def bundles(corpus):
    for schema in sorted(corpus.glob("**/schema/schema.yaml")):
        root = schema.parent.parent
        if "specs" in root.relative_to(corpus).parts:
            continue
        if any((root / d / "manifest.yaml").is_file() for d in INFRA):
            yield root


def template_name(root):
    return root.parent.name if re.fullmatch(r"v[1-9][0-9]*", root.name) else root.name


def diff(protonkit, base, revision):
    out = subprocess.run(
        [protonkit, "diff", str(base), str(revision), "--format", "json", "--fail-on", "patch"],
        capture_output=True,
        text=True,
    )
    if out.returncode not in (0, 1):
        raise RuntimeError(f"protonkit diff {base} {revision}: {out.stderr.strip()}")
    return json.loads(out.stdout)


def summary(report):
    ids = collections.Counter(c["id"] for c in report["changes"])
    majors = sorted({c["id"] for c in report["changes"] if c["level"] == "major"})
    listed = ", ".join(f"{i} x{n}" if n > 1 else i for i, n in sorted(ids.items())) or "-"
    return report["verdict"], majors, listed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = pathlib.Path(__file__).resolve().parent.parent
    parser.add_argument("corpus", nargs="?", default=here.parent / "shared" / "corpus", type=pathlib.Path)
    parser.add_argument("--protonkit", default=str(here / "target" / "release" / "protonkit"))
    args = parser.parse_args()
    groups = collections.defaultdict(list)
    for root in bundles(args.corpus):
        groups[template_name(root)].append(root)
    compared = 0
    for name, roots in sorted(groups.items()):
        if len(roots) < 2:
            continue
        first = roots[0]
        print(f"## {name}: {len(roots)} copies, base {first.relative_to(args.corpus)}")
        for other in roots[1:]:
            forward = summary(diff(args.protonkit, first, other))
            backward = summary(diff(args.protonkit, other, first))
            compared += 1
            print(f"- {other.relative_to(args.corpus)} (author's folder: {other.name})")
            print(f"  base -> copy: {forward[0]}; major: {', '.join(forward[1]) or '-'}")
            print(f"    all: {forward[2]}")
            print(f"  copy -> base: {backward[0]}; major: {', '.join(backward[1]) or '-'}")
    print(f"\n{compared} copies compared with their group's first copy, in both directions")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
