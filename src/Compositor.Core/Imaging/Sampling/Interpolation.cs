namespace Compositor.Imaging.Sampling;

/// <summary>How a sample between pixel centres is reconstructed (Blender's PixelSampler).</summary>
/// <remarks>Pixel <c>i</c> sits at coordinate <c>i</c> (no half-pixel offset), as in Blender's compositor.</remarks>
public enum Interpolation
{
    /// <summary>The pixel whose cell holds the point: <c>floor(x), floor(y)</c>.</summary>
    Nearest = 0,

    /// <summary>Bilinear blend of the 2×2 pixels around the point (Blender's BLI_bilinear_interpolation).</summary>
    Bilinear = 1,

    /// <summary>
    /// Cubic B-spline over the 4×4 pixels around the point (Blender's BLI_bicubic_interpolation).
    /// Note: Blender 3.4's full-frame buffers sample BICUBIC as bilinear (checked with the Transform
    /// node: identical results); see <see cref="InterpolationExtensions.AsBlenderFullFrame"/>.
    /// </summary>
    Bicubic = 2,
}

/// <summary>Helpers for <see cref="Interpolation"/>.</summary>
public static class InterpolationExtensions
{
    /// <summary>
    /// The interpolation Blender 3.4's full-frame model really applies when an operation asks its
    /// input buffer for <paramref name="interpolation"/> (MemoryBuffer::read_elem_sampled): bicubic
    /// falls back to bilinear.
    /// </summary>
    public static Interpolation AsBlenderFullFrame(this Interpolation interpolation) =>
        interpolation == Interpolation.Bicubic ? Interpolation.Bilinear : interpolation;
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
