using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Levels: the mean and standard deviation of one <c>channel</c> (COMBINED_RGB, RED, GREEN, BLUE,
/// LUMINANCE) over the whole image, counting pixels with alpha above 0; constant outputs over the
/// image's canvas.
/// </summary>
public sealed class LevelsNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public LevelsNode() : base("CompositorNodeLevels", "Output")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string name = context.GetEnum("channel");
        var channel = LevelsOperation.ParseChannel(name) ?? throw context.Error($"channel '{name}' is not supported", "channel");
        var mean = context.AddOperation(new LevelsOperation(channel, LevelsStatistic.Mean), "mean");
        context.MapInput("Image", mean.Inputs[0]);
        context.MapOutput("Mean", mean);
        var deviation = context.AddOperation(new LevelsOperation(channel, LevelsStatistic.StandardDeviation), "std_dev");
        context.MapInput("Image", deviation.Inputs[0]);
        context.MapOutput("Std Dev", deviation);
    }
}
