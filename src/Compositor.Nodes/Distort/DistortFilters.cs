using Compositor.Imaging.Sampling;

namespace Compositor.Nodes.Distort;

/// <summary>Reads the Distort nodes' <c>filter_type</c> enum (NEAREST, BILINEAR, BICUBIC).</summary>
internal static class DistortFilters
{
    /// <summary>The interpolation named by <paramref name="identifier"/>.</summary>
    public static Interpolation Parse(string identifier) => identifier switch
    {
        "NEAREST" => Interpolation.Nearest,
        "BICUBIC" => Interpolation.Bicubic,
        _ => Interpolation.Bilinear,
    };
}
