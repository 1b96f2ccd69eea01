namespace Compositor.Nodes.Filter;

/// <summary>Which image side a relative blur size is taken from (the node's <c>aspect_correction</c>).</summary>
public enum BlurAspect
{
    /// <summary>Width for x, height for y.</summary>
    None = 0,

    /// <summary>Both from the width.</summary>
    Y = 1,

    /// <summary>Both from the height.</summary>
    X = 2,
}

/// <summary>The Blur node's settings that its operations share (Blender's NodeBlurData).</summary>
public sealed record BlurSettings
{
    /// <summary>The reconstruction filter.</summary>
    public BlurFilterType Filter { get; init; } = BlurFilterType.Gauss;

    /// <summary>Blur radius along x in pixels (<c>size_x</c>), used unless <see cref="Relative"/>.</summary>
    public int SizeX { get; init; }

    /// <summary>Blur radius along y in pixels (<c>size_y</c>).</summary>
    public int SizeY { get; init; }

    /// <summary>Radii are percentages of the image size (<c>use_relative</c>).</summary>
    public bool Relative { get; init; }

    /// <summary>Relative radius along x in percent (<c>factor_x</c>).</summary>
    public float FactorX { get; init; }

    /// <summary>Relative radius along y in percent (<c>factor_y</c>).</summary>
    public float FactorY { get; init; }

    /// <summary>Which side relative radii refer to (<c>aspect_correction</c>).</summary>
    public BlurAspect Aspect { get; init; }

    /// <summary>Grow the canvas so the blur can spread past the image (<c>use_extended_bounds</c>).</summary>
    public bool ExtendBounds { get; init; }

    /// <summary>
    /// The pixel radii for an image of <paramref name="width"/> × <paramref name="height"/>: the
    /// fixed sizes, or for a relative blur the rounded percentages of the side
    /// <see cref="Aspect"/> names (Blender's BlurBaseOperation::init_data).
    /// </summary>
    public (int X, int Y) PixelSizes(int width, int height)
    {
        if (!Relative) return (SizeX, SizeY);
        (int bx, int by) = Aspect switch
        {
            BlurAspect.Y => (width, width),
            BlurAspect.X => (height, height),
            _ => (width, height),
        };
        return (RoundToInt(FactorX * 0.01f * bx), RoundToInt(FactorY * 0.01f * by));
    }

    /// <summary>Adds every setting to an operation hash.</summary>
    public void AddTo(ref Compositor.Operations.OperationHash hash)
    {
        hash.Add(Filter);
        hash.Add(SizeX);
        hash.Add(SizeY);
        hash.Add(Relative);
        hash.Add(FactorX);
        hash.Add(FactorY);
        hash.Add(Aspect);
        hash.Add(ExtendBounds);
    }

    /// <summary>Rounds to the nearest integer, halves up (Blender's round_fl_to_int: floor(v + 0.5)).</summary>
    internal static int RoundToInt(float v) => (int)MathF.Floor(v + 0.5f);
}
