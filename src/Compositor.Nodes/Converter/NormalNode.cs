using Compositor.Compile;
using Compositor.Imaging;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Normal: outputs the node's direction (stored on its Normal output, normalized) and Dot, the
/// negated dot product of the input vector with it.
/// </summary>
public sealed class NormalNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public NormalNode() : base("CompositorNodeNormal", "Vector")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var normal = Normalize(context.OutputValue("Normal"));
        var direction = context.AddOperation(new ConstantOperation(DataType.Vector, normal), "normal");
        context.MapOutput("Normal", direction);
        var dot = context.AddOperation(new DotProductOperation(), "dot");
        context.MapInput("Normal", dot.Inputs[0]);
        context.Link(direction, dot.Inputs[1]);
        context.MapOutput("Dot", dot);
    }

    /// <summary>Blender's normalize_v3: the unit vector, or zero for a vector of squared length up to 1e-35.</summary>
    public static float[] Normalize(ReadOnlySpan<float> v)
    {
        float d = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
        if (!(d > 1e-35f)) return [0f, 0f, 0f];
        float k = 1f / MathF.Sqrt(d);
        return [v[0] * k, v[1] * k, v[2] * k];
    }
}
