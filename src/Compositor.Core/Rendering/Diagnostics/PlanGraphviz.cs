using System.Globalization;
using System.Text;
using Compositor.Execution;
using Compositor.Operations;

namespace Compositor.Rendering.Diagnostics;

/// <summary>
/// Writes a <see cref="RenderPlan"/> as a Graphviz graph: one box per operation, one cluster per
/// ExecutionGroup (its chunks and flags in the title), and a dashed edge for each MemoryProxy from
/// the write buffer that fills it to every read buffer that reads it. Render with
/// <c>dot -Tsvg plan.dot -o plan.svg</c>.
/// </summary>
public static class PlanGraphviz
{
    /// <summary>The plan in the DOT language.</summary>
    public static string ToDot(RenderPlan plan)
    {
        var ids = new Dictionary<NodeOperation, string>();
        string Id(NodeOperation op)
        {
            if (!ids.TryGetValue(op, out var id)) ids[op] = id = "op" + ids.Count.ToString(CultureInfo.InvariantCulture);
            return id;
        }

        var dot = new StringBuilder();
        dot.AppendLine("digraph plan {");
        dot.AppendLine("  rankdir=LR;");
        dot.AppendLine("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];");
        dot.AppendLine("  edge [fontname=\"Helvetica\", fontsize=9];");
        dot.AppendLine($"  label=\"{Escape($"tiled plan: {plan.Groups.Count} execution groups, chunk size {plan.ChunkSize}, {plan.Groups.Sum(g => g.Chunks.Count)} chunks")}\";");

        // Constants may feed several groups: they stay outside the clusters.
        var placed = new HashSet<NodeOperation>();
        foreach (var group in plan.Groups)
        {
            dot.AppendLine($"  subgraph cluster_{group.Index} {{");
            dot.AppendLine($"    label=\"{Escape(GroupTitle(group))}\";");
            dot.AppendLine($"    style=filled; fillcolor=\"{(group.IsComplex ? "#fde9d9" : "#e8f0fb")}\"; color=\"#888888\";");
            var members = new List<NodeOperation>(group.Members);
            if (group.Root is WriteBufferOperation write) members.Add(write);
            foreach (var op in members)
            {
                if (op is ConstantOperation || !placed.Add(op)) continue;
                dot.AppendLine($"    {Id(op)} [label=\"{Escape(OperationLabel(op))}\"{Style(op)}];");
            }

            dot.AppendLine("  }");
        }

        foreach (var constant in plan.Groups.SelectMany(g => g.Members).OfType<ConstantOperation>().Distinct())
        {
            placed.Add(constant);
            dot.AppendLine($"  {Id(constant)} [label=\"{Escape(OperationLabel(constant))}\", shape=note, fillcolor=\"#f4f4f4\"];");
        }

        foreach (var op in placed)
            for (int i = 0; i < op.Inputs.Count; i++)
                if (op.Inputs[i].Link is { } producer)
                    dot.AppendLine($"  {Id(producer)} -> {Id(op)}{(op.Inputs.Count > 1 ? $" [label=\"{i}\"]" : "")};");

        var writers = plan.Groups.Where(g => g.Root is WriteBufferOperation).ToDictionary(g => ((WriteBufferOperation)g.Root).Proxy, g => (WriteBufferOperation)g.Root);
        foreach (var read in placed.OfType<ReadBufferOperation>())
            if (writers.TryGetValue(read.Proxy, out var write))
                dot.AppendLine($"  {Id(write)} -> {Id(read)} [style=dashed, color=\"#c0504d\", label=\"{Escape($"proxy {read.Proxy.Canvas.Width}x{read.Proxy.Canvas.Height} {read.Proxy.Type}")}\"];");

        dot.AppendLine("}");
        return dot.ToString();
    }

    private static string GroupTitle(ExecutionGroup group)
    {
        string kind = group.Root is OutputOperation o ? $"output {o.NodeName}" : "buffer " + group.Producer.Label;
        var flags = new List<string>();
        if (group.IsComplex) flags.Add("complex");
        if (group.IsSingleThreaded) flags.Add("single-threaded");
        if (group.IsOpenCl) flags.Add("OpenCL");
        return $"group {group.Index}: {kind}; {group.Chunks.Count} chunks ({group.ChunksX}x{group.ChunksY}), area {group.Area.Width}x{group.Area.Height}" +
               (flags.Count > 0 ? $" [{string.Join(", ", flags)}]" : "");
    }

    private static string OperationLabel(NodeOperation op)
    {
        string type = op.GetType().Name;
        if (type.EndsWith("Operation", StringComparison.Ordinal)) type = type[..^"Operation".Length];
        string label = op.Label.Length > 0 ? $"{op.Label}\n{type}" : type;
        if (op is ConstantOperation c) label += "\n" + string.Join(", ", c.Value.ToArray().Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));
        return label + $"\n{op.Canvas.Width}x{op.Canvas.Height}{(op.OutputType is { } t ? " " + t : "")}";
    }

    private static string Style(NodeOperation op) => op switch
    {
        OutputOperation => ", fillcolor=\"#d9ead3\", penwidth=2",
        WriteBufferOperation or ReadBufferOperation => ", shape=cds, fillcolor=\"#fff2cc\"",
        _ when op.Has(OperationFlags.Complex) => ", fillcolor=\"#f9cb9c\"",
        _ => "",
    };

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
