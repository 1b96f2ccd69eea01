"""Python values of Blender properties as graph-format JSON values."""
import json
import os

try:
    import numpy
except ImportError:  # Blender ships numpy; the fallback keeps 9 digits, enough for float32
    numpy = None

MISSING = object()

# Color Balance keeps both sets of values, each computed from the other: only the active
# correction method's set is the node's setting.
COLOR_BALANCE_LGG = ("lift", "gamma", "gain")
COLOR_BALANCE_CDL = ("offset", "power", "slope", "offset_basis")


def _float(v):
    # Blender stores float32: write the shortest decimal that reads back as the same float32, so a
    # graph exported from Blender and read by Compositor holds exactly Blender's values.
    if numpy is not None:
        return float(str(numpy.float32(v)))
    return float("%.9g" % v)


def value(v):
    """A JSON-ready copy of a property value: floats shortened, vectors and colors as lists."""
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, (bool, int, str)) or v is None:
        return v
    if isinstance(v, set):
        return sorted(v)
    try:
        return [value(x) for x in v]
    except TypeError:
        return str(v)


def write_json(graph, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(graph, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)
