using Compositor.Imaging;
using Compositor.Nodes.Operations.Math;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>Math operations on single values, worked out from Blender 3.4's formulas (COM_MathBaseOperation.cc, BLI math).</summary>
[TestFixture]
public sealed class MathOperationTests
{
    private const float Pi = MathF.PI;

    private static float RunOne(MathOperationType type, bool clamp, float a, float b, float c) =>
        OpRunner.Run(new MathOperation(type, clamp), 1, 1,
            OpRunner.Buffer(DataType.Value, 1, a), OpRunner.Buffer(DataType.Value, 1, b), OpRunner.Buffer(DataType.Value, 1, c))[0];

    [TestCase(MathOperationType.Add, 1.5f, 2.25f, 0f, 3.75f)]
    [TestCase(MathOperationType.Subtract, 1.5f, 2.25f, 0f, -0.75f)]
    [TestCase(MathOperationType.Multiply, 1.5f, 2.25f, 0f, 3.375f)]
    [TestCase(MathOperationType.Divide, 3f, 4f, 0f, 0.75f)]
    [TestCase(MathOperationType.Divide, 3f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.MultiplyAdd, 2f, 3f, 4f, 10f)]
    [TestCase(MathOperationType.Power, 2f, 3f, 0f, 8f)]
    [TestCase(MathOperationType.Power, -2f, 3f, 0f, -8f)]
    [TestCase(MathOperationType.Power, -2f, 2.9995f, 0f, -8f)]
    [TestCase(MathOperationType.Power, -2f, 0.5f, 0f, 0f)]
    [TestCase(MathOperationType.Power, -8f, -2f, 0f, 0.015625f)]
    [TestCase(MathOperationType.Logarithm, 8f, 2f, 0f, 3f)]
    [TestCase(MathOperationType.Logarithm, 8f, -2f, 0f, 0f)]
    [TestCase(MathOperationType.Logarithm, -8f, 2f, 0f, 0f)]
    [TestCase(MathOperationType.Sqrt, 6.25f, 0f, 0f, 2.5f)]
    [TestCase(MathOperationType.Sqrt, -4f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.InverseSqrt, 4f, 0f, 0f, 0.5f)]
    [TestCase(MathOperationType.InverseSqrt, 0f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.Absolute, -1.25f, 0f, 0f, 1.25f)]
    [TestCase(MathOperationType.Exponent, 1f, 0f, 0f, 2.7182817f)]
    [TestCase(MathOperationType.Minimum, 1f, -2f, 0f, -2f)]
    [TestCase(MathOperationType.Maximum, 1f, -2f, 0f, 1f)]
    [TestCase(MathOperationType.LessThan, 1f, 2f, 0f, 1f)]
    [TestCase(MathOperationType.LessThan, 1f, 1f, 0f, 0f)]
    [TestCase(MathOperationType.GreaterThan, 2f, 1f, 0f, 1f)]
    [TestCase(MathOperationType.GreaterThan, 1f, 1f, 0f, 0f)]
    [TestCase(MathOperationType.Sign, -3f, 0f, 0f, -1f)]
    [TestCase(MathOperationType.Sign, 0f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.Sign, 2f, 0f, 0f, 1f)]
    [TestCase(MathOperationType.Compare, 1f, 1.25f, 0.5f, 1f)]
    [TestCase(MathOperationType.Compare, 1f, 1.25f, 0.1f, 0f)]
    [TestCase(MathOperationType.Compare, 1f, 1.000001f, 0f, 1f)]
    [TestCase(MathOperationType.SmoothMin, 1f, 2f, 0f, 1f)]
    [TestCase(MathOperationType.SmoothMin, 1f, 1.5f, 1f, 0.97916667f)]
    [TestCase(MathOperationType.SmoothMax, 1f, 1.5f, 1f, 1.5208333f)]
    [TestCase(MathOperationType.Round, 2.5f, 0f, 0f, 3f)]
    [TestCase(MathOperationType.Round, -2.5f, 0f, 0f, -3f)]
    [TestCase(MathOperationType.Round, 0.4999f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.Floor, -1.5f, 0f, 0f, -2f)]
    [TestCase(MathOperationType.Ceil, -1.5f, 0f, 0f, -1f)]
    [TestCase(MathOperationType.Trunc, -1.7f, 0f, 0f, -1f)]
    [TestCase(MathOperationType.Trunc, 1.7f, 0f, 0f, 1f)]
    [TestCase(MathOperationType.Fract, -1.25f, 0f, 0f, 0.75f)]
    [TestCase(MathOperationType.Modulo, -7f, 3f, 0f, -1f)]
    [TestCase(MathOperationType.Modulo, 5.5f, 2f, 0f, 1.5f)]
    [TestCase(MathOperationType.Modulo, 7f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.Wrap, 5.5f, 2f, 0f, 1.5f)]
    [TestCase(MathOperationType.Wrap, -0.5f, 2f, 1f, 1.5f)]
    [TestCase(MathOperationType.Wrap, 0.3f, 1f, 1f, 1f)]
    [TestCase(MathOperationType.Snap, 7f, 3f, 0f, 6f)]
    [TestCase(MathOperationType.Snap, -7f, 3f, 0f, -9f)]
    [TestCase(MathOperationType.Snap, 7f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.PingPong, 3.7f, 1.5f, 0f, 0.7f)]
    [TestCase(MathOperationType.PingPong, 3.7f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.Sine, Pi / 2, 0f, 0f, 1f)]
    [TestCase(MathOperationType.Cosine, 0f, 0f, 0f, 1f)]
    [TestCase(MathOperationType.Tangent, Pi / 4, 0f, 0f, 1f)]
    [TestCase(MathOperationType.Arcsine, 1f, 0f, 0f, Pi / 2)]
    [TestCase(MathOperationType.Arcsine, 1.5f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.Arccosine, -1f, 0f, 0f, Pi)]
    [TestCase(MathOperationType.Arccosine, -1.5f, 0f, 0f, 0f)]
    [TestCase(MathOperationType.Arctangent, 1f, 0f, 0f, Pi / 4)]
    [TestCase(MathOperationType.Arctan2, 1f, -1f, 0f, 3 * Pi / 4)]
    [TestCase(MathOperationType.Sinh, 1f, 0f, 0f, 1.1752012f)]
    [TestCase(MathOperationType.Cosh, 1f, 0f, 0f, 1.5430806f)]
    [TestCase(MathOperationType.Tanh, 1f, 0f, 0f, 0.7615942f)]
    [TestCase(MathOperationType.Radians, 180f, 0f, 0f, Pi)]
    [TestCase(MathOperationType.Degrees, Pi, 0f, 0f, 180f)]
    public void Operation(MathOperationType type, float a, float b, float c, float expected)
    {
        float actual = RunOne(type, false, a, b, c);
        Assert.That(FloatAssert.Close(actual, expected, 1e-6f), Is.True, $"{type}({a}, {b}, {c}) = {actual:R}, expected {expected:R}");
    }

