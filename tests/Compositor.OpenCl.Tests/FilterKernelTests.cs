namespace Compositor.OpenCl.Tests;

/// <summary>
/// The kernels of the filters Blender had OpenCL kernels for (Bokeh Blur, Defocus, Dilate/Erode
/// distance, Directional Blur) match the CPU operations on the conformance cases' real images.
/// </summary>
public sealed class FilterKernelTests : OpenClFixture
{
    // Sums of weighted taps in the CPU's order, with correctly rounded division and no fused
    // multiply-adds: differences are float rounding of the sums.
    private const float Tolerance = 1e-4f;

    [TestCase("")]
    [TestCase("\"render_quality\": \"LOW\"")]
    public void BokehBlurMatchesCpu(string settings) => AssertParity(Case("bokeh_blur", settings), Tolerance, "BB");

    [TestCase("")]
    [TestCase("\"render_quality\": \"MEDIUM\"")]
    public void VariableSizeBokehBlurMatchesCpu(string settings) => AssertParity(Case("bokeh_blur_variable", settings), Tolerance, "BB");

    [TestCase("")]
    [TestCase("\"render_quality\": \"LOW\"")]
    public void DefocusMatchesCpu(string settings) => AssertParity(Case("defocus_hexagon", settings), Tolerance, "Defocus");

    [Test]
    public void ErodeDistanceMatchesCpuExactly() => AssertParity(Case("dilate_erode_distance"), 0f, "Node");

    [Test]
    public void DilateDistanceMatchesCpuExactly() =>
        AssertParity(Case("dilate_erode_distance").Replace("\"distance\": -5", "\"distance\": 9"), 0f, "Node");

    [Test]
    public void DirectionalBlurMatchesCpu() => AssertParity(Case("directional_blur"), Tolerance, "Node");
}
