"""Write the probe spec for the color nodes (probe_pixel_ops.py input).

Usage: python3 tools/blender/make_color_probe_spec.py SPEC.json

Like make_probe_spec.py: per node, 96 input pixels mixing hand-picked edge cases (zero, negative
and HDR components, transparent and over-opaque alpha, factors outside 0..1, equal depths) with
seeded random values, and configurations of the node's properties (curve mappings included).
"""
import json
import random
import sys

rng = random.Random(3401)
N = 96


def r(lo, hi, digits=4):
    return round(rng.uniform(lo, hi), digits)


def rand_color(lo=-0.2, hi=1.4):
    return [r(lo, hi), r(lo, hi), r(lo, hi), r(0.0, 1.0)]


def pad(values, n, gen):
    values = list(values)
    while len(values) < n:
        values.append(gen())
    return values[:n]


SPECIAL_COLORS = [
    [0.5, 0.5, 0.5, 1.0], [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.8, 0.2, 0.1, 1.0],
    [0.2, 0.6, 0.9, 0.5], [0.3, 0.3, 0.3, 0.0], [-0.2, 0.4, 1.5, 1.0], [0.6, 0.4, 0.2, 1.2],
    [0.45, 0.55, 0.05, 0.8], [0.0, 0.7, 0.3, 1.0], [2.0, 1.0, 0.5, 1.0], [0.1, 0.2, 0.3, 0.25],
    [4.0, 0.02, 0.5, 1.0], [0.003, 0.002, 0.001, 1.0], [0.25, 0.75, 0.5, 1.0], [0.6, 0.1, 0.4, 0.0],
]


def colors(lo=-0.2, hi=1.4):
    return pad(SPECIAL_COLORS, N, lambda: rand_color(lo, hi))


def curve(points):
    return {"points": [{"location": [x, y], "handle_type": h} for x, y, h in points]}


def line(lo=0.0, hi=1.0):
    return curve([(lo, lo, "AUTO"), (hi, hi, "AUTO")])


CURVES_CASE = {"curves": [
    curve([(0, 0.05, "AUTO"), (0.5, 0.6, "AUTO"), (1, 1, "AUTO")]),
    curve([(0, 0, "AUTO"), (1, 1, "AUTO")]),
    curve([(0, 0, "AUTO"), (0.6, 0.5, "AUTO"), (1, 0.9, "AUTO")]),
    curve([(0, 0, "AUTO"), (0.25, 0.18, "AUTO"), (0.75, 0.85, "AUTO"), (1, 1, "AUTO")])]}
CURVES_SHARP = {"curves": [
    curve([(0, 0, "VECTOR"), (0.3, 0.8, "VECTOR"), (1, 0.2, "VECTOR")]),
    curve([(0, 0.2, "AUTO_CLAMPED"), (0.4, 0.9, "AUTO_CLAMPED"), (0.7, 0.1, "AUTO_CLAMPED"), (1, 0.6, "AUTO_CLAMPED")]),
    curve([(0, 0.1, "AUTO"), (0.2, 0.8, "VECTOR"), (1, 1, "AUTO")]),
    curve([(0, 0.1, "AUTO"), (0.5, 0.4, "AUTO"), (1, 1.2, "AUTO")])]}


