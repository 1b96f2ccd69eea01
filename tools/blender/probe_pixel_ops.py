"""Record Blender 3.4's results for pixel-wise compositor nodes, for the unit tests.

Usage:
  blender -b --factory-startup --python tools/blender/probe_pixel_ops.py -- SPEC.json OUT.json

SPEC.json describes suites (a config value that is an object sets a curve mapping property, as
render_graph.py does; "constants" gives values of unlinked input sockets):

  {"suites": [
     {"name": "mix", "node": "CompositorNodeMixRGB", "output": "Image",
      "inputs": {"Fac": {"type": "VALUE", "values": [..]},
                 "Image": {"type": "RGBA", "values": [[r,g,b,a], ..]}, ...},
      "configs": [{"blend_type": "ADD", "use_clamp": true}, ...]}
  ]}

A config's "color_ramp" sets the node's color ramp (graph-format object) and
"output_defaults" sets output socket values (the Normal node's direction).

Every input socket is fed per pixel from an in-memory float image (Non-Color,
premultiplied, so the compositor reads the values unchanged); value sockets
read the R channel through a Separate RGBA node, so no color-to-value
averaging is involved. Each config is rendered once at 12 x (N / 12) pixels
(N = number of values; pixel i at x = i % 12, y = i // 12) in FULL_FRAME mode and the Composite result (RGBA) is
read back. OUT.json (gzip-compressed when it ends in .gz) gets, per suite, the inputs as read back from Blender and
the outputs per config. Numbers are written with the fewest digits that read
back as the same float32; NaN and infinities as the strings "NaN", "Infinity",
"-Infinity".
"""
import json
import math
import os
import struct
import sys
import tempfile

import bpy


def to_f32(v):
    return struct.unpack("f", struct.pack("f", v))[0]


def compact(x):
    """Shortest decimals that read back as the same float32; NaN and infinities as strings."""
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


def make_image(name, pixels_rgba, width, height):
    img = bpy.data.images.get(name)
    if img is not None:
        bpy.data.images.remove(img)
    img = bpy.data.images.new(name, width, height, alpha=True, float_buffer=True)
    img.colorspace_settings.name = "Non-Color"
    img.alpha_mode = "PREMUL"
    flat = []
    for p in pixels_rgba:
        flat.extend(p)
    img.pixels = flat
    img.update()
    return img


def read_exr(path):
    img = bpy.data.images.load(path, check_existing=False)
    px = list(img.pixels)
    w, h = img.size
    bpy.data.images.remove(img)
    return px, w, h


def render(scene, out_dir, tag):
    path = os.path.join(out_dir, tag + ".exr")
    scene.render.filepath = path
    bpy.ops.render.render(write_still=False)
    bpy.data.images["Render Result"].save_render(path, scene=scene)
    px, w, h = read_exr(path)
    os.remove(path)
    return px


def setup(scene, width, height):
    r = scene.render
    r.engine = "BLENDER_WORKBENCH"
    r.use_compositing = True
    r.use_sequencer = False
    r.resolution_x = width
    r.resolution_y = height
    r.resolution_percentage = 100
    r.threads_mode = "FIXED"
    r.threads = 2
    r.dither_intensity = 0.0
    vs = scene.view_settings
    scene.display_settings.display_device = "sRGB"
    vs.view_transform = "Standard"
    vs.look = "None"
    s = r.image_settings
    s.file_format = "OPEN_EXR"
    s.color_depth = "32"
    s.exr_codec = "ZIP"
    s.color_mode = "RGBA"
    scene.use_nodes = True
    bpy.context.preferences.experimental.use_full_frame_compositor = True


def set_curve_mapping(mapping, spec):
    """As tools/blender/render_graph.py sets a curve mapping: settings, points, then update()."""
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

def set_color_ramp(ramp, spec):
    """Sets a color ramp from the graph format's color_ramp object (elements sorted by position)."""
    for k in ("color_mode", "hue_interpolation", "interpolation"):
        if k in spec:
            setattr(ramp, k, spec[k])
    els = sorted(spec["elements"], key=lambda e: e["position"])
    while len(ramp.elements) > len(els):
        ramp.elements.remove(ramp.elements[len(ramp.elements) - 1])
    while len(ramp.elements) < len(els):
        ramp.elements.new(0.5)
    for _ in range(4 * len(els) + 4):
        done = True
        for i, e in enumerate(els):
            if abs(ramp.elements[i].position - e["position"]) > 1e-7:
                ramp.elements[i].position = e["position"]
                done = False
        if done:
            break
    for i, e in enumerate(els):
        ramp.elements[i].color = e["color"]


