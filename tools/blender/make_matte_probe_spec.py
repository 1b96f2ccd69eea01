"""Write the probe spec for probe_pixel_ops.py: per-pixel inputs for the pixel-wise matte nodes.

Usage: python3 tools/blender/make_matte_probe_spec.py SPEC.json

Covers Channel Key (every color space, both limit methods, every matte channel, equal limits),
Chroma, Color, Difference, Distance (RGB, YCC) and Luminance Key (Image and Matte outputs), Color
Spill (every channel and method, with and without unspill), Alpha Convert, and the pixel-wise
parts of Keying (screen balance, despill, garbage and core mattes). Inputs mix hand-picked edge
cases (the key color itself, grays, black, white, HDR, negative components, alpha 0, 1 and above
1, keys with tied channels) with seeded random values.
"""
import json
import random
import sys

rng = random.Random(3401)
N = 96


def r(lo, hi, digits=4):
    return round(rng.uniform(lo, hi), digits)


def rand_color(lo=-0.1, hi=1.3):
    return [r(lo, hi), r(lo, hi), r(lo, hi), rng.choice([1.0, 1.0, r(0.0, 1.0)])]


def pad(values, n, gen):
    values = list(values)
    while len(values) < n:
        values.append(gen())
    return values[:n]


GREEN = [0.1, 0.62, 0.16, 1.0]
IMAGE = pad([
    GREEN, [0.12, 0.6, 0.18, 1.0], [0.2, 0.5, 0.25, 1.0], [0.8, 0.3, 0.2, 1.0], [0.5, 0.5, 0.5, 1.0],
    [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.5, 1.2, 1.1, 1.0], [0.3, 0.7, 0.2, 0.5],
    [0.1, 0.62, 0.16, 0.0], [0.05, 0.9, 0.1, 1.0], [0.1, 0.2, 0.9, 1.0], [0.9, 0.1, 0.1, 1.0],
    [-0.1, 0.5, 0.2, 1.0], [0.4, 0.6, 0.4, 1.3], [0.2, 0.7, 0.1, 0.25], [0.5, 0.5, 0.51, 1.0],
    [0.3, 0.3, 0.3, 0.0], [0.62, 0.1, 0.16, 1.0], [0.16, 0.1, 0.62, 1.0], [0.0, 1.0, 0.0, 1.0],
    [0.6, 0.62, 0.16, 1.0], [0.1, 0.62, 0.62, 1.0], [0.25, 0.25, 0.75, 0.8], [0.15, 0.55, 0.2, 1.0],
    [0.3, 0.45, 0.3, 1.0], [0.12, 0.4, 0.14, 0.7], [2.0, 0.5, 0.3, 1.0], [0.02, 0.08, 0.03, 1.0],
], N, rand_color)
# Keys: the green screen mostly, then blue, red, gray and tied channels, then random colors.
KEY = pad([GREEN] * 30 + [
    [0.1, 0.2, 0.9, 1.0], [0.9, 0.1, 0.1, 1.0], [0.5, 0.5, 0.5, 1.0], [0.3, 0.6, 0.6, 1.0],
    [0.6, 0.6, 0.3, 1.0], [0.0, 0.0, 0.0, 1.0], [0.2, 0.8, 0.3, 1.0], [0.05, 0.35, 0.7, 1.0],
] * 4, N, lambda: rand_color(0.0, 1.0))
IMAGE2 = [[min(1.5, c + rng.choice([0.0, 0.02, -0.05, 0.1, 0.3])) for c in p[:3]] + [p[3]] for p in IMAGE]
FAC = pad([1.0, 0.5, 0.0, -0.3, 1.5, 0.9], N, lambda: r(-0.2, 1.4))
GARBAGE = pad([0.0, 1.0, 0.5, 0.2, 0.0, 0.0, 1.0], N, lambda: rng.choice([0.0, 0.0, 1.0, r(0.0, 1.0)]))
CORE = pad([0.0, 0.0, 0.5, 1.0, 0.3, 0.0, 0.0, 1.0], N, lambda: rng.choice([0.0, 0.0, 1.0, r(0.0, 1.0)]))


def rgba(values):
    return {"type": "RGBA", "values": values}


def value(values):
    return {"type": "VALUE", "values": values}


def both_outputs(name, node, inputs, configs):
    return [{"name": name + "_matte", "node": node, "output": "Matte", "inputs": inputs, "configs": configs},
            {"name": name + "_image", "node": node, "output": "Image", "inputs": inputs, "configs": configs}]


