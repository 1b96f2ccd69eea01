using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>Split Viewer: a Viewer of two images side by side (<c>axis</c>, <c>factor</c> percent); runs only while editing.</summary>
public sealed class SplitViewerNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public SplitViewerNode() : base("CompositorNodeSplitViewer", "Output")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var split = context.AddOperation(new SplitOperation(context.GetInt("factor"), context.GetEnum("axis") == "X"), "split");
        context.MapInput("Image", split.Inputs[0]);
        context.MapInput("Image_001", split.Inputs[1]);
        var scene = context.Settings.Scene;
        var viewer = context.AddOperation(new ImageOutputOperation(OutputKind.Viewer, context.DisplayName, null,
            Rect.FromSize(scene.ResolutionX, scene.ResolutionY), useAlphaInput: false) { IsActiveViewer = true });
        context.Link(split, viewer.Inputs[0]);
    }
}
