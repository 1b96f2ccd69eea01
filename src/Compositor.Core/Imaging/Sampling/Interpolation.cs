namespace Compositor.Imaging.Sampling;

/// <summary>How a sample between pixel centres is reconstructed (Blender's PixelSampler).</summary>
/// <remarks>Pixel <c>i</c> sits at coordinate <c>i</c> (no half-pixel offset), as in Blender's compositor.</remarks>
public enum Interpolation
{
    /// <summary>The pixel whose cell holds the point: <c>floor(x), floor(y)</c>.</summary>
    Nearest = 0,

    /// <summary>Bilinear blend of the 2×2 pixels around the point (Blender's BLI_bilinear_interpolation).</summary>
    Bilinear = 1,

    /// <summary>Cubic B-spline over the 4×4 pixels around the point (Blender's BLI_bicubic_interpolation).</summary>
    Bicubic = 2,
}

/// <summary>What a sample tap outside the sampled domain reads (Blender's MemoryBufferExtend).</summary>
public enum EdgeMode
{
    /// <summary>Transparent black outside; bilinear samples fade to zero over the one pixel beyond the edge.</summary>
    Clip = 0,

    /// <summary>The nearest edge pixel.</summary>
    Extend = 1,

    /// <summary>The domain tiles the plane.</summary>
    Repeat = 2,
}
