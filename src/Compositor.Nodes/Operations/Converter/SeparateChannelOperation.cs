using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>One channel of a color as a value (Blender's SeparateChannelOperation); values are taken as stored (premultiplied).</summary>
public sealed class SeparateChannelOperation : PixelOperation
{
    /// <summary>Creates the operation for channel <paramref name="channel"/> (0 R, 1 G, 2 B, 3 A).</summary>
    public SeparateChannelOperation(int channel) : base(DataType.Value)
    {
        if (channel is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(channel));
        Channel = channel;
        AddInput(DataType.Color);
    }

    /// <summary>The channel read.</summary>
    public int Channel { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        for (int x = 0, i = Channel; x < width; x++, i += 4) o[x] = c[i];
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Channel);
        return true;
    }
}
