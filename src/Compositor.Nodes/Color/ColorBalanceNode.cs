using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>
/// Color Balance: lift/gamma/gain or offset/power/slope (ASC CDL), mixed in by the factor.
/// Blender keeps the two property sets in sync (setting one recomputes the other) and uses only
/// the active <c>correction_method</c>'s; graphs give only the active set. Should a graph give
/// only the other set, the active values are derived from it by Blender's sync formulas. Negative
/// components are clamped to 0, as Blender's RNA does when they are set.
/// </summary>
public sealed class ColorBalanceNode : NodeType
{
    private static readonly string[] LggProperties = ["lift", "gamma", "gain"];
    private static readonly string[] CdlProperties = ["offset", "power", "slope", "offset_basis"];

    /// <summary>Declares the node type.</summary>
    public ColorBalanceNode() : base("CompositorNodeColorBalance", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        bool lgg = context.GetEnum("correction_method") == "LIFT_GAMMA_GAIN";
        Build(context, lgg);
    }

    private static void Build(NodeConverterContext context, bool lgg)
    {
        // Blender's RNA clamps these arrays to its hard range 0..FLT_MAX when they are set.
        float[] Get(string name) => Array.ConvertAll(context.GetFloats(name), v => v < 0f ? 0f : v);
        bool activeGiven = (lgg ? LggProperties : CdlProperties).Any(context.HasProperty);
        bool otherGiven = (lgg ? CdlProperties : LggProperties).Any(context.HasProperty);
        Compositor.Operations.PixelOperation op;
        if (lgg)
        {
            float[] lift = Get("lift"), gamma = Get("gamma"), gain = Get("gain");
            if (!activeGiven && otherGiven)
                SyncFromCdl(Get("offset"), Get("power"), Get("slope"), lift, gamma, gain);
            op = new ColorBalanceLggOperation(lift, gamma, gain);
        }
        else
        {
            float[] offset = Get("offset"), power = Get("power"), slope = Get("slope");
            if (!activeGiven && otherGiven)
                SyncFromLgg(Get("lift"), Get("gamma"), Get("gain"), offset, power, slope);
            float basis = context.GetFloat("offset_basis");
            for (int c = 0; c < 3; c++) offset[c] = basis + offset[c];
            op = new ColorBalanceCdlOperation(offset, power, slope);
        }

        context.AddOperation(op);
        context.MapInput("Fac", op.Inputs[0]);
        context.MapInput("Image", op.Inputs[1]);
        context.MapOutput("Image", op);
    }

    /// <summary>Blender's ntreeCompositColorBalanceSyncFromLGG: offset, power and slope from lift, gamma and gain.</summary>
    public static void SyncFromLgg(ReadOnlySpan<float> lift, ReadOnlySpan<float> gamma, ReadOnlySpan<float> gain, Span<float> offset, Span<float> power, Span<float> slope)
    {
        for (int c = 0; c < 3; c++)
        {
            slope[c] = (2f - lift[c]) * gain[c];
            offset[c] = (lift[c] - 1f) * gain[c];
            power[c] = gamma[c] != 0f ? 1f / gamma[c] : 1000000f;
        }
    }

    /// <summary>Blender's ntreeCompositColorBalanceSyncFromCDL: lift, gamma and gain from offset, power and slope.</summary>
    public static void SyncFromCdl(ReadOnlySpan<float> offset, ReadOnlySpan<float> power, ReadOnlySpan<float> slope, Span<float> lift, Span<float> gamma, Span<float> gain)
    {
        for (int c = 0; c < 3; c++)
        {
            float d = slope[c] + offset[c];
            lift[c] = d != 0f ? slope[c] + 2f * offset[c] / d : 0f;
            gain[c] = d;
            gamma[c] = power[c] != 0f ? 1f / power[c] : 1000000f;
        }
    }
}
