using System.Text.Json;
using Compositor.Compile;
using Compositor.Graph;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Color Ramp: maps the factor to a color band's color (<c>color_ramp</c>: interpolation EASE,
/// CARDINAL, LINEAR, B_SPLINE or CONSTANT; color mode RGB, HSV or HSL with hue interpolation NEAR,
/// FAR, CW or CCW; up to 32 elements of position and RGBA color). Alpha is the color's alpha.
/// </summary>
public sealed class ColorRampNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ColorRampNode() : base("CompositorNodeValToRGB", "Converter")
    {
    }

    /// <summary>Blender's band for a new Color Ramp node: black to white, linear, RGB.</summary>
    public static ColorBand DefaultBand { get; } = new([new(0f, 0f, 0f, 0f, 1f), new(1f, 1f, 1f, 1f, 1f)]);

    /// <inheritdoc />
    public override string? Validate(GraphNode node, NodeGraph graph)
    {
        if (!node.Properties.TryGetValue("color_ramp", out var e) || e.ValueKind == JsonValueKind.Null) return null;
        try
        {
            Parse(e);
            return null;
        }
        catch (FormatException ex)
        {
            return $"color_ramp: {ex.Message}";
        }
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        ColorBand band;
        try
        {
            band = context.GetObject("color_ramp") is { } e ? Parse(e) : DefaultBand;
        }
        catch (FormatException ex)
        {
            throw context.Error(ex.Message, "color_ramp");
        }

        var ramp = context.AddOperation(new ColorRampOperation(band));
        context.MapInput("Fac", ramp.Inputs[0]);
        context.MapOutput("Image", ramp);
        var alpha = context.AddOperation(new SeparateChannelOperation(3), "alpha");
        context.Link(ramp, alpha.Inputs[0]);
        context.MapOutput("Alpha", alpha);
    }

    /// <summary>
    /// Reads a <c>color_ramp</c> object. Missing keys keep the default band's settings; an element's
    /// <c>color</c> takes 3 or 4 numbers, and <c>alpha</c>, when present, sets the fourth.
    /// </summary>
    /// <exception cref="FormatException">A key has the wrong shape or an unknown value.</exception>
    public static ColorBand Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("expected an object");
        var interpolation = ColorBandInterpolation.Linear;
        var mode = ColorBandMode.Rgb;
        var hue = ColorBandHueInterpolation.Near;
        if (e.TryGetProperty("interpolation", out var i))
            interpolation = ColorBand.ParseInterpolation(Text(i, "interpolation")) ?? throw Unknown("interpolation", i, "EASE, CARDINAL, LINEAR, B_SPLINE, CONSTANT");
        if (e.TryGetProperty("color_mode", out var m))
            mode = ColorBand.ParseMode(Text(m, "color_mode")) ?? throw Unknown("color_mode", m, "RGB, HSV, HSL");
        if (e.TryGetProperty("hue_interpolation", out var h))
            hue = ColorBand.ParseHue(Text(h, "hue_interpolation")) ?? throw Unknown("hue_interpolation", h, "NEAR, FAR, CW, CCW");

        var stops = DefaultBand.Stops.ToList();
        if (e.TryGetProperty("elements", out var elements))
        {
            if (elements.ValueKind != JsonValueKind.Array) throw new FormatException("elements: expected an array");
            stops.Clear();
            int index = 0;
            foreach (var el in elements.EnumerateArray())
            {
                stops.Add(Element(el, index));
                index++;
            }

            if (stops.Count == 0) throw new FormatException("elements: a color ramp needs at least one element");
            if (stops.Count > ColorBand.MaxStops) throw new FormatException($"elements: {stops.Count} elements; Blender allows at most {ColorBand.MaxStops}");
        }

        return new ColorBand(stops, interpolation, mode, hue);
    }

    private static ColorBandStop Element(JsonElement el, int index)
    {
        string where = $"elements[{index}]";
        if (el.ValueKind != JsonValueKind.Object) throw new FormatException($"{where}: expected an object");
        float position = 0f;
        if (el.TryGetProperty("position", out var p))
        {
            if (p.ValueKind != JsonValueKind.Number) throw new FormatException($"{where}.position: expected a number");
            position = p.GetSingle();
            if (position is < 0f or > 1f) throw new FormatException($"{where}.position: {position} is outside 0..1");
        }

        Span<float> c = [0f, 0f, 0f, 1f];
        if (el.TryGetProperty("color", out var color))
        {
            if (color.ValueKind != JsonValueKind.Array) throw new FormatException($"{where}.color: expected an array of 3 or 4 numbers");
            int n = 0;
            foreach (var v in color.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number || n >= 4) throw new FormatException($"{where}.color: expected an array of 3 or 4 numbers");
                c[n++] = v.GetSingle();
            }

            if (n < 3) throw new FormatException($"{where}.color: expected an array of 3 or 4 numbers");
        }

        if (el.TryGetProperty("alpha", out var alpha))
        {
            if (alpha.ValueKind != JsonValueKind.Number) throw new FormatException($"{where}.alpha: expected a number");
            c[3] = alpha.GetSingle();
        }

        return new ColorBandStop(position, c[0], c[1], c[2], c[3]);
    }

    private static string Text(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"{key}: expected a string");

    private static FormatException Unknown(string key, JsonElement value, string allowed) =>
        new($"{key}: unknown value '{value.GetString()}'; expected one of {allowed}");
}
