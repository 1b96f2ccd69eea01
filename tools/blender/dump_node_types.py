"""Dump every compositor node type's sockets and RNA properties as JSON.

  blender -b --factory-startup --python tools/blender/dump_node_types.py -- src/Compositor.Core/NodeTypes/BlenderNodeTypes-3.4.json

For each CompositorNode* type (and the layout nodes): inputs and outputs
(identifier, name, type, default), and the node's own RNA properties
(identifier, type, default, enum items, limits). Used to declare node types
with Blender's exact identifiers and defaults.
"""
import json
import sys

import bpy

BASE = set(p.identifier for p in bpy.types.Node.bl_rna.properties)


def val(v):
    if isinstance(v, float):
        return float("%.7g" % v)
    if isinstance(v, (bool, int, str)) or v is None:
        return v
    if isinstance(v, set):
        return sorted(v)
    try:
        return [val(x) for x in v]
    except TypeError:
        return str(v)


def socket(s):
    d = {"identifier": s.identifier, "name": s.name, "type": s.type, "enabled": s.enabled}
    if hasattr(s, "default_value"):
        d["default"] = val(s.default_value)
    return d


def prop(node, p):
    d = {"identifier": p.identifier, "type": p.type}
    if p.type == "ENUM":
        d["items"] = [i.identifier for i in p.enum_items]
        d["is_flag"] = p.is_enum_flag
    if p.type in ("INT", "FLOAT"):
        d["array_length"] = p.array_length
        d["hard_min"] = val(p.hard_min)
        d["hard_max"] = val(p.hard_max)
    if p.type == "POINTER":
        d["fixed_type"] = p.fixed_type.identifier if p.fixed_type else None
    d["readonly"] = p.is_readonly
    try:
        d["default"] = val(getattr(node, p.identifier)) if p.type not in ("POINTER", "COLLECTION") else None
    except Exception:
        d["default"] = None
    return d


def main(out):
    tree = bpy.data.node_groups.new("dump", "CompositorNodeTree")
    result = {}
    names = sorted(n for n in dir(bpy.types) if n.startswith("CompositorNode") and n not in ("CompositorNodeTree", "CompositorNodeCustomGroup"))
    names += ["NodeReroute", "NodeFrame", "NodeGroupInput", "NodeGroupOutput"]
    for name in names:
        try:
            n = tree.nodes.new(name)
        except Exception as e:
            result[name] = {"error": str(e)}
            continue
        props = [prop(n, p) for p in n.bl_rna.properties
                 if p.identifier not in BASE and not p.identifier.startswith("bl_") and p.identifier != "rna_type"]
        result[name] = {
            "label": n.bl_label if hasattr(n, "bl_label") else n.name,
            "inputs": [socket(s) for s in n.inputs],
            "outputs": [socket(s) for s in n.outputs],
            "properties": props,
        }
        tree.nodes.remove(n)
    with open(out, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    print("dumped %d node types to %s" % (len(result), out))


if __name__ == "__main__":
    main(sys.argv[sys.argv.index("--") + 1])
