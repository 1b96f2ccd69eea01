"""Scene compositor tree -> graph format v1 (docs/graph-format.md).

Every node is written with its own RNA properties (found generically by walking
``node.bl_rna.properties``, so new properties need no code here), the values of its
unlinked input sockets, layout (label, location, width, parent frame, hide), mute, and
the links by socket identifier. Pointer properties get the graph format's objects:
images (path relative to the exported file, colorspace, alpha mode), curve mappings,
color ramps, File Output formats and slots, node groups (recursively, by name).
"""
import os
import re
import shutil

import bpy

from . import graph_values as gv
from .supported import SUPPORTED_COLORSPACES, SUPPORTED_NODE_TYPES, LAYOUT_NODE_TYPES

# The generic Node properties are layout, not node settings; Box and Ellipse Mask reuse
# the names width and height for the mask's size.
NODE_BASE = frozenset(p.identifier for p in bpy.types.Node.bl_rna.properties)
MASK_SIZE_NODES = frozenset({"CompositorNodeBoxMask", "CompositorNodeEllipseMask"})
SKIP_PROPS = frozenset({"rna_type", "interface", "inputs", "outputs", "internal_links", "dimensions",
                        "type", "layer_slots_len"})
# Nodes whose output sockets hold their value (the RGB color, the Value number, the Normal).
VALUE_OUTPUT_NODES = frozenset({"CompositorNodeRGB", "CompositorNodeValue", "CompositorNodeNormal"})
FORMAT_KEYS = ("file_format", "color_depth", "color_mode", "exr_codec", "compression", "quality",
               "use_preview", "use_zbuffer", "tiff_codec", "color_management")


class ExportReport:
    """What an export wrote and what the user should know about it."""

    def __init__(self, path):
        self.path = path
        self.nodes = 0
        self.links = 0
        self.groups = 0
        self.unsupported = []   # "Tree/Node (bl_idname)" of nodes Compositor cannot render
        self.warnings = []      # anything else that will not render as in Blender
        self.images = []        # image files written beside the graph (copied or unpacked)

    @property
    def ok(self):
        """True when Compositor can render the exported graph as far as the add-on can tell."""
        return not self.unsupported and not self.warnings

    def summary(self):
        text = "exported %d nodes, %d links, %d groups to %s" % (self.nodes, self.links, self.groups, self.path)
        if self.images:
            text += "; wrote %d image file(s) beside it" % len(self.images)
        if self.unsupported:
            text += "; Compositor cannot render: " + ", ".join(self.unsupported)
        return text

    def as_dict(self):
        return {"path": self.path, "nodes": self.nodes, "links": self.links, "groups": self.groups,
                "unsupported": self.unsupported, "warnings": self.warnings, "images": self.images}


