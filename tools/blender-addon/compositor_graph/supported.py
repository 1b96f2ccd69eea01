"""What Compositor can render: node types and image colorspaces (text files checked against the engine by tests)."""
import os


def _load(name):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


SUPPORTED_NODE_TYPES = _load("supported_nodes.txt")
# Image colorspaces (Blender's names) that Compositor converts to scene linear.
SUPPORTED_COLORSPACES = _load("supported_colorspaces.txt")
# Layout nodes the engine's compiler resolves itself.
LAYOUT_NODE_TYPES = frozenset({"NodeFrame", "NodeReroute", "NodeGroupInput", "NodeGroupOutput", "CompositorNodeGroup"})
