"""Build examples/blender/compositing.blend: a real compositing tree made in Blender.

  blender -b --factory-startup --python tools/blender-addon/make_example_blend.py -- \
      examples/blender/compositing.blend ../shared/conformance/inputs/rgba_straight_192.png

A green-screen shot keyed over a photo, graded by a node group that nests a glow group, a
Non-Color mask through a color ramp, a logo packed into the .blend (straight alpha), a frame,
reroutes, a muted node and a Viewer. The scene renders with the compositor only (no Render
Layers node) at 480x320 at 50 %, FULL_FRAME. The images it loads lie beside the .blend and are
referenced relative to it ('//'), so the folder can move.
"""
import os
import sys

import bpy


def image(path, colorspace="sRGB", alpha_mode="STRAIGHT", pack=False):
    img = bpy.data.images.load(path, check_existing=False)
    img.colorspace_settings.name = colorspace
    img.alpha_mode = alpha_mode
    if pack:
        img.pack()
    else:
        img.filepath = bpy.path.relpath(path)
    return img


def add(tree, kind, name, location, **props):
    node = tree.nodes.new(kind)
    node.name = name
    node.location = location
    for k, v in props.items():
        setattr(node, k, v)
    return node


def link(tree, a, out, b, inp):
    tree.links.new(a.outputs[out], b.inputs[inp])


def glow_group():
    g = bpy.data.node_groups.new("Glow", "CompositorNodeTree")
    g.inputs.new("NodeSocketColor", "Image")
    size = g.inputs.new("NodeSocketFloat", "Strength")
    size.default_value = 0.35
    size.min_value, size.max_value = 0.0, 1.0
    g.outputs.new("NodeSocketColor", "Image")
    gi = add(g, "NodeGroupInput", "Group Input", (-400, 0))
    go = add(g, "NodeGroupOutput", "Group Output", (400, 0))
    blur = add(g, "CompositorNodeBlur", "Soft", (-150, 120), filter_type="FAST_GAUSS", size_x=12, size_y=12)
    screen = add(g, "CompositorNodeMixRGB", "Screen", (150, 0), blend_type="SCREEN")
    link(g, gi, "Image", blur, "Image")
    link(g, gi, "Image", screen, 1)
    link(g, blur, "Image", screen, 2)
    link(g, gi, "Strength", screen, "Fac")
    link(g, screen, "Image", go, "Image")
    return g


def grade_group(glow):
    g = bpy.data.node_groups.new("Grade", "CompositorNodeTree")
    g.inputs.new("NodeSocketColor", "Image")
    g.outputs.new("NodeSocketColor", "Image")
    gi = add(g, "NodeGroupInput", "Group Input", (-600, 0))
    go = add(g, "NodeGroupOutput", "Group Output", (600, 0))
    curves = add(g, "CompositorNodeCurveRGB", "Contrast", (-350, 0))
    combined = curves.mapping.curves[3]
    combined.points.new(0.25, 0.18)
    combined.points.new(0.75, 0.84)
    curves.mapping.update()
    hsv = add(g, "CompositorNodeHueSat", "Warm", (-100, 0))
    hsv.inputs["Saturation"].default_value = 1.15
    hsv.inputs["Hue"].default_value = 0.49
    glow_node = add(g, "CompositorNodeGroup", "Glow", (150, 0))
    glow_node.node_tree = glow
    glow_node.inputs["Strength"].default_value = 0.3
    link(g, gi, "Image", curves, "Image")
    link(g, curves, "Image", hsv, "Image")
    link(g, hsv, "Image", glow_node, "Image")
    link(g, glow_node, "Image", go, "Image")
    return g


