using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Compositor.Codecs.Exr;

namespace Compositor.Nodes.Output;

/// <summary>The file formats a File Output node can write.</summary>
public enum FileOutputFileFormat
{
    /// <summary>PNG, 8 or 16 bits, display-referred (sRGB).</summary>
    Png,

    /// <summary>Single-layer OpenEXR, half or float, linear.</summary>
    OpenExr,

    /// <summary>One multi-layer OpenEXR file holding a layer per slot.</summary>
    OpenExrMultilayer,
}

/// <summary>The channels a File Output writes (Blender's <c>color_mode</c>).</summary>
public enum FileOutputColorMode
{
    /// <summary>One gray channel (PNG only in Blender 3.4's nodes).</summary>
    Bw,

    /// <summary>Red, green, blue.</summary>
    Rgb,

    /// <summary>Red, green, blue, alpha.</summary>
    Rgba,
}

/// <summary>
/// A File Output image format (Blender's ImageFormatSettings as a node or slot <c>format</c>): file
/// format, bit depth, channels, EXR codec and PNG compression. Only what the codecs can write is
/// accepted; everything else is rejected with a message naming it.
/// </summary>
public sealed record FileOutputFormat
{
    /// <summary>The file format identifiers Blender 3.4 offers that the codecs cannot write.</summary>
    public static readonly IReadOnlyList<string> UnsupportedFileFormats =
        ["BMP", "IRIS", "JPEG", "JPEG2000", "TARGA", "TARGA_RAW", "CINEON", "DPX", "HDR", "TIFF", "WEBP", "AVI_JPEG", "AVI_RAW", "FFMPEG"];

    /// <summary>The EXR codecs Blender 3.4 offers that the EXR writer lacks.</summary>
    public static readonly IReadOnlyList<string> UnsupportedExrCodecs = ["PXR24", "PIZ", "B44", "B44A", "DWAA", "DWAB"];

    private static readonly HashSet<string> KnownKeys =
        ["file_format", "color_depth", "color_mode", "exr_codec", "compression", "quality", "use_preview", "use_zbuffer", "tiff_codec", "color_management"];

    /// <summary>
    /// The format a new File Output node gets in the reference set-up (it copies the scene's output
    /// format, which renders save as OpenEXR float, ZIP, RGBA).
    /// </summary>
    public static FileOutputFormat Default { get; } = new();

    /// <summary>The file format.</summary>
    public FileOutputFileFormat FileFormat { get; init; } = FileOutputFileFormat.OpenExr;

    /// <summary>Bits per channel: PNG 8 or 16, EXR 16 (half) or 32 (float).</summary>
    public int Depth { get; init; } = 32;

    /// <summary>The channels written.</summary>
    public FileOutputColorMode ColorMode { get; init; } = FileOutputColorMode.Rgba;

    /// <summary>The EXR compression.</summary>
    public ExrCompression ExrCodec { get; init; } = ExrCompression.Zip;

    /// <summary>PNG compression in percent (0..100).</summary>
    public int Compression { get; init; } = 15;

    /// <summary>The file extension Blender appends (".png" or ".exr").</summary>
    public string Extension => FileFormat == FileOutputFileFormat.Png ? ".png" : ".exr";

    /// <summary>The deflate effort matching <see cref="Compression"/>.</summary>
    public CompressionLevel PngLevel => Compression switch
    {
        <= 0 => CompressionLevel.NoCompression,
        < 50 => CompressionLevel.Fastest,
        < 90 => CompressionLevel.Optimal,
        _ => CompressionLevel.SmallestSize,
    };

    /// <summary>
    /// Reads a <c>format</c> object; keys it does not give keep <paramref name="fallback"/>'s values
    /// (a slot's format starts as a copy of the node's).
    /// </summary>
    /// <exception cref="FormatException">A key is unknown, malformed, or names something the codecs cannot write.</exception>
    public static FileOutputFormat Parse(JsonElement e, FileOutputFormat fallback)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("expected an object");
        foreach (var p in e.EnumerateObject())
            if (!KnownKeys.Contains(p.Name)) throw new FormatException($"unknown key '{p.Name}'");

