"""Export a .blend's compositor tree as a Compositor graph, headless, without installing the add-on.

  blender -b scene.blend --python tools/blender-addon/export_graph.py -- OUT.json
          [--copy-images] [--only-changed] [--scene NAME] [--strict]

Prints the export report; with --strict, exits with status 3 when a node cannot be rendered by
Compositor or an image cannot be exported.
"""
import argparse
import os
import sys

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compositor_graph  # noqa: E402


def main(argv):
    ap = argparse.ArgumentParser(prog="export_graph.py")
    ap.add_argument("out")
    ap.add_argument("--copy-images", action="store_true", help="copy image files beside the graph")
    ap.add_argument("--only-changed", action="store_true", help="write only values that differ from a new node")
    ap.add_argument("--scene", default=None, help="scene name (default: the active scene)")
    ap.add_argument("--strict", action="store_true", help="exit 3 when something will not render")
    a = ap.parse_args(argv)
    scene = bpy.data.scenes[a.scene] if a.scene else bpy.context.scene
    report = compositor_graph.export_tree(scene, a.out, copy_images=a.copy_images, only_changed=a.only_changed)
    print(report.summary())
    for w in report.warnings:
        print("warning: " + w)
    return 3 if a.strict and not report.ok else 0


if __name__ == "__main__":
    rc = main(sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else [])
    sys.stdout.flush()
    if rc:
        os._exit(rc)
