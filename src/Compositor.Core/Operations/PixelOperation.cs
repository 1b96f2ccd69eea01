using System.Runtime.CompilerServices;
using System.Buffers;
using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>The rows of up to eight inputs at one y, all starting at the same x.</summary>
public ref struct InputRows
{
    /// <summary>Input rows 0..7 (unused ones are empty).</summary>
    public ReadOnlySpan<float> In0, In1, In2, In3, In4, In5, In6, In7;

    /// <summary>Input row <paramref name="index"/>.</summary>
    public readonly ReadOnlySpan<float> this[int index] => index switch
    {
        0 => In0, 1 => In1, 2 => In2, 3 => In3, 4 => In4, 5 => In5, 6 => In6, 7 => In7,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    internal void Set(int index, ReadOnlySpan<float> row)
    {
        switch (index)
        {
            case 0: In0 = row; break;
            case 1: In1 = row; break;
            case 2: In2 = row; break;
            case 3: In3 = row; break;
            case 4: In4 = row; break;
            case 5: In5 = row; break;
            case 6: In6 = row; break;
            case 7: In7 = row; break;
            default: throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}

/// <summary>
/// An operation whose output pixel depends only on the same pixel of its inputs. It is handed whole
/// rows (one call per row, never per pixel); constant inputs arrive broadcast to the row's width.
/// Such operations can be folded into constants and, later, fused into one pass.
/// </summary>
public abstract class PixelOperation : NodeOperation
{
    /// <summary>Creates a pixel-wise operation producing <paramref name="outputType"/>.</summary>
    protected PixelOperation(DataType outputType) : base(outputType) => Flags = OperationFlags.CanBeConstant;

    /// <summary>Computes one row: <paramref name="output"/> holds <paramref name="width"/> output elements.</summary>
    protected abstract void ProcessRow(Span<float> output, in InputRows inputs, int width);

    /// <summary>
    /// The color input whose R, G and B each alone decide the same channel of the output (alpha
    /// passing through unchanged) whenever every other input is a constant; −1 where that does not
    /// hold. A <see cref="FusedPixelOperation"/> starting with such steps remembers their results
    /// per channel value.
    /// </summary>
    public virtual int ChannelwiseInput => -1;

    /// <inheritdoc />
    /// <remarks>
    /// Twice the default: a pixel-wise operation sets nothing up per strip, and shorter last strips,
    /// run while the other workers may already be idle, cut the wait (colour chain at 1080p, 2
    /// threads: 9.35 -> 8.27 ms; the defocus, which pads every strip, ran 10 % slower with as many).
    /// </remarks>
    public override int StripsPerWorker => 8;

    /// <summary>Lets a <see cref="FusedPixelOperation"/> run one step on its scratch rows.</summary>
    internal void ProcessRowUnchecked(Span<float> output, in InputRows inputs, int width) => ProcessRow(output, inputs, width);

    /// <summary>
    /// Whether <see cref="ProcessPlanes"/> is implemented: the operation reads and writes colors as
    /// channel planes (see <see cref="PlanarPixels"/>) with the same bits as <see cref="ProcessRow"/>.
    /// A <see cref="FusedPixelOperation"/> then keeps colors as planes from step to step instead of
    /// splitting and joining pixels in every step. Only operations whose inputs and output are colors
    /// and values may say so.
    /// </summary>
    public virtual bool HasPlanarForm => false;

    /// <summary>
    /// Computes one row like <see cref="ProcessRow"/>, every color (inputs and output) laid out as
    /// four planes of <paramref name="width"/> floats (R, then G, B and A), values as usual.
    /// </summary>
    /// <exception cref="NotSupportedException">The operation has no planar form (<see cref="HasPlanarForm"/> is false).</exception>
    protected virtual void ProcessPlanes(Span<float> output, in InputRows inputs, int width) =>
        throw new NotSupportedException($"{GetType().Name} has no planar form");

    /// <summary>Lets a <see cref="FusedPixelOperation"/> run one step on planar scratch rows.</summary>
    internal void ProcessPlanesUnchecked(Span<float> output, in InputRows inputs, int width) => ProcessPlanes(output, inputs, width);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public sealed override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        int n = inputs.Length;
        if (n > 8) throw new NotSupportedException($"{GetType().Name}: pixel operations take at most 8 inputs");
        int width = area.Width;
        int rowFloats = width * 4;
        float[] scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, n * rowFloats));
        try
        {
            var rows = new InputRows();
            for (int i = 0; i < n; i++)
                if (inputs[i].IsSingleElement)
                    rows.Set(i, inputs[i].ReadRow(area.YMin, area.XMin, width, scratch.AsSpan(i * rowFloats, rowFloats)));

            if (o.IsSingleElement)
            {
                // Constant folding: one element computed from single-element inputs.
                Span<float> one = stackalloc float[o.Channels];
                ProcessRow(one, rows, 1);
                one.CopyTo(o.DangerousGetArray());
                return;
            }

            for (int y = area.YMin; y < area.YMax; y++)
            {
                for (int i = 0; i < n; i++)
                    if (!inputs[i].IsSingleElement)
                        rows.Set(i, inputs[i].ReadRow(y, area.XMin, width, scratch.AsSpan(i * rowFloats, rowFloats)));
                ProcessRow(o.GetRow(y, area.XMin, width), rows, width);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
