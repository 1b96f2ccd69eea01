using System.Buffers;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Smooths Defocus's z-buffer radii (Blender's FastGaussianBlurValueOperation with the minimum
/// overlay): the radius map is blurred by the recursive Gaussian with sigma
/// min(aperture · 128, blur_max) over its whole canvas, and each pixel keeps the smaller of its own
/// and the blurred radius, so far radii do not bleed into the foreground.
/// </summary>
public sealed class FastGaussianBlurValueOperation : NodeOperation
{
    /// <summary>Creates the operation.</summary>
    public FastGaussianBlurValueOperation(float fStop, float maxRadius) : base(DataType.Value)
    {
        FStop = fStop;
        MaxRadius = maxRadius;
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex | OperationFlags.SingleThreaded;
    }

    /// <summary>The f-stop the aperture comes from.</summary>
    public float FStop { get; }

    /// <summary>Upper limit of the sigma.</summary>
    public float MaxRadius { get; }

    /// <summary>The Gaussian's sigma for this canvas.</summary>
    public float Sigma => Math.Min(ConvertDepthToRadiusOperation.Camera(Canvas.Width, Canvas.Height, FStop).Aperture * 128f, MaxRadius);

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(FStop);
        hash.Add(MaxRadius);
        return true;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var canvas = Canvas;
        int w = canvas.Width, h = canvas.Height;
        float[] image = ArrayPool<float>.Shared.Rent(Math.Max(1, w * h));
        try
        {
            for (int y = 0; y < h; y++)
            {
                var dst = image.AsSpan(y * w, w);
                input.ReadRow(canvas.YMin + y, canvas.XMin, w, dst).CopyTo(dst);
            }

            float sigma = Sigma;
            FastGaussianBlurOperation.Blur(image, w, h, 1, sigma, sigma);

            float[] row = new float[area.Width];
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var own = input.ReadRow(y, area.XMin, area.Width, row);
                var blurred = image.AsSpan((y - canvas.YMin) * w + area.XMin - canvas.XMin, area.Width);
                var dst = o.GetRow(y, area.XMin, area.Width);
                for (int i = 0; i < dst.Length; i++) dst[i] = MathF.Min(own[i], blurred[i]);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(image);
        }
    }
}
