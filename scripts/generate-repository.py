#!/usr/bin/env python3
"""Writes a template repository of N bundles, made from the example bundles, for scale tests.

Each example template `fixtures/bundles/<name>/v1/` (and the component folder) is copied as
`<name>-<i>/v1/` until N bundles exist; service templates' registrations are rewritten to
name the copy of the environment template of the same round, so that the checks across
bundles have real work. Usage: generate-repository.py N OUT_DIR
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "fixtures" / "bundles"


def sources():
    """(name, folder, is_sync_layout) of every example bundle, in a fixed order."""
    out = []
    for entry in sorted(EXAMPLES.iterdir()):
        if (entry / "v1").is_dir():
            out.append((entry.name, entry / "v1", True))
        elif entry.is_dir():
            out.append((entry.name, entry, False))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    examples = sources()
    for i in range(count):
        name, folder, sync = examples[i % len(examples)]
        round_ = i // len(examples)
        dest = out / f"{name}-{round_}" / ("v1" if sync else "")
        shutil.copytree(folder, dest)
        registration = dest / ".template-registration.yaml"
        if registration.exists():
            text = registration.read_text()
            for env, _, _ in examples:
                text = text.replace(f"- {env}:1", f"- {env}-{round_}:1")
            registration.write_text(text)
    print(f"{count} bundles in {out}")


if __name__ == "__main__":
    main()
