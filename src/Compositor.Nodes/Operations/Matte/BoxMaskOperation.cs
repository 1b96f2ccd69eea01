namespace Compositor.Nodes.Operations.Matte;

/// <summary>The Box Mask (Blender's BoxMaskOperation): inside when both rotated coordinates are within half the size (plus FLT_EPSILON) of the centre.</summary>
public sealed class BoxMaskOperation : ShapeMaskOperation
{
    /// <summary>Creates the operation.</summary>
    public BoxMaskOperation(MaskType type, float x, float y, float width, float height, float rotation)
        : base(false, type, x, y, width, height, rotation)
    {
    }
}
