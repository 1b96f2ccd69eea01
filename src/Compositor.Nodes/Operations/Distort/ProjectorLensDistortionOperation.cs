using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The Lens Distortion node's projector mode (Blender 3.4's full-frame
/// ProjectorLensDistortionOperation): horizontal chromatic dispersion. With
/// <c>s = 5 · dispersion</c> (dispersion clamped to [0, 1], read only when constant), red is
/// sampled bilinearly <c>s</c> pixels to the right, green is the pixel itself and blue is sampled
/// <c>s</c> pixels to the left; alpha is 1. The canvas is the image's moved to the origin.
/// </summary>
public sealed class ProjectorLensDistortionOperation : NodeOperation
{
    private float _shift;

    /// <summary>Creates the operation.</summary>
    public ProjectorLensDistortionOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
        CanvasInputIndex = 0;
    }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        var canvas = base.DetermineCanvas(preferred, resolver);
        UpdateShift();
        return canvas;
    }

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined) => determined.Translate(-determined.XMin, -determined.YMin);

    private void UpdateShift()
    {
        float dispersion = ConstantInputs.ValueOr(Inputs[1], 0f);
        float kr = 0.25f * MathF.Max(MathF.Min(dispersion, 1f), 0f);
        _shift = kr * 20f;
    }

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context) => UpdateShift();

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        if (inputIndex != 0 || outputArea.IsEmpty) return inputIndex != 0 ? Rect.Empty : outputArea;
        float width = Canvas.Width, height = Canvas.Height;
        float left = SourceX(outputArea.XMin, width, -_shift), right = SourceX(outputArea.XMax - 1, width, _shift);
        float bottom = SourceY(outputArea.YMin, height), top = SourceY(outputArea.YMax - 1, height);
        var sampled = Sampler.Footprint(Interpolation.Bilinear, left, bottom, right, top);
        return sampled.Union(outputArea);
    }

    private static float SourceX(int x, float width, float shift) => ((x + 0.5f) / width * width + shift) - 0.5f;

    private static float SourceY(int y, float height) => (y + 0.5f) / height * height - 0.5f;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var sampler = new Sampler(input, Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas);
        float width = Canvas.Width, height = Canvas.Height;
        int w = area.Width;
        var green = new float[w * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            var g = input.ReadRow(y, area.XMin, w, green);
            float sy = SourceY(y, height);
            for (int i = 0; i < w; i++)
            {
                int x = area.XMin + i;
                var red = sampler.Bilinear4(SourceX(x, width, _shift), sy);
                var blue = sampler.Bilinear4(SourceX(x, width, -_shift), sy);
                dst[i * 4] = red.GetElement(0);
                dst[i * 4 + 1] = g[i * 4 + 1];
                dst[i * 4 + 2] = blue.GetElement(2);
                dst[i * 4 + 3] = 1f;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
