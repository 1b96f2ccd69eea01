"""Compositor Graph: exchange compositing node trees between Blender and Compositor.

File > Export > Compositor Graph (.json) writes the scene's compositor tree in Compositor's
graph format v1; File > Import > Compositor Graph (.json) builds the tree from such a file.
Headless use (no add-on installation needed):

    blender -b scene.blend --python tools/blender-addon/export_graph.py -- out.json [--copy-images]

or, from Python with this package importable:

    import compositor_graph
    report = compositor_graph.export_tree(bpy.context.scene, "out.json", copy_images=True)
    compositor_graph.import_graph(bpy.context.scene, "graph.json")
"""

bl_info = {
    "name": "Compositor Graph",
    "author": "Compositor project",
    "version": (1, 0, 0),
    "blender": (3, 4, 0),
    "location": "File > Import-Export > Compositor Graph (.json)",
    "description": "Export the compositing node tree for Compositor (headless .NET compositor), and import its graphs",
    "doc_url": "https://github.com/compositor/compositor/blob/main/docs/blender.md",
    "category": "Import-Export",
}

import bpy  # noqa: E402
from bpy.props import BoolProperty, StringProperty  # noqa: E402
from bpy_extras.io_utils import ExportHelper, ImportHelper  # noqa: E402

from .exporter import export_tree, build_graph, ExportReport  # noqa: E402,F401
from .importer import import_graph, GraphError  # noqa: E402,F401
from .supported import SUPPORTED_NODE_TYPES  # noqa: E402,F401

__all__ = ["export_tree", "import_graph", "build_graph", "ExportReport", "GraphError", "SUPPORTED_NODE_TYPES"]


class EXPORT_SCENE_OT_compositor_graph(bpy.types.Operator, ExportHelper):
    """Write the scene's compositing node tree as a Compositor graph (.json)"""
    bl_idname = "export_scene.compositor_graph"
    bl_label = "Export Compositor Graph"
    bl_options = {"PRESET"}

    filename_ext = ".json"
    filter_glob: StringProperty(default="*.json", options={"HIDDEN"})
    copy_images: BoolProperty(
        name="Copy Images",
        description="Copy the image files beside the graph (packed images are always unpacked there)",
        default=False)
    only_changed: BoolProperty(
        name="Only Changed Values",
        description="Write only values that differ from a newly added node (shorter files); "
                    "otherwise every property is written",
        default=False)

    @classmethod
    def poll(cls, context):
        return context.scene is not None and context.scene.node_tree is not None and context.scene.use_nodes

    def execute(self, context):
        try:
            report = export_tree(context.scene, self.filepath, copy_images=self.copy_images, only_changed=self.only_changed)
        except (OSError, ValueError) as e:
            self.report({"ERROR"}, "Compositor Graph export failed: %s" % e)
            return {"CANCELLED"}
        for w in report.warnings:
            self.report({"WARNING"}, w)
        if report.unsupported:
            self.report({"WARNING"}, "Compositor cannot render these nodes (exported anyway): " + ", ".join(report.unsupported))
        else:
            self.report({"INFO"}, report.summary())
        return {"FINISHED"}


class IMPORT_SCENE_OT_compositor_graph(bpy.types.Operator, ImportHelper):
    """Build the scene's compositing node tree from a Compositor graph (.json), replacing its nodes"""
    bl_idname = "import_scene.compositor_graph"
    bl_label = "Import Compositor Graph"
    bl_options = {"UNDO"}

    filename_ext = ".json"
    filter_glob: StringProperty(default="*.json", options={"HIDDEN"})

    def execute(self, context):
        try:
            import_graph(context.scene, self.filepath)
        except (GraphError, KeyError, TypeError, ValueError) as e:
            self.report({"ERROR"}, "Compositor Graph import failed: %s" % e)
            return {"CANCELLED"}
        self.report({"INFO"}, "imported %s" % self.filepath)
        return {"FINISHED"}


def _menu_export(self, _context):
    self.layout.operator(EXPORT_SCENE_OT_compositor_graph.bl_idname, text="Compositor Graph (.json)")


def _menu_import(self, _context):
    self.layout.operator(IMPORT_SCENE_OT_compositor_graph.bl_idname, text="Compositor Graph (.json)")


_CLASSES = (EXPORT_SCENE_OT_compositor_graph, IMPORT_SCENE_OT_compositor_graph)


def register():
    for c in _CLASSES:
        bpy.utils.register_class(c)
    bpy.types.TOPBAR_MT_file_export.append(_menu_export)
    bpy.types.TOPBAR_MT_file_import.append(_menu_import)


def unregister():
    bpy.types.TOPBAR_MT_file_import.remove(_menu_import)
    bpy.types.TOPBAR_MT_file_export.remove(_menu_export)
    for c in reversed(_CLASSES):
        bpy.utils.unregister_class(c)
