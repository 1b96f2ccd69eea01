"""Write the probe spec for probe_pixel_ops.py: per-pixel inputs for the converter nodes.

Usage: python3 tools/blender/make_converter_probe_spec.py SPEC.json

Suites: Color Ramp (every interpolation, RGB/HSV/HSL with every hue direction,
one-stop and coincident-stop ramps), Separate Color (each channel, every mode
and YCC standard), Combine Color (every mode), the legacy HSVA/YCbCrA/YUVA
combine nodes, ID Mask, Map Range, Map Value and the Normal node's Dot.
Inputs mix hand-picked edge cases with seeded random values.
"""
import json
import random
import sys

rng = random.Random(341)
N = 96


def r(lo, hi, digits=4):
    return round(rng.uniform(lo, hi), digits)


def pad(values, gen):
    values = list(values)
    while len(values) < N:
        values.append(gen())
    return values[:N]


def colors():
    special = [
        [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.5, 0.5, 0.5, 0.5], [1.0, 0.0, 0.0, 1.0],
        [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.3], [0.0, 1.0, 1.0, 0.0],
        [1.0, 0.0, 1.0, 1.0], [0.8, 0.2, 0.1, 1.0], [0.2, 0.6, 0.9, 0.5], [-0.2, 0.4, 1.5, 1.0],
        [2.0, 1.0, 0.5, 1.0], [0.25, 0.75, 0.5, 1.0], [0.9, 0.9, 0.2, 0.8], [0.3, 0.3, 0.31, 1.0],
        [0.0, 0.0, 0.0, 0.0], [0.6, 0.4, 0.2, 1.2], [-0.5, -0.2, -0.1, 1.0], [0.45, 0.55, 0.05, 1.0],
    ]
    return pad(special, lambda: [r(-0.2, 1.3), r(-0.2, 1.3), r(-0.2, 1.3), r(0.0, 1.0)])


def ramp(interpolation, color_mode="RGB", hue="NEAR", elements=None):
    return {"interpolation": interpolation, "color_mode": color_mode, "hue_interpolation": hue,
            "elements": elements or [
                {"position": 0.1, "color": [1.0, 0.0, 0.0, 1.0]},
                {"position": 0.35, "color": [0.2, 0.9, 0.1, 0.6]},
                {"position": 0.6, "color": [0.0, 0.3, 1.0, 0.2]},
                {"position": 0.9, "color": [0.9, 0.8, 0.7, 1.0]},
            ]}


def color_ramp_suite():
    special = [-0.5, 0.0, 0.05, 0.1, 0.0999, 0.1001, 0.2, 0.35, 0.349, 0.351, 0.5, 0.6, 0.75, 0.9,
               0.8999, 0.9001, 0.95, 1.0, 1.5, 0.45, 0.47, 0.25, 0.125, 0.775]
    fac = pad(special, lambda: r(-0.1, 1.1))
    configs = []
    for ipo in ["LINEAR", "EASE", "B_SPLINE", "CARDINAL", "CONSTANT"]:
        configs.append({"color_ramp": ramp(ipo)})
    for mode in ["HSV", "HSL"]:
        for hue in ["NEAR", "FAR", "CW", "CCW"]:
            configs.append({"color_ramp": ramp("EASE", mode, hue)})
    # Equal hues (FAR turns a full circle), a single stop, coincident stops.
    configs.append({"color_ramp": ramp("LINEAR", "HSV", "FAR", [
        {"position": 0.2, "color": [1.0, 0.0, 0.0, 1.0]}, {"position": 0.8, "color": [0.5, 0.0, 0.0, 1.0]}])})
    configs.append({"color_ramp": ramp("LINEAR", "RGB", "NEAR", [{"position": 0.4, "color": [0.2, 0.4, 0.6, 0.8]}])})
    for ipo in ["LINEAR", "B_SPLINE"]:
        configs.append({"color_ramp": ramp(ipo, "RGB", "NEAR", [
            {"position": 0.0, "color": [0.0, 0.0, 0.0, 1.0]}, {"position": 0.5, "color": [1.0, 0.0, 0.0, 1.0]},
            {"position": 0.5, "color": [0.0, 1.0, 0.0, 1.0]}, {"position": 1.0, "color": [0.0, 0.0, 1.0, 0.0]}])})
    return {"name": "color_ramp", "node": "CompositorNodeValToRGB", "output": "Image",
            "inputs": {"Fac": {"type": "VALUE", "values": fac}}, "configs": configs}


MODES = [{"mode": "RGB"}, {"mode": "HSV"}, {"mode": "HSL"}, {"mode": "YUV"},
         {"mode": "YCC", "ycc_mode": "ITUBT601"}, {"mode": "YCC", "ycc_mode": "ITUBT709"},
         {"mode": "YCC", "ycc_mode": "JFIF"}]


def separate_color_suites():
    image = colors()
    return [{"name": "sep_color_" + out.lower(), "node": "CompositorNodeSeparateColor", "output": out,
             "inputs": {"Image": {"type": "RGBA", "values": image}}, "configs": MODES}
            for out in ["Red", "Green", "Blue", "Alpha"]]


