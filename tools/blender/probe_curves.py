"""Record Blender 3.4's curve mapping evaluation, for the CurveMapping unit tests.

Usage:
  blender -b --factory-startup --python tools/blender/probe_curves.py -- SPEC.json OUT.json[.gz]

SPEC.json: {"xs": [..], "cases": [{"node": "CompositorNodeCurveRGB", "property": "mapping",
"mapping": {graph-format curve mapping}}, ...]}. Each case's mapping is set on a fresh node the
way tools/blender/render_graph.py sets it (settings, then points, then mapping.update()), and
every curve is evaluated at every x with CurveMapping.evaluate (Blender's BKE_curvemap_evaluateF:
the table lookup with extension, no clipping of the result). OUT gets, per case, the mapping and
per curve the values.
"""
import json
import math
import os
import struct
import sys

import bpy


def to_f32(v):
    return struct.unpack("f", struct.pack("f", v))[0]


def compact(x):
    if isinstance(x, float):
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        target = to_f32(x)
        for digits in range(6, 10):
            y = float("%.*g" % (digits, x))
            if to_f32(y) == target:
                return y
        return x
    if isinstance(x, list):
        return [compact(y) for y in x]
    if isinstance(x, dict):
        return {k: compact(v) for k, v in x.items()}
    return x


def set_curve_mapping(mapping, spec):
    for k in ("black_level", "white_level"):
        if k in spec:
            setattr(mapping, k, spec[k][:3])
    for k in ("use_clip", "clip_min_x", "clip_min_y", "clip_max_x", "clip_max_y", "tone", "extend"):
        if k in spec:
            setattr(mapping, k, spec[k])
    curves = spec.get("curves")
    if curves is not None:
        assert len(curves) == len(mapping.curves)
        for cm, cs in zip(mapping.curves, curves):
            pts = cs["points"]
            while len(cm.points) > len(pts):
                cm.points.remove(cm.points[len(cm.points) - 1])
            while len(cm.points) < len(pts):
                cm.points.new(0.5, 0.5)
            for p, ps in zip(cm.points, pts):
                p.location = ps["location"]
                p.handle_type = ps.get("handle_type", "AUTO")
                if "select" in ps:
                    p.select = ps["select"]
    mapping.update()


def main(argv):
    with open(argv[0]) as f:
        spec = json.load(f)
    xs = spec["xs"]
    scene = bpy.context.scene
    scene.use_nodes = True
    tree = scene.node_tree
    out = {"blender": bpy.app.version_string, "xs": xs, "cases": []}
    for case in spec["cases"]:
        for n in list(tree.nodes):
            tree.nodes.remove(n)
        node = tree.nodes.new(case["node"])
        mapping = getattr(node, case.get("property", "mapping"))
        set_curve_mapping(mapping, case["mapping"])
        values = [[mapping.evaluate(c, x) for x in xs] for c in mapping.curves]
        out["cases"].append({"node": case["node"], "mapping": case["mapping"], "values": values})
    data = json.dumps(compact(out), separators=(",", ":")).encode()
    if argv[1].endswith(".gz"):
        import gzip
        with gzip.open(argv[1], "wb", 9) as f:
            f.write(data)
    else:
        with open(argv[1], "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    rc = main(argv)
    sys.stdout.flush()
    os._exit(rc)
