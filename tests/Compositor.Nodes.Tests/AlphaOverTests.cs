using Compositor.Imaging;
using Compositor.Nodes.Color;
using Compositor.Nodes.Operations.Mix;
using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests;

/// <summary>Alpha Over's three operations, from Blender 3.4's formulas (COM_AlphaOver*Operation.cc).</summary>
[TestFixture]
public sealed class AlphaOverTests
{
    private static readonly float[] Background = [0.2f, 0.3f, 0.4f, 1f];
    private static readonly float[] Foreground = [0.3f, 0.2f, 0.1f, 0.5f];

    private static float[] RunOne(MixBaseOperation op, float fac, float[] bg, float[] fg) =>
        OpRunner.Run(op, 1, 1, OpRunner.Buffer(DataType.Value, 1, fac), OpRunner.Buffer(DataType.Color, 1, bg), OpRunner.Buffer(DataType.Color, 1, fg));

    [Test]
    public void NodePicksTheOperationLikeBlender()
    {
        Assert.That(AlphaOverNode.CreateOperation(false, 0f), Is.TypeOf<AlphaOverPremultiplyOperation>());
        Assert.That(AlphaOverNode.CreateOperation(true, 0f), Is.TypeOf<AlphaOverKeyOperation>());
        Assert.That(AlphaOverNode.CreateOperation(true, 0.25f), Is.TypeOf<AlphaOverMixedOperation>(), "a non-zero premul wins");
        Assert.That(((AlphaOverMixedOperation)AlphaOverNode.CreateOperation(false, 0.25f)).Amount, Is.EqualTo(0.25f));
    }

    [Test]
    public void Premultiplied()
    {
        // mul = 1 − 0.8 × 0.5 = 0.6; color = 0.6 × bg + 0.8 × fg; alpha = 0.6 × 1 + 0.8 × 0.5.
        FloatAssert.AllClose(RunOne(new AlphaOverPremultiplyOperation(), 0.8f, Background, Foreground), [0.36f, 0.34f, 0.32f, 1f], 1e-6f);
        // Zero alpha still adds the foreground's color; negative alpha keeps the background.
        FloatAssert.AllClose(RunOne(new AlphaOverPremultiplyOperation(), 1f, Background, [0.1f, 0.1f, 0.1f, 0f]), [0.3f, 0.4f, 0.5f, 1f], 1e-6f, "additive");
        FloatAssert.AllClose(RunOne(new AlphaOverPremultiplyOperation(), 1f, Background, [0.1f, 0.1f, 0.1f, -0.5f]), Background, 0f, "negative alpha");
        FloatAssert.AllClose(RunOne(new AlphaOverPremultiplyOperation(), 1f, Background, [0.1f, 0.2f, 0.3f, 1.5f]), [0.1f, 0.2f, 0.3f, 1.5f], 0f, "opaque foreground replaces");
    }

    [Test]
    public void ConvertPremultiplied()
    {
        // premul = 0.8 × 0.5 = 0.4; color = 0.6 × bg + 0.4 × fg; alpha = 0.6 × 1 + 0.8 × 0.5.
        FloatAssert.AllClose(RunOne(new AlphaOverKeyOperation(), 0.8f, Background, Foreground), [0.24f, 0.26f, 0.28f, 1f], 1e-6f);
        FloatAssert.AllClose(RunOne(new AlphaOverKeyOperation(), 1f, Background, [0.1f, 0.1f, 0.1f, 0f]), Background, 0f, "transparent foreground");
        FloatAssert.AllClose(RunOne(new AlphaOverKeyOperation(), 0.5f, [0.2f, 0.3f, 0.4f, 0.5f], [0.6f, 0.6f, 0.6f, 1f]), [0.4f, 0.45f, 0.5f, 0.75f], 1e-6f, "half factor");
    }

    [Test]
    public void Mixed()
    {
        // addfac = 1 − 0.5 + 0.5 × 0.5 = 0.75; premul = 0.8 × 0.75 = 0.6; mul = 0.6.
        FloatAssert.AllClose(RunOne(new AlphaOverMixedOperation(0.5f), 0.8f, Background, Foreground), [0.3f, 0.3f, 0.3f, 1f], 1e-6f);
        // Amount 1 is the same as converting from straight.
        FloatAssert.AllClose(RunOne(new AlphaOverMixedOperation(1f), 0.8f, Background, Foreground), [0.24f, 0.26f, 0.28f, 1f], 1e-6f, "amount 1");
        FloatAssert.AllClose(RunOne(new AlphaOverMixedOperation(0.5f), 1f, Background, [0.1f, 0.1f, 0.1f, 0f]), Background, 0f, "transparent foreground");
    }

    [Test]
    public void MixedHashIncludesTheAmount()
    {
        Assert.That(MixOperationTests.Hash(new AlphaOverMixedOperation(0.5f)).SameParts(MixOperationTests.Hash(new AlphaOverMixedOperation(0.5f))), Is.True);
        Assert.That(MixOperationTests.Hash(new AlphaOverMixedOperation(0.5f)).SameParts(MixOperationTests.Hash(new AlphaOverMixedOperation(0.25f))), Is.False);
    }
}
