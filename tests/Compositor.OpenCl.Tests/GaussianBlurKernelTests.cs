namespace Compositor.OpenCl.Tests;

/// <summary>The separable blur passes (Blur node, not Fast Gauss, not bokeh) on OpenCL match the CPU.</summary>
public sealed class GaussianBlurKernelTests : OpenClFixture
{
    // Sums of up to ~120 weighted taps in another order than the CPU's vector loop: float rounding only.
    private const float Tolerance = 1e-4f;

    [TestCase("GAUSS", 15, 9)]
    [TestCase("TENT", 7, 20)]
    [TestCase("QUAD", 30, 4)]
    [TestCase("CUBIC", 12, 12)]
    [TestCase("CATROM", 10, 6)]
    [TestCase("MITCH", 25, 25)]
    [TestCase("FLAT", 5, 11)]
    public void SeparableBlurMatchesCpu(string filter, int sizeX, int sizeY) =>
        AssertParity(Graph("chelsea_240x160.png", 240, 160, "CompositorNodeBlur", $$"""
            "filter_type": "{{filter}}", "size_x": {{sizeX}}, "size_y": {{sizeY}}
            """), Tolerance, "blur x", "blur y");

    [Test]
    public void ExtendedBoundsAndRelativeSizeMatchCpu() =>
        AssertParity(Graph("astronaut_256.png", 256, 256, "CompositorNodeBlur", """
            "filter_type": "GAUSS", "use_relative": true, "factor_x": 8.0, "factor_y": 3.0, "aspect_correction": "NONE", "use_extended_bounds": true
            """), Tolerance, "blur x", "blur y");

    [TestCase("MEDIUM")]
    [TestCase("LOW")]
    public void LowerQualityStepsMatchCpu(string quality) =>
        AssertParity(Graph("coffee_240x160.png", 240, 160, "CompositorNodeBlur", """
            "filter_type": "GAUSS", "size_x": 13, "size_y": 17
            """, $"\"render_quality\": \"{quality}\""), Tolerance, "blur x", "blur y");
}
