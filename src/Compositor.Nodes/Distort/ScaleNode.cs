using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Scale (Blender's ScaleNode): RELATIVE scales by the X and Y factors, ABSOLUTE to X × Y pixels,
/// SCENE_SIZE by the render percentage, RENDER_SIZE to the render size (STRETCH, FIT or CROP, with
/// <c>offset_x</c>/<c>offset_y</c>). The scaled canvases are limited to 1.5 times the render size
/// (3 times for a RENDER_SIZE crop), as in Blender.
/// </summary>
public sealed class ScaleNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ScaleNode() : base("CompositorNodeScale", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var scene = context.Settings.Scene;
        const float renderPercentage = 1f; // the graph format has no resolution percentage: 100 %
        float maxW = scene.ResolutionX * renderPercentage * 1.5f, maxH = scene.ResolutionY * renderPercentage * 1.5f;
        switch (context.GetEnum("space"))
        {
            case "ABSOLUTE":
            {
                var op = context.AddOperation(new ScaleAbsoluteOperation { MaxCanvasWidth = maxW, MaxCanvasHeight = maxH });
                MapScale(context, op);
                break;
            }

            case "SCENE_SIZE":
            {
                var op = context.AddOperation(new ScaleRelativeOperation { MaxCanvasWidth = maxW, MaxCanvasHeight = maxH });
                context.MapInput("Image", op.Inputs[ScaleOperation.ImageInput]);
                var factor = context.AddOperation(new ConstantOperation(DataType.Value, [renderPercentage]), "render percentage");
                context.Link(factor, op.Inputs[ScaleOperation.XInput]);
                context.Link(factor, op.Inputs[ScaleOperation.YInput]);
                context.MapOutput("Image", op);
                break;
            }

            case "RENDER_SIZE":
            {
                string method = context.GetEnum("frame_method");
                int width = (int)(scene.ResolutionX * renderPercentage), height = (int)(scene.ResolutionY * renderPercentage);
                var op = context.AddOperation(new ScaleFixedSizeOperation(width, height, keepAspect: method != "STRETCH", crop: method == "CROP",
                    context.GetFloat("offset_x"), context.GetFloat("offset_y"))
                {
                    MaxCanvasWidth = scene.ResolutionX * renderPercentage * 3f,
                    MaxCanvasHeight = scene.ResolutionY * renderPercentage * 3f,
                });
                context.MapInput("Image", op.Inputs[0]);
                context.MapOutput("Image", op);
                break;
            }

            default:
            {
                var op = context.AddOperation(new ScaleRelativeOperation { MaxCanvasWidth = maxW, MaxCanvasHeight = maxH });
                MapScale(context, op);
                break;
            }
        }
    }

    private static void MapScale(NodeConverterContext context, ScaleOperation op)
    {
        context.MapInput("Image", op.Inputs[ScaleOperation.ImageInput]);
        context.MapInput("X", op.Inputs[ScaleOperation.XInput]);
        context.MapInput("Y", op.Inputs[ScaleOperation.YInput]);
        context.MapOutput("Image", op);
    }
}
