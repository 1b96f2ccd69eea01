using Compositor.Imaging;
using Compositor.Nodes.Converter;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>Invert, Set Alpha, RGB to BW, Separate/Combine RGBA and Hue Saturation Value, from Blender 3.4's formulas.</summary>
[TestFixture]
public sealed class ColorNodeTests
{
    private static readonly float[] Color = [0.2f, 0.4f, 0.6f, 0.8f];

    [TestCase(true, false, 0.65f, 0.55f, 0.45f, 0.8f)]
    [TestCase(true, true, 0.65f, 0.55f, 0.45f, 0.35f)]
    [TestCase(false, true, 0.2f, 0.4f, 0.6f, 0.35f)]
    [TestCase(false, false, 0.2f, 0.4f, 0.6f, 0.8f)]
    public void Invert(bool rgb, bool alpha, float r, float g, float b, float a)
    {
        // (1 − c) × 0.75 + c × 0.25
        var result = OpRunner.Run(new InvertOperation(rgb, alpha), 1, 1, OpRunner.Buffer(DataType.Value, 1, 0.75f), OpRunner.Buffer(DataType.Color, 1, Color));
        FloatAssert.AllClose(result, [r, g, b, a], 1e-6f);
    }

    [Test]
    public void InvertFactorPerPixel()
    {
        var result = OpRunner.Run(new InvertOperation(true, false), 3, 1, OpRunner.Buffer(DataType.Value, 3, 0f, 1f, 2f), OpRunner.Constant(DataType.Color, Color));
        FloatAssert.AllClose(result, [0.2f, 0.4f, 0.6f, 0.8f, 0.8f, 0.6f, 0.4f, 0.8f, 1.4f, 0.8f, 0.2f, 0.8f], 1e-6f);
    }

    [Test]
    public void SetAlphaApplyMultipliesAllChannels()
    {
        var op = SetAlphaNode.CreateOperation("APPLY")!;
        Assert.That(op, Is.TypeOf<SetAlphaMultiplyOperation>());
        var result = OpRunner.Run(op, 2, 1, OpRunner.Constant(DataType.Color, Color), OpRunner.Buffer(DataType.Value, 2, 0.5f, 0f));
        FloatAssert.AllClose(result, [0.1f, 0.2f, 0.3f, 0.4f, 0f, 0f, 0f, 0f], 1e-6f);
    }

    [Test]
    public void SetAlphaReplaceKeepsColor()
    {
        var op = SetAlphaNode.CreateOperation("REPLACE_ALPHA")!;
        Assert.That(op, Is.TypeOf<SetAlphaReplaceOperation>());
        var result = OpRunner.Run(op, 2, 1, OpRunner.Constant(DataType.Color, Color), OpRunner.Buffer(DataType.Value, 2, 0.5f, 1.5f));
        FloatAssert.AllClose(result, [0.2f, 0.4f, 0.6f, 0.5f, 0.2f, 0.4f, 0.6f, 1.5f], 0f);
        Assert.That(SetAlphaNode.CreateOperation("NONE"), Is.Null);
    }

    [Test]
    public void SetAlphaCanvasFollowsTheAlphaWhenOnlyItIsLinked()
    {
        var mask = new FixedCanvasOperation(DataType.Value, Rect.FromSize(6, 3));
        var op = MixOperationTests.Link(SetAlphaNode.CreateOperation("APPLY", canvasInput: 1)!, new ConstantOperation(DataType.Color, Color), mask);
        Assert.That(new CanvasResolver().Resolve(op, Rect.FromSize(4, 4)), Is.EqualTo(Rect.FromSize(6, 3)));
        op = MixOperationTests.Link(SetAlphaNode.CreateOperation("APPLY", canvasInput: 0)!, new ConstantOperation(DataType.Color, Color), mask);
        Assert.That(new CanvasResolver().Resolve(op, Rect.FromSize(4, 4)), Is.EqualTo(Rect.FromSize(4, 4)));
    }

