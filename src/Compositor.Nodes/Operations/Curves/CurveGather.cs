using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Nodes.Operations.Curves;

/// <summary>
/// The R, G and B curves of a premultiplied mapping laid out for evaluating two RGBA pixels at a
/// time: one table per channel, read with AVX2 gathers, and each curve's range and extension as
/// per-lane constants. Every lane computes exactly what <see cref="CurveMap.Evaluate"/> computes
/// (same operations in the same order), so vector blocks and scalar row tails agree bit for bit.
/// </summary>
internal sealed class CurveGather
{
    private const int Stride = CurveMap.TableSize + 1;

    // R, G, B tables, then a copy of B for the alpha lanes (whose results are discarded).
    private readonly float[] _tables = new float[4 * Stride];
    private readonly Vector256<int> _laneBase = Vector256.Create(0, Stride, 2 * Stride, 3 * Stride, 0, Stride, 2 * Stride, 3 * Stride);
    private readonly Vector256<float> _min, _inverseStep, _firstX, _firstY, _lastX, _lastY;
    private readonly Vector256<float> _inX, _inY, _outX, _outY, _inFlat, _outFlat, _extrapolate;

    private CurveGather(CurveMapping premultiplied)
    {
        Span<float> min = stackalloc float[4], step = stackalloc float[4], firstX = stackalloc float[4], firstY = stackalloc float[4];
        Span<float> lastX = stackalloc float[4], lastY = stackalloc float[4], inX = stackalloc float[4], inY = stackalloc float[4];
        Span<float> outX = stackalloc float[4], outY = stackalloc float[4], extrapolate = stackalloc float[4];
        for (int lane = 0; lane < 4; lane++)
        {
            var curve = premultiplied.Curves[System.Math.Min(lane, 2)];
            curve.TableY.CopyTo(_tables.AsSpan(lane * Stride, Stride));
            min[lane] = curve.MinTable;
            step[lane] = curve.InverseStep;
            firstX[lane] = curve.TableX[0];
            firstY[lane] = curve.TableY[0];
            lastX[lane] = curve.TableX[CurveMap.TableSize];
            lastY[lane] = curve.TableY[CurveMap.TableSize];
            (inX[lane], inY[lane]) = curve.ExtendIn;
            (outX[lane], outY[lane]) = curve.ExtendOut;
            extrapolate[lane] = curve.Extrapolate ? BitConverter.Int32BitsToSingle(-1) : 0f;
        }

        _min = Twice(min);
        _inverseStep = Twice(step);
        _firstX = Twice(firstX);
        _firstY = Twice(firstY);
        _lastX = Twice(lastX);
        _lastY = Twice(lastY);
        _inX = Twice(inX);
        _inY = Twice(inY);
        _outX = Twice(outX);
        _outY = Twice(outY);
        _extrapolate = Twice(extrapolate);
        _inFlat = Vector256.Equals(_inX, Vector256<float>.Zero);
        _outFlat = Vector256.Equals(_outX, Vector256<float>.Zero);
    }

    /// <summary>A gather layout for <paramref name="premultiplied"/>, or null where it cannot be used (no AVX2, film-like tone).</summary>
    public static CurveGather? TryCreate(CurveMapping premultiplied) =>
        Avx2.IsSupported && premultiplied.Tone == CurveTone.Standard && premultiplied.Curves.Count >= 3 ? new CurveGather(premultiplied) : null;

    private static Vector256<float> Twice(ReadOnlySpan<float> four) => Vector256.Create(Vector128.Create(four), Vector128.Create(four));

    /// <summary>Each lane's curve at <paramref name="x"/> (lanes 0–2 and 4–6: R, G, B; alpha lanes: meaningless).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe Vector256<float> Evaluate(Vector256<float> x, float* tables)
    {
        var fi = (x - _min) * _inverseStep;
        var outside = Vector256.LessThan(fi, Vector256<float>.Zero) | Vector256.GreaterThan(fi, Vector256.Create((float)CurveMap.TableSize));
        var nan = ~Vector256.Equals(fi, fi);
        var safe = Vector256.ConditionalSelect(outside | nan, Vector256<float>.Zero, fi);
        var index = Vector256.ConvertToInt32(safe);
        var last = Vector256.GreaterThanOrEqual(index, Vector256.Create(CurveMap.TableSize));
        var next = Vector256.Min(index + Vector256<int>.One, Vector256.Create(CurveMap.TableSize));
        var y0 = Avx2.GatherVector256(tables, _laneBase + index, 4);
        var y1 = Avx2.GatherVector256(tables, _laneBase + next, 4);
        var frac = safe - Vector256.ConvertToSingle(index);
        var inside = (Vector256<float>.One - frac) * y0 + frac * y1;
        inside = Vector256.ConditionalSelect(last.AsSingle(), y0, inside);
        inside = Vector256.ConditionalSelect(nan, _firstY, inside);

        // Outside the table: horizontal, or along the end handles (a vertical handle: a far value).
        var before = Vector256.ConditionalSelect(_inFlat, _firstY + _inY * 10000f, _firstY + _inY * (x - _firstX) / _inX);
        before = Vector256.ConditionalSelect(_extrapolate, before, _firstY);
        var after = Vector256.ConditionalSelect(_outFlat, _lastY - _outY * 10000f, _lastY + _outY * (x - _lastX) / _outX);
        after = Vector256.ConditionalSelect(_extrapolate, after, _lastY);
        var extended = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, _firstX), before,
            Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, _lastX), after, Vector256<float>.Zero));
        return Vector256.ConditionalSelect(outside, extended, inside);
    }

    /// <summary>Pins the tables for <see cref="Evaluate"/>.</summary>
    public float[] Tables => _tables;
}
