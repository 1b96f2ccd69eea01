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

/// <summary>The kernels of the other heavy filters (Bilateral Blur, Filter, Despeckle) match the CPU operations.</summary>
public sealed class MoreFilterKernelTests : OpenClFixture
{
    [TestCase("")]
    [TestCase("\"render_quality\": \"LOW\"")]
    public void BilateralBlurMatchesCpu(string settings) => AssertParity(Case("bilateral_blur", settings), 1e-4f, "Node");

    // Nine products summed in the CPU's order: float rounding only (sqrt correctly rounded).
    [TestCase("filter_kirsch")]
    [TestCase("filter_laplace")]
    [TestCase("filter_prewitt")]
    [TestCase("filter_shadow")]
    [TestCase("filter_sharpen")]
    [TestCase("filter_sharpen_diamond")]
    [TestCase("filter_sobel")]
    [TestCase("filter_soften")]
    public void FilterMatchesCpu(string name) => AssertParity(Case(name), 1e-4f, "Node");

    // Threshold decisions on sums formed in the CPU's order, no contraction: the same decisions.
    [Test]
    public void DespeckleMatchesCpu() => AssertParity(Case("despeckle"), 1e-4f, "Node");
}