def channel_matte():
    names = {"RGB": "RGB", "HSV": "HSV", "YUV": "YGV", "YCC": ["Y", "CB", "CR"]}
    configs = []
    for cs in ("RGB", "HSV", "YUV", "YCC"):
        ch = list(names[cs]) if isinstance(names[cs], str) else names[cs]
        for m in range(3):
            configs.append({"color_space": cs, "limit_method": "MAX", "matte_channel": ch[m],
                            "limit_max": 0.9, "limit_min": 0.1})
            configs.append({"color_space": cs, "limit_method": "SINGLE", "matte_channel": ch[m],
                            "limit_channel": ch[(m + 1) % 3], "limit_max": 0.8, "limit_min": 0.3})
    configs.append({"color_space": "RGB", "limit_method": "MAX", "matte_channel": "G", "limit_max": 0.5, "limit_min": 0.5})
    configs.append({"color_space": "HSV", "limit_method": "SINGLE", "matte_channel": "V", "limit_channel": "V", "limit_max": 1.2, "limit_min": -0.2})
    configs.append({})
    return both_outputs("channel_matte", "CompositorNodeChannelMatte", {"Image": rgba(IMAGE)}, configs)


def chroma_matte():
    configs = [{}, {"tolerance": 0.6, "threshold": 0.2, "gain": 1.0, "shadow_adjust": 0.1},
               {"tolerance": 1.2, "threshold": 0.0, "gain": 0.5, "lift": 0.3},
               {"tolerance": 0.2, "threshold": 0.5, "gain": 0.2}, {"tolerance": 1.396263, "threshold": 0.5235988, "gain": 0.0}]
    return both_outputs("chroma_matte", "CompositorNodeChromaMatte", {"Image": rgba(IMAGE), "Key Color": rgba(KEY)}, configs)


def color_matte():
    configs = [{}, {"color_hue": 0.05, "color_saturation": 0.3, "color_value": 0.3},
               {"color_hue": 1.0, "color_saturation": 1.0, "color_value": 1.0},
               {"color_hue": 0.3, "color_saturation": 0.5, "color_value": 0.2}, {"color_hue": 0.0, "color_saturation": 0.0, "color_value": 0.0}]
    return both_outputs("color_matte", "CompositorNodeColorMatte", {"Image": rgba(IMAGE), "Key Color": rgba(KEY)}, configs)


def diff_matte():
    configs = [{}, {"tolerance": 0.15, "falloff": 0.1}, {"tolerance": 0.0, "falloff": 0.0},
               {"tolerance": 0.05, "falloff": 0.5}, {"tolerance": 1.0, "falloff": 1.0}]
    return both_outputs("diff_matte", "CompositorNodeDiffMatte", {"Image 1": rgba(IMAGE), "Image 2": rgba(IMAGE2)}, configs)


def distance_matte():
    configs = [{"channel": c, "tolerance": t, "falloff": f} for c in ("RGB", "YCC")
               for t, f in ((0.1, 0.1), (0.3, 0.2), (0.0, 0.0), (0.05, 0.6))]
    return both_outputs("distance_matte", "CompositorNodeDistanceMatte", {"Image": rgba(IMAGE), "Key Color": rgba(KEY)}, configs)


def luma_matte():
    configs = [{}, {"limit_max": 0.8, "limit_min": 0.2}, {"limit_max": 0.4, "limit_min": 0.4},
               {"limit_max": 0.2, "limit_min": 0.8}, {"limit_max": 2.0, "limit_min": -0.5}]
    return both_outputs("luma_matte", "CompositorNodeLumaMatte", {"Image": rgba(IMAGE)}, configs)


def color_spill():
    configs = []
    for ch in ("R", "G", "B"):
        configs.append({"channel": ch, "limit_method": "SIMPLE", "limit_channel": "R" if ch != "R" else "B", "ratio": 1.0})
        configs.append({"channel": ch, "limit_method": "AVERAGE", "ratio": 0.8})
        configs.append({"channel": ch, "limit_method": "AVERAGE", "ratio": 1.3, "use_unspill": True,
                        "unspill_red": 0.2, "unspill_green": 1.2, "unspill_blue": 0.5})
    configs.append({"channel": "G", "limit_method": "SIMPLE", "limit_channel": "G", "ratio": 0.5, "use_unspill": True,
                    "unspill_red": 0.0, "unspill_green": 0.0, "unspill_blue": 0.0})
    configs.append({})
    return [{"name": "color_spill", "node": "CompositorNodeColorSpill", "output": "Image",
             "inputs": {"Image": rgba(IMAGE), "Fac": value(FAC)}, "configs": configs}]


def premul_key():
    return [{"name": "premul_key", "node": "CompositorNodePremulKey", "output": "Image",
             "inputs": {"Image": rgba(IMAGE)},
             "configs": [{"mapping": "STRAIGHT_TO_PREMUL"}, {"mapping": "PREMUL_TO_STRAIGHT"}]}]