def channel_values():
    special = [(0.0, 0.0, 0.0, 1.0), (0.5, 0.5, 0.5, 1.0), (1.0, 1.0, 1.0, 1.0), (0.95, 0.8, 0.6, 0.5),
               (0.1, 1.2, 0.3, 1.0), (1.5, 0.5, 0.5, 1.0), (-0.1, 0.5, 0.5, 0.0), (0.3, -0.2, 0.7, 1.0),
               (0.6, 0.4, 0.9, 1.0), (0.0625, 0.5, 0.5, 1.0), (0.92, 0.1, 0.9, 1.0), (0.25, 0.75, 0.2, 0.7)]
    return pad(special, lambda: (r(-0.1, 1.1), r(-0.2, 1.2), r(-0.2, 1.2), r(0.0, 1.0)))


def combine_suites():
    vals = channel_values()
    def inputs(names):
        return {n: {"type": "VALUE", "values": [v[i] for v in vals]} for i, n in enumerate(names)}
    return [
        {"name": "comb_color", "node": "CompositorNodeCombineColor", "output": "Image",
         "inputs": inputs(["Red", "Green", "Blue", "Alpha"]), "configs": MODES},
        {"name": "comb_hsva", "node": "CompositorNodeCombHSVA", "output": "Image",
         "inputs": inputs(["H", "S", "V", "A"]), "configs": [{}]},
        {"name": "comb_ycca", "node": "CompositorNodeCombYCCA", "output": "Image",
         "inputs": inputs(["Y", "Cb", "Cr", "A"]),
         "configs": [{"mode": "ITUBT601"}, {"mode": "ITUBT709"}, {"mode": "JFIF"}]},
        {"name": "comb_yuva", "node": "CompositorNodeCombYUVA", "output": "Image",
         "inputs": inputs(["Y", "U", "V", "A"]), "configs": [{}]},
    ]


def id_mask_suite():
    special = [0.0, 1.0, 2.0, 1.49, 1.5, 1.51, 2.5, 2.4999, -0.5, -0.4, 0.5, 3.0, 2.0001, 1.9999, 7.0, -1.0]
    ids = pad(special, lambda: r(-1.0, 4.0, 2))
    return {"name": "id_mask", "node": "CompositorNodeIDMask", "output": "Alpha",
            "inputs": {"ID value": {"type": "VALUE", "values": ids}},
            "configs": [{"index": 0}, {"index": 1}, {"index": 2}, {"index": 3}]}


def map_range_suite():
    special = [(0.5, 0.0, 1.0, 0.0, 1.0), (2.0, 0.0, 1.0, 0.0, 1.0), (-1.0, 0.0, 1.0, 0.0, 1.0),
               (0.5, 1.0, 0.0, 0.0, 1.0), (0.5, 0.3, 0.3, 0.0, 1.0), (0.5, 0.3, 0.3000005, 0.0, 1.0),
               (0.5, 0.0, 1.0, 1.0, 0.0), (1.5, 0.0, 1.0, 1.0, 0.0), (20000.0, 0.0, 1.0, 2.0, 5.0),
               (-20000.0, 0.0, 1.0, 2.0, 5.0), (10000.0, 0.0, 1.0, 2.0, 5.0), (5.0, 2.0, 20.0, 1.0, -0.5)]
    vals = pad(special, lambda: (r(-2, 3), r(-1, 1), r(0, 2), r(-1, 1), r(-1, 2)))
    names = ["Value", "From Min", "From Max", "To Min", "To Max"]
    return {"name": "map_range", "node": "CompositorNodeMapRange", "output": "Value",
            "inputs": {n: {"type": "VALUE", "values": [v[i] for v in vals]} for i, n in enumerate(names)},
            "configs": [{"use_clamp": False}, {"use_clamp": True}]}


def map_value_suite():
    vals = pad([0.0, 1.0, -1.0, 0.5, 2.0, -3.0, 10.0, 0.05], lambda: r(-4, 4))
    return {"name": "map_value", "node": "CompositorNodeMapValue", "output": "Value",
            "inputs": {"Value": {"type": "VALUE", "values": vals}},
            "configs": [{}, {"offset": [0.5], "size": [2.0]},
                        {"offset": [-1.0], "size": [0.3], "use_min": True, "min": [-0.2]},
                        {"offset": [0.25], "size": [-1.5], "use_max": True, "max": [0.7]},
                        {"offset": [0.0], "size": [1.0], "use_min": True, "min": [0.6], "use_max": True, "max": [0.4]}]}


def normal_suite():
    vecs = pad([[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, -1.0, 1.0], [1.0, 0.0, 0.0, 1.0], [0.3, 0.5, 0.81, 1.0],
                [2.0, -1.0, 0.5, 1.0]], lambda: [r(-1, 1), r(-1, 1), r(-1, 1), 1.0])
    return {"name": "normal_dot", "node": "CompositorNodeNormal", "output": "Dot",
            "inputs": {"Normal": {"type": "RGBA", "values": vecs}},
            "configs": [{}, {"output_defaults": {"Normal": [0.3, 0.5, 0.81]}},
                        {"output_defaults": {"Normal": [2.0, -1.0, 0.0]}}]}


def main(path):
    suites = [color_ramp_suite()] + separate_color_suites() + combine_suites() + \
        [id_mask_suite(), map_range_suite(), map_value_suite(), normal_suite()]
    with open(path, "w") as f:
        json.dump({"suites": suites}, f)


if __name__ == "__main__":
    main(sys.argv[1])
