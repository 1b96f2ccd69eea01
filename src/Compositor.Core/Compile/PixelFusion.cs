using Compositor.Operations;

namespace Compositor.Compile;

/// <summary>
/// Fuses chains of pixel-wise operations into <see cref="FusedPixelOperation"/>s after compiling:
/// a pixel operation whose output has exactly one reader, itself pixel-wise over the same canvas,
/// joins that reader's chain. Each chain then reads its inputs once and writes one buffer, in both
/// execution models, with the same result as the operations run one by one.
/// </summary>
public static class PixelFusion
{
    /// <summary>
    /// Returns <paramref name="graph"/> with its pixel-wise chains fused (links are rewired in place).
    /// With <paramref name="keepOpenClOperations"/>, operations that have OpenCL kernels stay on
    /// their own, so the OpenCL device can run them.
    /// </summary>
    public static OperationGraph Fuse(OperationGraph graph, bool keepOpenClOperations = false)
    {
        bool Fusible(NodeOperation op) => op is PixelOperation && !(keepOpenClOperations && op.Has(OperationFlags.OpenCl));
        var joins = new Dictionary<NodeOperation, NodeOperation>();
        foreach (var op in graph.Operations)
        {
            if (!Fusible(op)) continue;
            var readers = graph.Consumers[op];
            if (readers.Count != 1) continue;
            var reader = readers[0].Owner;
            if (Fusible(reader) && reader.Canvas == op.Canvas) joins[op] = reader;
        }

        if (joins.Count == 0) return graph;

        // Operations come producers first, so each chain's members are collected in order.
        var chains = new Dictionary<NodeOperation, List<PixelOperation>>();
        foreach (var op in graph.Operations)
        {
            if (op is not PixelOperation pixel || !Fusible(op)) continue;
            var root = ChainRoot(op, joins);
            if (!chains.TryGetValue(root, out var members)) chains[root] = members = [];
            members.Add(pixel);
        }

        var fused = new Dictionary<NodeOperation, FusedPixelOperation>();
        foreach (var (root, members) in chains)
            if (members.Count > 1) fused[root] = new FusedPixelOperation(members);
        if (fused.Count == 0) return graph;

        var ordered = new List<NodeOperation>(graph.Operations.Count);
        foreach (var op in graph.Operations)
        {
            if (fused.TryGetValue(op, out var chain)) ordered.Add(chain);
            else if (!joins.ContainsKey(op)) ordered.Add(op);
        }

        foreach (var op in ordered)
            foreach (var input in op.Inputs)
                if (fused.TryGetValue(input.Link!, out var chain)) input.Link = chain;
        for (int i = 0; i < ordered.Count; i++) ordered[i].Id = i;
        return new OperationGraph(ordered, [.. graph.Outputs]);
    }

    private static NodeOperation ChainRoot(NodeOperation op, Dictionary<NodeOperation, NodeOperation> joins)
    {
        while (joins.TryGetValue(op, out var reader)) op = reader;
        return op;
    }
}
