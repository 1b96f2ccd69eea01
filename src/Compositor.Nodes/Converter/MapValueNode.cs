using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Map Value: (value + <c>offset</c>) × <c>size</c>, raised to <c>min</c> when <c>use_min</c> and capped
/// at <c>max</c> when <c>use_max</c> (each property a one-element array, as in Blender).
/// </summary>
public sealed class MapValueNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public MapValueNode() : base("CompositorNodeMapValue", "Vector")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        float First(string name)
        {
            var v = context.GetFloats(name);
            return v.Length > 0 ? v[0] : throw context.Error("expected one number", name);
        }

        var op = context.AddOperation(new MapValueOperation(First("offset"), First("size"),
            context.GetBool("use_min") ? First("min") : null,
            context.GetBool("use_max") ? First("max") : null));
        context.MapInput("Value", op.Inputs[0]);
        context.MapOutput("Value", op);
    }
}
