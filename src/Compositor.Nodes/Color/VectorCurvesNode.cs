using Compositor.Compile;
using Compositor.Nodes.Operations.Curves;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Vector Curves: X, Y and Z each through their own curve (range −1..1 by default).</summary>
public sealed class VectorCurvesNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public VectorCurvesNode() : base("CompositorNodeCurveVec", "Vector")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new VectorCurveOperation(CurveMappingReader.Read(context, "mapping", CurveMappingDefaults.VectorCurves)));
        context.MapInput("Vector", op.Inputs[0]);
        context.MapOutput("Vector", op);
    }
}