        var result = fallback;
        bool formatChanged = false;
        if (e.TryGetProperty("file_format", out var ff))
        {
            string name = Text(ff, "file_format");
            var format = name switch
            {
                "PNG" => FileOutputFileFormat.Png,
                "OPEN_EXR" => FileOutputFileFormat.OpenExr,
                "OPEN_EXR_MULTILAYER" => FileOutputFileFormat.OpenExrMultilayer,
                _ when UnsupportedFileFormats.Contains(name) => throw new FormatException(
                    $"file_format: '{name}' is not supported (supported: PNG, OPEN_EXR, OPEN_EXR_MULTILAYER)"),
                _ => throw new FormatException($"file_format: unknown value '{name}'"),
            };
            formatChanged = format != result.FileFormat;
            result = result with { FileFormat = format };
        }

        if (e.TryGetProperty("color_depth", out var cd))
        {
            string depth = cd.ValueKind == JsonValueKind.Number ? cd.GetInt32().ToString(CultureInfo.InvariantCulture) : Text(cd, "color_depth");
            result = result with { Depth = depth switch
            {
                "8" or "16" when result.FileFormat == FileOutputFileFormat.Png => int.Parse(depth, CultureInfo.InvariantCulture),
                "16" or "32" when result.FileFormat != FileOutputFileFormat.Png => int.Parse(depth, CultureInfo.InvariantCulture),
                _ => throw new FormatException($"color_depth: '{depth}' is not a depth of {Identifier(result.FileFormat)} (use {(result.FileFormat == FileOutputFileFormat.Png ? "8 or 16" : "16 or 32")})"),
            } };
        }
        else if (formatChanged && !ValidDepth(result.FileFormat, result.Depth))
        {
            // Blender switches to the format's first valid depth when the current one does not fit.
            result = result with { Depth = result.FileFormat == FileOutputFileFormat.Png ? 16 : 32 };
        }

        if (e.TryGetProperty("color_mode", out var cm))
        {
            string mode = Text(cm, "color_mode");
            result = result with { ColorMode = mode switch
            {
                "BW" when result.FileFormat == FileOutputFileFormat.Png => FileOutputColorMode.Bw,
                "RGB" => FileOutputColorMode.Rgb,
                "RGBA" => FileOutputColorMode.Rgba,
                "BW" => throw new FormatException($"color_mode: 'BW' is not available for {Identifier(result.FileFormat)} (use RGB or RGBA)"),
                _ => throw new FormatException($"color_mode: unknown value '{mode}'"),
            } };
        }
        else if (result.ColorMode == FileOutputColorMode.Bw && result.FileFormat != FileOutputFileFormat.Png)
        {
            result = result with { ColorMode = FileOutputColorMode.Rgba };
        }

        if (e.TryGetProperty("exr_codec", out var codec))
        {
            string name = Text(codec, "exr_codec");
            result = result with { ExrCodec = name switch
            {
                "NONE" => ExrCompression.None,
                "ZIP" => ExrCompression.Zip,
                "ZIPS" => ExrCompression.Zips,
                "RLE" => ExrCompression.Rle,
                _ when UnsupportedExrCodecs.Contains(name) && result.FileFormat == FileOutputFileFormat.Png => result.ExrCodec,
                _ when UnsupportedExrCodecs.Contains(name) => throw new FormatException(
                    $"exr_codec: '{name}' is not supported by the EXR writer (supported: NONE, ZIP, ZIPS, RLE)"),
                _ => throw new FormatException($"exr_codec: unknown value '{name}'"),
            } };
        }

        if (e.TryGetProperty("compression", out var c))
        {
            if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out int percent) || percent is < 0 or > 100)
                throw new FormatException("compression: expected an integer 0..100");
            result = result with { Compression = percent };
        }

        if (e.TryGetProperty("color_management", out var colorManagement) && Text(colorManagement, "color_management") != "FOLLOW_SCENE")
            throw new FormatException("color_management: only FOLLOW_SCENE is supported");
        if (e.TryGetProperty("use_zbuffer", out var z) && z.ValueKind == JsonValueKind.True)
            throw new FormatException("use_zbuffer: writing a Z channel is not supported (a File Output has no Z input)");
        return result;
    }

    /// <summary>Blender's identifier of a file format.</summary>
    public static string Identifier(FileOutputFileFormat format) => format switch
    {
        FileOutputFileFormat.Png => "PNG",
        FileOutputFileFormat.OpenExr => "OPEN_EXR",
        _ => "OPEN_EXR_MULTILAYER",
    };

    private static bool ValidDepth(FileOutputFileFormat format, int depth) =>
        format == FileOutputFileFormat.Png ? depth is 8 or 16 : depth is 16 or 32;

    private static string Text(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"{key}: expected a string");
}
