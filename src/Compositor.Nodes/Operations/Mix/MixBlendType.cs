namespace Compositor.Nodes.Operations.Mix;

/// <summary>The Mix node's blend modes (Blender's <c>blend_type</c>), in Blender's menu order.</summary>
public enum MixBlendType
{
    /// <summary>Linear interpolation.</summary>
    Mix,

    /// <summary>Per-channel minimum.</summary>
    Darken,

    /// <summary>Product.</summary>
    Multiply,

    /// <summary>Color burn.</summary>
    Burn,

    /// <summary>Per-channel maximum of the first image and the factor-weighted second.</summary>
    Lighten,

    /// <summary>Screen.</summary>
    Screen,

    /// <summary>Color dodge.</summary>
    Dodge,

    /// <summary>Sum.</summary>
    Add,

    /// <summary>Overlay.</summary>
    Overlay,

    /// <summary>Soft light.</summary>
    SoftLight,

    /// <summary>Linear light.</summary>
    LinearLight,

    /// <summary>Absolute difference.</summary>
    Difference,

    /// <summary>Difference.</summary>
    Subtract,

    /// <summary>Quotient (0 where the divisor is 0).</summary>
    Divide,

    /// <summary>The second image's hue.</summary>
    Hue,

    /// <summary>The second image's saturation.</summary>
    Saturation,

    /// <summary>The second image's hue and saturation.</summary>
    Color,

    /// <summary>The second image's value.</summary>
    Value,
}

/// <summary>Maps Blender's <c>blend_type</c> identifiers to <see cref="MixBlendType"/>.</summary>
public static class MixBlendTypes
{
    /// <summary>The blend type for Blender's identifier (e.g. <c>SOFT_LIGHT</c>), or null when unknown.</summary>
    public static MixBlendType? Parse(string identifier) => identifier switch
    {
        "MIX" => MixBlendType.Mix,
        "DARKEN" => MixBlendType.Darken,
        "MULTIPLY" => MixBlendType.Multiply,
        "BURN" => MixBlendType.Burn,
        "LIGHTEN" => MixBlendType.Lighten,
        "SCREEN" => MixBlendType.Screen,
        "DODGE" => MixBlendType.Dodge,
        "ADD" => MixBlendType.Add,
        "OVERLAY" => MixBlendType.Overlay,
        "SOFT_LIGHT" => MixBlendType.SoftLight,
        "LINEAR_LIGHT" => MixBlendType.LinearLight,
        "DIFFERENCE" => MixBlendType.Difference,
        "SUBTRACT" => MixBlendType.Subtract,
        "DIVIDE" => MixBlendType.Divide,
        "HUE" => MixBlendType.Hue,
        "SATURATION" => MixBlendType.Saturation,
        "COLOR" => MixBlendType.Color,
        "VALUE" => MixBlendType.Value,
        _ => null,
    };
}
