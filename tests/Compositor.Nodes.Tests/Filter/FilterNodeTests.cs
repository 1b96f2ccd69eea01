using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests.Filter;

public class FilterNodeTests
{
    // 3x2 image, rows bottom-up; red channel 1..6, green = 10 * red, blue 0, alpha 0.5 (bottom) / 1 (top).
    private static SourceOperation Image()
    {
        var p = new float[3 * 2 * 4];
        for (int i = 0; i < 6; i++)
        {
            p[i * 4] = i + 1;
            p[i * 4 + 1] = 10 * (i + 1);
            p[i * 4 + 3] = i < 3 ? 0.5f : 1f;
        }

        return new SourceOperation(new Rect(2, 1, 5, 3), p);
    }

    [Test]
    public void SoftenRepeatsEdgePixelsAndWeighsAllChannels()
    {
        var src = Image();
        var op = OperationRunner.Prepare(FilterNode.CreateOperation("SOFTEN"), src);
        var o = OperationRunner.Run(op, src, src.Canvas);
        // Pixel (2,1) red: rows clamp, so down = centre row; neighbours (x-1 -> x).
        // bottom/centre rows: [1,1,2], top row [4,4,5]; weights 1 2 1 / 2 4 2 / 1 2 1 over 16.
        float red = ((1 * 1 + 2 * 1 + 1 * 2) + (2 * 1 + 4 * 1 + 2 * 2) + (1 * 4 + 2 * 4 + 1 * 5)) / 16f;
        Assert.That(o.Span[o.IndexOf(2, 1)], Is.EqualTo(red).Within(1e-6f));
        Assert.That(o.Span[o.IndexOf(2, 1) + 1], Is.EqualTo(10 * red).Within(1e-5f));
        float alpha = (0.5f * 12 + 1f * 4) / 16f;
        Assert.That(o.Span[o.IndexOf(2, 1) + 3], Is.EqualTo(alpha).Within(1e-6f));
    }

    [Test]
    public void SharpenClampsNegativeResultsAndFactorMixesWithTheCentre()
    {
        var src = Image();
        var op = OperationRunner.Prepare(FilterNode.CreateOperation("SHARPEN"), src, constants: 0.5f);
        var o = OperationRunner.Run(op, src, src.Canvas);
        // Pixel (3,1) red: neighbours bottom row clamp [1,2,3], centre row [1,2,3], top [4,5,6].
        float conv = 9 * 2 - (1 + 2 + 3 + 1 + 3 + 4 + 5 + 6);
        Assert.That(conv, Is.LessThan(0));
        Assert.That(o.Span[o.IndexOf(3, 1)], Is.EqualTo(MathF.Max(conv * 0.5f + 2 * 0.5f, 0f)));
        // Pixel (3,2): bottom [1,2,3], centre [4,5,6], top clamps to [4,5,6]; 45 - 31 = 14.
        Assert.That(o.Span[o.IndexOf(3, 2)], Is.EqualTo(14 * 0.5f + 5 * 0.5f).Within(1e-5f));
    }

    [Test]
    public void EdgeFilterUsesKernelAndTransposeAndKeepsAlpha()
    {
        var src = Image();
        var op = OperationRunner.Prepare(FilterNode.CreateOperation("SOBEL"), src);
        var o = OperationRunner.Run(op, src, src.Canvas);
        // Pixel (3,1) red. Kernel rows (bottom first): 1 2 1 / 0 0 0 / -1 -2 -1.
        float[] d = [1, 2, 3], m = [1, 2, 3], u = [4, 5, 6];
        float a = d[0] + 2 * d[1] + d[2] - u[0] - 2 * u[1] - u[2];
        // Transpose: columns weigh 1 2 1 / 0 / -1 -2 -1 from left to right.
        float b = d[0] + 2 * m[0] + u[0] - d[2] - 2 * m[2] - u[2];
        Assert.That(o.Span[o.IndexOf(3, 1)], Is.EqualTo(MathF.Sqrt(a * a + b * b)).Within(1e-5f));
        Assert.That(o.Span[o.IndexOf(3, 1) + 3], Is.EqualTo(0.5f));
        Assert.That(o.Span[o.IndexOf(3, 2) + 3], Is.EqualTo(1f));
    }

    [Test]
    public void ReadsOnePixelAroundTheImageAndTheFactorItself()
    {
        var op = FilterNode.CreateOperation("LAPLACE");
        Assert.That(op.GetAreaOfInterest(0, new Rect(3, 4, 8, 9)), Is.EqualTo(new Rect(2, 3, 9, 10)));
        Assert.That(op.GetAreaOfInterest(1, new Rect(3, 4, 8, 9)), Is.EqualTo(new Rect(3, 4, 8, 9)));
        Assert.That(op, Is.InstanceOf<ConvolutionEdgeFilterOperation>());
        Assert.That(FilterNode.CreateOperation("SHADOW"), Is.Not.InstanceOf<ConvolutionEdgeFilterOperation>());
    }

    [Test]
    public void ConstantImageGivesKernelSumTimesColour()
    {
        var op = FilterNode.CreateOperation("SHARPEN_DIAMOND");
        using var output = MemoryBuffer.Create(DataType.Color, Rect.FromSize(4, 3));
        op.Canvas = Rect.FromSize(4, 3);
        using var image = MemoryBuffer.CreateSingleElement(DataType.Color, [0.25f, 0.5f, 0f, 1f], Rect.FromSize(4, 3));
        using var fac = MemoryBuffer.CreateSingleElement(DataType.Value, [1f], Rect.FromSize(4, 3));
        op.Execute(output, Rect.FromSize(4, 3), [image, fac], new Compositor.Operations.RenderContext());
        Assert.That(output.Span[output.IndexOf(1, 1)..(output.IndexOf(1, 1) + 4)].ToArray(), Is.EqualTo(new[] { 0.25f, 0.5f, 0f, 1f }));
    }
}
