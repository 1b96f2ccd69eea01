using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Filter;

/// <summary>The OpenCL form of Directional Blur (kernel in OpenCl/DirectionalBlur.cl).</summary>
public sealed partial class DirectionalBlurOperation : IOpenClOperation
{
    private float[]? _clTransforms;

    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("DirectionalBlur");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk)
    {
        var input = chunk.Input(0);
        var domain = Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : input.Rect;
        // One table of the step transforms, five floats a step, kept for the execution.
        var table = _clTransforms ??= Interleave(StepTransforms());
        chunk.Kernel("directional_blur").Image(input).Image(chunk.Output).Bounds(domain).Table(table).Int(Samples)
            .Float2(_centerX, _centerY).Run(chunk.Area);
    }

    private static float[] Interleave((float[] Cos, float[] Sin, float[] Inv, float[] Tx, float[] Ty) t)
    {
        var table = new float[t.Cos.Length * 5];
        for (int i = 0; i < t.Cos.Length; i++)
        {
            table[5 * i] = t.Cos[i];
            table[5 * i + 1] = t.Sin[i];
            table[5 * i + 2] = t.Inv[i];
            table[5 * i + 3] = t.Tx[i];
            table[5 * i + 4] = t.Ty[i];
        }

        return table;
    }
}
