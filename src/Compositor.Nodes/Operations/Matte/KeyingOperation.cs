using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// The Keying node's matte (Blender's KeyingOperation). The screen color's largest channel is the
/// primary one; a color's saturation is (primary − the balanced mix of the other two) × |1 − mix|.
/// Pixels whose smallest channel exceeds 1, or whose saturation is negative, are foreground (1);
/// at or above the screen's saturation, background (0); in between 1 − saturation / screen saturation.
/// Inputs: image, screen color.
/// </summary>
public sealed class KeyingOperation : PixelOperation
{
    /// <summary>Creates the operation with the node's <c>screen_balance</c>.</summary>
    public KeyingOperation(float screenBalance) : base(DataType.Value)
    {
        ScreenBalance = screenBalance;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
        Flags = OperationFlags.None;
    }

    /// <summary>Weight of the smaller-index secondary channel in the mix.</summary>
    public float ScreenBalance { get; }

    /// <summary>Blender's pixel saturation of <paramref name="c"/> for primary channel <paramref name="primary"/>.</summary>
    public static float Saturation(ReadOnlySpan<float> c, float balance, int primary)
    {
        int other1 = (primary + 1) % 3, other2 = (primary + 2) % 3;
        int minChannel = System.Math.Min(other1, other2), maxChannel = System.Math.Max(other1, other2);
        float val = balance * c[minChannel] + (1f - balance) * c[maxChannel];
        return (c[primary] - val) * MathF.Abs(1f - val);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var pixel = inputs.In0[..(4 * width)];
        var screen = inputs.In1[..(4 * width)];
        o = o[..width];
        float balance = ScreenBalance, rest = 1f - balance;
        ref float p = ref MemoryMarshal.GetReference(pixel);
        ref float s = ref MemoryMarshal.GetReference(screen);
        // The screen is nearly always one colour: its primary channel and saturation are worked
        // out again only where its bits change.
        int s0 = 0, s1 = 0, s2 = 0, primary = 0, low = 0, high = 0;
        float screenSaturation = 0f;
        int done = 0;
        if (Avx512F.IsSupported && width >= 16 && IsUniform(screen))
        {
            var sc = screen[..4];
            primary = ColorSpaces.MaxAxis(sc[0], sc[1], sc[2]);
            done = Vectorised(o, pixel, width, primary, balance, Saturation(sc, balance, primary));
        }

        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            int t0 = BitConverter.SingleToInt32Bits(Unsafe.Add(ref s, i));
            int t1 = BitConverter.SingleToInt32Bits(Unsafe.Add(ref s, i + 1));
            int t2 = BitConverter.SingleToInt32Bits(Unsafe.Add(ref s, i + 2));
            if (x == done || t0 != s0 || t1 != s1 || t2 != s2)
            {
                (s0, s1, s2) = (t0, t1, t2);
                var sc = screen.Slice(i, 4);
                primary = ColorSpaces.MaxAxis(sc[0], sc[1], sc[2]);
                (low, high) = primary switch { 0 => (1, 2), 1 => (0, 2), _ => (0, 1) };
                screenSaturation = Saturation(sc, balance, primary);
            }

            ref float c = ref Unsafe.Add(ref p, i);
            float r = c, g = Unsafe.Add(ref c, 1), b = Unsafe.Add(ref c, 2);
            float minPixel = r < g ? r : g;
            if (b < minPixel) minPixel = b;
            if (minPixel > 1f)
            {
                o[x] = 1f;
                continue;
            }

            float val = balance * Unsafe.Add(ref c, low) + rest * Unsafe.Add(ref c, high);
            float saturation = (Unsafe.Add(ref c, primary) - val) * MathF.Abs(1f - val);
            if (saturation < 0f) o[x] = 1f;
            else if (saturation >= screenSaturation) o[x] = 0f;
            else o[x] = 1f - saturation / screenSaturation;
        }
    }

    /// <summary>True when every pixel of the row has the same bits (a constant screen colour).</summary>
    private static bool IsUniform(ReadOnlySpan<float> screen)
    {
        var pixels = MemoryMarshal.Cast<float, Vector128<int>>(screen);
        return pixels.IndexOfAnyExcept(pixels[0]) < 0;
    }

    /// <summary>
    /// Sixteen pixels at a time against one screen colour: the channels are gathered out of the
    /// RGBA rows by permutes, then the scalar loop's operations run lane for lane (comparisons and
    /// selects in its order, no fused multiply-add), so each value has the same bits. Returns the
    /// pixels done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Vectorised(Span<float> o, ReadOnlySpan<float> pixel, int width, int primary, float balance, float screenSaturation)
    {
        var pick = Vector512.Create(0, 4, 8, 12, 16, 20, 24, 28, 0, 4, 8, 12, 16, 20, 24, 28);
        var firstEight = Vector512.Create(-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0).AsSingle();
        var one = Vector512<float>.One;
        var zero = Vector512<float>.Zero;
        var weight = Vector512.Create(balance);
        var rest = Vector512.Create(1f - balance);
        var screen = Vector512.Create(screenSaturation);
        int x = 0;
        for (; x + 16 <= width; x += 16)
        {
            var rows = pixel.Slice(x * 4, 64);
            var v0 = Vector512.Create(rows[..16]);
            var v1 = Vector512.Create(rows.Slice(16, 16));
            var v2 = Vector512.Create(rows.Slice(32, 16));
            var v3 = Vector512.Create(rows.Slice(48, 16));
            Vector512<float> Channel(int c) =>
                Vector512.ConditionalSelect(firstEight, Avx512F.PermuteVar16x32x2(v0, pick + Vector512.Create(c), v1), Avx512F.PermuteVar16x32x2(v2, pick + Vector512.Create(c), v3));
            var r = Channel(0);
            var g = Channel(1);
            var b = Channel(2);
            var minPixel = Vector512.ConditionalSelect(Vector512.LessThan(r, g), r, g);
            minPixel = Vector512.ConditionalSelect(Vector512.LessThan(b, minPixel), b, minPixel);
            var (main, lowChannel, highChannel) = primary switch { 0 => (r, g, b), 1 => (g, r, b), _ => (b, r, g) };
            var val = weight * lowChannel + rest * highChannel;
            var saturation = (main - val) * Vector512.Abs(one - val);
            var matte = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(saturation, screen), zero, one - saturation / screen);
            matte = Vector512.ConditionalSelect(Vector512.LessThan(saturation, zero) | Vector512.GreaterThan(minPixel, one), one, matte);
            matte.CopyTo(o.Slice(x, 16));
        }

        return x;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(ScreenBalance);
        return true;
    }
}
