using Compositor.Compile;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Nodes.Tests.Support;

/// <summary>
/// A test image source registered under Bokeh Image's identifier (no inputs, one Image output):
/// a <paramref name="width"/> × <paramref name="height"/> canvas with R = x, G = y, B = 0.5, A = 1.
/// </summary>
internal sealed class GradientSourceNode(int width, int height) : NodeType("CompositorNodeBokehImage", "Input")
{
    public override void Convert(NodeConverterContext context)
    {
        var pixels = new float[width * height * 4];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                pixels[i] = x;
                pixels[i + 1] = y;
                pixels[i + 2] = 0.5f;
                pixels[i + 3] = 1f;
            }

        context.MapOutput("Image", context.AddOperation(new SourceOperation(Rect.FromSize(width, height), pixels)));
    }
}

/// <summary>A pass-through registered under Pixelate's identifier whose input is fitted by <paramref name="mode"/> into a fixed canvas.</summary>
internal sealed class FitProbeNode(ResizeMode mode, Rect canvas) : NodeType("CompositorNodePixelate", "Filter")
{
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new FitProbeOperation(mode, canvas));
        context.MapInput("Color", op.Inputs[0]);
        context.MapOutput("Color", op);
    }

    private sealed class FitProbeOperation : PixelOperation
    {
        private readonly Rect _canvas;

        public FitProbeOperation(ResizeMode mode, Rect canvas) : base(DataType.Color)
        {
            _canvas = canvas;
            AddInput(DataType.Color, mode);
            Flags = OperationFlags.None;
        }

        public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
        {
            resolver.Resolve(Inputs[0].Link!, _canvas);
            return _canvas;
        }

        protected override void ProcessRow(Span<float> output, in InputRows inputs, int width) => inputs.In0[..(width * 4)].CopyTo(output);
    }
}

/// <summary>Renders graphs with the built-in nodes plus test node types.</summary>
internal static class TestRenderer
{
    public static Renderer Create(params NodeType[] extra)
    {
        // The test types replace any built-in type of the same identifier.
        var registry = new NodeRegistry();
        foreach (var t in BuiltinNodes.CreateRegistry().Types)
            if (!extra.Any(e => e.Identifier == t.Identifier)) registry.Register(t);
        foreach (var t in extra) registry.Register(t);
        return new Renderer(registry, new WorkScheduler(2));
    }

    /// <summary>Renders and returns the Composite buffer's floats (rows bottom-up) and size.</summary>
    public static (float[] Pixels, int Width, int Height) Composite(Renderer renderer, string json, ExecutionModel model = ExecutionModel.FullFrame)
    {
        using var result = renderer.Render(GraphReader.ReadString(json), new RenderOptions { Model = model, ChunkSize = 32 });
        var c = result.Composite!;
        return (c.Span.ToArray(), c.Width, c.Height);
    }

    /// <summary>A graph: Src → [middle node] → Composite at <paramref name="resolution"/>.</summary>
    public static string Chain(int resX, int resY, string middleType, string middleProps, string inSocket = "Image", string outSocket = "Image", string inputs = "{}") => $$"""
        {"version": 1, "settings": {"resolution": [{{resX}}, {{resY}}]},
         "nodes": [{"name": "Src", "type": "CompositorNodeBokehImage"},
                   {"name": "N", "type": "{{middleType}}", "properties": {{middleProps}}, "inputs": {{inputs}}},
                   {"name": "Composite", "type": "CompositorNodeComposite"}],
         "links": [{"from": "Src", "from_socket": "Image", "to": "N", "to_socket": "{{inSocket}}"},
                   {"from": "N", "from_socket": "{{outSocket}}", "to": "Composite", "to_socket": "Image"}]}
        """;
}
