using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>Reads inputs that Blender's full-frame operations use only when they are constants.</summary>
internal static class ConstantInputs
{
    /// <summary>The first channel of a constant input, or <paramref name="fallback"/> when the input varies (Blender's get_constant_value_default).</summary>
    public static float ValueOr(OperationInput input, float fallback) =>
        input.Link is ConstantOperation c ? c.Value[0] : fallback;

    /// <summary>True when the input is fed by a constant.</summary>
    public static bool IsConstant(OperationInput input) => input.Link is ConstantOperation;
}
