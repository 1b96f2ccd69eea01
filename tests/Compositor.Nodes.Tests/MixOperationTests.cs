using Compositor.Imaging;
using Compositor.Nodes.Operations.Mix;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>
/// Mix blend modes on one pixel, first = (0.2, 0.6, 0.9, 0.8), second = (0.7, 0.3, 0.5, 0.5),
/// factor 0.6; expected values worked out from Blender 3.4's formulas (COM_MixOperation.cc).
/// </summary>
[TestFixture]
public sealed class MixOperationTests
{
    private static readonly float[] First = [0.2f, 0.6f, 0.9f, 0.8f];
    private static readonly float[] Second = [0.7f, 0.3f, 0.5f, 0.5f];

    private static float[] RunOne(MixOperation op, float fac, float[] a, float[] b) =>
        OpRunner.Run(op, 1, 1, OpRunner.Buffer(DataType.Value, 1, fac), OpRunner.Buffer(DataType.Color, 1, a), OpRunner.Buffer(DataType.Color, 1, b));

    [TestCase(MixBlendType.Mix, 0.5f, 0.42f, 0.66f, 0.8f)]
    [TestCase(MixBlendType.Darken, 0.2f, 0.42f, 0.66f, 0.8f)]
    [TestCase(MixBlendType.Multiply, 0.164f, 0.348f, 0.63f, 0.8f)]
    [TestCase(MixBlendType.Burn, 0.02439024f, 0.3103448f, 0.8571429f, 0.8f)]
    [TestCase(MixBlendType.Lighten, 0.42f, 0.6f, 0.9f, 0.8f)]
    [TestCase(MixBlendType.Screen, 0.536f, 0.672f, 0.93f, 0.8f)]
    [TestCase(MixBlendType.Dodge, 0.3448276f, 0.7317073f, 1f, 0.8f)]
    [TestCase(MixBlendType.Add, 0.62f, 0.78f, 1.2f, 0.8f)]
    [TestCase(MixBlendType.Overlay, 0.248f, 0.504f, 0.9f, 0.8f)]
    [TestCase(MixBlendType.SoftLight, 0.2384f, 0.5424f, 0.9f, 0.8f)]
    [TestCase(MixBlendType.LinearLight, 0.44f, 0.36f, 0.9f, 0.8f)]
    [TestCase(MixBlendType.Difference, 0.38f, 0.42f, 0.6f, 0.8f)]
    [TestCase(MixBlendType.Subtract, -0.22f, 0.42f, 0.6f, 0.8f)]
    [TestCase(MixBlendType.Divide, 0.2514286f, 1.44f, 1.44f, 0.8f)]
    [TestCase(MixBlendType.Hue, 0.62f, 0.36f, 0.69f, 0.8f)]
    [TestCase(MixBlendType.Saturation, 0.3114286f, 0.6477551f, 0.9f, 0.8f)]
    [TestCase(MixBlendType.Color, 0.62f, 0.4714286f, 0.7457143f, 0.8f)]
    [TestCase(MixBlendType.Value, 0.1733333f, 0.52f, 0.78f, 0.8f)]
    public void BlendType(MixBlendType type, float r, float g, float b, float a)
    {
        var result = RunOne(new MixOperation(type, useAlpha: false, useClamp: false), 0.6f, First, Second);
        FloatAssert.AllClose(result, [r, g, b, a], 2e-6f, type.ToString());
    }

    [Test]
    public void UseAlphaMultipliesTheFactorBySecondAlpha()
    {
        // Effective factor 0.6 × 0.5 = 0.3.
        var result = RunOne(new MixOperation(MixBlendType.Mix, useAlpha: true, useClamp: false), 0.6f, First, Second);
        FloatAssert.AllClose(result, [0.35f, 0.51f, 0.78f, 0.8f], 2e-6f);
    }

