using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// Blender's InvertOperation: blends the color (and optionally the alpha) towards one minus itself by
/// the factor. Inputs: factor, color. The canvas is the color's.
/// </summary>
public sealed class InvertOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public InvertOperation(bool invertColor, bool invertAlpha) : base(DataType.Color)
    {
        InvertColor = invertColor;
        InvertAlpha = invertAlpha;
        AddInput(DataType.Value);
        AddInput(DataType.Color);
        CanvasInputIndex = 1;
    }

    /// <summary>Invert R, G and B.</summary>
    public bool InvertColor { get; }

    /// <summary>Invert alpha.</summary>
    public bool InvertAlpha { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var c = inputs.In1;
        c[..(width * 4)].CopyTo(o);
        if (InvertColor && InvertAlpha) InvertChannels(o, fac, c, width, 0, 4);
        else if (InvertColor) InvertChannels(o, fac, c, width, 0, 3);
        else if (InvertAlpha) InvertChannels(o, fac, c, width, 3, 1);
    }

    /// <inheritdoc />
    public override bool HasPlanarForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessPlanes(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        for (int c = 0; c < 4; c++)
        {
            var plane = inputs.In1.Slice(c * width, width);
            var target = o.Slice(c * width, width);
            if (c < 3 ? !InvertColor : !InvertAlpha)
            {
                plane.CopyTo(target);
                continue;
            }

            int x = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var one = Vector512<float>.One;
                for (; x + 16 <= width; x += 16)
                {
                    var v = Vector512.Create(plane.Slice(x, 16));
                    var f = Vector512.Create(fac.Slice(x, 16));
                    ((one - v) * f + v * (one - f)).CopyTo(target.Slice(x, 16));
                }
            }

            for (; x < width; x++)
            {
                float f = fac[x];
                float keep = 1f - f;
                target[x] = (1f - plane[x]) * f + plane[x] * keep;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InvertChannels(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> c, int width, int first, int count)
    {
        int done = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Four pixels at a time; lanes of channels left alone keep the copied input.
            Span<int> pattern = stackalloc int[16];
            for (int k = 0; k < 16; k++) pattern[k] = (k & 3) >= first && (k & 3) < first + count ? -1 : 0;
            var inverted = Vector512.Create((ReadOnlySpan<int>)pattern).AsSingle();
            var one = Vector512<float>.One;
            for (; done + 4 <= width; done += 4)
            {
                int i = done * 4;
                var v = Vector512.Create(c.Slice(i, 16));
                var f = VectorMath.PerPixel4(fac, done);
                var r = (one - v) * f + v * (one - f);
                Vector512.ConditionalSelect(inverted, r, v).CopyTo(o.Slice(i, 16));
            }
        }

        for (int x = done, i = done * 4 + first; x < width; x++, i += 4)
        {
            float f = fac[x];
            float keep = 1f - f;
            for (int k = i; k < i + count; k++) o[k] = (1f - c[k]) * f + c[k] * keep;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(InvertColor);
        hash.Add(InvertAlpha);
        return true;
    }
}
