"""The node types Compositor can render (supported_nodes.txt, checked against the engine's registry)."""
import os


def _load():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "supported_nodes.txt")
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


SUPPORTED_NODE_TYPES = _load()
# Layout nodes the engine's compiler resolves itself.
LAYOUT_NODE_TYPES = frozenset({"NodeFrame", "NodeReroute", "NodeGroupInput", "NodeGroupOutput", "CompositorNodeGroup"})