def curves_rgb_suites():
    fac = pad([1.0, 1.0, 1.0, 0.5, 0.0, -0.5, 1.5, 0.25], N, lambda: rng.choice([1.0, r(-0.2, 1.2)]))
    img = colors(-0.5, 1.6)
    configs = [
        {},
        {"mapping": CURVES_CASE},
        {"mapping": CURVES_SHARP},
        {"mapping": dict(CURVES_CASE, extend="HORIZONTAL")},
        {"mapping": dict(CURVES_SHARP, tone="FILMLIKE")},
        {"mapping": dict(CURVES_CASE, tone="FILMLIKE")},
        {"mapping": {"use_clip": False, "curves": [
            curve([(-0.5, -0.2, "AUTO"), (0.5, 1.3, "AUTO"), (1.5, 0.7, "AUTO")]), line(), line(),
            curve([(0, 1, "AUTO"), (1, 0, "AUTO")])]}},
    ]
    base = {"node": "CompositorNodeCurveRGB", "output": "Image",
            "inputs": {"Fac": {"type": "VALUE", "values": fac}, "Image": {"type": "RGBA", "values": img}}}
    suites = [dict(base, name="curves_rgb", configs=configs)]
    suites.append(dict(base, name="curves_rgb_levels_constant", configs=configs[:3] + configs[4:5],
                       constants={"Black Level": [0.1, 0.0, 0.05, 1.0], "White Level": [0.9, 1.2, 1.0, 1.0]}))
    black = pad([[0.0, 0.0, 0.0, 1.0], [0.2, 0.1, 0.0, 1.0], [0.5, 0.5, 0.5, 1.0]], N, lambda: rand_color(-0.2, 0.4))
    white = pad([[1.0, 1.0, 1.0, 1.0], [0.9, 1.5, 0.8, 1.0], [0.5, 0.5, 0.5, 1.0]], N, lambda: rand_color(0.6, 1.5))
    suites.append({"name": "curves_rgb_levels_linked", "node": "CompositorNodeCurveRGB", "output": "Image",
                   "inputs": {"Fac": {"type": "VALUE", "values": fac}, "Image": {"type": "RGBA", "values": img},
                              "Black Level": {"type": "RGBA", "values": black},
                              "White Level": {"type": "RGBA", "values": white}},
                   "configs": configs[:3] + configs[4:5]})
    return suites


def curve_vec_suite():
    vec = pad([[0.0, 0.0, 0.0, 1.0], [-1.0, 1.0, 0.5, 1.0], [1.5, -1.5, 2.0, 1.0], [-0.3, 0.3, 0.99, 1.0]],
              N, lambda: [r(-1.6, 1.6), r(-1.6, 1.6), r(-1.6, 1.6), 1.0])
    configs = [
        {},
        {"mapping": {"curves": [
            curve([(-1, -1, "AUTO"), (0, 0.3, "AUTO"), (1, 1, "AUTO")]),
            curve([(-1, -0.5, "AUTO"), (1, 0.5, "AUTO")]),
            curve([(-1, 0.2, "VECTOR"), (-0.2, -0.6, "AUTO_CLAMPED"), (0.5, 0.9, "AUTO"), (1, -1, "VECTOR")])]}},
        {"mapping": {"extend": "HORIZONTAL", "curves": [
            curve([(-1, -1, "AUTO"), (0, 0.3, "AUTO"), (1, 1, "AUTO")]), line(-1, 1),
            curve([(-0.5, 0.5, "AUTO"), (0.5, -0.5, "AUTO")])]}},
    ]
    return {"name": "curve_vec", "node": "CompositorNodeCurveVec", "output": "Vector",
            "inputs": {"Vector": {"type": "RGBA", "values": vec}}, "configs": configs}


def hue_correct_suite():
    img = colors(-0.1, 1.3)
    fac = pad([1.0, 1.0, 0.5, 0.0, 1.5, -0.5], N, lambda: rng.choice([1.0, r(0.0, 1.0)]))
    configs = [
        {},
        {"mapping": {"curves": [
            curve([(0, 0.5, "AUTO"), (0.3, 0.6, "AUTO"), (0.6, 0.45, "AUTO"), (1, 0.5, "AUTO")]),
            curve([(0, 0.5, "AUTO"), (0.5, 0.8, "AUTO"), (1, 0.5, "AUTO")]),
            curve([(0, 0.5, "AUTO"), (0.2, 0.4, "AUTO"), (1, 0.5, "AUTO")])]}},
        {"mapping": {"curves": [
            curve([(0, 0.9, "VECTOR"), (0.5, 0.1, "VECTOR"), (1, 0.9, "VECTOR")]),
            curve([(0, 0.0, "AUTO"), (0.5, 1.2, "AUTO"), (1, 0.3, "AUTO")]),
            curve([(0, 1.0, "AUTO_CLAMPED"), (0.4, 0.2, "AUTO_CLAMPED"), (1, 0.7, "AUTO_CLAMPED")])]}},
    ]
    return {"name": "hue_correct", "node": "CompositorNodeHueCorrect", "output": "Image",
            "inputs": {"Fac": {"type": "VALUE", "values": fac}, "Image": {"type": "RGBA", "values": img}},
            "configs": configs}


