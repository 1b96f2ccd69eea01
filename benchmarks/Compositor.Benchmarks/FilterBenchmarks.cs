using BenchmarkDotNet.Attributes;
using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Filter.Glare;
using Compositor.Nodes.Operations.Input;
using Compositor.Operations;

namespace Compositor.Benchmarks;

/// <summary>
/// The whole-image filters of the filter perf graphs, one thread, on synthetic 1920 x 1080
/// images: Defocus's variable-size bokeh gather (radius rising from 0 to 24 across the image,
/// hexagon aperture, as defocus_1080p) and the FOG_GLOW convolution at size 9 (a 512 x 512 kernel,
/// as glare_fog_glow_1080p).
/// </summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private static readonly Rect Hd = Rect.FromSize(1920, 1080);
    private readonly RenderContext _context = new();
    private MemoryBuffer _image = null!, _output = null!, _bokeh = null!, _radius = null!;
    private VariableSizeBokehBlurOperation _defocus = null!;
    private GlareFogGlowOperation _fogGlow = null!;

    /// <summary>An RGBA image of uniform noise in [0, scale) with alpha 1.</summary>
    internal static MemoryBuffer Noise(Rect area, int seed, float scale)
    {
        var buffer = MemoryBuffer.Create(DataType.Color, area);
        var px = buffer.Span;
        var random = new Random(seed);
        for (int i = 0; i < px.Length; i++) px[i] = (i & 3) == 3 ? 1f : scale * (float)random.NextDouble();
        return buffer;
    }

    /// <summary>Links each input of <paramref name="op"/> to a constant over the given canvas (where its taps stop) and sets its canvas.</summary>
    internal static T Link<T>(T op, Rect canvas, params Rect[] inputs) where T : NodeOperation
    {
        for (int i = 0; i < inputs.Length; i++)
            op.Inputs[i].Link = new ConstantOperation(op.Inputs[i].Type, new float[(int)op.Inputs[i].Type]) { Canvas = inputs[i] };
        op.Canvas = canvas;
        return op;
    }

    [GlobalSetup]
    public void Setup()
    {
        // Highlights well above 1 as in an HDR render, so the fog glow has something to spread.
        _image = Noise(Hd, 2, 4f);
        _output = MemoryBuffer.Create(DataType.Color, Hd);
        var aperture = new BokehImageOperation(new BokehSettings(6, 0f, 0f, 0f, 0f)) { Canvas = Rect.FromSize(512, 512) };
        _bokeh = MemoryBuffer.Create(DataType.Color, aperture.Canvas);
        aperture.Execute(_bokeh, aperture.Canvas, [], _context);
        _radius = MemoryBuffer.Create(DataType.Value, Hd);
        var r = _radius.Span;
        for (int y = 0; y < Hd.Height; y++)
            for (int x = 0; x < Hd.Width; x++) r[y * Hd.Width + x] = 24f * x / Hd.Width;
        _defocus = Link(new VariableSizeBokehBlurOperation(24f, 1f, scaleSize: false), Hd, Hd, aperture.Canvas, Hd);
        _defocus.InitializeExecution(_context);
        _fogGlow = Link(new GlareFogGlowOperation(new GlareSettings { Type = GlareType.FogGlow, Size = 9, Threshold = 0.8f }), Hd, Hd);
        _fogGlow.InitializeExecution(_context);
    }

    [Benchmark(Description = "Defocus gather, hexagon, radius 0..24, 1080p")]
    public void Defocus() => _defocus.Execute(_output, Hd, [_image, _bokeh, _radius], _context);

    [Benchmark(Description = "Fog glow size 9, 1080p")]
    public void FogGlow() => _fogGlow.Execute(_output, Hd, [_image], _context);
}
