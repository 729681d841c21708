"""Builds the zip that Krita's Tools > Scripts > Import Python Plugin from File accepts.

The zip holds ``easel_krita.desktop`` and the ``easel_krita/`` package at its top level, which is
the layout Krita's importer expects. Usage: ``python3 tools/package.py [OUT.zip]``.
"""

import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def build(out):
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(os.path.join(ROOT, "easel_krita.desktop"), "easel_krita.desktop")
        pkg = os.path.join(ROOT, "easel_krita")
        for name in sorted(os.listdir(pkg)):
            if name.endswith(".py"):
                z.write(os.path.join(pkg, name), "easel_krita/" + name)
    return out


if __name__ == "__main__":
    print(build(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "easel_krita.zip")))
