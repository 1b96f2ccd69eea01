using System.Runtime.CompilerServices;

namespace Compositor.Nodes.Operations.Curves;

/// <summary>How RGB curves map a color (Blender's CurveMapping.tone).</summary>
public enum CurveTone
{
    /// <summary>Each channel through its own curve.</summary>
    Standard,

    /// <summary>The largest and smallest channels through their curves, the middle one keeping its proportion (Blender's FILMLIKE).</summary>
    Filmlike,
}

/// <summary>
/// A set of curves with shared settings, evaluated as Blender 3.4's CurveMapping: the clipping
/// rectangle (its x range sets the tables' range; with clipping on, <see cref="EvaluateClipped"/>
/// clamps results to its y range and selected points are moved inside it), horizontal or
/// extrapolated extension, black and white levels and tone for RGB evaluation.
/// </summary>
public sealed class CurveMapping
{
    private readonly CurveMap[] _curves;
    private readonly float[] _black;
    private readonly float[] _white;
    private readonly float[] _bwMultiplier = new float[3];
    private string? _fingerprint;

    /// <summary>Builds the curves' tables from their points and settings.</summary>
    /// <param name="curves">Each curve's points (any order; at least two each).</param>
    /// <param name="clip">The clipping rectangle (min x, min y, max x, max y).</param>
    /// <param name="useClip">Clipping on (Blender's use_clip).</param>
    /// <param name="extrapolate">Extend along the end handles (EXTRAPOLATED) rather than horizontally.</param>
    /// <param name="tone">RGB tone.</param>
    /// <param name="black">Black level (RGB).</param>
    /// <param name="white">White level (RGB).</param>
    public CurveMapping(IReadOnlyList<IReadOnlyList<CurvePoint>> curves, (float MinX, float MinY, float MaxX, float MaxY) clip,
        bool useClip = true, bool extrapolate = true, CurveTone tone = CurveTone.Standard, float[]? black = null, float[]? white = null)
    {
        Clip = clip;
        UseClip = useClip;
        Extrapolate = extrapolate;
        Tone = tone;
        _black = black is null ? [0f, 0f, 0f] : black[..3];
        _white = white is null ? [1f, 1f, 1f] : white[..3];
        BlackWhiteMultiplier(_black, _white, _bwMultiplier);
        _curves = new CurveMap[curves.Count];
        for (int c = 0; c < curves.Count; c++)
            _curves[c] = CurveMap.Build(PreparePoints(curves[c]), clip.MinX, clip.MaxX, extrapolate);
    }

    private CurveMapping(CurveMapping source, CurveMap[] curves)
    {
        Clip = source.Clip;
        UseClip = source.UseClip;
        Extrapolate = source.Extrapolate;
        Tone = source.Tone;
        _black = source._black;
        _white = source._white;
        _bwMultiplier = source._bwMultiplier;
        _curves = curves;
    }

    /// <summary>The curves.</summary>
    public IReadOnlyList<CurveMap> Curves => _curves;

    /// <summary>
    /// Everything that decides this mapping's results as text (tables, extensions, settings), for
    /// merging equal operations: equal fingerprints evaluate identically.
    /// </summary>
    public string Fingerprint => _fingerprint ??= MakeFingerprint();

    /// <summary>The clipping rectangle.</summary>
    public (float MinX, float MinY, float MaxX, float MaxY) Clip { get; }

    /// <summary>Clipping on.</summary>
    public bool UseClip { get; }

    /// <summary>Extrapolated (true) or horizontal extension.</summary>
    public bool Extrapolate { get; }

    /// <summary>RGB tone.</summary>
    public CurveTone Tone { get; }

    /// <summary>Black level.</summary>
    public ReadOnlySpan<float> Black => _black;

    /// <summary>White level.</summary>
    public ReadOnlySpan<float> White => _white;

    /// <summary>1 / (white − black) per channel, the difference at least 1e-5.</summary>
    public ReadOnlySpan<float> BlackWhiteMultiplierValues => _bwMultiplier;

    /// <summary>Blender's bwmul: 1 / max(white − black, 1e-5) for R, G and B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BlackWhiteMultiplier(ReadOnlySpan<float> black, ReadOnlySpan<float> white, Span<float> result)
    {
        for (int c = 0; c < 3; c++) result[c] = 1f / MathF.Max(white[c] - black[c], 1e-5f);
    }

    /// <summary>Curve <paramref name="curve"/> at <paramref name="x"/>, clamped to the clipping rectangle's y range when clipping is on (Blender's BKE_curvemapping_evaluateF).</summary>
    public float EvaluateClipped(int curve, float x)
    {
        float v = _curves[curve].Evaluate(x);
        if (UseClip)
        {
            if (v < Clip.MinY) v = Clip.MinY;
            else if (v > Clip.MaxY) v = Clip.MaxY;
        }

        return v;
    }

