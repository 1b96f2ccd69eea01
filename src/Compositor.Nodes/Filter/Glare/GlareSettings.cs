using Compositor.Operations;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>The glare algorithm (Blender's NodeGlare.type).</summary>
public enum GlareType
{
    /// <summary>Lens ghosts: scaled, masked copies of the blurred highlights.</summary>
    Ghosts,

    /// <summary>Streaks in <c>streaks</c> directions.</summary>
    Streaks,

    /// <summary>A wide glow (a large windowed kernel convolved with the highlights).</summary>
    FogGlow,

    /// <summary>A cross (or X with <c>use_rotate_45</c>) of recursive smears.</summary>
    SimpleStar,
}

/// <summary>The Glare node's settings (Blender's NodeGlare).</summary>
public sealed record GlareSettings
{
    /// <summary>The algorithm.</summary>
    public GlareType Type { get; init; } = GlareType.Streaks;

    /// <summary>Quality step: 0 high (full size), 1 medium (half), 2 low (quarter).</summary>
    public int Quality { get; init; } = 1;

    /// <summary>Iterations (2..5).</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Color modulation (0..1), ghosts and streaks.</summary>
    public float ColorModulation { get; init; } = 0.25f;

    /// <summary>Mix (-1 image only, 0 both, 1 glare only).</summary>
    public float Mix { get; init; }

    /// <summary>Luminance a pixel must reach to glare.</summary>
    public float Threshold { get; init; } = 1f;

    /// <summary>Number of streaks (1..16).</summary>
    public int Streaks { get; init; } = 4;

    /// <summary>Streak angle offset in radians.</summary>
    public float AngleOffset { get; init; }

    /// <summary>Fade (0.75..1), streaks and simple star.</summary>
    public float Fade { get; init; } = 0.9f;

    /// <summary>Fog glow kernel size exponent (6..9): the kernel is 2^size pixels wide.</summary>
    public int Size { get; init; } = 8;

    /// <summary>Simple star: diagonal instead of horizontal/vertical.</summary>
    public bool Rotate45 { get; init; } = true;

    /// <summary>The downscale factor of the quality step: 1, 2 or 4.</summary>
    public int QualityScale => 1 << Quality;

    /// <summary>Adds every setting to <paramref name="hash"/>.</summary>
    public void AddTo(ref OperationHash hash)
    {
        hash.Add((int)Type);
        hash.Add(Quality);
        hash.Add(Iterations);
        hash.Add(ColorModulation);
        hash.Add(Mix);
        hash.Add(Threshold);
        hash.Add(Streaks);
        hash.Add(AngleOffset);
        hash.Add(Fade);
        hash.Add(Size);
        hash.Add(Rotate45);
    }
}
