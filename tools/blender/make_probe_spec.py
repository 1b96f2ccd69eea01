"""Write the probe spec for probe_pixel_ops.py: per-pixel test inputs for the pixel-wise nodes.

Usage: python3 tools/blender/make_probe_spec.py SPEC.json

Inputs mix hand-picked edge cases (zeros, gray colors, negative and HDR
components, transparent and over-opaque alpha, factors outside 0..1) with
seeded random values; everything is rounded to float32-friendly decimals.
"""
import json
import random
import sys

rng = random.Random(34)


def r(lo, hi, digits=4):
    return round(rng.uniform(lo, hi), digits)


def rand_color(lo=-0.2, hi=1.4):
    return [r(lo, hi), r(lo, hi), r(lo, hi), r(0.0, 1.0)]


def pad(values, n, gen):
    values = list(values)
    while len(values) < n:
        values.append(gen())
    return values[:n]


N = 96


def mix_suite():
    special_a = [
        [0.5, 0.5, 0.5, 1.0], [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.8, 0.2, 0.1, 1.0],
        [0.2, 0.6, 0.9, 0.5], [0.3, 0.3, 0.3, 0.0], [-0.2, 0.4, 1.5, 1.0], [0.6, 0.4, 0.2, 1.2],
        [0.45, 0.55, 0.05, 0.8], [0.0, 0.7, 0.3, 1.0], [0.9, 0.9, 0.2, 0.3], [2.0, 1.0, 0.5, 1.0],
        [0.5, 0.5, 0.5, 1.0], [0.25, 0.75, 0.5, 1.0], [0.6, 0.1, 0.4, 0.0], [0.1, 0.2, 0.3, 1.0],
    ]
    special_b = [
        [0.2, 0.4, 0.6, 1.0], [0.5, 0.5, 0.5, 1.0], [0.0, 0.0, 0.0, 0.0], [0.3, 0.9, 0.1, 0.5],
        [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.7, -0.3, 0.2, 1.0], [1.5, 0.5, 0.25, 1.0],
        [0.6, 0.6, 0.6, 1.0], [0.9, 0.1, 0.5, 0.0], [0.4, 0.8, 0.2, 2.0], [0.5, 0.0, 1.0, 0.25],
        [0.7, 0.2, 0.9, 1.0], [0.25, 0.75, 0.5, 1.0], [0.51, 0.49, 0.5, 1.0], [1.0, 0.0, 0.0, 1.0],
    ]
    special_f = [0.5, 1.0, 0.0, 0.7, 0.3, 1.0, 0.5, -0.5, 1.5, 0.25, 1.0, 0.8, 1.0, 0.6, 0.9, 0.4]
    a = pad(special_a, N, rand_color)
    b = pad(special_b, N, rand_color)
    f = pad(special_f, N, lambda: r(-0.2, 1.2))
    configs = []
    for bt in ["MIX", "DARKEN", "MULTIPLY", "BURN", "LIGHTEN", "SCREEN", "DODGE", "ADD", "OVERLAY",
               "SOFT_LIGHT", "LINEAR_LIGHT", "DIFFERENCE", "SUBTRACT", "DIVIDE", "HUE", "SATURATION",
               "COLOR", "VALUE"]:
        for use_alpha in (False, True):
            for use_clamp in (False, True):
                configs.append({"blend_type": bt, "use_alpha": use_alpha, "use_clamp": use_clamp})
    return {"name": "mix", "node": "CompositorNodeMixRGB", "output": "Image",
            "inputs": {"Fac": {"type": "VALUE", "values": f},
                       "Image": {"type": "RGBA", "values": a},
                       "Image_001": {"type": "RGBA", "values": b}},
            "configs": configs}


