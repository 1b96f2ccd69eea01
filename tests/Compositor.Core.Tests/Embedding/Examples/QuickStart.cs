using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;
using Microsoft.Extensions.Logging;

namespace Compositor.Examples;

public static class QuickStart
{
    // Load a graph file, render it, save the Composite output.
    public static async Task RunAsync(string graphPath, string outputPath, ILoggerFactory? loggerFactory = null)
    {
        // One scheduler (worker threads) and one renderer can serve every render of the program.
        using var scheduler = new WorkScheduler(threads: Environment.ProcessorCount, loggerFactory);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler, loggerFactory);

        NodeGraph graph = GraphReader.ReadFile(graphPath);
        using RenderResult result = await renderer.RenderAsync(graph);
        result.Output("Composite").Save(outputPath);
        Console.WriteLine($"{result.Statistics.Packages} packages, peak {result.Statistics.PeakBufferBytes >> 20} MiB of buffers");
    }
}