    [Test]
    public void ClampLimitsAllFourChannels()
    {
        var add = RunOne(new MixOperation(MixBlendType.Add, false, useClamp: true), 0.6f, First, Second);
        FloatAssert.AllClose(add, [0.62f, 0.78f, 1f, 0.8f], 2e-6f, "add");
        var sub = RunOne(new MixOperation(MixBlendType.Subtract, false, useClamp: true), 0.6f, First, Second);
        FloatAssert.AllClose(sub, [0f, 0.42f, 0.6f, 0.8f], 2e-6f, "subtract");
        var alpha = RunOne(new MixOperation(MixBlendType.Mix, false, useClamp: true), 0.5f, [0.2f, 0.2f, 0.2f, 1.5f], Second);
        Assert.That(alpha[3], Is.EqualTo(1f), "alpha is clamped too");
        var unclamped = RunOne(new MixOperation(MixBlendType.Mix, false, useClamp: false), 0.5f, [0.2f, 0.2f, 0.2f, 1.5f], Second);
        Assert.That(unclamped[3], Is.EqualTo(1.5f), "alpha is the first image's");
    }

    [Test]
    public void EdgeCases()
    {
        var divide = RunOne(new MixOperation(MixBlendType.Divide, false, false), 0.5f, First, [0f, 0.5f, 0f, 1f]);
        Assert.That(divide[0], Is.Zero, "division by a zero channel gives 0");
        Assert.That(divide[2], Is.Zero);
        Assert.That(divide[1], Is.EqualTo(0.5f * 0.6f + 0.5f * 0.6f / 0.5f).Within(1e-6f));

        var burn = RunOne(new MixOperation(MixBlendType.Burn, false, false), 1f, First, [0f, -0.5f, 1f, 1f]);
        Assert.That(burn[0], Is.Zero, "burn by black is 0");
        Assert.That(burn[1], Is.Zero, "burn by negative is 0");
        Assert.That(burn[2], Is.EqualTo(0.9f).Within(1e-6f));

        var dodge = RunOne(new MixOperation(MixBlendType.Dodge, false, false), 1f, [0f, 0.5f, 0.9f, 1f], [1f, 1f, 0.5f, 1f]);
        Assert.That(dodge[0], Is.Zero, "dodge of black stays black");
        Assert.That(dodge[1], Is.EqualTo(1f), "dodge by white is white");
        Assert.That(dodge[2], Is.EqualTo(1f), "dodge result is capped at 1");

        var hue = RunOne(new MixOperation(MixBlendType.Hue, false, false), 1f, First, [0.4f, 0.4f, 0.4f, 1f]);
        FloatAssert.AllClose(hue, First, 0f, "a gray second image leaves the hue alone");
        var saturation = RunOne(new MixOperation(MixBlendType.Saturation, false, false), 1f, [0.4f, 0.4f, 0.4f, 1f], Second);
        FloatAssert.AllClose(saturation, [0.4f, 0.4f, 0.4f, 1f], 0f, "a gray first image keeps its saturation");
    }

    [Test]
    public void ConstantInputsAreBroadcastAndFoldingGivesTheSameResult()
    {
        var op = new MixOperation(MixBlendType.Multiply, false, false);
        var fac = OpRunner.Constant(DataType.Value, 0.6f);
        var second = OpRunner.Constant(DataType.Color, Second);
        var rows = OpRunner.Run(op, 2, 2, fac, OpRunner.Buffer(DataType.Color, 2, [.. First, .. First, .. First, .. First]), second);
        var expected = new[] { 0.164f, 0.348f, 0.63f, 0.8f };
        for (int p = 0; p < 4; p++) FloatAssert.AllClose(rows.AsSpan(p * 4, 4), expected, 2e-6f, $"pixel {p}");
        var folded = OpRunner.RunFolded(op, fac, OpRunner.Constant(DataType.Color, First), second);
        FloatAssert.AllClose(folded, expected, 2e-6f, "folded");
    }

