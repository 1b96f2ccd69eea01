using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// The Keying node's matte (Blender's KeyingOperation). The screen color's largest channel is the
/// primary one; a color's saturation is (primary − the balanced mix of the other two) × |1 − mix|.
/// Pixels whose smallest channel exceeds 1, or whose saturation is negative, are foreground (1);
/// at or above the screen's saturation, background (0); in between 1 − saturation / screen saturation.
/// Inputs: image, screen color.
/// </summary>
public sealed class KeyingOperation : PixelOperation
{
    /// <summary>Creates the operation with the node's <c>screen_balance</c>.</summary>
    public KeyingOperation(float screenBalance) : base(DataType.Value)
    {
        ScreenBalance = screenBalance;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
        Flags = OperationFlags.None;
    }

    /// <summary>Weight of the smaller-index secondary channel in the mix.</summary>
    public float ScreenBalance { get; }

    /// <summary>Blender's pixel saturation of <paramref name="c"/> for primary channel <paramref name="primary"/>.</summary>
    public static float Saturation(ReadOnlySpan<float> c, float balance, int primary)
    {
        int other1 = (primary + 1) % 3, other2 = (primary + 2) % 3;
        int minChannel = System.Math.Min(other1, other2), maxChannel = System.Math.Max(other1, other2);
        float val = balance * c[minChannel] + (1f - balance) * c[maxChannel];
        return (c[primary] - val) * MathF.Abs(1f - val);
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var pixel = inputs.In0;
        var screen = inputs.In1;
        float balance = ScreenBalance;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            var p = pixel.Slice(i, 4);
            var s = screen.Slice(i, 4);
            int primary = ColorSpaces.MaxAxis(s[0], s[1], s[2]);
            float minPixel = p[0] < p[1] ? p[0] : p[1];
            if (p[2] < minPixel) minPixel = p[2];
            if (minPixel > 1f)
            {
                o[x] = 1f;
                continue;
            }

            float saturation = Saturation(p, balance, primary);
            float screenSaturation = Saturation(s, balance, primary);
            if (saturation < 0f) o[x] = 1f;
            else if (saturation >= screenSaturation) o[x] = 0f;
            else o[x] = 1f - saturation / screenSaturation;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(ScreenBalance);
        return true;
    }
}
