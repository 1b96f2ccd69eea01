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
    private readonly Plane[] _planes = new Plane[3];
    // For the planes: per channel and entry i the pair (y[i], y[i + 1]) (the last entry twice), so
    // that one 64-bit gather element brings both ends of an interval.
    private readonly float[] _pairs = new float[3 * Stride * 2];

    private CurveGather(CurveMapping premultiplied)
    {
        Span<float> min = stackalloc float[4], step = stackalloc float[4], firstX = stackalloc float[4], firstY = stackalloc float[4];
        Span<float> lastX = stackalloc float[4], lastY = stackalloc float[4], inX = stackalloc float[4], inY = stackalloc float[4];
        Span<float> outX = stackalloc float[4], outY = stackalloc float[4], extrapolate = stackalloc float[4];
        for (int lane = 0; lane < 4; lane++)
        {
            var curve = premultiplied.Curves[System.Math.Min(lane, 2)];
            if (lane < 3)
            {
                _planes[lane] = new Plane(curve, lane * Stride);
                for (int i = 0; i <= CurveMap.TableSize; i++)
                {
                    _pairs[(lane * Stride + i) * 2] = curve.TableY[i];
                    _pairs[(lane * Stride + i) * 2 + 1] = curve.TableY[System.Math.Min(i + 1, CurveMap.TableSize)];
                }
            }
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

    /// <summary>
    /// Channel <paramref name="channel"/>'s curve (0–2: R, G, B) at the sixteen values of a plane,
    /// lane for lane what <see cref="Evaluate"/> computes for that channel; the extension is worked
    /// out only when some lane lies outside the table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe Vector512<float> EvaluatePlane(Vector512<float> x, int channel, float* pairs)
    {
        ref readonly var k = ref _planes[channel];
        var fi = (x - k.Min) * k.InverseStep;
        var outside = Vector512.LessThan(fi, Vector512<float>.Zero) | Vector512.GreaterThan(fi, Vector512.Create((float)CurveMap.TableSize));
        var nan = ~Vector512.Equals(fi, fi);
        var safe = Vector512.ConditionalSelect(outside | nan, Vector512<float>.Zero, fi);
        var index = Vector512.ConvertToInt32(safe);
        var last = Vector512.GreaterThanOrEqual(index, Vector512.Create(CurveMap.TableSize));
        // Four 64-bit gathers of (y[i], y[i + 1]), split into y0 and y1 by two permutes.
        double* table = (double*)pairs + k.Offset;
        var low = index.GetLower();
        var high = index.GetUpper();
        var pairs0 = Vector512.Create(Avx2.GatherVector256(table, low.GetLower(), 8).AsSingle(), Avx2.GatherVector256(table, low.GetUpper(), 8).AsSingle());
        var pairs1 = Vector512.Create(Avx2.GatherVector256(table, high.GetLower(), 8).AsSingle(), Avx2.GatherVector256(table, high.GetUpper(), 8).AsSingle());
        var y0 = Avx512F.PermuteVar16x32x2(pairs0, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), pairs1);
        var y1 = Avx512F.PermuteVar16x32x2(pairs0, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), pairs1);
        var frac = safe - Vector512.ConvertToSingle(index);
        var inside = (Vector512<float>.One - frac) * y0 + frac * y1;
        inside = Vector512.ConditionalSelect(last.AsSingle(), y0, inside);
        inside = Vector512.ConditionalSelect(nan, k.FirstY, inside);
        if (outside == Vector512<float>.Zero) return inside;

        Vector512<float> before = k.FirstY, after = k.LastY;
        if (k.Extrapolate)
        {
            before = k.InFlat ? k.FirstY + k.InY * 10000f : k.FirstY + k.InY * (x - k.FirstX) / k.InX;
            after = k.OutFlat ? k.LastY - k.OutY * 10000f : k.LastY + k.OutY * (x - k.LastX) / k.OutX;
        }

        var extended = Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, k.FirstX), before,
            Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, k.LastX), after, Vector512<float>.Zero));
        return Vector512.ConditionalSelect(outside, extended, inside);
    }

    /// <summary>Pins the tables for <see cref="Evaluate"/>.</summary>
    public float[] Tables => _tables;

    /// <summary>Pins the pair tables for <see cref="EvaluatePlane"/>.</summary>
    public float[] Pairs => _pairs;

    /// <summary>One channel's curve constants, broadcast for <see cref="EvaluatePlane"/>.</summary>
    private readonly struct Plane
    {
        public readonly Vector512<float> Min, InverseStep, FirstX, FirstY, LastX, LastY, InX, InY, OutX, OutY;
        public readonly bool Extrapolate, InFlat, OutFlat;
        public readonly int Offset;

        public Plane(CurveMap curve, int offset)
        {
            Min = Vector512.Create(curve.MinTable);
            InverseStep = Vector512.Create(curve.InverseStep);
            FirstX = Vector512.Create(curve.TableX[0]);
            FirstY = Vector512.Create(curve.TableY[0]);
            LastX = Vector512.Create(curve.TableX[CurveMap.TableSize]);
            LastY = Vector512.Create(curve.TableY[CurveMap.TableSize]);
            InX = Vector512.Create(curve.ExtendIn.X);
            InY = Vector512.Create(curve.ExtendIn.Y);
            OutX = Vector512.Create(curve.ExtendOut.X);
            OutY = Vector512.Create(curve.ExtendOut.Y);
            Extrapolate = curve.Extrapolate;
            InFlat = curve.ExtendIn.X == 0f;
            OutFlat = curve.ExtendOut.X == 0f;
            Offset = offset;
        }
    }
}
