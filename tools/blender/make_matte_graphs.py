"""Write the spatial matte test graphs (no input files: the shapes come from Box/Ellipse Masks).

Usage: python3 tools/blender/make_matte_graphs.py OUT_DIR

Each graph renders at 32 x 24. "levels" is an Ellipse Mask (render-size canvas) fed into a rotated
Box Mask (ADD, value 0.6): values 0, 0.6 and 1. The keying graphs mix a green screen and a skin
color by a FLAT-blurred "levels", so the key has soft edges. Record Blender's results with
record_graph_pixels.py (see tests/Compositor.Nodes.Tests/Blender/README.md).
"""
import json
import os
import sys

RES = [32, 24]


def node(name, type_, props=None, inputs=None):
    n = {"name": name, "type": type_}
    if props:
        n["properties"] = props
    if inputs:
        n["inputs"] = inputs
    return n


def link(a, a_sock, b, b_sock):
    return {"from": a, "from_socket": a_sock, "to": b, "to_socket": b_sock}


def graph(nodes, links):
    return {"version": 1, "settings": {"resolution": RES}, "nodes": nodes + [node("Composite", "CompositorNodeComposite", {"use_alpha": True})],
            "links": links}


def levels():
    return ([node("LevelsA", "CompositorNodeEllipseMask", {"x": 0.45, "y": 0.5, "width": 0.5, "height": 0.45, "rotation": 0.3}),
             node("Levels", "CompositorNodeBoxMask", {"x": 0.7, "y": 0.35, "width": 0.3, "height": 0.4, "rotation": -0.4}, {"Value": 0.6})],
            [link("LevelsA", "Mask", "Levels", "Mask")])


def single(type_, props, inputs=None, in_socket="Mask", out_socket="Mask"):
    ns, ls = levels()
    return graph(ns + [node("N", type_, props, inputs)], ls + [link("Levels", "Mask", "N", in_socket), link("N", out_socket, "Composite", "Image")])


def masks():
    g = {}
    for t in ("ADD", "SUBTRACT", "MULTIPLY", "NOT"):
        for shape, other in (("Box", "Ellipse"), ("Ellipse", "Box")):
            src = node("Src", "CompositorNode%sMask" % other, {"x": 0.6, "y": 0.4, "width": 0.5, "height": 0.5}, {"Value": 0.5})
            m = node("N", "CompositorNode%sMask" % shape, {"mask_type": t, "x": 0.4, "y": 0.55, "width": 0.45, "height": 0.3, "rotation": 0.35}, {"Value": 0.8})
            g["%s_mask_%s" % (shape.lower(), t.lower())] = graph([src, m], [link("Src", "Mask", "N", "Mask"), link("N", "Mask", "Composite", "Image")])
    g["box_mask_unlinked_default"] = graph([node("N", "CompositorNodeBoxMask")], [link("N", "Mask", "Composite", "Image")])
    g["ellipse_mask_unlinked_default"] = graph([node("N", "CompositorNodeEllipseMask", None, {"Value": 0.7})], [link("N", "Mask", "Composite", "Image")])
    g["ellipse_mask_zero_height"] = graph([node("N", "CompositorNodeEllipseMask", {"width": 0.5, "height": 0.0})], [link("N", "Mask", "Composite", "Image")])
    g["box_mask_rotated_offside"] = graph([node("N", "CompositorNodeBoxMask", {"x": -0.1, "y": 0.8, "width": 1.5, "height": 0.2, "rotation": 3.0})],
                                          [link("N", "Mask", "Composite", "Image")])
    return g


def dilate_erode():
    g = {}
    for d in (2, -2, 0):
        g["dilate_step_%d" % d] = single("CompositorNodeDilateErode", {"mode": "STEP", "distance": d})
    for d in (3, -2, 0):
        g["dilate_distance_%d" % d] = single("CompositorNodeDilateErode", {"mode": "DISTANCE", "distance": d})
    for d, e in ((2, 0.5), (-2, 0.0), (3, 2.5), (-1, 3.0), (5, 1.0)):
        g["dilate_threshold_%d_%s" % (d, str(e).replace(".", "_"))] = single("CompositorNodeDilateErode", {"mode": "THRESHOLD", "distance": d, "edge": e})
    for f in ("SMOOTH", "SPHERE", "ROOT", "INVERSE_SQUARE", "SHARP", "LINEAR"):
        g["dilate_feather_3_%s" % f.lower()] = single("CompositorNodeDilateErode", {"mode": "FEATHER", "distance": 3, "falloff": f})
    g["dilate_feather_-3_sharp"] = single("CompositorNodeDilateErode", {"mode": "FEATHER", "distance": -3, "falloff": "SHARP"})
    return g


