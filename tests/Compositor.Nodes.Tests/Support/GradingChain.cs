using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Support;

/// <summary>
/// A fused grading chain for tests of remembered results: Exposure → Color Balance → Gamma (channel
/// wise) → Hue/Saturation (which mixes channels), with constant parameters, run over given areas.
/// </summary>
internal static class GradingChain
{
    /// <summary>The four steps, the first reading <paramref name="source"/>.</summary>
    public static PixelOperation[] Steps(NodeOperation source)
    {
        var exposure = new ExposureOperation();
        exposure.Inputs[0].Link = source;
        exposure.Inputs[1].Link = ConstantOperation.Of(0.4f);
        var balance = new ColorBalanceLggOperation([1.02f, 1f, 0.98f], [1f, 1.1f, 0.9f], [1.1f, 1f, 0.9f]);
        balance.Inputs[0].Link = ConstantOperation.Of(0.8f);
        balance.Inputs[1].Link = exposure;
        var gamma = new GammaOperation();
        gamma.Inputs[0].Link = balance;
        gamma.Inputs[1].Link = ConstantOperation.Of(0.9f);
        var hueSat = new HueSaturationValueOperation();
        hueSat.Inputs[0].Link = gamma;
        hueSat.Inputs[1].Link = ConstantOperation.Of(0.52f);
        hueSat.Inputs[2].Link = ConstantOperation.Of(1.2f);
        hueSat.Inputs[3].Link = ConstantOperation.Of(1f);
        hueSat.Inputs[4].Link = ConstantOperation.Of(1f);
        return [exposure, balance, gamma, hueSat];
    }

    /// <summary>
    /// Runs <paramref name="fused"/> over <paramref name="areas"/> of <paramref name="canvas"/> in one
    /// render, its source's pixels from <paramref name="render"/>; returns the pixels and the rows
    /// answered from remembered results.
    /// </summary>
    public static (float[] Pixels, long Remembered) Run(FusedPixelOperation fused, Rect canvas, Func<NodeOperation, Rect, MemoryBuffer> render, params Rect[] areas)
    {
        new CanvasResolver().Resolve(fused, canvas);
        var context = new RenderContext();
        fused.InitializeExecution(context);
        using var output = MemoryBuffer.Create(DataType.Color, canvas);
        foreach (var area in areas)
        {
            var inputs = fused.Inputs.Select(input => input.Link is ConstantOperation c
                ? MemoryBuffer.CreateSingleElement(c.OutputType!.Value, c.Value, canvas)
                : render(input.Link!, area)).ToArray();
            fused.Execute(output, area, inputs, context);
            foreach (var b in inputs) b.Dispose();
        }

        long remembered = fused.RememberedRows;
        fused.DeinitializeExecution();
        return (output.Span.ToArray(), remembered);
    }
}
