"""Graph format v1 -> a scene's compositor tree, so a graph written by hand or by the .NET
builder API can be inspected and edited in Blender's node editor."""
import glob
import json
import os
import re

import bpy

from .graph_values import COLOR_BALANCE_CDL, COLOR_BALANCE_LGG

SHORT_PREFIX = "CompositorNode"
LAYOUT_TYPES = {"NodeReroute", "NodeFrame", "NodeGroupInput", "NodeGroupOutput"}
# Set first: they change which other properties and sockets a node has.
PRIORITY_PROPS = ("node_tree", "image", "color_space", "filter_type", "mode", "data_type", "operation",
                  "blend_type", "glare_type", "tonemap_type", "correction_method", "space",
                  "limit_method", "layer_slots", "file_slots", "format")
SOCKET_IDNAMES = {"RGBA": "NodeSocketColor", "VALUE": "NodeSocketFloat", "VECTOR": "NodeSocketVector"}


class GraphError(Exception):
    """The graph cannot be built; the message names the node and the key."""


def full_type(t):
    if t in LAYOUT_TYPES or t.startswith(SHORT_PREFIX):
        return t
    if t in ("Reroute", "Frame", "GroupInput", "GroupOutput"):
        return "Node" + t
    return SHORT_PREFIX + t


def _find_socket(sockets, key, node, what):
    if isinstance(key, int):
        if 0 <= key < len(sockets):
            return sockets[key]
        raise GraphError("node '%s': %s socket index %d out of range" % (node.name, what, key))
    for s in sockets:
        if s.identifier == key:
            return s
    for s in sockets:
        if s.name == key:
            return s
    raise GraphError("node '%s': no %s socket '%s' (have %s)" % (node.name, what, key, ", ".join(s.identifier for s in sockets)))


def _set_socket_value(sock, value, where):
    if not hasattr(sock, "default_value"):
        raise GraphError("%s: socket '%s' holds no value" % (where, sock.identifier))
    current = sock.default_value
    try:
        n = len(current)
    except TypeError:
        n = None
    if n is None:
        sock.default_value = value
    elif isinstance(value, (list, tuple)):
        v = list(value)
        if len(v) == 3 and n == 4:
            v.append(1.0)
        sock.default_value = v[:n]
    elif n == 4 and sock.type == "RGBA":
        sock.default_value = [value, value, value, 1.0]
    else:
        sock.default_value = [value] * n


