"""Write the spec for probe_curves.py: curve mappings covering handle types, extension, clipping.

Usage: python3 tools/blender/make_curve_probe_spec.py SPEC.json
"""
import json
import random
import sys

rng = random.Random(341)


def r(lo, hi, digits=3):
    return round(rng.uniform(lo, hi), digits)


def curve(points):
    return {"points": [{"location": [x, y], "handle_type": h} for x, y, h in points]}


def random_curve(n, lo=0.0, hi=1.0, handles=("AUTO",), ylo=None, yhi=None):
    ylo = lo if ylo is None else ylo
    yhi = hi if yhi is None else yhi
    xs = sorted({r(lo, hi) for _ in range(n)} | {lo, hi})
    return curve([(x, r(ylo, yhi), rng.choice(handles)) for x in xs])


def main(path):
    xs = [i / 64.0 for i in range(-96, 161)] + [-10.0, -3.0, 3.0, 12.0, 0.0001, 0.9999, 0.5000001, 1e-7]
    cases = []
    # RGB curves: the conformance case, identity, and random curves of every handle type.
    cases.append({"node": "CompositorNodeCurveRGB", "mapping": {}})
    cases.append({"node": "CompositorNodeCurveRGB", "mapping": {"curves": [
        curve([(0, 0.05, "AUTO"), (0.5, 0.6, "AUTO"), (1, 1, "AUTO")]),
        curve([(0, 0, "AUTO"), (1, 1, "AUTO")]),
        curve([(0, 0, "AUTO"), (0.6, 0.5, "AUTO"), (1, 0.9, "AUTO")]),
        curve([(0, 0, "AUTO"), (0.25, 0.18, "AUTO"), (0.75, 0.85, "AUTO"), (1, 1, "AUTO")])]}})
    cases.append({"node": "CompositorNodeCurveRGB", "mapping": {"curves": [
        curve([(0, 0, "VECTOR"), (0.3, 0.8, "VECTOR"), (1, 0.2, "VECTOR")]),
        curve([(0, 0.2, "AUTO_CLAMPED"), (0.4, 0.9, "AUTO_CLAMPED"), (0.7, 0.1, "AUTO_CLAMPED"), (1, 0.6, "AUTO_CLAMPED")]),
        curve([(0, 0.1, "AUTO"), (0.2, 0.8, "VECTOR"), (0.5, 0.3, "AUTO_CLAMPED"), (1, 1, "AUTO")]),
        curve([(0.1, 0.0, "AUTO"), (0.9, 1.0, "AUTO")])]}})
    for handles in (("AUTO",), ("VECTOR",), ("AUTO_CLAMPED",), ("AUTO", "VECTOR", "AUTO_CLAMPED")):
        for extend in ("EXTRAPOLATED", "HORIZONTAL"):
            cases.append({"node": "CompositorNodeCurveRGB", "mapping": {
                "extend": extend,
                "curves": [random_curve(rng.randint(2, 6), handles=handles) for _ in range(4)]}})
    # Points outside the clipping rectangle widen the table; clipping off; a narrower rectangle.
    cases.append({"node": "CompositorNodeCurveRGB", "mapping": {"use_clip": False, "curves": [
        curve([(-0.5, -0.2, "AUTO"), (0.5, 1.3, "AUTO"), (1.5, 0.7, "AUTO")]),
        curve([(0, 0, "AUTO"), (2, 1.5, "VECTOR")]),
        curve([(0.2, 0.5, "AUTO"), (0.21, 0.9, "AUTO"), (0.8, 0.1, "AUTO")]),
        curve([(0, 1, "AUTO"), (1, 0, "AUTO")])]}})
    cases.append({"node": "CompositorNodeCurveRGB", "mapping": {"clip_min_x": 0.2, "clip_max_x": 0.8, "curves": [
        curve([(0.2, 0.1, "AUTO"), (0.5, 0.9, "AUTO"), (0.8, 0.3, "AUTO")]),
        curve([(0.3, 0.3, "AUTO"), (0.6, 0.6, "AUTO")]),
        curve([(0.2, 0.2, "VECTOR"), (0.8, 0.8, "VECTOR")]),
        curve([(0.2, 0.0, "AUTO"), (0.5, 0.5, "AUTO"), (0.8, 1.0, "AUTO")])]}})
    # Steep and vertical ends, duplicate x.
    cases.append({"node": "CompositorNodeCurveRGB", "mapping": {"curves": [
        curve([(0, 0, "VECTOR"), (0, 1, "VECTOR"), (1, 1, "VECTOR")]),
        curve([(0, 0, "AUTO"), (0.001, 1, "AUTO"), (1, 1, "AUTO")]),
        curve([(0, 0, "AUTO"), (0.5, 0.5, "AUTO"), (0.5, 0.9, "AUTO"), (1, 1, "AUTO")]),
        curve([(0, 0.5, "AUTO"), (1, 0.5, "AUTO")])]}})
    # Vector curves (range -1..1), hue correct (9 default points), time.
    cases.append({"node": "CompositorNodeCurveVec", "mapping": {}})
    cases.append({"node": "CompositorNodeCurveVec", "mapping": {"curves": [
        curve([(-1, -1, "AUTO"), (0, 0.3, "AUTO"), (1, 1, "AUTO")]),
        curve([(-1, -0.5, "AUTO"), (1, 0.5, "AUTO")]),
        random_curve(5, -1.0, 1.0, ("AUTO", "VECTOR"))]}})
    cases.append({"node": "CompositorNodeHueCorrect", "mapping": {}})
    cases.append({"node": "CompositorNodeHueCorrect", "mapping": {"curves": [
        curve([(0, 0.5, "AUTO"), (0.3, 0.6, "AUTO"), (0.6, 0.45, "AUTO"), (1, 0.5, "AUTO")]),
        curve([(0, 0.5, "AUTO"), (0.5, 0.8, "AUTO"), (1, 0.5, "AUTO")]),
        curve([(0, 0.5, "AUTO"), (0.2, 0.4, "AUTO"), (1, 0.5, "AUTO")])]}})
    cases.append({"node": "CompositorNodeTime", "property": "curve", "mapping": {"curves": [
        curve([(0, 0.1, "AUTO"), (0.5, 0.8, "AUTO"), (1, 0.2, "AUTO")])]}})
    with open(path, "w") as f:
        json.dump({"xs": xs, "cases": cases}, f)


if __name__ == "__main__":
    main(sys.argv[1])
