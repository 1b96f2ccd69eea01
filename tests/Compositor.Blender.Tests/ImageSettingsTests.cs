using System.Text.Json;
using Compositor.Cli.Commands;
using Compositor.Codecs;
using Compositor.Conformance.Tests;

namespace Compositor.Blender.Tests;

/// <summary>
/// Image colorspace, alpha mode, straight alpha output and image sequences as set in Blender survive
/// the export and render in Compositor as in Blender: one Blender process builds a scene per setting
/// (image_settings_scenes.py), exports it with the add-on and renders it; the compositor command
/// renders each export.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ImageSettingsTests
{
    [Test]
    public void ImageSettingsRenderAsInBlender()
    {
        Blender.Require();
        string inputs = Path.Combine(SharedData.Require(), "conformance", "inputs");
        string dir = Path.Combine(Path.GetTempPath(), "compositor-image-settings-" + Guid.NewGuid().ToString("N"));
        try
        {
            string script = Path.Combine(Blender.RepoRoot, "tests", "Compositor.Blender.Tests", "image_settings_scenes.py");
            var (code, log) = Blender.Run(["--factory-startup", "--python", script, "--", dir, inputs, Blender.AddonFolder], TimeSpan.FromMinutes(3));
            Assert.That(code, Is.Zero, $"building, exporting or rendering the scenes in Blender failed:\n{RoundTrip.Tail(log)}");
            var variants = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(dir, "variants.json")))!;
            Assert.That(variants, Has.Length.EqualTo(10));
            Assert.Multiple(() =>
            {
                foreach (var name in variants)
                {
                    string folder = Path.Combine(dir, name), output = Path.Combine(folder, "compositor.exr");
                    int exit = CompositorCommand.Create().Parse(["render", Path.Combine(folder, "graph.json"), "-o", output]).Invoke();
                    Assert.That(exit, Is.Zero, $"{name}: compositor render failed");
                    if (exit != 0) continue;
                    var expected = ImageCodecs.Read(Path.Combine(folder, "blender.exr"));
                    var actual = ImageCodecs.Read(output);
                    Assert.That((actual.Width, actual.Height), Is.EqualTo((expected.Width, expected.Height)), $"{name}: size");
                    if (actual.Width != expected.Width || actual.Height != expected.Height) continue;
                    // The conformance tolerance; HDR values (the EXR) count their error relative above 1.
                    var c = ImageComparison.Compare(expected.Pixels, actual.Pixels, relativeAbove1: true);
                    TestContext.Out.WriteLine($"{name}: {c}");
                    Assert.That(c.NaNs == 0 && c.Rmse <= 0.002 && c.P999 <= 0.02, Is.True, $"{name}: {c}");
                }
            });
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
