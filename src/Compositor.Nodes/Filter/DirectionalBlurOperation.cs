using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>The Directional Blur node's settings (Blender's NodeDBlurData).</summary>
public readonly record struct DirectionalBlurSettings
{
    /// <summary>Doublings: 2^iterations samples are added to the pixel itself.</summary>
    public int Iterations { get; init; }

    /// <summary>Centre of the spin and zoom, as a fraction of the width.</summary>
    public float CenterX { get; init; }

    /// <summary>Centre of the spin and zoom, as a fraction of the height.</summary>
    public float CenterY { get; init; }

    /// <summary>Translation as a fraction of the canvas diagonal.</summary>
    public float Distance { get; init; }

    /// <summary>Direction of the translation in radians.</summary>
    public float Angle { get; init; }

    /// <summary>Rotation in radians.</summary>
    public float Spin { get; init; }

    /// <summary>Scale increase.</summary>
    public float Zoom { get; init; }
}

/// <summary>
/// Directional Blur (Blender's DirectionalBlurOperation, full-frame path): the pixel and
/// 2^iterations bilinear samples along a path of growing translation, rotation about the centre and
/// zoom are averaged. Each step adds 1/2^iterations of the total translation
/// (distance · diagonal at the angle, y downwards), spin and zoom. Samples beyond the canvas fade
/// to transparent black over one pixel. The whole input canvas is read.
/// </summary>
public sealed partial class DirectionalBlurOperation : NodeOperation
{
    private float _centerX, _centerY, _tx, _ty, _scale, _rotation;

    /// <summary>Creates the operation.</summary>
    public DirectionalBlurOperation(DirectionalBlurSettings settings) : base(DataType.Color)
    {
        Settings = settings;
        AddInput(DataType.Color);
        Flags = OperationFlags.Complex;
    }

    /// <summary>The settings.</summary>
    public DirectionalBlurSettings Settings { get; }

    /// <summary>Number of samples added to the pixel itself.</summary>
    public int Samples => (int)MathF.Pow(2f, Settings.Iterations);

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Settings);
        return true;
    }

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        var s = Settings;
        float width = Canvas.Width, height = Canvas.Height;
        float step = 1f / MathF.Pow(2f, s.Iterations);
        float d = s.Distance * MathF.Sqrt(width * width + height * height);
        _centerX = s.CenterX * width;
        _centerY = s.CenterY * height;
        _tx = step * d * MathF.Cos(s.Angle);
        _ty = -step * d * MathF.Sin(s.Angle);
        _scale = step * s.Zoom;
        _rotation = step * s.Spin;
    }

    /// <summary>The transform of each step (the same for every pixel): rotation cosine and sine, inverse scale, translation.</summary>
    private (float[] Cos, float[] Sin, float[] Inv, float[] Tx, float[] Ty) StepTransforms()
    {
        int n = Samples;
        var cos = new float[n];
        var sin = new float[n];
        var inv = new float[n];
        var tx = new float[n];
        var ty = new float[n];
        float ltx = _tx, lty = _ty, lsc = _scale, lrot = _rotation;
        for (int i = 0; i < n; i++)
        {
            cos[i] = MathF.Cos(lrot);
            sin[i] = MathF.Sin(lrot);
            inv[i] = 1f / (1f + lsc);
            tx[i] = ltx;
            ty[i] = lty;
            ltx += _tx;
            lty += _ty;
            lrot += _rotation;
            lsc += _scale;
        }

        return (cos, sin, inv, tx, ty);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var domain = Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : input.Rect;
        var sampler = new Sampler(input, domain, EdgeMode.Clip);
        int n = Samples;
        var (cos, sin, inv, tx, ty) = StepTransforms();
        float cx = _centerX, cy = _centerY, norm = 1f / (n + 1);
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            for (int x = area.XMin; x < area.XMax; x++)
            {
                var acc = sampler.Bilinear4(x, y);
                for (int i = 0; i < n; i++)
                {
                    float v = inv[i] * (y - cy) + ty[i];
                    float u = inv[i] * (x - cx) + tx[i];
                    acc += sampler.Bilinear4(cos[i] * u + sin[i] * v + cx, cos[i] * v - sin[i] * u + cy);
                }

                (acc * norm).CopyTo(dst.Slice((x - area.XMin) * 4, 4));
            }
        }
    }
}
