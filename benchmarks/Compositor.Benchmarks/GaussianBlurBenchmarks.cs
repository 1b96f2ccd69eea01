using BenchmarkDotNet.Attributes;
using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Operations;

namespace Compositor.Benchmarks;

/// <summary>
/// The two passes of the separable Gaussian blur (Blur node, GAUSS) by radius, one thread, on a
/// 2048 x 2048 RGBA image as gauss_blur_60_2048: the work grows with the radius (2r + 1 taps a
/// pass), so time / (2r + 1) shows how close a tap comes to the multiply-add throughput.
/// </summary>
[MemoryDiagnoser]
public class GaussianBlurBenchmarks
{
    private static readonly Rect Area = Rect.FromSize(2048, 2048);
    private readonly RenderContext _context = new();
    private MemoryBuffer _image = null!, _middle = null!, _output = null!, _one = null!;
    private GaussianBlurOperation _blurX = null!, _blurY = null!;

    /// <summary>Blur radius in pixels (size_x = size_y).</summary>
    [Params(5, 20, 60)]
    public int Radius { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _image = FilterBenchmarks.Noise(Area, 1, 1f);
        _middle = MemoryBuffer.Create(DataType.Color, Area);
        _output = MemoryBuffer.Create(DataType.Color, Area);
        _one = MemoryBuffer.CreateSingleElement(DataType.Value, [1f], Area);
        var settings = new BlurSettings { Filter = BlurFilterType.Gauss, SizeX = Radius, SizeY = Radius };
        _blurX = FilterBenchmarks.Link(new GaussianBlurOperation(settings, BlurAxis.X) { PresetSize = 1f }, Area, Area, Area);
        _blurY = FilterBenchmarks.Link(new GaussianBlurOperation(settings, BlurAxis.Y) { PresetSize = 1f }, Area, Area, Area);
        _blurX.InitializeExecution(_context);
        _blurY.InitializeExecution(_context);
    }

    [Benchmark(Description = "Gaussian blur x pass")]
    public void BlurX() => _blurX.Execute(_middle, Area, [_image, _one], _context);

    [Benchmark(Description = "Gaussian blur y pass")]
    public void BlurY() => _blurY.Execute(_output, Area, [_middle, _one], _context);
}
