using Compositor.Devices;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;
using Compositor.Rendering.Diagnostics;

namespace Compositor.Examples;

public static class SeeInside
{
    // A viewer that keeps its own copy of the Composite image, updated after every chunk.
    private sealed class Preview(int width, int height) : IRenderEvents
    {
        public float[] Pixels { get; } = new float[width * height * 4];

        public void OutputUpdated(in OutputUpdate update)
        {
            if (update.Kind != OutputKind.Composite) return;
            // The image is live: copy the rectangle just written, during the call.
            for (int y = update.Area.YMin; y < update.Area.YMax; y++)
                update.Image.GetRow(y, update.Area.XMin, update.Area.Width)
                    .CopyTo(Pixels.AsSpan((y * width + update.Area.XMin) * 4));
        }
    }

    // Record a trace and a debug-tiles image of a render, and follow it with a live preview.
    public static async Task<float[]> RunAsync(string graphPath, string tracePath, string tilesPath)
    {
        using var scheduler = new WorkScheduler(threads: 2);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        var graph = GraphReader.ReadFile(graphPath);

        var trace = new ChromeTraceRecorder();
        var tiles = new DebugTilesRecorder();
        var preview = new Preview(graph.Settings.ResolutionX, graph.Settings.ResolutionY);
        var options = new RenderOptions
        {
            Model = ExecutionModel.Tiled,
            ChunkSize = 32,
            Events = RenderEvents.Combine(trace, tiles, preview),
        };

        using var result = await renderer.RenderAsync(graph, options);
        trace.Write(tracePath);
        tiles.Write(tilesPath, "Composite", result.Composite!);
        return preview.Pixels;
    }
}
