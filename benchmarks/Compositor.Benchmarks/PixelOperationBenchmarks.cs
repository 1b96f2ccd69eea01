using BenchmarkDotNet.Attributes;
using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Mix;
using Compositor.Operations;

namespace Compositor.Benchmarks;

/// <summary>
/// Pixel-wise operations over one megapixel (1024 x 1024 RGBA floats, 16 MiB in and out), one
/// thread: each operation alone, the nine color-chain steps run one by one (a buffer each), and
/// the same nine fused into one row pass. Divide by 1 MP for the time per megapixel; the memory
/// floor is one read and one write of 16 MiB.
/// </summary>
[MemoryDiagnoser]
public class PixelOperationBenchmarks
{
    private const int Size = 1024;
    private static readonly Rect Area = Rect.FromSize(Size, Size);
    private readonly RenderContext _context = new();
    private MemoryBuffer _image = null!;
    private MemoryBuffer _output = null!;
    private MemoryBuffer[] _scratch = [];
    private (NodeOperation Op, Func<MemoryBuffer, MemoryBuffer[]> Inputs)[] _chain = [];
    private FusedPixelOperation _fused = null!;
    private MemoryBuffer[] _fusedInputs = [];

    private static MemoryBuffer Value(float v) => MemoryBuffer.CreateSingleElement(DataType.Value, [v], Area);

    [GlobalSetup]
    public void Setup()
    {
        _image = MemoryBuffer.Create(DataType.Color, Area);
        var px = _image.Span;
        var random = new Random(7);
        for (int i = 0; i < px.Length; i++) px[i] = (i & 3) == 3 ? 1f : (float)random.NextDouble();
        _output = MemoryBuffer.Create(DataType.Color, Area);
        _scratch = [MemoryBuffer.Create(DataType.Color, Area), MemoryBuffer.Create(DataType.Color, Area)];

        // The color_chain_1080p steps (Curves aside: its mapping comes from a graph), with its settings.
        _chain =
        [
            (new ExposureOperation(), c => [c, Value(0.4f)]),
            (new ColorBalanceLggOperation([1.02f, 1f, 0.98f], [1f, 1f, 1f], [1.1f, 1f, 0.9f]), c => [Value(1f), c]),
            (new HueSaturationValueOperation(), c => [c, Value(0.52f), Value(1.2f), Value(1f), Value(1f)]),
            (new GammaOperation(), c => [c, Value(0.9f)]),
            (new BrightnessOperation(false), c => [c, Value(3f), Value(10f)]),
            (new InvertOperation(true, false), c => [Value(0.1f), c]),
            (new MixOperation(MixBlendType.Overlay, false, false), c => [Value(0.3f), c, _image]),
            (new PosterizeOperation(), c => [c, Value(64f)]),
        ];

        // Link the steps as the compiler would, with constants and the image as outside inputs.
        var source = new ConstantOperation(DataType.Color, [0f, 0f, 0f, 1f]) { Canvas = Area };
        var outside = new Dictionary<NodeOperation, MemoryBuffer> { [source] = _image };
        NodeOperation previous = source;
        foreach (var (op, inputs) in _chain)
        {
            var buffers = inputs(_image);
            for (int i = 0; i < op.Inputs.Count; i++)
            {
                if (ReferenceEquals(buffers[i], _image) && op.Inputs[i].Type == DataType.Color && !(op is MixOperation && i == 2))
                {
                    op.Inputs[i].Link = previous;
                    continue;
                }

                var producer = ReferenceEquals(buffers[i], _image) ? source : new ConstantOperation(DataType.Value, buffers[i].SingleElement) { Canvas = Area };
                outside.TryAdd(producer, buffers[i]);
                op.Inputs[i].Link = producer;
            }

            op.Canvas = Area;
            previous = op;
        }

        _fused = new FusedPixelOperation(_chain.Select(s => (PixelOperation)s.Op).ToList());
        _fusedInputs = _fused.Inputs.Select(i => outside[i.Link!]).ToArray();
    }

    private void Run(int step) => _chain[step].Op.Execute(_output, Area, _chain[step].Inputs(_image), _context);

    [Benchmark] public void Exposure() => Run(0);
    [Benchmark] public void ColorBalanceLiftGammaGain() => Run(1);
    [Benchmark] public void HueSaturationValue() => Run(2);
    [Benchmark] public void Gamma() => Run(3);
    [Benchmark] public void BrightContrast() => Run(4);
    [Benchmark] public void Invert() => Run(5);
    [Benchmark] public void MixOverlay() => Run(6);
    [Benchmark] public void Posterize() => Run(7);

    /// <summary>The steps one after another, each writing a full buffer (what fusion avoids).</summary>
    [Benchmark]
    public void ChainUnfused()
    {
        var current = _image;
        for (int s = 0; s < _chain.Length; s++)
        {
            var target = s == _chain.Length - 1 ? _output : _scratch[s & 1];
            _chain[s].Op.Execute(target, Area, _chain[s].Inputs(current), _context);
            current = target;
        }
    }

    /// <summary>The same steps fused: one read of the image, one write of the output.</summary>
    [Benchmark(Baseline = true)]
    public void ChainFused() => _fused.Execute(_output, Area, _fusedInputs, _context);

    /// <summary>The memory floor: copy 16 MiB.</summary>
    [Benchmark]
    public void CopyFloor() => _image.Span.CopyTo(_output.Span);
}
