using Compositor.Compile;
using Compositor.Nodes.Operations.Filter;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Dilate/Erode (Blender's DilateErodeNode): STEP takes the extreme over a square, THRESHOLD
/// thresholds a distance field at 0.5 (softened by <c>edge</c>, anti-aliased when the edge is
/// below 2), DISTANCE the extreme over a disc, FEATHER a feathered dilation (the alpha Gaussian
/// with <c>falloff</c>). A positive <c>distance</c> dilates, a negative one erodes.
/// </summary>
public sealed class DilateErodeNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DilateErodeNode() : base("CompositorNodeDilateErode", "Filter")
    {
    }

    /// <summary>Feathers by <paramref name="distance"/> pixels (negative erodes): an x then a y alpha Gaussian pass; <paramref name="mapInput"/> connects the x pass's input. Returns the y pass.</summary>
    public static NodeOperation AddFeather(NodeConverterContext context, int distance, FeatherFalloff falloff, Action<OperationInput> mapInput)
    {
        var settings = new BlurSettings { Filter = BlurFilterType.Gauss, SizeX = Math.Abs(distance), SizeY = Math.Abs(distance) };
        var x = context.AddOperation(new GaussianAlphaBlurOperation(settings, BlurAxis.X, distance < 0, falloff), "feather x");
        var y = context.AddOperation(new GaussianAlphaBlurOperation(settings, BlurAxis.Y, distance < 0, falloff), "feather y");
        mapInput(x.Inputs[BlurOperationBase.ImageInput]);
        context.Link(x, y.Inputs[BlurOperationBase.ImageInput]);
        return y;
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        int distance = context.GetInt("distance");
        NodeOperation last;
        switch (context.GetEnum("mode"))
        {
            case "THRESHOLD":
            {
                float edge = context.GetFloat("edge");
                var threshold = context.AddOperation(new DilateErodeThresholdOperation(distance, edge));
                context.MapInput("Mask", threshold.Inputs[0]);
                last = threshold;
                if (edge < 2f)
                {
                    var antiAlias = context.AddOperation(new AntiAliasOperation(), "anti-alias");
                    context.Link(threshold, antiAlias.Inputs[0]);
                    last = antiAlias;
                }

                break;
            }

            case "DISTANCE":
            {
                var op = context.AddOperation(new DilateDistanceOperation(Math.Abs(distance), erode: distance <= 0));
                context.MapInput("Mask", op.Inputs[0]);
                last = op;
                break;
            }

            case "FEATHER":
            {
                string name = context.GetEnum("falloff");
                var falloff = FeatherFalloffs.Parse(name) ?? throw context.Error($"falloff '{name}' is not supported", "falloff");
                last = AddFeather(context, distance, falloff, input => context.MapInput("Mask", input));
                break;
            }

            default:
            {
                var op = context.AddOperation(new DilateStepOperation(Math.Abs(distance), erode: distance <= 0));
                context.MapInput("Mask", op.Inputs[0]);
                last = op;
                break;
            }
        }

        context.MapOutput("Mask", last);
    }
}