class _ImageWriter:
    """Writes an image datablock's graph-format object, copying or unpacking its files when asked."""

    def __init__(self, out_dir, copy_images, report):
        self.out_dir = out_dir
        self.copy_images = copy_images
        self.report = report
        self.written = {}  # image name -> graph path already produced
        self.sequence_folders = {}  # frames folder -> the sequence it holds

    def image(self, img, where):
        if img is None:
            return None
        if img.name in self.written:
            path = self.written[img.name]
        else:
            path = self._path(img, where)
            self.written[img.name] = path
        if path is None:
            return None
        colorspace = img.colorspace_settings.name
        if colorspace not in SUPPORTED_COLORSPACES:
            self.report.warnings.append("%s: image '%s' has colorspace '%s', which Compositor cannot convert (it reads %s)"
                                        % (where, img.name, colorspace, ", ".join(sorted(SUPPORTED_COLORSPACES))))
        return {"filepath": path, "source": img.source,
                "colorspace": colorspace, "alpha_mode": img.alpha_mode}

    def _path(self, img, where):
        if img.source not in ("FILE", "SEQUENCE"):
            self.report.warnings.append("%s: image '%s' has source %s; Compositor reads only FILE and SEQUENCE images"
                                        % (where, img.name, img.source))
            return None
        if img.packed_file is not None:
            return self._unpack(img)
        path = os.path.normpath(bpy.path.abspath(img.filepath, library=img.library))
        if self.copy_images:
            path = self._copy(img, path, where)
        elif not os.path.exists(path) and img.source == "FILE":
            self.report.warnings.append("%s: image file '%s' does not exist" % (where, path))
        rel = _relative(path, self.out_dir)
        return _sequence_pattern(rel) if img.source == "SEQUENCE" else rel

    def _unpack(self, img):
        ext = os.path.splitext(img.filepath)[1] or _FORMAT_EXTENSIONS.get(img.file_format, ".png")
        data = img.packed_file.data
        target = self._target(bpy.path.clean_name(os.path.splitext(img.name)[0]) + ext, lambda t: _same_bytes(t, data))
        with open(target, "wb") as f:
            f.write(data)
        self.report.images.append(target)
        return _relative(target, self.out_dir)

    def _copy(self, img, path, where):
        if img.source == "SEQUENCE":
            files = _sequence_files(path)
            if not files:
                self.report.warnings.append("%s: no files of image sequence '%s'" % (where, path))
                return path
            folder = self._sequence_folder(path)
            os.makedirs(folder, exist_ok=True)
            for f in files:
                shutil.copy2(f, os.path.join(folder, os.path.basename(f)))
                self.report.images.append(os.path.join(folder, os.path.basename(f)))
            return os.path.join(folder, os.path.basename(path))
        if not os.path.exists(path):
            self.report.warnings.append("%s: image file '%s' does not exist, not copied" % (where, path))
            return path
        if os.path.dirname(path) == self.out_dir:
            return path
        with open(path, "rb") as f:
            data = f.read()
        target = self._target(os.path.basename(path), lambda t: _same_bytes(t, data))
        shutil.copy2(path, target)
        self.report.images.append(target)
        return target

    def _sequence_folder(self, path):
        """NAME_frames beside the graph for a sequence's files, one folder per sequence."""
        pattern = _sequence_pattern(path)
        stem = re.sub(r"[#._-]+$", "", os.path.splitext(os.path.basename(pattern))[0]) or "sequence"
        base = os.path.join(self.out_dir, bpy.path.clean_name(stem) + "_frames")
        folder, n = base, 1
        while self.sequence_folders.get(folder, pattern) != pattern:
            folder, n = "%s_%d" % (base, n), n + 1
        self.sequence_folders[folder] = pattern
        return folder

    def _target(self, name, same):
        """A file name beside the graph: ``name``, or name_1, name_2, ... when a different file has it."""
        base, ext = os.path.splitext(name)
        target, n = os.path.join(self.out_dir, name), 1
        while os.path.exists(target) and not same(target):
            target = os.path.join(self.out_dir, "%s_%d%s" % (base, n, ext))
            n += 1
        return target


_FORMAT_EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "OPEN_EXR": ".exr", "OPEN_EXR_MULTILAYER": ".exr",
                      "TIFF": ".tif", "TARGA": ".tga", "TARGA_RAW": ".tga", "BMP": ".bmp", "HDR": ".hdr"}


def _same_bytes(path, data):
    if os.path.getsize(path) != len(data):
        return False
    with open(path, "rb") as f:
        return f.read() == data


def _relative(path, out_dir):
    try:
        rel = os.path.relpath(path, out_dir)
    except ValueError:  # another drive on Windows
        rel = path
    return rel.replace(os.sep, "/")


def _sequence_pattern(path):
    """The graph format names a sequence with # for the frame number (the last digits of the file name)."""
    folder, name = os.path.split(path)
    digits = list(re.finditer(r"\d+", name))
    if digits:
        last = digits[-1]
        name = name[:last.start()] + "#" * len(last.group(0)) + name[last.end():]
    return (folder + "/" + name) if folder else name


def _sequence_files(path):
    folder, name = os.path.split(path)
    digits = list(re.finditer(r"\d+", name))
    if not digits or not os.path.isdir(folder):
        return [path] if os.path.exists(path) else []
    last = digits[-1]
    pattern = re.compile(re.escape(name[:last.start()]) + r"\d+" + re.escape(name[last.end():]) + "$")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if pattern.match(f))


def _curve_mapping(m):
    return {
        "curves": [{"points": [{"location": gv.value(p.location), "handle_type": p.handle_type, "select": p.select}
                               for p in c.points]} for c in m.curves],
        "black_level": gv.value(m.black_level), "white_level": gv.value(m.white_level),
        "use_clip": m.use_clip, "clip_min_x": gv.value(m.clip_min_x), "clip_min_y": gv.value(m.clip_min_y),
        "clip_max_x": gv.value(m.clip_max_x), "clip_max_y": gv.value(m.clip_max_y),
        "extend": m.extend, "tone": m.tone,
    }


def _color_ramp(r):
    return {"interpolation": r.interpolation, "color_mode": r.color_mode, "hue_interpolation": r.hue_interpolation,
            "elements": [{"position": gv.value(e.position), "color": gv.value(e.color)} for e in r.elements]}


def _format(f):
    return {k: gv.value(getattr(f, k)) for k in FORMAT_KEYS if hasattr(f, k)}


def _base_path(path):
    """File Output folders: '//' (relative to the .blend) becomes relative to the graph file when the
    .blend is unsaved (the graph format reads '//' and relative paths against the graph file)."""
    if path.startswith("//") and bpy.data.filepath:
        return os.path.normpath(bpy.path.abspath(path))
    return path


