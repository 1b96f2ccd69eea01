using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Input;

/// <summary>Scene Time: the current frame and the time in seconds (frame / fps, fps a whole number as Blender stores it), as constants.</summary>
public sealed class SceneTimeNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public SceneTimeNode() : base("CompositorNodeSceneTime", "Input")
    {
    }

    /// <summary>
    /// The scene's current frame as Blender holds it: without the "Allow Negative Frames" preference
    /// (off in a factory setup) a negative frame is stored as 0.
    /// </summary>
    public static int SceneFrame(NodeConverterContext context) => Math.Max(0, context.Settings.Scene.FrameCurrent);

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        int frame = SceneFrame(context);
        // Blender stores the frame rate as a whole number of frames per second (1..32767, over a base of 1).
        double fps = System.Math.Clamp((int)context.Settings.Scene.Fps, 1, 32767);
        var seconds = context.AddOperation(new ConstantOperation(DataType.Value, [(float)(frame / fps)]), "seconds");
        var frameOp = context.AddOperation(new ConstantOperation(DataType.Value, [frame]), "frame");
        context.MapOutput("Seconds", seconds);
        context.MapOutput("Frame", frameOp);
    }
}
