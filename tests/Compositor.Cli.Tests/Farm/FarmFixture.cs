using Compositor.Cli.Commands;
using Compositor.Codecs;

namespace Compositor.Cli.Tests.Farm;

/// <summary>
/// A temporary folder with a small frame-dependent graph: an image sequence (<c>seq/frame_###.png</c>,
/// red = 2 x frame / 255) added to a Time node's value (0 at frame 1, 1 at the last frame), so every
/// frame's pixels differ and tell which input frame and which time they came from.
/// </summary>
internal sealed class FarmFixture : IDisposable
{
    public const int Width = 24, Height = 16;

    /// <param name="frames">Input frames 1..frames; the graph's frame range.</param>
    /// <param name="slow">Stretch each frame to 1024x1024 and blur it by 100 pixels: a second or so of work per frame.</param>
    public FarmFixture(int frames, bool slow = false)
    {
        Folder = Path.Combine(Path.GetTempPath(), "compositor-farm-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Folder, "seq"));
        Frames = frames;
        for (int f = 1; f <= frames; f++) WriteInputFrame(f);
        GraphPath = Path.Combine(Folder, "graph.json");
        File.WriteAllText(GraphPath, GraphJson(frames, slow));
    }

    public string Folder { get; }

    public int Frames { get; }

    public string GraphPath { get; }

    public string Out(string name) => Path.Combine(Folder, "out", name);

    /// <summary>Red of input frame <paramref name="frame"/> as stored (sRGB, 0..1).</summary>
    public static float InputRed(int frame) => 2 * frame % 256 / 255f;

    /// <summary>The Time node's value at <paramref name="frame"/>.</summary>
    public float TimeValue(int frame) => Math.Clamp((frame - 1) / (float)(Frames - 1), 0f, 1f);

    public void WriteInputFrame(int frame)
    {
        var rgba = new float[Width * Height * 4];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            rgba[i] = InputRed(frame);
            rgba[i + 3] = 1f;
        }

        ImageCodecs.Write(Path.Combine(Folder, "seq", $"frame_{frame:000}.png"), Width, Height, rgba);
    }

    private static string GraphJson(int frames, bool slow) => """
        {"version": 1,
         "settings": {"resolution": [RESOLUTION], "frame_current": 1, "frame_start": 1, "frame_end": FRAMES},
         "nodes": [
           {"name": "Seq", "type": "CompositorNodeImage",
            "properties": {"image": {"filepath": "seq/frame_###.png", "source": "SEQUENCE"}, "frame_start": 1, "frame_duration": FRAMES}},
           {"name": "Time", "type": "CompositorNodeTime", "properties": {"frame_start": 1, "frame_end": FRAMES}},
           {"name": "Add", "type": "CompositorNodeMixRGB", "properties": {"blend_type": "ADD"}, "inputs": {"Fac": 1.0}},
           {"name": "Scale", "type": "CompositorNodeScale", "properties": {"space": "RENDER_SIZE", "frame_method": "STRETCH"}},
           {"name": "Blur", "type": "CompositorNodeBlur", "properties": {"filter_type": "FLAT", "size_x": 100, "size_y": 100}},
           {"name": "Composite", "type": "CompositorNodeComposite"}],
         "links": [
           {"from": "Seq", "from_socket": "Image", "to": "Add", "to_socket": "Image"},
           {"from": "Time", "from_socket": "Fac", "to": "Add", "to_socket": "Image_001"},
           LAST]}
        """.Replace("RESOLUTION", slow ? "1024, 1024" : $"{Width}, {Height}").Replace("FRAMES", $"{frames}").Replace("LAST", slow
            ? """
              {"from": "Add", "from_socket": "Image", "to": "Scale", "to_socket": "Image"},
              {"from": "Scale", "from_socket": "Image", "to": "Blur", "to_socket": "Image"},
              {"from": "Blur", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}
              """
            : """{"from": "Add", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}""");

    /// <summary>Files left under the folder whose names mark them temporary (a write that did not finish).</summary>
    public IEnumerable<string> TemporaryFiles() =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Where(p => p.Contains(".tmp", StringComparison.Ordinal));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