    [Test]
    public void CanvasComesFromTheFirstImageWithOneElseTheSecondElseTheFactor()
    {
        var big = new FixedCanvasOperation(DataType.Color, Rect.FromSize(8, 6));
        var small = new FixedCanvasOperation(DataType.Color, Rect.FromSize(3, 2));
        var preferred = Rect.FromSize(5, 5);

        var op = Link(new MixOperation(MixBlendType.Mix, false, false), ConstantOperation.Of(0.5f), new ConstantOperation(DataType.Color, First), big);
        Assert.That(new CanvasResolver().Resolve(op, preferred), Is.EqualTo(Rect.FromSize(8, 6)), "second image");

        op = Link(new MixOperation(MixBlendType.Mix, false, false), ConstantOperation.Of(0.5f), small, big);
        Assert.That(new CanvasResolver().Resolve(op, preferred), Is.EqualTo(Rect.FromSize(3, 2)), "first image");

        var mask = new FixedCanvasOperation(DataType.Value, Rect.FromSize(7, 7));
        op = Link(new MixOperation(MixBlendType.Mix, false, false), mask, new ConstantOperation(DataType.Color, First), new ConstantOperation(DataType.Color, Second));
        Assert.That(new CanvasResolver().Resolve(op, preferred), Is.EqualTo(Rect.FromSize(7, 7)), "factor");

        op = Link(new MixOperation(MixBlendType.Mix, false, false), ConstantOperation.Of(0.5f), new ConstantOperation(DataType.Color, First), new ConstantOperation(DataType.Color, Second));
        Assert.That(new CanvasResolver().Resolve(op, preferred), Is.EqualTo(preferred), "all constant: the preferred area");
    }

    [Test]
    public void EqualOperationsHashAlikeAndDifferentOnesDoNot()
    {
        Assert.That(Hash(new MixOperation(MixBlendType.Add, true, false)).SameParts(Hash(new MixOperation(MixBlendType.Add, true, false))), Is.True);
        Assert.That(Hash(new MixOperation(MixBlendType.Add, true, false)).SameParts(Hash(new MixOperation(MixBlendType.Subtract, true, false))), Is.False);
        Assert.That(Hash(new MixOperation(MixBlendType.Add, true, false)).SameParts(Hash(new MixOperation(MixBlendType.Add, false, false))), Is.False);
        Assert.That(Hash(new MixOperation(MixBlendType.Add, true, false)).SameParts(Hash(new MixOperation(MixBlendType.Add, true, true))), Is.False);
    }

    [Test]
    public void ParsesEveryBlenderIdentifier()
    {
        string[] ids = ["MIX", "DARKEN", "MULTIPLY", "BURN", "LIGHTEN", "SCREEN", "DODGE", "ADD", "OVERLAY", "SOFT_LIGHT",
            "LINEAR_LIGHT", "DIFFERENCE", "SUBTRACT", "DIVIDE", "HUE", "SATURATION", "COLOR", "VALUE"];
        Assert.That(ids.Select(i => MixBlendTypes.Parse(i)), Is.EqualTo(Enum.GetValues<MixBlendType>().Cast<MixBlendType?>()));
        Assert.That(MixBlendTypes.Parse("EXCLUSION"), Is.Null, "not in Blender 3.4");
        Assert.That(Compositor.NodeTypes.BlenderNodeCatalog.TryGet("CompositorNodeMixRGB", out var entry), Is.True);
        Assert.That(entry.Properties.Single(p => p.Name == "blend_type").EnumValues, Is.EqualTo(ids));
    }

    internal static OperationHash Hash(NodeOperation op)
    {
        var hash = new OperationHash();
        Assert.That(op.AddParametersToHash(ref hash), Is.True, "the operation can be merged");
        return hash;
    }

    internal static T Link<T>(T op, params NodeOperation[] producers) where T : NodeOperation
    {
        for (int i = 0; i < producers.Length; i++) op.Inputs[i].Link = producers[i];
        return op;
    }
}