class _Builder:
    def __init__(self, scene, base_dir):
        self.scene = scene
        self.base_dir = base_dir
        self.groups = {}       # graph group name -> node group datablock
        self.interfaces = {}   # graph group name -> {"in": [identifiers], "out": [identifiers]}
        self.images = {}

    # -- properties ---------------------------------------------------------------------------
    def image(self, node, spec):
        if spec is None:
            node.image = None
            return
        if isinstance(spec, str):
            spec = {"filepath": spec}
        path = spec.get("filepath") or ""
        if not os.path.isabs(path):
            path = os.path.normpath(os.path.join(self.base_dir, path))
        source = spec.get("source", "FILE")
        if source == "SEQUENCE":
            # Blender opens a sequence from any one frame's file: the first that exists.
            m = list(re.finditer(r"#+", path))
            if m:
                run = m[-1]
                frames = sorted(glob.glob(glob.escape(path[:run.start()]) + "[0-9]" * len(run.group(0)) + glob.escape(path[run.end():])))
                if not frames:
                    raise GraphError("node '%s': no files for image sequence '%s'" % (node.name, path))
                path = frames[0]
        if not os.path.exists(path):
            raise GraphError("node '%s': image file '%s' not found" % (node.name, path))
        key = (path, source, spec.get("colorspace"), spec.get("alpha_mode"))
        img = self.images.get(key)
        if img is None:
            img = bpy.data.images.load(path, check_existing=False)
            img.source = source
            if "colorspace" in spec:
                img.colorspace_settings.name = spec["colorspace"]
            if "alpha_mode" in spec:
                img.alpha_mode = spec["alpha_mode"]
            self.images[key] = img
        node.image = img

    @staticmethod
    def curve_mapping(mapping, spec):
        for k in ("black_level", "white_level"):
            if k in spec:
                setattr(mapping, k, spec[k][:3])
        for k in ("use_clip", "clip_min_x", "clip_min_y", "clip_max_x", "clip_max_y", "tone", "extend"):
            if k in spec:
                setattr(mapping, k, spec[k])
        curves = spec.get("curves")
        if curves is not None:
            if len(curves) != len(mapping.curves):
                raise GraphError("the mapping has %d curves, the graph gives %d" % (len(mapping.curves), len(curves)))
            for cm, cs in zip(mapping.curves, curves):
                pts = cs["points"]
                if len(pts) < 2:
                    raise GraphError("a curve needs at least 2 points")
                while len(cm.points) > len(pts):
                    cm.points.remove(cm.points[len(cm.points) - 1])
                while len(cm.points) < len(pts):
                    cm.points.new(0.5, 0.5)  # Blender selects a point it adds
                for p, ps in zip(cm.points, pts):
                    p.location = ps["location"]
                    p.handle_type = ps.get("handle_type", "AUTO")
                    if "select" in ps:
                        p.select = ps["select"]
        mapping.update()

    @staticmethod
    def color_ramp(ramp, spec):
        for k in ("color_mode", "hue_interpolation", "interpolation"):
            if k in spec:
                setattr(ramp, k, spec[k])
        elements = spec.get("elements")
        if elements is None:
            return
        if not elements:
            raise GraphError("a color ramp needs at least one element")
        while len(ramp.elements) > len(elements):
            ramp.elements.remove(ramp.elements[len(ramp.elements) - 1])
        while len(ramp.elements) < len(elements):
            ramp.elements.new(0.5)
        target = sorted(elements, key=lambda e: e.get("position", 0.0))
        # Blender re-sorts the elements whenever a position changes: repeat until every slot
        # holds its position, then set the colors slot by slot.
        for _ in range(4 * len(target) + 4):
            done = True
            for i, e in enumerate(target):
                if abs(ramp.elements[i].position - e.get("position", 0.0)) > 1e-7:
                    ramp.elements[i].position = e.get("position", 0.0)
                    done = False
            if done:
                break
        for i, e in enumerate(target):
            c = list(e.get("color", [0, 0, 0, 1]))
            ramp.elements[i].color = c if len(c) == 4 else c + [1.0]
            if "alpha" in e:
                ramp.elements[i].alpha = e["alpha"]

    @staticmethod
    def image_format(fmt, spec):
        if "file_format" in spec:
            fmt.file_format = spec["file_format"]  # first: it decides which depths and codecs exist
        for k, v in spec.items():
            if k != "file_format" and hasattr(fmt, k):
                setattr(fmt, k, str(v) if k == "color_depth" else v)

    def file_slots(self, node, slots):
        while len(node.inputs) > 0:
            node.inputs.remove(node.inputs[0])
        for s in slots:
            node.file_slots.new(s.get("path", "Image"))
            slot = node.file_slots[len(node.file_slots) - 1]
            for k, v in s.items():
                if k == "format":
                    self.image_format(slot.format, v)
                elif k != "path":
                    setattr(slot, k, v)
            slot.path = s.get("path", "Image")

    @staticmethod
    def base_path(node, value):
        # The graph format reads relative folders against the graph file; in Blender '//' is the
        # .blend's folder, the nearest equivalent (and what the exporter writes back).
        if value and not os.path.isabs(value) and not value.startswith("//"):
            value = "//" + value
        node.base_path = value

    def set_property(self, node, key, value):
        if key == "image":
            self.image(node, value)
        elif key in ("mapping", "curve") and isinstance(value, dict) and hasattr(getattr(node, key, None), "curves"):
            self.curve_mapping(getattr(node, key), value)
        elif key == "color_ramp":
            self.color_ramp(node.color_ramp, value)
        elif key == "node_tree":
            if value is None:
                node.node_tree = None
            elif value not in self.groups:
                raise GraphError("node '%s': unknown node group '%s'" % (node.name, value))
            else:
                node.node_tree = self.groups[value]
        elif key == "format":
            self.image_format(node.format, value)
        elif key == "file_slots":
            self.file_slots(node, value)
        elif key == "layer_slots":
            while len(node.inputs) > 0:
                node.inputs.remove(node.inputs[0])
            for s in value:
                node.layer_slots.new(s.get("name", "Image"))
        elif key == "base_path" and node.bl_idname == "CompositorNodeOutputFile":
            self.base_path(node, value)
        else:
            prop = node.bl_rna.properties.get(key)
            if prop is None:
                raise GraphError("node '%s' (%s): unknown property '%s'" % (node.name, node.bl_idname, key))
            if prop.is_readonly or prop.type == "POINTER" and value is None:
                return  # computed by Blender / scene data the graph does not carry
            if prop.type == "ENUM" and prop.is_enum_flag and isinstance(value, list):
                value = set(value)
            try:
                setattr(node, key, value)
            except Exception as e:
                raise GraphError("node '%s' (%s): property '%s' = %r: %s" % (node.name, node.bl_idname, key, value, e))

    # -- trees --------------------------------------------------------------------------------
    def socket_key(self, key, node, direction, iface):
        """Group sockets are named by the graph's interface identifiers; Blender may have given the
        interface sockets other identifiers, so map by position."""
        if isinstance(key, int):
            return key
        ids = None
        if node.bl_idname == "NodeGroupInput" and iface is not None:
            ids = iface["in"]
        elif node.bl_idname == "NodeGroupOutput" and iface is not None:
            ids = iface["out"]
        elif node.bl_idname == "CompositorNodeGroup" and node.node_tree is not None:
            for name, ng in self.groups.items():
                if ng == node.node_tree:
                    ids = self.interfaces[name]["in" if direction == "inputs" else "out"]
        if ids is not None and key in ids:
            return ids.index(key)
        return key

    def nodes(self, tree, nodes_spec, links_spec, iface=None):
        tree.nodes.clear()
        created = {}
        for ns in nodes_spec:
            name = ns.get("name")
            if not name:
                raise GraphError("a node needs a name")
            if name in created:
                raise GraphError("two nodes are named '%s'" % name)
            t = full_type(ns.get("type", ""))
            try:
                node = tree.nodes.new(t)
            except RuntimeError:
                raise GraphError("node '%s': Blender has no node type '%s'" % (name, ns.get("type")))
            node.name = name
            if "label" in ns:
                node.label = ns["label"]
            if "width" in ns and t not in ("CompositorNodeBoxMask", "CompositorNodeEllipseMask"):
                node.width = ns["width"]
            props = dict(ns.get("properties", {}))
            order = [k for k in PRIORITY_PROPS if k in props] + [k for k in props if k not in PRIORITY_PROPS]
            if node.bl_idname == "CompositorNodeColorBalance":
                # Blender keeps both sets in sync, each computed from the other: set the active one only.
                method = props.get("correction_method", node.correction_method)
                inactive = COLOR_BALANCE_LGG if method == "OFFSET_POWER_SLOPE" else COLOR_BALANCE_CDL
                order = [k for k in order if k not in inactive]
            for k in order:
                self.set_property(node, k, props[k])
            created[name] = node
        # socket values after every property (modes add and remove sockets), then layout
        for ns in nodes_spec:
            node = created[ns["name"]]
            for key, val in ns.get("inputs", {}).items():
                sock = _find_socket(node.inputs, self.socket_key(key, node, "inputs", iface), node, "input")
                _set_socket_value(sock, val, "node '%s'" % node.name)
            for key, val in ns.get("outputs", {}).items():
                sock = _find_socket(node.outputs, self.socket_key(key, node, "outputs", iface), node, "output")
                _set_socket_value(sock, val, "node '%s'" % node.name)
            node.mute = bool(ns.get("mute", False))
            node.hide = bool(ns.get("hide", False))
        for ns in nodes_spec:
            parent = ns.get("parent")
            if parent:
                if parent not in created:
                    raise GraphError("node '%s': parent frame '%s' does not exist" % (ns["name"], parent))
                created[ns["name"]].parent = created[parent]
        for ns in nodes_spec:  # after the parents: a framed node's location is relative to its frame
            if "location" in ns:
                created[ns["name"]].location = ns["location"]
        for i, ls in enumerate(links_spec or []):
            a, b = created.get(ls.get("from")), created.get(ls.get("to"))
            if a is None or b is None:
                raise GraphError("links[%d]: unknown node '%s'" % (i, ls.get("from") if a is None else ls.get("to")))
            fs = _find_socket(a.outputs, self.socket_key(ls["from_socket"], a, "outputs", iface), a, "output")
            ts = _find_socket(b.inputs, self.socket_key(ls["to_socket"], b, "inputs", iface), b, "input")
            link = tree.links.new(fs, ts)
            if ls.get("muted"):
                link.is_muted = True
        if not any("location" in ns for ns in nodes_spec):
            auto_layout(tree)
        return created

    def group(self, name, spec):
        ng = bpy.data.node_groups.new(name, "CompositorNodeTree")
        iface = spec.get("interface", {})
        ids = {"in": [], "out": []}
        for direction, sockets in (("in", ng.inputs), ("out", ng.outputs)):
            for s in iface.get("inputs" if direction == "in" else "outputs", []):
                t = s.get("type", "RGBA")
                if t not in SOCKET_IDNAMES:
                    raise GraphError("group '%s': socket '%s' has type %s; expected RGBA, VALUE or VECTOR" % (name, s.get("name"), t))
                sock = sockets.new(SOCKET_IDNAMES[t], s.get("name", s.get("identifier", t)))
                if "default" in s:
                    _set_socket_value(sock, s["default"], "group '%s'" % name)
                for k in ("min_value", "max_value", "hide_value"):
                    if k in s and hasattr(sock, k):
                        setattr(sock, k, s[k])
                ids[direction].append(s.get("identifier", sock.identifier))
        self.groups[name] = ng
        self.interfaces[name] = ids


