"""Blender's own render of a .blend's compositor tree, as linear OpenEXR (the reference to compare with).

  blender -b scene.blend --python tools/blender-addon/render_blend.py -- OUT.exr

The scene renders as saved, except that FULL_FRAME trees run FULL_FRAME (Blender 3.4 needs its
experimental preference for that, otherwise it silently runs TILED) and the result is saved as
OpenEXR float (never view-transformed, so the values are linear).
"""
import os
import sys

import bpy


def main(argv):
    out = os.path.abspath(argv[0])
    bpy.context.preferences.experimental.use_full_frame_compositor = True
    scene = bpy.context.scene
    s = scene.render.image_settings
    s.file_format, s.color_depth, s.exr_codec, s.color_mode = "OPEN_EXR", "32", "ZIP", "RGBA"
    bpy.ops.render.render(write_still=False)
    bpy.data.images["Render Result"].save_render(out, scene=scene)
    print("rendered", out)


if __name__ == "__main__":
    main(sys.argv[sys.argv.index("--") + 1:])
