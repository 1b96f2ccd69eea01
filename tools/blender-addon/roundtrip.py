"""Import each graph with the add-on and export it again, all in one Blender process.

  blender -b --factory-startup --python tools/blender-addon/roundtrip.py -- OUT_DIR GRAPHS [GRAPHS ...]

GRAPHS is a folder of cases (every GRAPHS/CASE/graph.json) or one graph file (CASE = its name
without .json). For every graph: import it into the scene (import_graph), export the tree
(export_tree) to OUT_DIR/CASE/graph.json; then export it with only changed values, import that and
export it in full again: "only_changed_differences" lists what the short form lost. Also writes OUT_DIR/all_nodes.json, one newly added node
of every type Blender has exported with every property, and OUT_DIR/summary.json:
{"cases": {CASE: {"ok": bool, "error": str, "report": {...}, "only_changed_differences": [...]}}}. Used by tests/Compositor.Blender.Tests.
"""
import json
import os
import sys
import traceback

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compositor_graph  # noqa: E402


def clean(scene):
    scene.node_tree.nodes.clear()
    for ng in list(bpy.data.node_groups):
        bpy.data.node_groups.remove(ng)
    for im in list(bpy.data.images):
        if im.type == "IMAGE":
            bpy.data.images.remove(im)


def only_changed_differences(scene, full):
    """Exports the tree again with only changed values, builds that, exports it in full: what differs
    from the first full export is what the short form lost."""
    folder = os.path.dirname(full)
    short = os.path.join(folder, "only_changed.json")
    compositor_graph.export_tree(scene, short, only_changed=True)
    clean(scene)
    compositor_graph.import_graph(scene, short)
    again = os.path.join(folder, "only_changed_full.json")
    compositor_graph.export_tree(scene, again)
    with open(full) as a, open(again) as b:
        return diff(json.load(a), json.load(b))


def diff(a, b, path=""):
    if type(a) != type(b):
        return ["%s: %r != %r" % (path, a, b)]
    if isinstance(a, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            out += ["%s.%s: only on one side" % (path, k)] if k not in a or k not in b else diff(a[k], b[k], "%s.%s" % (path, k))
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return ["%s: %d != %d items" % (path, len(a), len(b))]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in diff(x, y, "%s[%d]" % (path, i))]
    return [] if a == b else ["%s: %r != %r" % (path, a, b)]


def export_every_node_type(scene, out_dir):
    """One node of each compositor type Blender can add to a scene tree, every property written."""
    clean(scene)
    skipped = []
    for name in sorted(dir(bpy.types)):
        if not name.startswith("CompositorNode") or name in ("CompositorNodeTree", "CompositorNodeCustomGroup", "CompositorNodeGroup"):
            continue
        try:
            scene.node_tree.nodes.new(name)
        except RuntimeError:
            skipped.append(name)
    compositor_graph.export_tree(scene, os.path.join(out_dir, "all_nodes.json"))
    return skipped


def main(argv):
    out_dir = os.path.abspath(argv[0])
    os.makedirs(out_dir, exist_ok=True)
    scene = bpy.context.scene
    scene.use_nodes = True
    cases = {}
    graphs = []
    for root in argv[1:]:
        if os.path.isfile(root):  # a single graph file: named after the file
            graphs.append((os.path.splitext(os.path.basename(root))[0], root))
            continue
        for name in sorted(os.listdir(root)):
            if os.path.isfile(os.path.join(root, name, "graph.json")):
                graphs.append((name, os.path.join(root, name, "graph.json")))
    for name, graph in graphs:
        entry = {"ok": False}
        try:
            clean(scene)
            compositor_graph.import_graph(scene, graph)
            full = os.path.join(out_dir, name, "graph.json")
            report = compositor_graph.export_tree(scene, full)
            entry = {"ok": True, "report": report.as_dict(), "only_changed_differences": only_changed_differences(scene, full)}
        except Exception as e:  # noqa: BLE001 - every failure is reported per case
            entry["error"] = "%s: %s" % (type(e).__name__, e)
            entry["traceback"] = traceback.format_exc()
        cases[name] = entry
        print("ROUNDTRIP %s %s" % (name, "ok" if entry["ok"] else entry["error"]))
    skipped = export_every_node_type(scene, out_dir)
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump({"blender": bpy.app.version_string, "cases": cases, "all_nodes_skipped": skipped}, f, indent=1)
    return 0


if __name__ == "__main__":
    rc = main(sys.argv[sys.argv.index("--") + 1:])
    sys.stdout.flush()
    os._exit(rc)
