using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Examples;

public static class ProgressAndCancellation
{
    // Render with a progress report and a time limit; returns false when the limit stopped it.
    public static async Task<bool> RunAsync(string graphPath, TimeSpan timeLimit)
    {
        using var scheduler = new WorkScheduler(threads: 2);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        var graph = GraphReader.ReadFile(graphPath);
        var options = new RenderOptions
        {
            Model = ExecutionModel.Tiled,
            ChunkSize = 64,
            MemoryBudgetBytes = 512L << 20,
        };

        // Progress<T> hands reports to the thread that created it (a UI thread) or to the pool.
        var progress = new Progress<RenderProgress>(p =>
            Console.WriteLine($"{p.Fraction:P0}: {p.ChunksDone}/{p.ChunksTotal} chunks, {p.Output}, ~{p.EstimatedRemaining?.TotalSeconds:F1} s left"));

        using var timeout = new CancellationTokenSource(timeLimit);
        try
        {
            using var result = await renderer.RenderAsync(graph, options, progress, timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            // Every buffer is back in the pool; File Output nodes wrote nothing.
            return false;
        }
    }
}
