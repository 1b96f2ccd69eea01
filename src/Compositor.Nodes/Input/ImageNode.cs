using System.Text.Json;
using Compositor.Compile;
using Compositor.Graph;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Input;

/// <summary>
/// Image: a picture file (or a frame of a sequence) converted from its colorspace to linear and
/// premultiplied. Outputs the color (straight if <c>use_straight_alpha_output</c>) and its alpha.
/// </summary>
public sealed class ImageNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ImageNode() : base("CompositorNodeImage", "Input")
    {
    }

    /// <inheritdoc />
    public override string? Validate(GraphNode node, NodeGraph graph)
    {
        if (node.Image is not null) return null;
        if (!node.Properties.TryGetValue("image", out var image) || image.ValueKind != JsonValueKind.Object)
            return "an Image node needs an \"image\" object with a \"filepath\"";
        if (!image.TryGetProperty("filepath", out var fp) || fp.ValueKind != JsonValueKind.String || fp.GetString()!.Length == 0)
            return "image.filepath is missing";
        foreach (var key in new[] { "source", "colorspace", "alpha_mode" })
            if (image.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.String)
                return $"image.{key} must be a string, got {value.ValueKind}";
        if (image.TryGetProperty("source", out var src) && src.GetString() is not ("FILE" or "SEQUENCE"))
            return $"image.source '{src.GetString()}' is not supported (FILE or SEQUENCE)";
        if (image.TryGetProperty("colorspace", out var cs) && !ImageSource.IsKnownColorspace(cs.GetString() ?? ""))
            return $"image.colorspace '{cs.GetString()}' is not supported ({string.Join(", ", Operations.Color.ColorSpaces.All.Where(ImageSource.IsKnownColorspace))})";
        if (image.TryGetProperty("alpha_mode", out var am) && am.GetString() is not ("STRAIGHT" or "PREMUL" or "CHANNEL_PACKED" or "NONE"))
            return $"image.alpha_mode '{am.GetString()}' is not one of STRAIGHT, PREMUL, CHANNEL_PACKED, NONE";
        return null;
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        // An in-memory picture is already linear; the caller holds it, so nothing is cached.
        var (source, key) = context.Node.Image is { } memory
            ? (ImageSource.FromMemory(memory), $"memory:{memory.Id}")
            : LoadFile(context);
        bool straight = context.GetBool("use_straight_alpha_output");
        context.MapOutput("Image", context.AddOperation(new ImageOperation(source, straight ? ImageChannel.StraightColor : ImageChannel.Color, key)));
        context.MapOutput("Alpha", context.AddOperation(new ImageOperation(source, ImageChannel.Alpha, key), "alpha"));
    }

    private static (ImageSource Source, string Key) LoadFile(NodeConverterContext context)
    {
        var image = context.GetObject("image") ?? throw context.Error("an Image node needs an \"image\" object", "image");
        string path = ResolveFrame(context, image);
        string colorspace = image.TryGetProperty("colorspace", out var cs) ? cs.GetString()! : "sRGB";
        string alphaMode = image.TryGetProperty("alpha_mode", out var am) ? am.GetString()! : ImageSource.DefaultAlphaMode(path);
        string key = $"{path}|{colorspace}|{alphaMode}";
        var limits = context.Settings.InputLimits;
        try
        {
            var source = context.Settings.Images.GetOrLoad(key, _ => ImageSource.Load(path, colorspace, alphaMode, limits));
            limits.EnsureWithinLimits(path, source.Width, source.Height);
            return (source, key);
        }
        catch (NotSupportedException e)
        {
            throw context.Error($"cannot read image '{path}': {e.Message}", "image.filepath", e);
        }
        catch (InsufficientMemoryException e)
        {
            throw new InsufficientMemoryException($"cannot read image '{path}': {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Codecs.ImageFormatException)
        {
            throw context.InputError($"cannot read image '{path}': {e.Message}", path, "image.filepath", e);
        }
    }

    /// <summary>The file to read: the path itself, or for a sequence the frame Blender would pick with <c>#</c> replaced.</summary>
    private static string ResolveFrame(NodeConverterContext context, JsonElement image)
    {
        string path = context.ResolvePath(image.GetProperty("filepath").GetString()!);
        if (!image.TryGetProperty("source", out var src) || src.GetString() != "SEQUENCE") return path;
        int frame = SequenceFrame(context.Settings.Scene.FrameCurrent, context.GetInt("frame_start"), context.GetInt("frame_duration"),
            context.GetInt("frame_offset"), context.GetBool("use_cyclic"));
        string file = Path.GetFileName(path);
        int end = file.LastIndexOf('#');
        if (end < 0) throw context.Error("a SEQUENCE image's filepath needs # characters for the frame number", "image.filepath");
        int start = end;
        while (start > 0 && file[start - 1] == '#') start--;
        string number = frame.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(end - start + 1, '0');
        string resolved = Path.Combine(Path.GetDirectoryName(path)!, file[..start] + number + file[(end + 1)..]);
        if (!File.Exists(resolved)) throw context.InputError($"frame {frame} of the sequence is missing: '{resolved}'", resolved, "image.filepath");
        return resolved;
    }

    /// <summary>The image frame for scene frame <paramref name="sceneFrame"/> (Blender's image user frame rule).</summary>
    internal static int SequenceFrame(int sceneFrame, int start, int duration, int offset, bool cyclic)
    {
        if (duration <= 0) return sceneFrame + offset;
        int frame = sceneFrame - start + 1;
        if (cyclic)
        {
            frame %= duration;
            if (frame < 0) frame += duration;
            if (frame == 0) frame = duration;
        }

        frame = Math.Clamp(frame, 0, duration);
        return frame + offset;
    }
}
