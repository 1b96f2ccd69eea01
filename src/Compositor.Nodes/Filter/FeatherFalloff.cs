namespace Compositor.Nodes.Filter;

/// <summary>The closeness curve of a feathered dilation (Blender's proportional falloff items, the <c>falloff</c> enums).</summary>
public enum FeatherFalloff
{
    /// <summary>3v² − 2v³.</summary>
    Smooth,

    /// <summary>√(2v − v²).</summary>
    Sphere,

    /// <summary>√v.</summary>
    Root,

    /// <summary>v(2 − v).</summary>
    InverseSquare,

    /// <summary>v².</summary>
    Sharp,

    /// <summary>v.</summary>
    Linear,
}

/// <summary>Parsing of <see cref="FeatherFalloff"/>.</summary>
public static class FeatherFalloffs
{
    /// <summary>The falloff for Blender's identifier, or null.</summary>
    public static FeatherFalloff? Parse(string identifier) => identifier switch
    {
        "SMOOTH" => FeatherFalloff.Smooth,
        "SPHERE" => FeatherFalloff.Sphere,
        "ROOT" => FeatherFalloff.Root,
        "INVERSE_SQUARE" => FeatherFalloff.InverseSquare,
        "SHARP" => FeatherFalloff.Sharp,
        "LINEAR" => FeatherFalloff.Linear,
        _ => null,
    };
}
