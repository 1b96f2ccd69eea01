using System.Runtime.InteropServices;

namespace Compositor.Nodes.Tests.Support;

/// <summary>Float comparisons that treat NaN as equal to NaN.</summary>
internal static class FloatAssert
{
    /// <summary>True when <paramref name="actual"/> is within <paramref name="relative"/> of <paramref name="expected"/> (absolute below 1).</summary>
    public static bool Close(float actual, float expected, float relative = 1e-6f)
    {
        if (float.IsNaN(expected)) return float.IsNaN(actual);
        if (float.IsInfinity(expected)) return actual == expected;
        return MathF.Abs(actual - expected) <= relative * MathF.Max(1f, MathF.Abs(expected));
    }

    /// <summary>Asserts every element is close.</summary>
    public static void AllClose(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, float relative = 1e-6f, string what = "")
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), $"{what}: length");
        for (int i = 0; i < actual.Length; i++)
            if (!Close(actual[i], expected[i], relative))
                Assert.Fail($"{what}: element {i}: expected {expected[i]:R}, got {actual[i]:R}\nexpected [{string.Join(", ", expected.ToArray())}]\nactual   [{string.Join(", ", actual.ToArray())}]");
    }

    /// <summary>Asserts the same bits in every element (NaN payloads and the sign of zero included), naming the first difference.</summary>
    public static void SameBits(float[] expected, float[] actual, string expectedName = "expected", string actualName = "actual")
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        var e = MemoryMarshal.Cast<float, int>(expected);
        var a = MemoryMarshal.Cast<float, int>(actual);
        for (int i = 0; i < e.Length; i++)
            if (e[i] != a[i])
                Assert.Fail($"float {i} (pixel {i / 4}, channel {i % 4}): {expectedName} {expected[i]:R}, {actualName} {actual[i]:R}");
    }
}
