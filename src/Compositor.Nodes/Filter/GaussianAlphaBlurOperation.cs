using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// One pass of Blender's GaussianAlphaX/YBlurOperation over a value map (used to soften the Blur
/// node's variable Size map): per pixel, the renormalized kernel-weighted mean, blended with the
/// largest value found within the radius weighted by its smoothed closeness (a feathered
/// dilation). With <see cref="Subtract"/> the values are inverted before and after (an erosion).
/// </summary>
public sealed class GaussianAlphaBlurOperation : BlurOperationBase
{
    private float[] _kernel = [1f];
    private float[] _closeness = [1f];
    private int _filterSize;

    /// <summary>Creates the pass along <paramref name="axis"/> (the size multiplier is fixed at 1, as Blender sets it).</summary>
    public GaussianAlphaBlurOperation(BlurSettings settings, BlurAxis axis, bool subtract = false, FeatherFalloff falloff = FeatherFalloff.Smooth) : base(settings, DataType.Value)
    {
        Axis = axis;
        Subtract = subtract;
        Falloff = falloff;
        PresetSize = 1f;
    }

    /// <summary>The closeness curve of the dilation.</summary>
    public FeatherFalloff Falloff { get; }

    /// <summary>The axis of this pass.</summary>
    public BlurAxis Axis { get; }

    /// <summary>Invert the values around the pass (erode rather than dilate).</summary>
    public bool Subtract { get; }