def double_edge():
    g = {}
    for inner in ("ALL", "ADJACENT_ONLY"):
        for edge in ("BLEED_OUT", "KEEP_IN"):
            ns = [node("Inner", "CompositorNodeEllipseMask", {"x": 0.4, "y": 0.5, "width": 0.2, "height": 0.15}),
                  node("Extra", "CompositorNodeEllipseMask", {"x": 0.75, "y": 0.72, "width": 0.25, "height": 0.25}),
                  node("InnerAll", "CompositorNodeMath", {"operation": "MAXIMUM"}),
                  node("Outer", "CompositorNodeBoxMask", {"x": 0.45, "y": 0.45, "width": 1.0, "height": 0.45, "rotation": 0.1}),
                  node("N", "CompositorNodeDoubleEdgeMask", {"inner_mode": inner, "edge_mode": edge})]
            ls = [link("Inner", "Mask", "InnerAll", "Value"), link("Extra", "Mask", "InnerAll", "Value_001"),
                  link("InnerAll", "Value", "N", "Inner Mask"), link("Outer", "Mask", "N", "Outer Mask"), link("N", "Mask", "Composite", "Image")]
            g["double_edge_%s_%s" % (inner.lower(), edge.lower())] = graph(ns, ls)
    ns = [node("Outer", "CompositorNodeBoxMask", {"x": 0.5, "y": 0.45, "width": 0.8, "height": 0.5}),
          node("N", "CompositorNodeDoubleEdgeMask", None, {"Inner Mask": 0.0})]
    g["double_edge_no_inner"] = graph(ns, [link("Outer", "Mask", "N", "Outer Mask"), link("N", "Mask", "Composite", "Image")])
    return g


def keying_graph(props, output, extra_nodes=(), extra_links=()):
    ns, ls = levels()
    ns = ns + [node("Soft", "CompositorNodeBlur", {"filter_type": "FLAT", "size_x": 3, "size_y": 3}),
               node("Screen", "CompositorNodeMixRGB", None, {"Image": [0.1, 0.62, 0.16, 1.0], "Image_001": [0.85, 0.6, 0.45, 1.0]}),
               node("N", "CompositorNodeKeying", props, {"Key Color": [0.1, 0.62, 0.16, 1.0]})] + list(extra_nodes)
    ls = ls + [link("Levels", "Mask", "Soft", "Image"), link("Soft", "Image", "Screen", "Fac"), link("Screen", "Image", "N", "Image"),
               link("N", output, "Composite", "Image")] + list(extra_links)
    return graph(ns, ls)


def keying():
    g = {}
    g["keying_default_image"] = keying_graph({}, "Image")
    g["keying_clip_matte"] = keying_graph({"clip_black": 0.1, "clip_white": 0.8, "edge_kernel_radius": 2, "edge_kernel_tolerance": 0.1}, "Matte")
    g["keying_clip_edges"] = keying_graph({"clip_black": 0.1, "clip_white": 0.8, "edge_kernel_radius": 2, "edge_kernel_tolerance": 0.1}, "Edges")
    g["keying_edges_radius_1"] = keying_graph({"edge_kernel_radius": 1}, "Edges")
    g["keying_edges_radius_0"] = keying_graph({"edge_kernel_radius": 0, "clip_black": 0.2}, "Matte")
    g["keying_edges_tolerance"] = keying_graph({"edge_kernel_radius": 4, "edge_kernel_tolerance": 0.02}, "Edges")
    g["keying_pre_blur"] = keying_graph({"blur_pre": 2}, "Image")
    g["keying_post_blur_dilate_feather"] = keying_graph({"blur_post": 2, "dilate_distance": 1, "feather_distance": 2, "feather_falloff": "SPHERE"}, "Matte")
    g["keying_erode_feather_in"] = keying_graph({"dilate_distance": -1, "feather_distance": -2, "feather_falloff": "LINEAR"}, "Matte")
    garbage = [node("Garbage", "CompositorNodeBoxMask", {"x": 0.15, "y": 0.5, "width": 0.2, "height": 0.9}),
               node("Core", "CompositorNodeEllipseMask", {"x": 0.5, "y": 0.5, "width": 0.15, "height": 0.15})]
    gl = [link("Garbage", "Mask", "N", "Garbage Matte"), link("Core", "Mask", "N", "Core Matte")]
    g["keying_garbage_core_image"] = keying_graph({"despill_factor": 0.7, "despill_balance": 0.3, "clip_black": 0.05}, "Image", garbage, gl)
    g["keying_garbage_core_matte"] = keying_graph({"blur_post": 1}, "Matte", garbage, gl)
    return g


def low_quality():
    """The feathers at low render quality (every fourth tap), in Dilate/Erode and in Keying."""
    g = {}
    for name, source in (("dilate_feather_3_smooth_low", dilate_erode()["dilate_feather_3_smooth"]),
                         ("keying_post_blur_dilate_feather_low", keying()["keying_post_blur_dilate_feather"])):
        source["settings"]["render_quality"] = "LOW"
        g[name] = source
    return g


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for make in (masks, dilate_erode, double_edge, keying, low_quality):
        for name, g in make().items():
            with open(os.path.join(out_dir, name + ".json"), "w") as f:
                json.dump(g, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