    [TestCase(MathOperationType.Add, 0.75f, 0.5f, 1f)]
    [TestCase(MathOperationType.Subtract, 0.25f, 0.5f, 0f)]
    [TestCase(MathOperationType.Multiply, 0.5f, 0.5f, 0.25f)]
    [TestCase(MathOperationType.Degrees, 1f, 0f, 1f)]
    public void ClampLimitsToZeroOne(MathOperationType type, float a, float b, float expected)
    {
        Assert.That(RunOne(type, true, a, b, 0f), Is.EqualTo(expected));
        if (expected is 0f or 1f) Assert.That(RunOne(type, false, a, b, 0f), Is.Not.EqualTo(expected), "unclamped differs");
    }

    [Test]
    public void ClampKeepsNaN()
    {
        // Blender's clamp leaves NaN alone (0 × infinity).
        Assert.That(RunOne(MathOperationType.Multiply, true, 0f, float.PositiveInfinity, 0f), Is.NaN);
    }

    [Test]
    public void RowWithConstantSecondInput()
    {
        var op = new MathOperation(MathOperationType.Power, false);
        var result = OpRunner.Run(op, 4, 1, OpRunner.Buffer(DataType.Value, 4, 1f, 2f, 3f, -2f), OpRunner.Constant(DataType.Value, 2f), OpRunner.Constant(DataType.Value, 0.5f));
        Assert.That(result, Is.EqualTo(new[] { 1f, 4f, 9f, 4f }));
        Assert.That(OpRunner.RunFolded(op, OpRunner.Constant(DataType.Value, 3f), OpRunner.Constant(DataType.Value, 2f), OpRunner.Constant(DataType.Value, 0f)), Is.EqualTo(new[] { 9f }));
    }

    [Test]
    public void CanvasComesFromTheFirstValueWithOneElseTheSecond()
    {
        var first = new FixedCanvasOperation(DataType.Value, Rect.FromSize(3, 2));
        var second = new FixedCanvasOperation(DataType.Value, Rect.FromSize(8, 6));
        var op = MixOperationTests.Link(new MathOperation(MathOperationType.Add, false), first, second, ConstantOperation.Of(0f));
        Assert.That(new CanvasResolver().Resolve(op, Rect.FromSize(5, 5)), Is.EqualTo(Rect.FromSize(3, 2)));
        op = MixOperationTests.Link(new MathOperation(MathOperationType.Add, false), ConstantOperation.Of(1f), second, ConstantOperation.Of(0f));
        Assert.That(new CanvasResolver().Resolve(op, Rect.FromSize(5, 5)), Is.EqualTo(Rect.FromSize(8, 6)));
    }

    [Test]
    public void HashDistinguishesOperationAndClamp()
    {
        var add = MixOperationTests.Hash(new MathOperation(MathOperationType.Add, false));
        Assert.That(add.SameParts(MixOperationTests.Hash(new MathOperation(MathOperationType.Add, false))), Is.True);
        Assert.That(add.SameParts(MixOperationTests.Hash(new MathOperation(MathOperationType.Multiply, false))), Is.False);
        Assert.That(add.SameParts(MixOperationTests.Hash(new MathOperation(MathOperationType.Add, true))), Is.False);
    }

    [Test]
    public void ParsesEveryOperationOfTheCatalog()
    {
        Assert.That(Compositor.NodeTypes.BlenderNodeCatalog.TryGet("CompositorNodeMath", out var entry), Is.True);
        var items = entry.Properties.Single(p => p.Name == "operation").EnumValues!;
        Assert.That(items, Has.Count.EqualTo(Enum.GetValues<MathOperationType>().Length));
        foreach (var item in items) Assert.That(MathOperationTypes.Parse(item), Is.Not.Null, item);
    }
}
