using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Compositor.Codecs;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Builds PNG files chunk by chunk, so tests can produce exactly the (broken) structure they need.</summary>
internal static class PngTestFiles
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Chunk(string type, byte[] data, bool breakCrc = false)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        uint crc = Crc32.Compute(chunk.AsSpan(4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), breakCrc ? ~crc : crc);
        return chunk;
    }

    public static byte[] File(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    public static byte[] Ihdr(int width, int height, int bitDepth, int colorType, int interlace = 0)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = (byte)bitDepth;
        data[9] = (byte)colorType;
        data[12] = (byte)interlace;
        return Chunk("IHDR", data);
    }

    public static byte[] Zlib(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var deflater = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) deflater.Write(raw);
        return buffer.ToArray();
    }

    public static byte[] Idat(byte[] raw) => Chunk("IDAT", Zlib(raw));

    public static byte[] Iend() => Chunk("IEND", []);

    /// <summary>A valid 2x2 8-bit gray image whose rows use filter None: 10 20 / 30 40.</summary>
    public static byte[] TinyGray(params byte[][] extraChunksBeforeIdat) =>
        File([Ihdr(2, 2, 8, 0), .. extraChunksBeforeIdat, Idat([0, 10, 20, 0, 30, 40]), Iend()]);

    /// <summary>Chunk (type, offset of its length field, data length) for each chunk of a PNG file.</summary>
    public static List<(string Type, int Offset, int Length)> Chunks(byte[] png)
    {
        var list = new List<(string, int, int)>();
        for (int pos = 8; pos + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            if (length < 0 || length > png.Length - pos - 12) break;
            list.Add((Encoding.ASCII.GetString(png, pos + 4, 4), pos, length));
            pos += 12 + length;
        }
        return list;
    }

    /// <summary>Recomputes every chunk's CRC, so corruption inside chunk data reaches the decoder's later checks.</summary>
    public static void FixCrcs(byte[] png)
    {
        foreach (var (_, offset, length) in Chunks(png))
        {
            if (offset + 12 + length > png.Length || length < 0) break;
            uint crc = Crc32.Compute(png.AsSpan(offset + 4, 4 + length));
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(offset + 8 + length), crc);
        }
    }
}