def bright_contrast_suite():
    img = colors(-0.2, 1.5)
    bright = pad([0.0, 10.0, -20.0, 50.0, 0.0, 0.0, 100.0, -100.0], N, lambda: r(-60.0, 60.0, 2))
    contrast = pad([0.0, 20.0, 0.0, -30.0, 100.0, 99.0, -100.0, 150.0], N, lambda: r(-80.0, 90.0, 2))
    return {"name": "bright_contrast", "node": "CompositorNodeBrightContrast", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": img}, "Bright": {"type": "VALUE", "values": bright},
                       "Contrast": {"type": "VALUE", "values": contrast}},
            "configs": [{"use_premultiply": True}, {"use_premultiply": False}]}


def color_balance_suite():
    img = colors(-0.2, 1.5)
    fac = pad([1.0, 0.5, 0.0, 1.5, -0.5, 1.0], N, lambda: rng.choice([1.0, r(-0.2, 1.3)]))
    configs = [
        {"correction_method": "LIFT_GAMMA_GAIN"},
        {"correction_method": "LIFT_GAMMA_GAIN", "lift": [1.05, 0.95, 1.0], "gamma": [0.9, 1.0, 1.15], "gain": [1.2, 1.1, 0.9]},
        {"correction_method": "LIFT_GAMMA_GAIN", "lift": [0.5, 1.5, 2.2], "gamma": [0.0, 2.0, 0.3], "gain": [0.0, 2.5, 1.0]},
        {"correction_method": "OFFSET_POWER_SLOPE"},
        {"correction_method": "OFFSET_POWER_SLOPE", "offset": [0.02, 0.0, 0.1], "power": [1.1, 0.95, 1.0], "slope": [1.2, 1.0, 0.85]},
        {"correction_method": "OFFSET_POWER_SLOPE", "offset": [0.0, 0.3, 0.0], "power": [0.0, 3.0, 0.5], "slope": [0.0, 2.0, 1.0], "offset_basis": -0.2},
    ]
    return {"name": "color_balance", "node": "CompositorNodeColorBalance", "output": "Image",
            "inputs": {"Fac": {"type": "VALUE", "values": fac}, "Image": {"type": "RGBA", "values": img}},
            "configs": configs}


def color_correction_suite():
    img = colors(-0.2, 1.4)
    # Levels around the blends at 0.1/0.3 and 0.6/0.8 (defaults 0.2 and 0.7).
    img = img[:16] + [[v, v, v, 1.0] for v in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)] + img[29:]
    mask = pad([1.0, 0.5, 0.0, 1.5, -0.5], N, lambda: rng.choice([1.0, r(-0.2, 1.3)]))
    configs = [
        {},
        {"master_saturation": 1.3, "master_contrast": 1.1, "shadows_gain": 1.2, "midtones_gamma": 0.9,
         "highlights_lift": -0.05, "highlights_saturation": 0.7, "blue": False},
        {"master_gamma": 1.4, "master_gain": 0.8, "master_lift": 0.1, "shadows_contrast": 1.5, "shadows_lift": -0.1,
         "midtones_saturation": 0.0, "midtones_gain": 1.3, "highlights_gamma": 0.6, "highlights_contrast": 0.5,
         "midtones_start": 0.3, "midtones_end": 0.5, "red": False},
        {"master_gamma": 0.0, "shadows_saturation": 4.0, "green": False},
    ]
    return {"name": "color_correction", "node": "CompositorNodeColorCorrection", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": img}, "Mask": {"type": "VALUE", "values": mask}},
            "configs": configs}


def exposure_suite():
    img = colors(-0.5, 8.0)
    exposure = pad([0.0, 1.0, -1.0, 1.3, 10.0, -10.0, 0.5, 3.3], N, lambda: r(-5.0, 5.0, 3))
    return {"name": "exposure", "node": "CompositorNodeExposure", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": img}, "Exposure": {"type": "VALUE", "values": exposure}},
            "configs": [{}]}


