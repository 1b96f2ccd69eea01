using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Alpha conversion (Blender's ConvertStraightToPremulOperation and ConvertPremulToStraightOperation):
/// straight to premultiplied multiplies R, G, B by alpha; premultiplied to straight divides them by
/// alpha unless alpha is 0 or 1. Alpha is kept.
/// </summary>
public sealed class PremultiplyOperation : PixelOperation
{
    /// <summary>Creates the conversion; <paramref name="toStraight"/> selects premultiplied to straight.</summary>
    public PremultiplyOperation(bool toStraight) : base(DataType.Color)
    {
        ToStraight = toStraight;
        AddInput(DataType.Color);
    }

    /// <summary>True: premultiplied to straight; false: straight to premultiplied.</summary>
    public bool ToStraight { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        int n = width * 4;
        if (ToStraight)
        {
            for (int i = 0; i < n; i += 4)
            {
                float a = c[i + 3];
                if (a == 0f || a == 1f)
                {
                    c.Slice(i, 4).CopyTo(o.Slice(i, 4));
                    continue;
                }

                float inv = 1f / a;
                o[i] = c[i] * inv;
                o[i + 1] = c[i + 1] * inv;
                o[i + 2] = c[i + 2] * inv;
                o[i + 3] = a;
            }
        }
        else
        {
            for (int i = 0; i < n; i += 4)
            {
                float a = c[i + 3];
                o[i] = c[i] * a;
                o[i + 1] = c[i + 1] * a;
                o[i + 2] = c[i + 2] * a;
                o[i + 3] = a;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(ToStraight);
        return true;
    }
}
