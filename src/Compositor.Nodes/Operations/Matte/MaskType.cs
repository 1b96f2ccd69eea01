namespace Compositor.Nodes.Operations.Matte;

/// <summary>How the Box and Ellipse Mask combine their shape with the Mask input (the node's <c>mask_type</c>).</summary>
public enum MaskType
{
    /// <summary>Inside: the larger of mask and value; outside: the mask.</summary>
    Add = 0,

    /// <summary>Inside: mask − value clamped to 0..1; outside: the mask.</summary>
    Subtract = 1,

    /// <summary>Inside: mask × value; outside: 0.</summary>
    Multiply = 2,

    /// <summary>Inside: 0 where the mask is positive, else the value; outside: the mask.</summary>
    Not = 3,
}

/// <summary>Parsing and the per-pixel combination shared by the mask shapes.</summary>
public static class MaskTypes
{
    /// <summary>The mask type for Blender's identifier, or null.</summary>
    public static MaskType? Parse(string identifier) => identifier switch
    {
        "ADD" => MaskType.Add,
        "SUBTRACT" => MaskType.Subtract,
        "MULTIPLY" => MaskType.Multiply,
        "NOT" => MaskType.Not,
        _ => null,
    };

    /// <summary>Combines one pixel's mask and value, inside or outside the shape.</summary>
    public static float Combine(MaskType type, bool inside, float mask, float value) => type switch
    {
        MaskType.Add => inside ? (mask > value ? mask : value) : mask,
        MaskType.Subtract => inside ? Clamp01(mask - value) : mask,
        MaskType.Multiply => inside ? mask * value : 0f,
        _ => inside ? (mask > 0f ? 0f : value) : mask,
    };

    private static float Clamp01(float v) => v < 0f ? 0f : v > 1f ? 1f : v;
}