def _node_properties(node, images, where):
    props = {}
    for p in node.bl_rna.properties:
        k = p.identifier
        if k in SKIP_PROPS or k.startswith("bl_"):
            continue
        if k in NODE_BASE and not (node.bl_idname in MASK_SIZE_NODES and k in ("width", "height")):
            continue
        if p.type == "POINTER":
            v = getattr(node, k)
            if k == "image":
                props[k] = images.image(v, where)
            elif k in ("mapping", "curve") and v is not None and hasattr(v, "curves"):
                props[k] = _curve_mapping(v)
            elif k == "color_ramp" and v is not None:
                props[k] = _color_ramp(v)
            elif k == "node_tree":
                props[k] = v.name if v is not None else None
            elif k == "format" and v is not None:
                props[k] = _format(v)
            # other pointers (scene, movie clip, mask, texture, frame text) are scene data that
            # the graph format does not carry
            continue
        if p.type == "COLLECTION":
            if k == "file_slots":
                props[k] = [dict({"path": s.path, "use_node_format": s.use_node_format, "save_as_render": s.save_as_render},
                                 **({} if s.use_node_format else {"format": _format(s.format)})) for s in node.file_slots]
            elif k == "layer_slots":
                props[k] = [{"name": s.name} for s in node.layer_slots]
            continue
        if p.is_readonly:
            continue
        if p.type == "ENUM":
            if not getattr(node, "has_%ss" % k, True):
                continue  # an image's layer or view when the image has none
            try:
                v = getattr(node, k)
            except Exception:  # enums over data that is missing (an image's layers)
                continue
            if v == "" or (isinstance(v, set) and not p.is_enum_flag):
                continue
            props[k] = gv.value(v)
            continue
        v = getattr(node, k)
        if k == "base_path" and node.bl_idname == "CompositorNodeOutputFile":
            v = _base_path(v)
        props[k] = gv.value(v)
    return props


def _socket_value(s):
    return gv.value(s.default_value) if hasattr(s, "default_value") else None


def _exported_socket(s):
    return s.bl_idname != "NodeSocketVirtual" and s.enabled


class _TreeWriter:
    def __init__(self, images, report, only_changed):
        self.images = images
        self.report = report
        self.only_changed = only_changed
        self.fresh_tree = None

    def fresh(self, node):
        """A newly added node of the same type: its values are the defaults a graph may leave out."""
        if self.fresh_tree is None:
            self.fresh_tree = bpy.data.node_groups.new("__compositor_graph_defaults__", "CompositorNodeTree")
        n = self.fresh_tree.nodes.new(node.bl_idname)
        if node.bl_idname == "CompositorNodeGroup":
            n.node_tree = node.node_tree
        return n

    def close(self):
        if self.fresh_tree is not None:
            bpy.data.node_groups.remove(self.fresh_tree)
            self.fresh_tree = None

    def tree(self, tree, prefix):
        nodes = [self.node(n, prefix) for n in tree.nodes]
        links = []
        for l in tree.links:
            if l.from_socket.bl_idname == "NodeSocketVirtual" or l.to_socket.bl_idname == "NodeSocketVirtual":
                continue
            if not l.is_valid:
                self.report.warnings.append("%s%s -> %s: invalid link (Blender ignores it), not exported"
                                            % (prefix, l.from_node.name, l.to_node.name))
                continue
            if not (l.from_socket.enabled and l.to_socket.enabled):
                continue  # links of unavailable sockets do not take part in Blender's evaluation
            d = {"from": l.from_node.name, "from_socket": l.from_socket.identifier,
                 "to": l.to_node.name, "to_socket": l.to_socket.identifier}
            if l.is_muted:
                d["muted"] = True
            links.append(d)
        self.report.nodes += len(nodes)
        self.report.links += len(links)
        return nodes, links

    def node(self, node, prefix):
        where = "%s%s" % (prefix, node.name)
        if node.bl_idname not in SUPPORTED_NODE_TYPES and node.bl_idname not in LAYOUT_NODE_TYPES:
            self.report.unsupported.append("%s (%s)" % (where, node.bl_idname))
        entry = {"name": node.name, "type": node.bl_idname}
        if node.label:
            entry["label"] = node.label
        entry["location"] = [round(node.location[0], 2), round(node.location[1], 2)]
        if node.bl_idname not in MASK_SIZE_NODES:
            entry["width"] = round(node.width, 2)
        if node.parent is not None:
            entry["parent"] = node.parent.name
        if node.hide:
            entry["hide"] = True
        if node.mute:
            entry["mute"] = True
        if node.bl_idname == "CompositorNodeImage" and node.image is None:
            self.report.warnings.append("%s: Image node without an image" % where)

        fresh = self.fresh(node) if self.only_changed else None
        try:
            props = _node_properties(node, self.images, where)
            if node.bl_idname == "CompositorNodeColorBalance":
                # Blender derives the inactive method's values from the active ones.
                inactive = gv.COLOR_BALANCE_LGG if node.correction_method == "OFFSET_POWER_SLOPE" else gv.COLOR_BALANCE_CDL
                props = {k: v for k, v in props.items() if k not in inactive}
            if fresh is not None:
                defaults = _node_properties(fresh, _NoImages(), where)
                props = {k: v for k, v in props.items()
                         if k in ("image", "node_tree", "format", "file_slots", "layer_slots") or defaults.get(k, gv.MISSING) != v}
            if props:
                entry["properties"] = props
            inputs = self.sockets(node.inputs, fresh.inputs if fresh is not None else None, linked_too=False)
            if inputs:
                entry["inputs"] = inputs
            if node.bl_idname in VALUE_OUTPUT_NODES:
                outputs = self.sockets(node.outputs, fresh.outputs if fresh is not None else None, linked_too=True)
                if outputs:
                    entry["outputs"] = outputs
        finally:
            if fresh is not None:
                self.fresh_tree.nodes.remove(fresh)
        return entry

    def sockets(self, sockets, fresh_sockets, linked_too):
        values = {}
        for i, s in enumerate(sockets):
            if not _exported_socket(s) or (s.is_linked and not linked_too):
                continue
            v = _socket_value(s)
            if v is None:
                continue
            if fresh_sockets is not None and i < len(fresh_sockets) and fresh_sockets[i].identifier == s.identifier \
                    and _socket_value(fresh_sockets[i]) == v:
                continue
            values[s.identifier] = v
        return values


