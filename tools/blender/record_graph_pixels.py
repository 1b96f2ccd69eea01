"""Pack rendered EXRs of test graphs into one JSON for the unit tests.

Usage:
  blender -b --factory-startup --python tools/blender/record_graph_pixels.py -- EXR_DIR OUT.json.gz

Every EXR_DIR/NAME.exr (what render_graph.py wrote for NAME.json) becomes
{"NAME": {"width": W, "height": H, "pixels": [r, g, b, a, ...]}} (rows bottom-up, as Blender
stores them), numbers with the fewest digits that read back as the same float32.
"""
import gzip
import json
import math
import os
import struct
import sys

import bpy


def compact(x):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    target = struct.unpack("f", struct.pack("f", x))[0]
    for digits in range(6, 10):
        y = float("%.*g" % (digits, x))
        if struct.unpack("f", struct.pack("f", y))[0] == target:
            return y
    return x


def main(argv):
    src, out = argv[0], argv[1]
    result = {"blender": bpy.app.version_string, "graphs": {}}
    for name in sorted(os.listdir(src)):
        if not name.endswith(".exr"):
            continue
        img = bpy.data.images.load(os.path.join(src, name), check_existing=False)
        w, h = img.size
        result["graphs"][name[:-4]] = {"width": w, "height": h, "pixels": [compact(v) for v in img.pixels]}
        bpy.data.images.remove(img)
    with gzip.open(out, "wb", 9) as f:
        f.write(json.dumps(result, separators=(",", ":")).encode())
    return 0


if __name__ == "__main__":
    rc = main(sys.argv[sys.argv.index("--") + 1:])
    sys.stdout.flush()
    os._exit(rc)
