namespace Compositor.Codecs.Exr;

/// <summary>PIZ (wavelet + Huffman) decompression.</summary>
internal static class ExrPiz
{
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> dest, ExrBlockRect rect, ExrChannelInfo[] channels, ExrBlockLayout layout, int chunk)
    {
        throw new NotSupportedException("EXR: unsupported compression PIZ");
    }
}