class _NoImages:
    def image(self, img, where):
        return None


def _collect_groups(tree, found):
    for n in tree.nodes:
        if n.bl_idname == "CompositorNodeGroup" and n.node_tree is not None and n.node_tree.name not in found:
            found[n.node_tree.name] = n.node_tree
            _collect_groups(n.node_tree, found)
    return found


def _interface(sockets, with_default):
    out = []
    for s in sockets:
        e = {"name": s.name, "identifier": s.identifier, "type": s.type}
        if with_default and hasattr(s, "default_value"):
            e["default"] = gv.value(s.default_value)
            for k in ("min_value", "max_value"):
                if hasattr(s, k):
                    e[k] = gv.value(getattr(s, k))
        out.append(e)
    return out


def scene_settings(scene):
    tree = scene.node_tree
    r = scene.render
    return {
        "resolution": [max(1, int(r.resolution_x * r.resolution_percentage / 100)),
                       max(1, int(r.resolution_y * r.resolution_percentage / 100))],
        "execution_mode": tree.execution_mode, "chunk_size": int(tree.chunk_size),
        "render_quality": tree.render_quality, "edit_quality": tree.edit_quality,
        "use_opencl": tree.use_opencl, "use_groupnode_buffer": tree.use_groupnode_buffer,
        "frame_current": scene.frame_current, "frame_start": scene.frame_start, "frame_end": scene.frame_end,
        "fps": gv.value(r.fps / r.fps_base),
    }


def build_graph(scene, out_dir, copy_images=False, only_changed=False, report=None):
    """The graph-format dict of ``scene``'s compositor tree; image paths relative to ``out_dir``."""
    tree = scene.node_tree
    if tree is None or not scene.use_nodes:
        raise ValueError("scene '%s' does not use compositing nodes" % scene.name)
    report = report or ExportReport(None)
    writer = _TreeWriter(_ImageWriter(out_dir, copy_images, report), report, only_changed)
    try:
        nodes, links = writer.tree(tree, "")
        groups = {}
        for name, g in _collect_groups(tree, {}).items():
            gn, gl = writer.tree(g, name + "/")
            groups[name] = {"interface": {"inputs": _interface(g.inputs, True), "outputs": _interface(g.outputs, False)},
                            "nodes": gn, "links": gl}
    finally:
        writer.close()
    report.groups = len(groups)
    graph = {"version": 1, "settings": scene_settings(scene), "nodes": nodes, "links": links}
    if groups:
        graph["groups"] = groups
    return graph


def export_tree(scene, path, copy_images=False, only_changed=False):
    """Writes ``scene``'s compositor tree to ``path`` (graph format v1); returns an ExportReport.

    copy_images: copy every image file beside the graph (packed images are always unpacked there).
    only_changed: write only values that differ from a newly added node (a missing value takes
    Blender's default in the graph format); by default every property is written.
    """
    path = os.path.abspath(bpy.path.abspath(path))
    out_dir = os.path.dirname(path)
    os.makedirs(out_dir, exist_ok=True)
    report = ExportReport(path)
    graph = build_graph(scene, out_dir, copy_images, only_changed, report)
    gv.write_json(graph, path)
    return report
