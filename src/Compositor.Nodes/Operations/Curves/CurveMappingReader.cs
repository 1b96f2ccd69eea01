using System.Text.Json;
using Compositor.Compile;

namespace Compositor.Nodes.Operations.Curves;

/// <summary>A node type's fresh curve mapping: how many curves, their points and the clipping rectangle.</summary>
/// <param name="Curves">Each curve's points as Blender initialises them.</param>
/// <param name="Clip">The clipping rectangle (min x, min y, max x, max y).</param>
public sealed record CurveMappingDefaults(IReadOnlyList<IReadOnlyList<CurvePoint>> Curves, (float MinX, float MinY, float MaxX, float MaxY) Clip)
{
    /// <summary>RGB Curves: four straight lines (0,0)–(1,1) (R, G, B, combined).</summary>
    public static CurveMappingDefaults RgbCurves { get; } = Lines(4, 0f, 1f);

    /// <summary>Vector Curves: three straight lines (−1,−1)–(1,1).</summary>
    public static CurveMappingDefaults VectorCurves { get; } = Lines(3, -1f, 1f);

    /// <summary>Time: one straight line (0,0)–(1,1).</summary>
    public static CurveMappingDefaults Time { get; } = Lines(1, 0f, 1f);

    /// <summary>Hue Correct: three flat curves at 0.5 with nine points (hue, saturation, value).</summary>
    public static CurveMappingDefaults HueCorrect { get; } = new(
        Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<CurvePoint>)Enumerable.Range(0, 9).Select(i => new CurvePoint(i / 8f, 0.5f)).ToArray()).ToArray(),
        (0f, 0f, 1f, 1f));

    private static CurveMappingDefaults Lines(int count, float min, float max) => new(
        Enumerable.Range(0, count).Select(_ => (IReadOnlyList<CurvePoint>)[new CurvePoint(min, min), new CurvePoint(max, max)]).ToArray(),
        (min, min, max, max));
}

/// <summary>
/// Reads a curve mapping pointer property of the graph format (<c>curves</c> with <c>points</c>
/// of <c>location</c>, <c>handle_type</c> and <c>select</c>; <c>use_clip</c>, <c>clip_min_x</c> …,
/// <c>extend</c>, <c>tone</c>, <c>black_level</c>, <c>white_level</c>); what the graph leaves out
/// keeps the node type's defaults.
/// </summary>
public static class CurveMappingReader
{
    /// <summary>The mapping of property <paramref name="property"/> of the node being converted.</summary>
    public static CurveMapping Read(NodeConverterContext context, string property, CurveMappingDefaults defaults)
    {
        var value = context.GetObject(property);
        try
        {
            return Read(value, defaults);
        }
        catch (FormatException e)
        {
            throw context.Error(e.Message, property);
        }
    }

