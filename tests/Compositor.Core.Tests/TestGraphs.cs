using Compositor.Graph;

namespace Compositor.Core.Tests;

/// <summary>Small graphs for tests, with images from the shared conformance inputs.</summary>
internal static class TestGraphs
{
    /// <summary>The shared conformance inputs folder.</summary>
    public static string Inputs
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln")))
                {
                    var inputs = Path.Combine(dir.Parent!.FullName, "shared", "conformance", "inputs");
                    if (Directory.Exists(inputs)) return inputs;
                }

            throw new AssertionException("shared conformance inputs not found at ../shared/conformance/inputs");
        }
    }

    /// <summary>Reads graph JSON with image paths relative to the shared inputs folder.</summary>
    public static NodeGraph Read(string json) => GraphReader.ReadString(json, Inputs);

    /// <summary>Image → Composite at the given resolution.</summary>
    public static string ImageToComposite(string file, int w, int h) => """
        {"version": 1, "settings": {"resolution": [W, H]},
         "nodes": [
          {"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "FILE", "colorspace": "sRGB"}}},
          {"name": "Composite", "type": "CompositorNodeComposite"}],
         "links": [{"from": "Img", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
        """.Replace("FILE", file).Replace("W", w.ToString()).Replace("H", h.ToString());
}
