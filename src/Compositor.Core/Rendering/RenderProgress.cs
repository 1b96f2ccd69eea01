namespace Compositor.Rendering;

/// <summary>
/// How far a render is, reported through <see cref="IProgress{T}"/> after every chunk (tiled model)
/// or strip (full-frame model) finishes.
/// </summary>
/// <param name="Output">Name of the output node being computed.</param>
/// <param name="OutputIndex">Its position among the outputs, in execution order (priority).</param>
/// <param name="OutputCount">Number of outputs the render computes.</param>
/// <param name="OutputChunksDone">Packages finished for this output.</param>
/// <param name="OutputChunksTotal">Packages this output needs (not counting those an earlier output already computed).</param>
/// <param name="ChunksDone">Packages finished in the whole render.</param>
/// <param name="ChunksTotal">Packages in the whole render.</param>
/// <param name="Elapsed">Time since execution started (compiling and planning excluded).</param>
public readonly record struct RenderProgress(
    string Output,
    int OutputIndex,
    int OutputCount,
    int OutputChunksDone,
    int OutputChunksTotal,
    int ChunksDone,
    int ChunksTotal,
    TimeSpan Elapsed)
{
    /// <summary>Fraction of the render done, 0..1.</summary>
    public double Fraction => ChunksTotal == 0 ? 1 : (double)ChunksDone / ChunksTotal;

    /// <summary>
    /// Time left if the remaining packages take as long on average as those done; null before the
    /// first package finishes.
    /// </summary>
    public TimeSpan? EstimatedRemaining => ChunksDone == 0 ? null : Elapsed * ((double)(ChunksTotal - ChunksDone) / ChunksDone);
}