def math_suite():
    special = [
        (0.5, 0.5, 0.5), (1.0, 0.0, 0.0), (0.0, 0.0, 0.0), (-1.0, 0.0, 1.0), (-2.0, 3.0, 0.0),
        (-2.0, 0.5, 0.0), (-8.0, 2.0, 0.0), (-2.0, 2.0005, 0.0), (-2.0, 1.9995, 0.0), (2.0, 0.5, 0.1),
        (4.0, -0.5, 0.0), (0.0, -1.0, 0.0), (-3.0, -2.0, 0.0), (8.0, 2.0, 0.0), (8.0, -2.0, 0.0),
        (8.0, 1.0, 0.0), (-8.0, 2.0, 0.0), (1.5, 1.5, 0.0), (2.5, 0.0, 0.0), (-2.5, 0.0, 0.0),
        (0.5, 0.7, 0.3), (0.5, 0.4, 0.05), (1.2, -0.7, 0.2), (-1.2, 0.7, -0.2), (3.7, 1.5, 0.0),
        (-3.7, 1.5, 0.0), (3.7, -1.5, 0.0), (1.0, 1.0, 1.0), (2.0, 5.0, 1.0), (5.5, 2.0, 1.0),
        (-0.5, 2.0, 1.0), (0.3, 0.3, 0.5), (0.9, 0.2, -1.0), (7.0, 3.0, 2.0), (0.25, 0.75, 0.0),
        (1.0000001, 0.3, 0.0), (-1.0000001, 0.3, 0.0), (0.999, 0.999, 0.0), (-0.999, 2.0, 0.0),
        (100.0, 10.0, 0.0), (0.001, 3.0, 0.0), (-0.0, 0.0, 0.0), (0.4999, 0.0, 0.0), (-0.5, 0.0, 0.0),
        (0.5, 0.0, 0.0), (1.5, 0.5, 2.5), (12.0, 0.0, 0.0), (-12.0, 2.0, 0.0),
    ]
    rest = [(r(-4, 4), r(-4, 4), r(-2, 2)) for _ in range(N - len(special))]
    vals = special + rest
    ops = ["ADD", "SUBTRACT", "MULTIPLY", "DIVIDE", "MULTIPLY_ADD", "POWER", "LOGARITHM", "SQRT",
           "INVERSE_SQRT", "ABSOLUTE", "EXPONENT", "MINIMUM", "MAXIMUM", "LESS_THAN", "GREATER_THAN",
           "SIGN", "COMPARE", "SMOOTH_MIN", "SMOOTH_MAX", "ROUND", "FLOOR", "CEIL", "TRUNC", "FRACT",
           "MODULO", "WRAP", "SNAP", "PINGPONG", "SINE", "COSINE", "TANGENT", "ARCSINE", "ARCCOSINE",
           "ARCTANGENT", "ARCTAN2", "SINH", "COSH", "TANH", "RADIANS", "DEGREES"]
    configs = [{"operation": op, "use_clamp": c} for op in ops for c in (False, True)]
    return {"name": "math", "node": "CompositorNodeMath", "output": "Value",
            "inputs": {"Value": {"type": "VALUE", "values": [v[0] for v in vals]},
                       "Value_001": {"type": "VALUE", "values": [v[1] for v in vals]},
                       "Value_002": {"type": "VALUE", "values": [v[2] for v in vals]}},
            "configs": configs}


def alpha_over_suite():
    special_a = [[0.2, 0.3, 0.4, 1.0], [0.5, 0.5, 0.5, 0.5], [0.0, 0.0, 0.0, 0.0], [0.9, 0.1, 0.2, 1.0],
                 [0.3, 0.6, 0.9, 0.7], [1.2, 0.4, -0.1, 1.0], [0.1, 0.1, 0.1, 1.0], [0.4, 0.4, 0.0, 0.4]]
    special_b = [[0.6, 0.5, 0.4, 1.0], [0.3, 0.2, 0.1, 0.5], [0.5, 0.5, 0.5, 0.0], [0.2, 0.2, 0.2, -0.5],
                 [0.6, 0.5, 0.4, 1.0], [0.8, 0.1, 0.3, 1.5], [0.25, 0.5, 0.0, 0.25], [0.2, 0.7, 0.1, 0.9]]
    special_f = [1.0, 1.0, 0.5, 0.8, 0.4, 1.0, 0.0, -0.3]
    a = pad(special_a, N, lambda: rand_color(-0.1, 1.2))
    b = pad(special_b, N, lambda: rand_color(-0.1, 1.2))
    f = pad(special_f, N, lambda: rng.choice([1.0, r(-0.2, 1.2)]))
    configs = [{"use_premultiply": p, "premul": x}
               for p, x in ((False, 0.0), (True, 0.0), (False, 0.3), (True, 0.5), (False, 1.0))]
    return {"name": "alpha_over", "node": "CompositorNodeAlphaOver", "output": "Image",
            "inputs": {"Fac": {"type": "VALUE", "values": f},
                       "Image": {"type": "RGBA", "values": a},
                       "Image_001": {"type": "RGBA", "values": b}},
            "configs": configs}


