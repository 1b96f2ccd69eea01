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

        text.AppendLine();
        text.AppendLine("## Implemented node types");
        foreach (var type in registry.Types.OrderBy(t => t.Category, StringComparer.Ordinal).ThenBy(t => t.Label, StringComparer.Ordinal))
        {
            text.AppendLine();
            text.Append(Describe(type));
        }

        return text.ToString();
    }

    /// <summary>
    /// One node type as a Markdown section: its sockets with types and defaults, its properties with
    /// kinds, enum values, limits and defaults (what <c>compositor nodes TYPE</c> prints).
    /// </summary>
    public static string Describe(NodeType type)
    {
        var text = new StringBuilder();
        text.AppendLine($"### {type.Label} (`{type.Identifier}`, {type.Category})");
        text.AppendLine();
        text.AppendLine("| | identifier | type | default |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var socket in type.Inputs)
            text.AppendLine($"| input | `{socket.Identifier}` | {socket.Type} | {Format(socket.Default)} |");
        foreach (var socket in type.Outputs)
            text.AppendLine($"| output | `{socket.Identifier}` | {socket.Type} | |");
        foreach (var property in type.Properties.Values.Where(p => !p.ReadOnly || p.Kind is PropertyKind.Object or PropertyKind.Collection).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            string kind = property.Kind == PropertyKind.Enum && property.EnumValues is { } values
                ? "enum: " + string.Join(", ", values.Select(v => $"`{v}`"))
                : property.Kind.ToString().ToLowerInvariant() + Range(property);
            text.AppendLine($"| property | `{property.Name}` | {kind} | {FormatDefault(property.Default)} |");
        }

        return text.ToString();
    }

    private static string Range(PropertyDefinition property)
    {
        // Blender gives many properties the type's own limits as hard limits: those say nothing.
        static string? Limit(double? v) => v is { } x && Math.Abs(x) < 1e9 ? FormatDefault((float)x) : null;
        return (Limit(property.Min), Limit(property.Max)) switch
        {
            (null, null) => "",
            ({ } min, null) => $" ≥ {min}",
            (null, { } max) => $" ≤ {max}",
            ({ } min, { } max) => $" {min}..{max}",
        };
    }

    private static string Format(float[] values) =>
        string.Join(", ", values.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)));

    private static string FormatDefault(object? value) => value switch
    {
        null => "",
        float[] array => Format(array),
        float f => f.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s.Length == 0 ? "" : $"`{s}`",
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