def keying():
    matte_configs = [{"despill_factor": 0.0}, {"screen_balance": 0.0}, {"screen_balance": 1.0}, {"screen_balance": 0.3}]
    image_configs = [{}, {"despill_factor": 0.0}, {"despill_factor": 0.5, "despill_balance": 0.2},
                     {"despill_factor": 1.0, "despill_balance": 1.0, "screen_balance": 0.7}]
    inputs = {"Image": rgba(IMAGE), "Key Color": rgba(KEY)}
    mattes = dict(inputs, **{"Garbage Matte": value(GARBAGE), "Core Matte": value(CORE)})
    return [{"name": "keying_matte", "node": "CompositorNodeKeying", "output": "Matte", "inputs": inputs, "configs": matte_configs},
            {"name": "keying_image", "node": "CompositorNodeKeying", "output": "Image", "inputs": inputs, "configs": image_configs},
            {"name": "keying_garbage_core", "node": "CompositorNodeKeying", "output": "Matte", "inputs": mattes, "configs": [{}]},
            {"name": "keying_garbage_core_image", "node": "CompositorNodeKeying", "output": "Image", "inputs": mattes,
             "configs": [{"despill_factor": 0.6}]}]


def grid(rows):
    """12 x 8 values from rows written top row first (pixel i is x = i % 12, y = i // 12)."""
    out = []
    for row in reversed(rows):
        out.extend(row)
    return out


def double_edge_mask():
    O, I, Z = 1.0, 1.0, 0.0
    # A blob inside the outer mask touching the left border, a lone inner pixel touching the outer
    # mask only diagonally, an outer mask reaching the left and bottom borders, and -0.0 (set bits).
    outer = grid([
        [Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [O, O, O, O, O, O, O, O, Z, Z, Z, Z],
        [O, O, O, O, O, O, O, O, Z, Z, Z, Z],
        [O, O, O, O, O, O, O, O, Z, Z, Z, Z],
        [O, O, O, O, O, O, O, O, O, Z, Z, Z],
        [O, O, O, O, O, O, O, O, O, Z, Z, 0.3],
        [O, O, O, O, O, O, O, O, O, O, Z, -0.0],
    ])
    inner = grid([
        [Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [Z, Z, Z, Z, Z, Z, Z, Z, I, Z, Z, Z],
        [Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [Z, Z, I, I, I, Z, Z, Z, Z, Z, Z, Z],
        [I, I, I, I, I, Z, Z, Z, Z, Z, Z, Z],
        [I, I, I, 0.5, Z, Z, Z, Z, Z, Z, Z, Z],
        [Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [Z, Z, Z, Z, Z, Z, Z, 1e-30, Z, Z, Z, Z],
    ])
    # The inner mask apart from the outer one: ADJACENT_ONLY finds no inner edge at all.
    apart_outer = grid([[1.0 if 1 <= y <= 6 and x <= 6 else 0.0 for x in range(12)] for y in range(8)])
    apart_inner = grid([[1.0 if 3 <= y <= 4 and 9 <= x <= 10 else 0.0 for x in range(12)] for y in range(8)])
    rand_inner = [rng.choice([0.0, 0.0, 0.0, 1.0]) for _ in range(N)]
    rand_outer = [1.0 if v else rng.choice([0.0, 1.0, 1.0]) for v in rand_inner]
    configs = [{"inner_mode": i, "edge_mode": e} for i in ("ALL", "ADJACENT_ONLY") for e in ("BLEED_OUT", "KEEP_IN")]
    return [{"name": "double_edge_mask", "node": "CompositorNodeDoubleEdgeMask", "output": "Mask",
             "inputs": {"Inner Mask": value(inner), "Outer Mask": value(outer)}, "configs": configs},
            {"name": "double_edge_mask_apart", "node": "CompositorNodeDoubleEdgeMask", "output": "Mask",
             "inputs": {"Inner Mask": value(apart_inner), "Outer Mask": value(apart_outer)}, "configs": configs},
            {"name": "double_edge_mask_random", "node": "CompositorNodeDoubleEdgeMask", "output": "Mask",
             "inputs": {"Inner Mask": value(rand_inner), "Outer Mask": value(rand_outer)}, "configs": configs}]


def main(path):
    suites = []
    for make in (channel_matte, chroma_matte, color_matte, diff_matte, distance_matte, luma_matte,
                 color_spill, premul_key, keying, double_edge_mask):
        suites.extend(make())
    with open(path, "w") as f:
        json.dump({"suites": suites}, f)


if __name__ == "__main__":
    main(sys.argv[1])
