using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>Maps a factor to the color of a <see cref="ColorBand"/> (Blender's ColorRampOperation).</summary>
public sealed class ColorRampOperation : PixelOperation
{
    /// <summary>Creates the operation for <paramref name="band"/>.</summary>
    public ColorRampOperation(ColorBand band) : base(DataType.Color)
    {
        Band = band;
        AddInput(DataType.Value);
    }

    /// <summary>The color band.</summary>
    public ColorBand Band { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        for (int x = 0; x < width; x++) Band.Evaluate(fac[x], o.Slice(x * 4, 4));
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Band.Interpolation);
        hash.Add(Band.Mode);
        hash.Add(Band.Hue);
        foreach (var s in Band.Stops) hash.Add(s);
        return true;
    }
}