    [Test]
    public void RgbToBwUsesRec709Luminance()
    {
        var result = OpRunner.Run(new ColorToBwOperation(), 4, 1, OpRunner.Buffer(DataType.Color, 4,
            1f, 0f, 0f, 1f, 0f, 1f, 0f, 1f, 0f, 0f, 1f, 0.5f, 0.5f, 0.25f, 1f, 0f));
        FloatAssert.AllClose(result, [0.2126f, 0.7152f, 0.0722f, 0.3573f], 1e-6f);
    }

    [Test]
    public void SeparateAndCombineChannels()
    {
        var input = OpRunner.Buffer(DataType.Color, 2, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f);
        for (int c = 0; c < 4; c++)
            Assert.That(OpRunner.Run(new SeparateChannelOperation(c), 2, 1, input), Is.EqualTo(new[] { 0.1f * (c + 1), 0.5f + 0.1f * c }).Within(1e-6f), $"channel {c}");
        Assert.That(() => new SeparateChannelOperation(4), Throws.InstanceOf<ArgumentOutOfRangeException>());
        var combined = OpRunner.Run(new CombineChannelsOperation(), 2, 1,
            OpRunner.Buffer(DataType.Value, 2, 0.1f, 0.5f), OpRunner.Constant(DataType.Value, 0.2f), OpRunner.Buffer(DataType.Value, 2, 0.3f, 0.7f), OpRunner.Constant(DataType.Value, 2f));
        Assert.That(combined, Is.EqualTo(new[] { 0.1f, 0.2f, 0.3f, 2f, 0.5f, 0.2f, 0.7f, 2f }));
        Assert.That(MixOperationTests.Hash(new SeparateChannelOperation(1)).SameParts(MixOperationTests.Hash(new SeparateChannelOperation(2))), Is.False);
    }

    private static float[] HueSat(float[] color, float hue, float sat, float val, float fac) =>
        OpRunner.Run(new HueSaturationValueOperation(), 1, 1, OpRunner.Buffer(DataType.Color, 1, color),
            OpRunner.Buffer(DataType.Value, 1, hue), OpRunner.Buffer(DataType.Value, 1, sat), OpRunner.Buffer(DataType.Value, 1, val), OpRunner.Buffer(DataType.Value, 1, fac));

    [Test]
    public void HueSaturationValue()
    {
        // (0.8, 0.2, 0.1) is h = 1/42, s = 0.875, v = 0.8. Hue +0.2, saturation × 0.5, value × 0.8
        // give (0.544, 0.64, 0.36), mixed 0.9 into the original.
        FloatAssert.AllClose(HueSat([0.8f, 0.2f, 0.1f, 1f], 0.7f, 0.5f, 0.8f, 0.9f), [0.5696f, 0.596f, 0.334f, 1f], 2e-6f, "shift");
        // Hue −0.5 wraps to h = 0.5238: (0.1, 0.7, 0.8).
        FloatAssert.AllClose(HueSat([0.8f, 0.2f, 0.1f, 0.5f], 0f, 1f, 1f, 1f), [0.1f, 0.7f, 0.8f, 0.5f], 2e-6f, "wrap");
        // Defaults leave the color as it is.
        FloatAssert.AllClose(HueSat([0.8f, 0.2f, 0.1f, 0.5f], 0.5f, 1f, 1f, 1f), [0.8f, 0.2f, 0.1f, 0.5f], 2e-6f, "identity");
        // Negative results of the HSV round trip are clamped to 0 before mixing.
        var negative = HueSat([-0.2f, 0.5f, 0.5f, 1f], 0.5f, 1f, 1f, 1f);
        Assert.That(negative[0], Is.Zero);
    }

    [Test]
    public void HsvRoundTrip()
    {
        Hsv.FromRgb(0.8f, 0.2f, 0.1f, out float h, out float s, out float v);
        Assert.That(new[] { h, s, v }, Is.EqualTo(new[] { 1f / 42f, 0.875f, 0.8f }).Within(1e-6f));
        Hsv.ToRgb(h, s, v, out float r, out float g, out float b);
        Assert.That(new[] { r, g, b }, Is.EqualTo(new[] { 0.8f, 0.2f, 0.1f }).Within(1e-6f));
    }
}
