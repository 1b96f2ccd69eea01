namespace Compositor.Nodes.Operations.Matte;

/// <summary>The Ellipse Mask (Blender's EllipseMaskOperation): inside when (dx / half width)² + (dy / half height)² ≤ 1 + FLT_EPSILON.</summary>
public sealed class EllipseMaskOperation : ShapeMaskOperation
{
    /// <summary>Creates the operation.</summary>
    public EllipseMaskOperation(MaskType type, float x, float y, float width, float height, float rotation)
        : base(true, type, x, y, width, height, rotation)
    {
    }
}