    /// <summary>
    /// A copy whose first three curves are followed by the fourth (Blender's BKE_curvemapping_premultiply,
    /// which RGB Curves applies before evaluating): afterwards <see cref="EvaluateRgb"/> maps each
    /// channel through its curve and then the combined curve.
    /// </summary>
    public CurveMapping Premultiplied()
    {
        if (_curves.Length < 4) throw new InvalidOperationException("premultiplying needs four curves");
        var curves = (CurveMap[])_curves.Clone();
        for (int c = 0; c < 3; c++) curves[c] = _curves[c].ComposeWith(_curves[3]);
        return new CurveMapping(this, curves);
    }

    /// <summary>
    /// Maps one color through curves 0..2 after the black and white levels (Blender's
    /// BKE_curvemapping_evaluate_premulRGBF_ex): each channel becomes (value − black) × multiplier
    /// and goes through its curve; with the film-like tone the largest and smallest channels go
    /// through their curves (Blender passes them without the levels) and the middle one keeps its
    /// relative position.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EvaluateRgb(float inR, float inG, float inB, ReadOnlySpan<float> black, ReadOnlySpan<float> multiplier,
        out float outR, out float outG, out float outB)
    {
        float r = (inR - black[0]) * multiplier[0];
        float g = (inG - black[1]) * multiplier[1];
        float b = (inB - black[2]) * multiplier[2];
        if (Tone == CurveTone.Standard)
        {
            outR = _curves[0].Evaluate(r);
            outG = _curves[1].Evaluate(g);
            outB = _curves[2].Evaluate(b);
            return;
        }

        Span<float> input = [inR, inG, inB];
        Span<float> output = stackalloc float[3];
        if (r >= g)
        {
            if (g > b) Filmlike(input, output, 0, 1, 2);
            else if (b > r) Filmlike(input, output, 2, 0, 1);
            else if (b > g) Filmlike(input, output, 0, 2, 1);
            else
            {
                output[0] = _curves[0].Evaluate(r);
                output[1] = _curves[1].Evaluate(g);
                output[2] = output[1];
            }
        }
        else if (r >= b) Filmlike(input, output, 1, 0, 2);
        else if (b > g) Filmlike(input, output, 2, 1, 0);
        else Filmlike(input, output, 1, 2, 0);

        outR = output[0];
        outG = output[1];
        outB = output[2];
    }

    private void Filmlike(ReadOnlySpan<float> input, Span<float> output, int high, int mid, int low)
    {
        float v0In = input[high], v1In = input[mid], v2In = input[low];
        float v0 = _curves[high].Evaluate(v0In);
        float v2 = _curves[low].Evaluate(v2In);
        float v1 = v2 + ((v0 - v2) * (v1In - v2In) / (v0In - v2In));
        output[high] = v0;
        output[mid] = v1;
        output[low] = v2;
    }

    private string MakeFingerprint()
    {
        var text = new System.Text.StringBuilder();
        void Add(float v) => text.Append(BitConverter.SingleToInt32Bits(v).ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        text.Append(UseClip ? 'c' : 'n').Append(Extrapolate ? 'e' : 'h').Append((int)Tone);
        Add(Clip.MinX);
        Add(Clip.MinY);
        Add(Clip.MaxX);
        Add(Clip.MaxY);
        for (int c = 0; c < 3; c++)
        {
            Add(_black[c]);
            Add(_white[c]);
        }

        foreach (var curve in _curves)
        {
            text.Append('|');
            Add(curve.MinTable);
            Add(curve.MaxTable);
            Add(curve.InverseStep);
            Add(curve.ExtendIn.X);
            Add(curve.ExtendIn.Y);
            Add(curve.ExtendOut.X);
            Add(curve.ExtendOut.Y);
            foreach (float v in curve.TableX) Add(v);
            foreach (float v in curve.TableY) Add(v);
        }

        return text.ToString();
    }

    /// <summary>Blender's BKE_curvemapping_changed: selected points moved into the clipping rectangle (when on), then sorted by x.</summary>
    private List<CurvePoint> PreparePoints(IReadOnlyList<CurvePoint> points)
    {
        var list = new List<CurvePoint>(points);
        if (UseClip)
        {
            float dx = 0f, dy = 0f;
            foreach (var p in list)
            {
                if (!p.Selected) continue;
                if (p.X < Clip.MinX) dx = MathF.Min(dx, p.X - Clip.MinX);
                else if (p.X > Clip.MaxX) dx = MathF.Max(dx, p.X - Clip.MaxX);
                if (p.Y < Clip.MinY) dy = MathF.Min(dy, p.Y - Clip.MinY);
                else if (p.Y > Clip.MaxY) dy = MathF.Max(dy, p.Y - Clip.MaxY);
            }

            for (int i = 0; i < list.Count; i++)
                if (list[i].Selected) list[i] = list[i] with { X = list[i].X - dx, Y = list[i].Y - dy };
        }

        // A stable sort: points with equal x keep their order.
        return [.. list.Select((p, i) => (p, i)).OrderBy(t => t.p.X).ThenBy(t => t.i).Select(t => t.p)];
    }
}
