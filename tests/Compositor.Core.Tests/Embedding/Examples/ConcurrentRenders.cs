using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Examples;

public static class ConcurrentRenders
{
    // Render several graphs at once on one shared set of worker threads.
    public static async Task RunAsync(IReadOnlyList<string> graphPaths, string outputFolder)
    {
        using var scheduler = new WorkScheduler(threads: Environment.ProcessorCount);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        await Task.WhenAll(graphPaths.Select(async path =>
        {
            using var result = await renderer.RenderAsync(GraphReader.ReadFile(path));
            result.Output("Composite").Save(Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(path) + ".png"));
        }));
    }
}