    /// <summary>Taps on each side (after initialization).</summary>
    public int FilterSize => _filterSize;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        base.InitializeExecution(context);
        float rad = MathF.Min(MathF.Max(Size * (Axis == BlurAxis.X ? BlurSizeX : BlurSizeY), 0f), GaussianBlurOperation.MaxRadius);
        _filterSize = Math.Min((int)MathF.Ceiling(rad), GaussianBlurOperation.MaxRadius);
        _kernel = BlurFilter.Kernel(Settings.Filter, rad, _filterSize);
        _closeness = Closeness(Falloff, rad, _filterSize);
    }

    /// <summary>Blender's make_dist_fac_inverse with the smooth falloff: 3v² − 2v³ of v = 1 − |i| / radius.</summary>
    public static float[] SmoothCloseness(float radius, int size) => Closeness(FeatherFalloff.Smooth, radius, size);

    /// <summary>Blender's make_dist_fac_inverse: <paramref name="falloff"/> applied to v = 1 − |i| / radius for i = −size..size.</summary>
    public static float[] Closeness(FeatherFalloff falloff, float radius, int size)
    {
        var t = new float[2 * size + 1];
        float fac = radius > 0f ? 1f / radius : 0f;
        for (int i = -size; i <= size; i++)
        {
            float v = 1f - MathF.Abs(i * fac);
            t[i + size] = falloff switch
            {
                FeatherFalloff.Smooth => 3f * v * v - 2f * v * v * v,
                FeatherFalloff.Sphere => MathF.Sqrt(2f * v - v * v),
                FeatherFalloff.Root => MathF.Sqrt(v),
                FeatherFalloff.Sharp => v * v,
                FeatherFalloff.InverseSquare => v * (2f - v),
                _ => v,
            };
        }

        return t;
    }

    /// <inheritdoc />
    protected override Rect ImageAreaOfInterest(Rect outputArea)
    {
        RequireInitialized();
        int grow = _filterSize + 1;
        return Axis == BlurAxis.X
            ? outputArea with { XMin = outputArea.XMin - grow, XMax = outputArea.XMax + grow }
            : outputArea with { YMin = outputArea.YMin - grow, YMax = outputArea.YMax + grow };
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[ImageInput];
        var domain = InputDomain(ImageInput, input).Intersect(input.Rect);
        if (input.IsSingleElement) domain = InputDomain(ImageInput, input);
        int fs = _filterSize, step = Step;
        var kernel = _kernel;
        var data = input.DangerousGetArray();
        bool alongX = Axis == BlurAxis.X;
        int lo = alongX ? domain.XMin : domain.YMin, hi = alongX ? domain.XMax : domain.YMax;
        bool single = input.IsSingleElement;
        int stride = input.RowStride, origin = single ? 0 : -input.Rect.XMin - input.Rect.YMin * stride;
        int tapStride = single ? 0 : (alongX ? 1 : stride) * step;
        // Pixels whose taps all lie in the domain and whose centre lies in the input go eight at a
        // time: along y every pixel of a row has the same taps; along x, those away from the ends.
        bool vector = Vector256.IsHardwareAccelerated && !single;
        var inRect = input.Rect;
        int vx0 = Math.Max(area.XMin, alongX ? lo + fs : inRect.XMin);
        int vx1 = Math.Min(area.XMax, alongX ? hi - fs : inRect.XMax);
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            int x = area.XMin;
            if (vector && y >= inRect.YMin && y < inRect.YMax && vx1 - vx0 >= Vector256<float>.Count)
            {
                for (; x < vx0; x++) dst[x - area.XMin] = Pixel(input, data, origin, stride, tapStride, lo, hi, x, y);
                int first, firstTap, taps = 0;
                float sum = 0f;
                if (alongX)
                {
                    first = origin + y * stride + vx0 - fs;
                    firstTap = 0;
                    for (int t = 0; t <= 2 * fs; t += step, taps++) sum += kernel[t];
                }
                else
                {
                    int kmin = Math.Max(y - fs, lo), kmax = Math.Min(y + fs + 1, hi);
                    first = origin + kmin * stride + vx0;
                    firstTap = kmin - y + fs;
                    for (int k = kmin, t = firstTap; k < kmax; k += step, t += step, taps++) sum += kernel[t];
                }

                x = vx0 + Interior(dst[(vx0 - area.XMin)..], data, origin + y * stride + vx0, first, tapStride, firstTap, taps, sum, vx1 - vx0);
            }

            for (; x < area.XMax; x++) dst[x - area.XMin] = Pixel(input, data, origin, stride, tapStride, lo, hi, x, y);
        }
    }

    /// <summary>One output value, its taps clipped to [lo, hi) along the pass's axis.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Pixel(MemoryBuffer input, float[] data, int origin, int stride, int tapStride, int lo, int hi, int x, int y)
    {
        int fs = _filterSize, step = Step;
        var kernel = _kernel;
        var close = _closeness;
        bool invert = Subtract, alongX = Axis == BlurAxis.X, single = input.IsSingleElement;
        int coord = alongX ? x : y;
        int kmin = Math.Max(coord - fs, lo), kmax = Math.Min(coord + fs + 1, hi);
        float centre = Read(input, data, x, y);
        float valueMax = invert ? 1f - centre : centre;
        float closeMax = 1f, acc = 0f, sum = 0f;
        int index = single ? 0 : alongX ? origin + y * stride + kmin : origin + kmin * stride + x;
        for (int k = kmin, t = kmin - coord + fs; k < kmax; k += step, t += step, index += tapStride)
        {
            float v = data[index];
            if (invert) v = 1f - v;
            float w = kernel[t];
            acc += v * w;
            sum += w;
            if (v > valueMax)
            {
                float c = close[t];
                v *= c;
                if (v > valueMax)
                {
                    valueMax = v;
                    closeMax = c;
                }
            }
        }

        float blurred = acc / sum;
        float result = valueMax * closeMax + blurred * (1f - closeMax);
        return invert ? 1f - result : result;
    }

    /// <summary>
    /// Blocks of eight consecutive pixels that share their taps: pixel p's centre is
    /// data[centre + p], its tap i reads data[first + p + i · tapStride] with kernel index
    /// firstTap + i · step.
    /// Returns how many pixels were written. Every value is computed with the scalar operations in
    /// the scalar order, so the results are the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Interior(Span<float> dst, float[] data, int centre, int first, int tapStride, int firstTap, int taps, float sum, int width)
    {
        int step = Step, n = Vector256<float>.Count;
        bool invert = Subtract;
        var kernel = _kernel;
        var close = _closeness;
        var one = Vector256<float>.One;
        var total = Vector256.Create(sum);
        ref float d = ref MemoryMarshal.GetArrayDataReference(data);
        ref float o = ref MemoryMarshal.GetReference(dst);
        int x = 0;
        for (; x <= width - n; x += n)
        {
            ref float p = ref Unsafe.Add(ref d, first + x);
            var own = Vector256.LoadUnsafe(ref Unsafe.Add(ref d, centre + x));
            var valueMax = invert ? one - own : own;
            var closeMax = one;
            var acc = Vector256<float>.Zero;
            for (int i = 0, t = firstTap; i < taps; i++, t += step)
            {
                var v = Vector256.LoadUnsafe(ref Unsafe.Add(ref p, i * tapStride));
                if (invert) v = one - v;
                acc += v * Vector256.Create(kernel[t]);
                var c = Vector256.Create(close[t]);
                var vc = v * c;
                var larger = Vector256.GreaterThan(v, valueMax) & Vector256.GreaterThan(vc, valueMax);
                valueMax = Vector256.ConditionalSelect(larger, vc, valueMax);
                closeMax = Vector256.ConditionalSelect(larger, c, closeMax);
            }

            var result = valueMax * closeMax + acc / total * (one - closeMax);
            (invert ? one - result : result).StoreUnsafe(ref Unsafe.Add(ref o, x));
        }

        return x;
    }

    private static float Read(MemoryBuffer input, float[] data, int x, int y) =>
        input.IsSingleElement ? data[0] : input.Rect.Contains(x, y) ? data[input.IndexOf(x, y)] : 0f;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        base.AddParametersToHash(ref hash);
        hash.Add(Axis);
        hash.Add(Subtract);
        hash.Add(Falloff);
        return true;
    }
}
