using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>The axis a separable blur pass runs along.</summary>
public enum BlurAxis
{
    /// <summary>Horizontal.</summary>
    X,

    /// <summary>Vertical.</summary>
    Y,
}

/// <summary>
/// One pass of the separable blur (Blender's GaussianXBlurOperation / GaussianYBlurOperation):
/// each output pixel is the weighted mean of the input pixels within the filter radius along one
/// axis, with the kernel from <see cref="BlurFilter.Kernel"/>. Taps beyond the input's canvas are
/// dropped and the remaining weights renormalized; at lower quality every second or fourth tap is
/// taken from the first one inside the canvas.
/// </summary>
/// <remarks>
/// Both passes run as whole-row multiply-adds: the y pass adds weighted input rows; the x pass
/// adds the input row shifted by each tap over the pixels whose taps all lie inside, and treats
/// the few pixels near the canvas edges one by one.
/// </remarks>
public sealed partial class GaussianBlurOperation : BlurOperationBase
{
    /// <summary>Blender's largest kernel radius.</summary>
    public const int MaxRadius = 1024;

    private float[] _kernel = [1f];
    private int _filterSize;

    /// <summary>Creates the pass along <paramref name="axis"/>.</summary>
    public GaussianBlurOperation(BlurSettings settings, BlurAxis axis) : base(settings) => Axis = axis;

    /// <summary>The axis this pass blurs along.</summary>
    public BlurAxis Axis { get; }

    /// <summary>Taps on each side of the centre (after initialization).</summary>
    public int FilterSize => _filterSize;

    /// <summary>The normalized kernel, 2·<see cref="FilterSize"/>+1 weights (after initialization).</summary>
    public ReadOnlySpan<float> Kernel => _kernel;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        base.InitializeExecution(context);
        int blurSize = Axis == BlurAxis.X ? BlurSizeX : BlurSizeY;
        float rad = MathF.Min(MathF.Max(Size * blurSize, 0f), MaxRadius);
        _filterSize = Math.Min((int)MathF.Ceiling(rad), MaxRadius);
        _kernel = BlurFilter.Kernel(Settings.Filter, rad, _filterSize);
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
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[ImageInput];
        if (input.IsSingleElement)
        {
            // Renormalized weights of a constant give the constant.
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var row = o.GetRow(y, area.XMin, area.Width);
                for (int i = 0; i < row.Length; i += 4) input.SingleElement.CopyTo(row.Slice(i, 4));
            }