def build(scene, folder, logo_path):
    scene.use_nodes = True
    tree = scene.node_tree
    tree.nodes.clear()
    tree.execution_mode = "FULL_FRAME"
    r = scene.render
    r.engine = "BLENDER_WORKBENCH"
    r.resolution_x, r.resolution_y, r.resolution_percentage = 480, 320, 50
    r.use_compositing, r.use_sequencer = True, False
    r.image_settings.file_format = "OPEN_EXR"
    r.image_settings.color_depth = "32"
    r.dither_intensity = 0.0

    plate = add(tree, "CompositorNodeImage", "Green Screen", (-900, 300))
    plate.image = image(os.path.join(folder, "greenscreen_240x160.png"))
    background = add(tree, "CompositorNodeImage", "Background", (-900, -100))
    background.image = image(os.path.join(folder, "coffee_240x160.png"))
    mask = add(tree, "CompositorNodeImage", "Vignette Mask", (-900, -450))
    mask.image = image(os.path.join(folder, "mask_inner.png"), colorspace="Non-Color")
    logo = add(tree, "CompositorNodeImage", "Logo (packed)", (-900, -750))
    logo.image = image(logo_path, pack=True)

    key_frame = add(tree, "NodeFrame", "Keying", (-700, 450), label="Key the plate", label_size=24)
    keying = add(tree, "CompositorNodeKeying", "Keying", (-600, 300))
    keying.inputs["Key Color"].default_value = (0.12, 0.55, 0.15, 1.0)
    keying.clip_black, keying.clip_white = 0.05, 0.9
    despill = add(tree, "CompositorNodeColorSpill", "Despill", (-350, 300), channel="G", limit_method="AVERAGE")
    keying.parent = key_frame
    despill.parent = key_frame

    over = add(tree, "CompositorNodeAlphaOver", "Over Background", (-100, 150))
    grade = add(tree, "CompositorNodeGroup", "Grade", (150, 150))
    grade.node_tree = grade_group(glow_group())
    muted_blur = add(tree, "CompositorNodeBlur", "Muted Blur", (380, 150), size_x=30, size_y=30)
    muted_blur.mute = True

    ramp = add(tree, "CompositorNodeValToRGB", "Vignette Ramp", (-600, -400))
    ramp.color_ramp.interpolation = "EASE"
    ramp.color_ramp.elements[0].color = (0.25, 0.22, 0.3, 1.0)
    ramp.color_ramp.elements[1].position = 0.8
    vignette = add(tree, "CompositorNodeMixRGB", "Vignette", (600, 100), blend_type="MULTIPLY")
    vignette.inputs["Fac"].default_value = 0.7

    logo_scale = add(tree, "CompositorNodeTranslate", "Place Logo", (-350, -700))
    logo_scale.inputs["X"].default_value = 60
    logo_scale.inputs["Y"].default_value = -20
    logo_over = add(tree, "CompositorNodeAlphaOver", "Logo Over", (850, 50))
    logo_over.inputs["Fac"].default_value = 0.85
    reroute = add(tree, "NodeReroute", "Reroute", (600, -600))

    composite = add(tree, "CompositorNodeComposite", "Composite", (1100, 50))
    viewer = add(tree, "CompositorNodeViewer", "Viewer", (1100, -150))

    link(tree, plate, "Image", keying, "Image")
    link(tree, keying, "Image", despill, "Image")
    link(tree, background, "Image", over, 1)
    link(tree, despill, "Image", over, 2)
    link(tree, over, "Image", grade, "Image")
    link(tree, grade, "Image", muted_blur, "Image")
    link(tree, muted_blur, "Image", vignette, 1)
    link(tree, mask, "Image", ramp, "Fac")
    link(tree, ramp, "Image", vignette, 2)
    link(tree, logo, "Image", logo_scale, "Image")
    link(tree, logo_scale, "Image", reroute, 0)
    link(tree, vignette, "Image", logo_over, 1)
    link(tree, reroute, 0, logo_over, 2)
    link(tree, logo_over, "Image", composite, "Image")
    link(tree, keying, "Matte", viewer, "Image")


def main(argv):
    out = os.path.abspath(argv[0])
    logo = os.path.abspath(argv[1])
    folder = os.path.dirname(out)
    bpy.context.preferences.filepaths.save_version = 0  # no .blend1 backup
    # Save first so that '//' paths are relative to the .blend's folder.
    bpy.ops.wm.save_as_mainfile(filepath=out)
    build(bpy.context.scene, folder, logo)
    bpy.ops.wm.save_as_mainfile(filepath=out, compress=True)
    print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[sys.argv.index("--") + 1:])
