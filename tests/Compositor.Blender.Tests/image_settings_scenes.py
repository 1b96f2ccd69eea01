"""Scenes that each show one image through one colorspace / alpha / source setting, exported with the
add-on and rendered by Blender, in one Blender process (ImageSettingsTests).

  blender -b --factory-startup --python image_settings_scenes.py -- OUT_DIR INPUTS_DIR ADDON_DIR

Writes OUT_DIR/VARIANT/graph.json (export_tree with copy_images) and OUT_DIR/VARIANT/blender.exr
(Blender's FULL_FRAME render, linear), and OUT_DIR/variants.json listing them.
"""
import json
import os
import shutil
import sys

import bpy

OUT, INPUTS, ADDON = [os.path.abspath(a) for a in sys.argv[sys.argv.index("--") + 1:]]
sys.path.insert(0, ADDON)
import compositor_graph  # noqa: E402

# name: (file, colorspace, alpha_mode, straight alpha output)
VARIANTS = {
    "png_srgb_straight_output": ("rgba_straight_192.png", "sRGB", "STRAIGHT", True),
    "png_linear": ("chelsea_240x160.png", "Linear", None, False),
    "png_non_color": ("chelsea_240x160.png", "Non-Color", None, False),
    "png_xyz": ("chelsea_240x160.png", "XYZ", None, False),
    "png_alpha_premul": ("rgba_straight_192.png", "sRGB", "PREMUL", False),
    "png_alpha_channel_packed": ("rgba_straight_192.png", "sRGB", "CHANNEL_PACKED", False),
    "png_alpha_none": ("rgba_straight_192.png", "sRGB", "NONE", False),
    "exr_linear": ("city_hdr_320x160.exr", "Linear", None, False),
    "exr_linear_aces": ("city_hdr_320x160.exr", "Linear ACES", None, False),
    "sequence_frame_2": (None, "sRGB", None, False),
}


def scene_for(name, spec):
    file, colorspace, alpha_mode, straight = spec
    scene = bpy.context.scene
    scene.use_nodes = True
    tree = scene.node_tree
    tree.nodes.clear()
    tree.execution_mode = "FULL_FRAME"
    if file is None:
        # three frames; the scene is at frame 2, which shows the second file
        frames = os.path.join(OUT, "_frames")
        os.makedirs(frames, exist_ok=True)
        for i, f in enumerate(("chelsea_240x160.png", "coffee_240x160.png", "greenscreen_240x160.png"), 1):
            shutil.copy(os.path.join(INPUTS, f), os.path.join(frames, "shot_%04d.png" % i))
        img = bpy.data.images.load(os.path.join(frames, "shot_0001.png"))
        img.source = "SEQUENCE"
    else:
        img = bpy.data.images.load(os.path.join(INPUTS, file))
    img.colorspace_settings.name = colorspace
    if alpha_mode:
        img.alpha_mode = alpha_mode
    node = tree.nodes.new("CompositorNodeImage")
    node.image = img
    node.use_straight_alpha_output = straight
    if file is None:
        node.frame_duration = 3
    comp = tree.nodes.new("CompositorNodeComposite")
    tree.links.new(node.outputs["Image"], comp.inputs["Image"])
    r = scene.render
    r.resolution_x, r.resolution_y, r.resolution_percentage = (320, 160, 100) if file and file.endswith(".exr") else (240, 160, 100)
    scene.frame_current = 2
    return scene


def main():
    bpy.context.preferences.experimental.use_full_frame_compositor = True
    scene = bpy.context.scene
    for o in list(scene.objects):
        bpy.data.objects.remove(o)
    s = scene.render.image_settings
    s.file_format, s.color_depth, s.exr_codec, s.color_mode = "OPEN_EXR", "32", "ZIP", "RGBA"
    scene.render.dither_intensity = 0.0
    done = []
    for name, spec in VARIANTS.items():
        for im in list(bpy.data.images):
            if im.type == "IMAGE":
                bpy.data.images.remove(im)
        scene_for(name, spec)
        folder = os.path.join(OUT, name)
        report = compositor_graph.export_tree(scene, os.path.join(folder, "graph.json"), copy_images=True)
        if not report.ok:
            raise RuntimeError("%s: %s %s" % (name, report.unsupported, report.warnings))
        bpy.ops.render.render(write_still=False)
        bpy.data.images["Render Result"].save_render(os.path.join(folder, "blender.exr"), scene=scene)
        done.append(name)
    with open(os.path.join(OUT, "variants.json"), "w") as f:
        json.dump(done, f)


try:
    main()
    code = 0
except Exception:  # noqa: BLE001 - reported to the test through the exit status and the log
    import traceback
    traceback.print_exc()
    code = 1
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