            return;
        }

        var domain = InputDomain(ImageInput, input);
        if (Axis == BlurAxis.X) BlurRows(o, area, input, domain);
        else BlurColumns(o, area, input, domain);
    }

    private void BlurRows(MemoryBuffer output, Rect area, MemoryBuffer input, Rect domain)
    {
        int fs = _filterSize, step = Step, width = area.Width;
        var kernel = _kernel;
        int lo = Math.Max(domain.XMin, input.Rect.XMin), hi = Math.Min(domain.XMax, input.Rect.XMax);
        float fullSum = 0f;
        foreach (float w in kernel) fullSum += w;

        // Pixels whose every tap lies inside [lo, hi): one shifted multiply-add per tap.
        int inner0 = Math.Max(area.XMin, lo + fs), inner1 = Math.Min(area.XMax, hi - fs);
        if (step != 1) inner1 = inner0;
        var data = input.DangerousGetArray();
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = output.GetRow(y, area.XMin, width);
            if (y < input.Rect.YMin || y >= input.Rect.YMax || hi <= lo)
            {
                dst.Clear();
                continue;
            }

            int rowBase = input.IndexOf(input.Rect.XMin, y);
            if (inner1 > inner0 && SeparableKernels.CanBlock)
            {
                int count = (inner1 - inner0) * 4;
                int start = rowBase + (inner0 - fs - input.Rect.XMin) * 4;
                SeparableKernels.ConvolveRow(dst.Slice((inner0 - area.XMin) * 4, count), data.AsSpan(start, count + 8 * fs), kernel, 1f / fullSum);
            }
            else if (inner1 > inner0)
            {
                var acc = dst.Slice((inner0 - area.XMin) * 4, (inner1 - inner0) * 4);
                acc.Clear();
                for (int t = 0; t <= 2 * fs; t++)
                {
                    int start = rowBase + (inner0 - fs + t - input.Rect.XMin) * 4;
                    MultiplyAdd(acc, data.AsSpan(start, acc.Length), kernel[t]);
                }

                Scale(acc, 1f / fullSum);
            }

            for (int x = area.XMin; x < area.XMax; x++)
            {
                if (x >= inner0 && x < inner1) continue;
                int kmin = Math.Max(x - fs, lo), kmax = Math.Min(x + fs + 1, hi);
                var acc = new Vector4();
                float sum = 0f;
                for (int k = kmin, t = kmin - x + fs; k < kmax; k += step, t += step)
                {
                    float w = kernel[t];
                    acc += Load(data, rowBase + (k - input.Rect.XMin) * 4) * w;
                    sum += w;
                }

                Store(dst, (x - area.XMin) * 4, kmax > kmin ? acc * (1f / sum) : Vector4.Zero);
            }
        }
    }

    private void BlurColumns(MemoryBuffer output, Rect area, MemoryBuffer input, Rect domain)
    {
        int fs = _filterSize, step = Step, width = area.Width;
        var kernel = _kernel;
        int lo = Math.Max(domain.YMin, input.Rect.YMin), hi = Math.Min(domain.YMax, input.Rect.YMax);
        if (step == 1 && SeparableKernels.CanBlock && input.Rect.XMin <= area.XMin && input.Rect.XMax >= area.XMax)
        {
            BlurColumnsBlocked(output, area, input, lo, hi);
            return;
        }

        var scratch = new float[width * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = output.GetRow(y, area.XMin, width);
            dst.Clear();
            int kmin = Math.Max(y - fs, lo), kmax = Math.Min(y + fs + 1, hi);
            if (kmax <= kmin) continue;
            float sum = 0f;
            for (int k = kmin, t = kmin - y + fs; k < kmax; k += step, t += step)
            {
                float w = kernel[t];
                MultiplyAdd(dst, input.ReadRow(k, area.XMin, width, scratch), w);
                sum += w;
            }

            Scale(dst, 1f / sum);
        }
    }

    /// <summary>
    /// The y pass with every tap inside the input's columns: the output is computed in column
    /// segments of a few vectors, each accumulated in registers over its taps, all rows of the
    /// area per segment so the input rows under the kernel stay in the first-level cache.
    /// </summary>
    private void BlurColumnsBlocked(MemoryBuffer output, Rect area, MemoryBuffer input, int lo, int hi)
    {
        int fs = _filterSize, rows = area.Height;
        var kernel = _kernel;
        var first = new int[rows];
        var count = new int[rows];
        var taps = new int[rows];
        var scale = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            int y = area.YMin + r;
            int kmin = Math.Max(y - fs, lo), kmax = Math.Min(y + fs + 1, hi);
            first[r] = kmin;
            count[r] = Math.Max(0, kmax - kmin);
            taps[r] = kmin - y + fs;
            float sum = 0f;
            for (int t = 0; t < count[r]; t++) sum += kernel[taps[r] + t];
            scale[r] = count[r] > 0 ? 1f / sum : 0f;
        }

        var src = input.DangerousGetArray();
        for (int r = 0; r < rows; r++) first[r] = input.IndexOf(area.XMin, first[r]);
        SeparableKernels.ConvolveColumns(output.DangerousGetArray(), output.IndexOf(area.XMin, area.YMin), output.RowStride,
            src, input.RowStride, first, taps, count, scale, kernel, area.Width * 4);
    }

    /// <summary><paramref name="acc"/> += <paramref name="src"/> · <paramref name="w"/> (a multiply, then an add, as Blender's SSE loop).</summary>
    internal static void MultiplyAdd(Span<float> acc, ReadOnlySpan<float> src, float w)
    {
        int n = acc.Length, i = 0;
        ref float a = ref MemoryMarshal.GetReference(acc);
        ref float s = ref MemoryMarshal.GetReference(src);
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var wv = new Vector<float>(w);
            int last = n - Vector<float>.Count;
            for (; i <= last; i += Vector<float>.Count)
            {
                var av = Vector.LoadUnsafe(ref a, (nuint)i);
                var sv = Vector.LoadUnsafe(ref s, (nuint)i);
                (av + sv * wv).StoreUnsafe(ref a, (nuint)i);
            }
        }

        for (; i < n; i++) Unsafe.Add(ref a, i) += Unsafe.Add(ref s, i) * w;
    }

    /// <summary>Multiplies every float of <paramref name="values"/> by <paramref name="factor"/>.</summary>
    internal static void Scale(Span<float> values, float factor)
    {
        int n = values.Length, i = 0;
        ref float a = ref MemoryMarshal.GetReference(values);
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var f = new Vector<float>(factor);
            int last = n - Vector<float>.Count;
            for (; i <= last; i += Vector<float>.Count)
                (Vector.LoadUnsafe(ref a, (nuint)i) * f).StoreUnsafe(ref a, (nuint)i);
        }

        for (; i < n; i++) Unsafe.Add(ref a, i) *= factor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector4 Load(float[] data, int index) =>
        Unsafe.ReadUnaligned<Vector4>(ref Unsafe.As<float, byte>(ref data[index]));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(Span<float> dst, int index, Vector4 v) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref dst[index]), v);

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        base.AddParametersToHash(ref hash);
        hash.Add(Axis);
        return true;
    }
}