def posterize_suite():
    img = colors(-0.3, 1.5)
    steps = pad([8.0, 6.0, 2.0, 1.0, 0.0, -3.0, 1024.0, 5000.0, 2.5, 7.9], N, lambda: r(1.0, 40.0, 2))
    return {"name": "posterize", "node": "CompositorNodePosterize", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": img}, "Steps": {"type": "VALUE", "values": steps}},
            "configs": [{}]}


def z_combine_suite():
    a = colors(-0.1, 1.2)
    b = pad([[0.2, 0.4, 0.6, 1.0], [0.9, 0.1, 0.1, 0.5], [0.0, 0.0, 0.0, 0.0]], N, lambda: rand_color(-0.1, 1.2))
    za = pad([1.0, 2.0, 3.0, 0.5, 5.0, -1.0], N, lambda: r(0.0, 10.0, 2))
    zb = pad([1.0, 1.0, 4.0, 0.5, 2.0, -1.0], N, lambda: r(0.0, 10.0, 2))
    return {"name": "z_combine", "node": "CompositorNodeZcombine", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": a}, "Z": {"type": "VALUE", "values": za},
                       "Image_001": {"type": "RGBA", "values": b}, "Z_001": {"type": "VALUE", "values": zb}},
            "configs": [{"use_alpha": False, "use_antialias_z": False}, {"use_alpha": True, "use_antialias_z": False},
                        {"use_alpha": False, "use_antialias_z": True}, {"use_alpha": True, "use_antialias_z": True}]}


def convert_colorspace_suite():
    img = colors(-0.2, 1.5) [:90] + [[40.0, 41.0, 50.0, 1.0], [4.8, 4.9, 5.0, 1.0], [-0.01, -0.2, -1.0, 1.0],
                                     [0.04, 0.0031, 0.04045, 1.0], [1.0, 0.5, 0.25, 0.5], [0.5, 0.5, 0.5, 0.0]]
    pairs = [("Linear", "sRGB"), ("sRGB", "Linear"), ("sRGB", "XYZ"), ("Linear", "XYZ"), ("XYZ", "sRGB"),
             ("Linear", "Linear ACES"), ("Linear ACES", "Linear"), ("Linear", "Linear ACEScg"),
             ("Linear ACEScg", "sRGB"), ("Linear ACES", "Linear ACEScg"), ("Filmic Log", "Linear"),
             ("Filmic Log", "sRGB"), ("Linear", "Non-Color"), ("Raw", "sRGB"), ("sRGB", "sRGB")]
    return {"name": "convert_colorspace", "node": "CompositorNodeConvertColorSpace", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": img}},
            "configs": [{"from_color_space": f, "to_color_space": t} for f, t in pairs]}


def tonemap_suite():
    img = colors(0.0, 6.0)
    return {"name": "tonemap", "node": "CompositorNodeTonemap", "output": "Image",
            "inputs": {"Image": {"type": "RGBA", "values": img}},
            "configs": [{"tonemap_type": "RH_SIMPLE"},
                        {"tonemap_type": "RH_SIMPLE", "key": 0.2, "offset": 1.0, "gamma": 1.1},
                        {"tonemap_type": "RH_SIMPLE", "key": 0.5, "offset": 0.001, "gamma": 3.0},
                        {"tonemap_type": "RD_PHOTORECEPTOR"},
                        {"tonemap_type": "RD_PHOTORECEPTOR", "intensity": 0.5, "contrast": 0.3, "adaptation": 0.8, "correction": 0.2},
                        {"tonemap_type": "RD_PHOTORECEPTOR", "intensity": -3.0, "contrast": 0.0, "adaptation": 0.0, "correction": 1.0}]}


def main(path):
    spec = {"suites": curves_rgb_suites() + [curve_vec_suite(), hue_correct_suite(), bright_contrast_suite(),
                                             color_balance_suite(), color_correction_suite(), exposure_suite(),
                                             posterize_suite(), z_combine_suite(), convert_colorspace_suite(),
                                             tonemap_suite()]}
    with open(path, "w") as f:
        json.dump(spec, f)


if __name__ == "__main__":
    main(sys.argv[1])
