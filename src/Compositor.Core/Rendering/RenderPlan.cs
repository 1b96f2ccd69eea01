using Compositor.Compile;
using Compositor.Execution;

namespace Compositor.Rendering;

/// <summary>
/// How a graph is split for the tiled model, without rendering it: the compiled operations, the
/// ExecutionGroups (each with its chunks) and the MemoryProxy buffers between them. For
/// understanding a graph (<c>compositor graph --dot</c>), not for running it.
/// </summary>
public sealed class RenderPlan
{
    internal RenderPlan(OperationGraph operations, IReadOnlyList<ExecutionGroup> groups, int chunkSize)
    {
        Operations = operations;
        Groups = groups;
        ChunkSize = chunkSize;
    }

    /// <summary>The compiled operations (before buffers were added), producers first.</summary>
    public OperationGraph Operations { get; }

    /// <summary>The execution groups: one per output and per write buffer.</summary>
    public IReadOnlyList<ExecutionGroup> Groups { get; }

    /// <summary>The chunk edge the groups were cut with.</summary>
    public int ChunkSize { get; }
}
