using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// The Keying node's despill (Blender's KeyingDespillOperation): the screen's primary channel of
/// each pixel loses factor × (primary − the balanced mix of the other two) where that is positive.
/// Inputs: image, screen color.
/// </summary>
public sealed class KeyingDespillOperation : PixelOperation
{
    /// <summary>Creates the operation with the node's <c>despill_factor</c> and <c>despill_balance</c>.</summary>
    public KeyingDespillOperation(float factor, float balance) : base(DataType.Color)
    {
        Factor = factor;
        Balance = balance;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
    }

    /// <summary>How much of the spill is removed.</summary>
    public float Factor { get; }

    /// <summary>Weight of the smaller-index secondary channel in the mix.</summary>
    public float Balance { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var pixel = inputs.In0;
        var screen = inputs.In1;
        float factor = Factor, balance = Balance;
        pixel[..(width * 4)].CopyTo(o);
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            int primary = ColorSpaces.MaxAxis(screen[i], screen[i + 1], screen[i + 2]);
            int other1 = (primary + 1) % 3, other2 = (primary + 2) % 3;
            int minChannel = System.Math.Min(other1, other2), maxChannel = System.Math.Max(other1, other2);
            float average = balance * pixel[i + minChannel] + (1f - balance) * pixel[i + maxChannel];
            float amount = factor * (pixel[i + primary] - average);
            if (amount > 0f) o[i + primary] = pixel[i + primary] - amount;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Factor);
        hash.Add(Balance);
        return true;
    }
}
