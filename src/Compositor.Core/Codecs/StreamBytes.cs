namespace Compositor.Codecs;

/// <summary>Reads whole streams into memory for the decoders, which work on byte arrays.</summary>
internal static class StreamBytes
{
    /// <summary>Reads <paramref name="stream"/> from its current position to the end.</summary>
    public static byte[] ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > Array.MaxLength)
                throw new ImageFormatException($"file of {remaining} bytes is larger than the codecs support ({Array.MaxLength} bytes)");
            var data = new byte[remaining];
            stream.ReadExactly(data);
            return data;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
