using System.Text;

namespace Compositor.NodeTypes;

/// <summary>Writes docs/nodes.md: which of Blender 3.4's compositor node types a registry implements.</summary>
public static class NodeCoverage
{
    private static readonly string[] LayoutTypes = ["NodeFrame", "NodeReroute", "NodeGroupInput", "NodeGroupOutput", "CompositorNodeGroup"];

    /// <summary>The coverage table as Markdown.</summary>
    public static string ToMarkdown(NodeRegistry registry)
    {
        var text = new StringBuilder();
        var all = BlenderNodeCatalog.Identifiers.Where(id => id != "CompositorNodeCustomGroup").OrderBy(id => id, StringComparer.Ordinal).ToList();
        int implemented = all.Count(id => registry.Contains(id) || LayoutTypes.Contains(id));
        text.AppendLine("# Node coverage");
        text.AppendLine();
        text.AppendLine("Generated from the node registry by `compositor nodes --markdown`; a test keeps this file in step with the code.");
        text.AppendLine();
        text.AppendLine($"{implemented} of Blender 3.4's {all.Count} compositor node types are implemented.");
        text.AppendLine();
        text.AppendLine("| node type | Blender name | category | status |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var id in all)
        {
            BlenderNodeCatalog.TryGet(id, out var entry);
            string category, status;
            if (LayoutTypes.Contains(id)) (category, status) = ("Layout", "implemented (compiler)");
            else if (registry.TryGet(id, out var type)) (category, status) = (type.Category, "implemented");
            else (category, status) = ("", "not yet");
            text.AppendLine($"| `{id}` | {entry.Label} | {category} | {status} |");
        }

        return text.ToString();
    }
}