    /// <summary>Reads <paramref name="value"/> (null: the defaults); malformed JSON throws <see cref="FormatException"/>.</summary>
    public static CurveMapping Read(JsonElement? value, CurveMappingDefaults defaults)
    {
        var curves = defaults.Curves;
        var clip = defaults.Clip;
        bool useClip = true, extrapolate = true;
        var tone = CurveTone.Standard;
        float[]? black = null, white = null;
        if (value is { } e)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"a curve mapping must be an object, got {e.ValueKind}");
            foreach (var p in e.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "curves":
                        curves = ReadCurves(p.Value, defaults.Curves);
                        break;
                    case "use_clip":
                        useClip = ReadBool(p.Value, p.Name);
                        break;
                    case "clip_min_x":
                        clip.MinX = ReadFloat(p.Value, p.Name);
                        break;
                    case "clip_min_y":
                        clip.MinY = ReadFloat(p.Value, p.Name);
                        break;
                    case "clip_max_x":
                        clip.MaxX = ReadFloat(p.Value, p.Name);
                        break;
                    case "clip_max_y":
                        clip.MaxY = ReadFloat(p.Value, p.Name);
                        break;
                    case "extend":
                        extrapolate = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() switch
                        {
                            "EXTRAPOLATED" => true,
                            "HORIZONTAL" => false,
                            var other => throw new FormatException($"extend '{other}' is not one of HORIZONTAL, EXTRAPOLATED"),
                        } : throw new FormatException("extend must be a string");
                        break;
                    case "tone":
                        tone = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() switch
                        {
                            "STANDARD" => CurveTone.Standard,
                            "FILMLIKE" => CurveTone.Filmlike,
                            var other => throw new FormatException($"tone '{other}' is not one of STANDARD, FILMLIKE"),
                        } : throw new FormatException("tone must be a string");
                        break;
                    case "black_level":
                        black = ReadLevel(p.Value, p.Name);
                        break;
                    case "white_level":
                        white = ReadLevel(p.Value, p.Name);
                        break;
                    default:
                        throw new FormatException($"a curve mapping has no key '{p.Name}'");
                }
            }
        }

        return new CurveMapping(curves, clip, useClip, extrapolate, tone, black, white);
    }

    private static IReadOnlyList<IReadOnlyList<CurvePoint>> ReadCurves(JsonElement e, IReadOnlyList<IReadOnlyList<CurvePoint>> defaults)
    {
        int count = defaults.Count;
        if (e.ValueKind != JsonValueKind.Array) throw new FormatException("curves must be an array");
        int n = e.GetArrayLength();
        if (n != count) throw new FormatException($"the mapping has {count} curves, the graph gives {n}");
        var curves = new List<IReadOnlyList<CurvePoint>>(n);
        int index = 0;
        foreach (var curve in e.EnumerateArray())
        {
            if (curve.ValueKind != JsonValueKind.Object || !curve.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
                throw new FormatException($"curve {index} must be an object with a 'points' array");
            var list = new List<CurvePoint>();
            foreach (var point in points.EnumerateArray()) list.Add(ReadPoint(point, index));
            if (list.Count < 2) throw new FormatException($"curve {index} needs at least 2 points, has {list.Count}");
            var selected = BuiltSelection(defaults[index], list.Count);
            int i = 0;
            foreach (var point in points.EnumerateArray())
            {
                if (!point.TryGetProperty("select", out _)) list[i] = list[i] with { Selected = selected[i] };
                i++;
            }

            curves.Add(list);
            index++;
        }

        return curves;
    }

    /// <summary>
    /// Which points are selected once a curve of <paramref name="count"/> points is built from the
    /// node's default curve the way the reference tool (render_graph.py) builds it: surplus points
    /// are removed from the end, missing ones added at (0.5, 0.5), each insertion selecting the new
    /// point only (Blender's BKE_curvemap_insert), then the points are moved to the graph's
    /// locations by index. Selection matters because Blender moves selected points into the
    /// clipping rectangle; a point's own <c>select</c> key overrides this.
    /// </summary>
    private static bool[] BuiltSelection(IReadOnlyList<CurvePoint> defaults, int count)
    {
        var xs = defaults.Select(p => p.X).ToList();
        var selected = defaults.Select(p => p.Selected).ToList();
        while (xs.Count > count)
        {
            xs.RemoveAt(xs.Count - 1);
            selected.RemoveAt(selected.Count - 1);
        }

        while (xs.Count < count)
        {
            int at = 0;
            while (at < xs.Count && !(0.5f < xs[at])) at++;
            for (int i = 0; i < selected.Count; i++) selected[i] = false;
            xs.Insert(at, 0.5f);
            selected.Insert(at, true);
        }

        return [.. selected];
    }

    private static CurvePoint ReadPoint(JsonElement e, int curve)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("location", out var location)
            || location.ValueKind != JsonValueKind.Array || location.GetArrayLength() != 2
            || location[0].ValueKind != JsonValueKind.Number || location[1].ValueKind != JsonValueKind.Number)
            throw new FormatException($"a point of curve {curve} needs a 'location' [x, y]");
        var handle = CurveHandleType.Auto;
        if (e.TryGetProperty("handle_type", out var h))
        {
            handle = h.ValueKind == JsonValueKind.String ? h.GetString() switch
            {
                "AUTO" => CurveHandleType.Auto,
                "AUTO_CLAMPED" => CurveHandleType.AutoClamped,
                "VECTOR" => CurveHandleType.Vector,
                var other => throw new FormatException($"handle_type '{other}' is not one of AUTO, AUTO_CLAMPED, VECTOR"),
            } : throw new FormatException("handle_type must be a string");
        }

        bool selected = e.TryGetProperty("select", out var s) && ReadBool(s, "select");
        return new CurvePoint(location[0].GetSingle(), location[1].GetSingle(), handle, selected);
    }

    private static float[] ReadLevel(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() < 3 || e.EnumerateArray().Take(3).Any(x => x.ValueKind != JsonValueKind.Number))
            throw new FormatException($"{name} must be an array of 3 numbers");
        return [e[0].GetSingle(), e[1].GetSingle(), e[2].GetSingle()];
    }

    private static bool ReadBool(JsonElement e, string name) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{name} must be true or false"),
    };

    private static float ReadFloat(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Number ? e.GetSingle() : throw new FormatException($"{name} must be a number");
}