def build(scene, suite, config, images):
    tree = scene.node_tree
    tree.execution_mode = "FULL_FRAME"
    for n in list(tree.nodes):
        tree.nodes.remove(n)
    node = tree.nodes.new(suite["node"])
    for key, value in config.items():
        current = getattr(node, key, None)
        if isinstance(value, dict) and hasattr(current, "curves"):
            set_curve_mapping(current, value)
        elif key == "color_ramp":
            set_color_ramp(node.color_ramp, value)
        elif key == "output_defaults":
            for sock_id, v in value.items():
                next(s for s in node.outputs if s.identifier == sock_id).default_value = v
        else:
            setattr(node, key, value)
    for sock_id, spec in suite.get("constants", {}).items():
        sock = next(s for s in node.inputs if s.identifier == sock_id)
        sock.default_value = spec
    for sock_id, spec in suite["inputs"].items():
        sock = next(s for s in node.inputs if s.identifier == sock_id)
        img_node = tree.nodes.new("CompositorNodeImage")
        img_node.image = images[sock_id]
        if spec["type"] == "VALUE":
            sep = tree.nodes.new("CompositorNodeSepRGBA")
            tree.links.new(img_node.outputs["Image"], sep.inputs["Image"])
            tree.links.new(sep.outputs["R"], sock)
        else:
            tree.links.new(img_node.outputs["Image"], sock)
    comp = tree.nodes.new("CompositorNodeComposite")
    comp.use_alpha = True
    out = next(s for s in node.outputs if s.identifier == suite["output"])
    tree.links.new(out, comp.inputs["Image"])


def main(argv):
    spec_path, out_path = argv[0], argv[1]
    with open(spec_path) as f:
        spec = json.load(f)
    scene = bpy.context.scene
    out_dir = tempfile.mkdtemp(prefix="probe_")
    result = {"blender": bpy.app.version_string, "suites": []}
    for suite in spec["suites"]:
        inputs = suite["inputs"]
        n = len(next(iter(inputs.values()))["values"])
        width = 12
        height = n // width
        assert width * height == n and height >= 4, n
        setup(scene, width, height)
        images = {}
        for sock_id, ispec in inputs.items():
            vals = ispec["values"]
            assert len(vals) == n, sock_id
            if ispec["type"] == "VALUE":
                px = [[v, 0.0, 0.0, 1.0] for v in vals]
            else:
                px = [list(v) for v in vals]
            images[sock_id] = make_image("in_" + suite["name"] + "_" + sock_id, px, width, height)
        # Read the inputs back as the compositor sees them.
        readback = {}
        for sock_id, ispec in inputs.items():
            tree = scene.node_tree
            for nd in list(tree.nodes):
                tree.nodes.remove(nd)
            img_node = tree.nodes.new("CompositorNodeImage")
            img_node.image = images[sock_id]
            comp = tree.nodes.new("CompositorNodeComposite")
            comp.use_alpha = True
            tree.links.new(img_node.outputs["Image"], comp.inputs["Image"])
            px = render(scene, out_dir, "in")
            if ispec["type"] == "VALUE":
                readback[sock_id] = [px[i * 4] for i in range(n)]
            else:
                readback[sock_id] = [px[i * 4:i * 4 + 4] for i in range(n)]
        outs = []
        for ci, config in enumerate(suite["configs"]):
            build(scene, suite, config, images)
            px = render(scene, out_dir, "out%d" % ci)
            outs.append({"config": config, "output": [px[i * 4:i * 4 + 4] for i in range(n)]})
            print("probe: %s %s" % (suite["name"], config))
        result["suites"].append({
            "name": suite["name"], "node": suite["node"], "output": suite["output"],
            "constants": suite.get("constants", {}),
            "inputs": {k: {"type": v["type"], "values": readback[k]} for k, v in inputs.items()},
            "results": outs,
        })
    data = json.dumps(compact(result), separators=(",", ":")).encode()
    if out_path.endswith(".gz"):
        import gzip
        with gzip.open(out_path, "wb", 9) as f:
            f.write(data)
    else:
        with open(out_path, "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    rc = main(argv)
    sys.stdout.flush()
    os._exit(rc)