def auto_layout(tree):
    """Columns by distance from the sources, for graphs written without locations."""
    depth = {n.name: 0 for n in tree.nodes}
    for _ in range(len(tree.nodes)):
        changed = False
        for l in tree.links:
            d = depth[l.from_node.name] + 1
            if d > depth[l.to_node.name]:
                depth[l.to_node.name] = d
                changed = True
        if not changed:
            break
    rows = {}
    for n in tree.nodes:
        if n.bl_idname == "NodeFrame":
            continue
        col = depth[n.name]
        n.location = (col * 260.0, -rows.get(col, 0) * 220.0)
        rows[col] = rows.get(col, 0) + 1


def apply_settings(scene, settings):
    tree = scene.node_tree
    tree.execution_mode = settings.get("execution_mode", "FULL_FRAME")
    tree.chunk_size = str(int(settings.get("chunk_size", 256)))
    tree.render_quality = settings.get("render_quality", "HIGH")
    tree.edit_quality = settings.get("edit_quality", "HIGH")
    tree.use_opencl = bool(settings.get("use_opencl", False))
    tree.use_groupnode_buffer = bool(settings.get("use_groupnode_buffer", True))
    r = scene.render
    res = settings.get("resolution", [1920, 1080])
    r.resolution_x, r.resolution_y = int(res[0]), int(res[1])
    r.resolution_percentage = 100
    scene.frame_start = int(settings.get("frame_start", 1))
    scene.frame_end = int(settings.get("frame_end", 250))
    scene.frame_current = int(settings.get("frame_current", 1))
    fps = float(settings.get("fps", 24))
    r.fps = max(1, int(round(fps)))
    r.fps_base = r.fps / fps


