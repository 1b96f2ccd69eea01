using Compositor.Devices;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Examples;

public static class BuildInCode
{
    // Build a graph in code, feed it a picture from memory, change a property, and get the pixels back.
    public static async Task<float[]> RunAsync(int width, int height)
    {
        // An 8-bit sRGB picture with straight alpha, top row first: a horizontal ramp.
        var bytes = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                bytes[i] = (byte)(255 * x / Math.Max(1, width - 1));
                bytes[i + 1] = (byte)(255 * y / Math.Max(1, height - 1));
                bytes[i + 2] = 64;
                bytes[i + 3] = 255;
            }

        // The same node types, property and socket names as the graph JSON.
        NodeGraph graph = new GraphBuilder()
            .Resolution(width, height)
            .Node("Picture", "CompositorNodeImage", n => n.Image(ImageInput.FromSrgbBytes(width, height, bytes)))
            .Node("Blur", "CompositorNodeBlur", n => n.Property("filter_type", "GAUSS").Property("size_x", 4).Property("size_y", 4))
            .Node("Darken", "CompositorNodeMixRGB", n => n.Property("blend_type", "MULTIPLY").Input("Fac", 0.5))
            .Node("Composite", "CompositorNodeComposite")
            .Link("Picture", "Image", "Blur", "Image")
            .Link("Blur", "Image", "Darken", "Image")
            .Link("Picture", "Image", "Darken", "Image_001")
            .Link("Darken", "Image", "Composite", "Image")
            .Build();

        // Any property or unlinked input can be changed before a render.
        graph.Node("Blur").SetProperty("size_x", 8).SetProperty("size_y", 8);
        graph.Node("Darken").SetInput("Fac", 0.75);

        using var scheduler = new WorkScheduler(threads: 2);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        using var result = await renderer.RenderAsync(graph);
        // Linear, premultiplied RGBA, top row first.
        return ImageExport.ToFileOrder(result.Composite!, display: false);
    }
}