def set_alpha_suite():
    c = pad([[0.2, 0.4, 0.6, 1.0], [0.5, 0.5, 0.5, 0.5], [1.5, -0.2, 0.3, 0.0]], N, rand_color)
    al = pad([0.5, 0.0, 1.0, -0.5, 1.5], N, lambda: r(-0.2, 1.2))
    return {"name": "set_alpha", "node": "CompositorNodeSetAlpha", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": c}, "Alpha": {"type": "VALUE", "values": al}},
            "configs": [{"mode": "APPLY"}, {"mode": "REPLACE_ALPHA"}]}


def invert_suite():
    c = pad([[0.2, 0.4, 0.6, 1.0], [0.5, 0.5, 0.5, 0.5], [1.5, -0.2, 0.3, 0.0]], N, rand_color)
    fac = pad([1.0, 0.5, 0.0, -0.5, 1.5], N, lambda: r(-0.2, 1.2))
    configs = [{"invert_rgb": a, "invert_alpha": b} for a in (True, False) for b in (False, True)]
    return {"name": "invert", "node": "CompositorNodeInvert", "output": "Color",
            "inputs": {"Fac": {"type": "VALUE", "values": fac}, "Color": {"type": "RGBA", "values": c}},
            "configs": configs}


def rgb_to_bw_suite():
    c = pad([[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.5]],
            N, lambda: rand_color(-0.5, 2.0))
    return {"name": "rgb_to_bw", "node": "CompositorNodeRGBToBW", "output": "Val",
            "inputs": {"Image": {"type": "RGBA", "values": c}}, "configs": [{}]}


def comb_rgba_suite():
    return {"name": "comb_rgba", "node": "CompositorNodeCombRGBA", "output": "Image",
            "inputs": {k: {"type": "VALUE", "values": pad([], N, lambda: r(-0.5, 1.5))}
                       for k in ("R", "G", "B", "A")},
            "configs": [{}]}


def hue_sat_suite():
    c = pad([[0.8, 0.2, 0.1, 1.0], [0.5, 0.5, 0.5, 1.0], [0.0, 0.0, 0.0, 1.0], [0.2, 0.6, 0.9, 0.5],
             [1.5, 0.3, -0.2, 1.0], [0.1, 0.9, 0.4, 0.0]], N, lambda: rand_color(-0.1, 1.3))
    hue = pad([0.5, 0.7, 0.2, 0.0, 1.0, 0.95], N, lambda: r(0.0, 1.0))
    sat = pad([1.0, 0.5, 2.0, 0.0, 1.5, 1.0], N, lambda: r(0.0, 2.0))
    val = pad([1.0, 0.8, 1.2, 0.0, 2.0, 1.0], N, lambda: r(0.0, 2.0))
    fac = pad([1.0, 0.5, 1.0, 1.0, 0.7, 1.0], N, lambda: r(0.0, 1.0))
    return {"name": "hue_sat", "node": "CompositorNodeHueSat", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": c}, "Hue": {"type": "VALUE", "values": hue},
                       "Saturation": {"type": "VALUE", "values": sat},
                       "Value": {"type": "VALUE", "values": val}, "Fac": {"type": "VALUE", "values": fac}},
            "configs": [{}]}


def main(path):
    spec = {"suites": [mix_suite(), math_suite(), alpha_over_suite(), set_alpha_suite(), invert_suite(),
                       rgb_to_bw_suite(), comb_rgba_suite(), hue_sat_suite()]}
    with open(path, "w") as f:
        json.dump(spec, f)


if __name__ == "__main__":
    main(sys.argv[1])