def build(scene, graph, base_dir):
    """Replaces ``scene``'s compositor tree with ``graph`` (a dict); image paths resolve against base_dir.
    Returns the node groups created, by graph name."""
    if graph.get("version") != 1:
        raise GraphError("unsupported graph version %r (supported: 1)" % graph.get("version"))
    scene.use_nodes = True
    builder = _Builder(scene, base_dir)
    groups = graph.get("groups", {}) or {}
    scene.node_tree.nodes.clear()
    _release_names(groups)
    try:
        for name, spec in groups.items():  # interfaces first: groups may use each other
            builder.group(name, spec)
        for name, spec in groups.items():
            builder.nodes(builder.groups[name], spec.get("nodes", []), spec.get("links", []), builder.interfaces[name])
        builder.nodes(scene.node_tree, graph.get("nodes", []), graph.get("links", []))
    except Exception:
        for ng in builder.groups.values():
            bpy.data.node_groups.remove(ng)
        raise
    apply_settings(scene, graph.get("settings", {}))
    return builder.groups


def _release_names(names):
    """Removes node groups with the graph's group names that nothing uses any more (the tree being
    replaced held them), so that importing again keeps the names instead of adding Grade.001."""
    changed = True
    while changed:
        changed = False
        for name in names:
            ng = bpy.data.node_groups.get(name)
            if ng is not None and ng.users == 0:
                bpy.data.node_groups.remove(ng)
                changed = True


def import_graph(scene, path):
    """Builds ``scene``'s compositor tree from the graph file at ``path`` (replacing its nodes)."""
    path = os.path.abspath(bpy.path.abspath(path))
    try:
        with open(path, encoding="utf-8") as f:
            graph = json.load(f)
    except (OSError, ValueError) as e:
        raise GraphError("cannot read %s: %s" % (path, e))
    return build(scene, graph, os.path.dirname(path))
