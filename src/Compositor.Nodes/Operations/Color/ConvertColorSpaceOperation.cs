using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>Convert Colorspace (Blender's ConvertColorSpaceOperation): R, G and B through <see cref="Conversion"/>; alpha unchanged, no un-premultiplying.</summary>
public sealed class ConvertColorSpaceOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public ConvertColorSpaceOperation(ColorSpaceConversion conversion) : base(DataType.Color)
    {
        Conversion = conversion;
        AddInput(DataType.Color);
    }

    /// <summary>The conversion.</summary>
    public ColorSpaceConversion Conversion { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float r = c[i], g = c[i + 1], b = c[i + 2];
            Conversion.Apply(ref r, ref g, ref b);
            o[i] = r;
            o[i + 1] = g;
            o[i + 2] = b;
            o[i + 3] = c[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Conversion.From);
        hash.Add(Conversion.To);
        return true;
    }
}
