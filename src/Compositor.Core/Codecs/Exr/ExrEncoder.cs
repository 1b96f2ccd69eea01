using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Compositor.Codecs.Exr;

/// <summary>
/// Writes single-part scanline OpenEXR files (compression NONE, RLE, ZIPS or ZIP; half or float
/// channels RGBA, RGB, Y or YA) from RGBA floats, rows top to bottom.
/// </summary>
public static class ExrEncoder
{
    /// <summary>
    /// Encodes a <paramref name="width"/> x <paramref name="height"/> image of interleaved RGBA floats to
    /// <paramref name="output"/>. Uses <see cref="ImageWriteOptions.Channels"/>, <see cref="ImageWriteOptions.BitDepth"/>
    /// (16 = half, default; 32 = float), <see cref="ImageWriteOptions.ExrCompression"/> and <see cref="ImageWriteOptions.ExrZipLevel"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The compression is not one the encoder writes.</exception>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= ImageWriteOptions.Default;
        EncoderInput.Validate(width, height, rgba, ExrHeader.MaxPixels);
        var pixelType = (options.BitDepth ?? 16) switch
        {
            16 => ExrPixelType.Half,
            32 => ExrPixelType.Float,
            var depth => throw new ArgumentOutOfRangeException(nameof(options), $"EXR bit depth must be 16 (half) or 32 (float), not {depth}"),
        };
        var compression = options.ExrCompression;
        if (compression is not (ExrCompression.None or ExrCompression.Rle or ExrCompression.Zips or ExrCompression.Zip))
            throw new NotSupportedException($"EXR: writing compression {compression.ToString().ToUpperInvariant()} is not supported");

        var channels = ChannelsFor(options.Channels);
        int linesPerBlock = ExrHeader.LinesPerBlock(compression);
        int blockCount = (height + linesPerBlock - 1) / linesPerBlock;

        // Compress every block first: the offset table in front of them needs their sizes.
        var blocks = CompressBlocks(width, height, rgba, channels, pixelType, compression, options.ExrZipLevel);

        byte[] header = BuildHeader(width, height, channels, pixelType, compression);
        output.Write(header);
        long offset = header.Length + 8L * blockCount;
        Span<byte> entry = stackalloc byte[8];
        foreach (var block in blocks)
        {
            BinaryPrimitives.WriteInt64LittleEndian(entry, offset);
            output.Write(entry);
            offset += block.Length;
        }
        foreach (var block in blocks) output.Write(block);
    }

    /// <summary>Packs and compresses every scanline block, in parallel: blocks are independent.</summary>
    private static unsafe byte[][] CompressBlocks(int width, int height, ReadOnlySpan<float> rgba,
        (string Name, int Component)[] channels, ExrPixelType pixelType, ExrCompression compression, CompressionLevel zipLevel)
    {
        int linesPerBlock = ExrHeader.LinesPerBlock(compression);
        int blockCount = (height + linesPerBlock - 1) / linesPerBlock;
        var blocks = new byte[blockCount][];
        // A span cannot be captured by the worker lambda; the pixels stay pinned for the whole call instead.
        fixed (float* pinned = rgba)
        {
            var pixels = (IntPtr)pinned;
            CodecParallel.For(blockCount,
                () => new BlockEncoder(width, Math.Min(height, linesPerBlock), channels, pixelType, compression, zipLevel),
                (encoder, b) =>
                {
                    int y0 = b * linesPerBlock;
                    int lines = Math.Min(linesPerBlock, height - y0);
                    var block = new ReadOnlySpan<float>((float*)pixels + (long)y0 * width * 4, lines * width * 4);
                    blocks[b] = encoder.Encode(block, y0, lines);
                });
        }
        return blocks;
    }

    /// <summary>Channel names in the sorted order OpenEXR requires, each with the RGBA component it comes from (-1 = gray).</summary>
    private static (string Name, int Component)[] ChannelsFor(ImageChannels channels) => channels switch
    {
        ImageChannels.Rgba => [("A", 3), ("B", 2), ("G", 1), ("R", 0)],
        ImageChannels.Rgb => [("B", 2), ("G", 1), ("R", 0)],
        ImageChannels.GrayAlpha => [("A", 3), ("Y", -1)],
        ImageChannels.Gray => [("Y", -1)],
        _ => throw new ArgumentOutOfRangeException(nameof(channels), $"unknown channel layout {channels}"),
    };

    private static byte[] BuildHeader(int width, int height, (string Name, int Component)[] channels, ExrPixelType pixelType, ExrCompression compression)
    {
        using var header = new MemoryStream();
        var writer = new BinaryWriter(header, Encoding.UTF8);
        writer.Write(ExrHeader.Magic);
        writer.Write(2); // version 2, single-part scanline, short names

        // Attributes in alphabetical order, as OpenEXR's own writer emits them.
        using (var list = new MemoryStream())
        {
            var listWriter = new BinaryWriter(list, Encoding.UTF8);
            foreach (var (name, _) in channels)
            {
                listWriter.Write(Encoding.UTF8.GetBytes(name));
                listWriter.Write((byte)0);
                listWriter.Write((int)pixelType);
                listWriter.Write(0); // pLinear = 0 and three reserved bytes
                listWriter.Write(1); // xSampling
                listWriter.Write(1); // ySampling
            }
            listWriter.Write((byte)0);
            WriteAttribute(writer, "channels", "chlist", list.ToArray());
        }
        WriteAttribute(writer, "compression", "compression", [(byte)compression]);
        var window = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(window.AsSpan(8), width - 1);
        BinaryPrimitives.WriteInt32LittleEndian(window.AsSpan(12), height - 1);
        WriteAttribute(writer, "dataWindow", "box2i", window);
        WriteAttribute(writer, "displayWindow", "box2i", window);
        WriteAttribute(writer, "lineOrder", "lineOrder", [(byte)ExrLineOrder.IncreasingY]);
        WriteAttribute(writer, "pixelAspectRatio", "float", BitConverter.GetBytes(1f));
        WriteAttribute(writer, "screenWindowCenter", "v2f", new byte[8]);
        WriteAttribute(writer, "screenWindowWidth", "float", BitConverter.GetBytes(1f));
        writer.Write((byte)0);
        writer.Flush();
        return header.ToArray();
    }

    private static void WriteAttribute(BinaryWriter writer, string name, string type, byte[] value)
    {
        writer.Write(Encoding.UTF8.GetBytes(name));
        writer.Write((byte)0);
        writer.Write(Encoding.UTF8.GetBytes(type));
        writer.Write((byte)0);
        writer.Write(value.Length);
        writer.Write(value);
    }

    /// <summary>Packs and compresses scanline blocks, reusing its buffers from block to block.</summary>
    private sealed class BlockEncoder
    {
        private readonly int _width;
        private readonly (string Name, int Component)[] _channels;
        private readonly ExrPixelType _pixelType;
        private readonly ExrCompression _compression;
        private readonly CompressionLevel _zipLevel;
        private readonly byte[] _raw;
        private readonly byte[] _predicted;
        private readonly byte[] _packed;

        public BlockEncoder(int width, int maxLines, (string Name, int Component)[] channels, ExrPixelType pixelType, ExrCompression compression, CompressionLevel zipLevel)
        {
            _width = width;
            _channels = channels;
            _pixelType = pixelType;
            _compression = compression;
            _zipLevel = zipLevel;
            int bytesPerSample = pixelType == ExrPixelType.Half ? 2 : 4;
            long maxRawLong = (long)width * channels.Length * bytesPerSample * maxLines;
            if (maxRawLong > Array.MaxLength / 2)
                throw new ArgumentOutOfRangeException(nameof(width), $"EXR: a block of {maxLines} lines of width {width} is too large to encode");
            int maxRaw = (int)maxRawLong;
            _raw = new byte[maxRaw];
            _predicted = new byte[maxRaw];
            // RLE can grow incompressible data by 1 byte in 127; such blocks are stored raw anyway.
            _packed = new byte[maxRaw + maxRaw / 64 + 16];
        }

        /// <summary>The chunk for <paramref name="lines"/> scanlines starting at <paramref name="y0"/>: y, size, data.</summary>
        public byte[] Encode(ReadOnlySpan<float> rgba, int y0, int lines)
        {
            int rawLength = PackLines(rgba, lines);
            var raw = _raw.AsSpan(0, rawLength);
            ReadOnlySpan<byte> data = raw;
            if (_compression != ExrCompression.None)
            {
                ExrCompressors.SplitAndPredict(raw, _predicted.AsSpan(0, rawLength));
                var predicted = _predicted.AsSpan(0, rawLength);
                int packedLength = _compression == ExrCompression.Rle
                    ? ExrCompressors.RleCompress(predicted, _packed)
                    : Deflate(predicted);
                // Readers take a chunk whose size equals the raw size as uncompressed, so only smaller results count.
                if (packedLength >= 0 && packedLength < rawLength) data = _packed.AsSpan(0, packedLength);
            }
            var chunk = new byte[8 + data.Length];
            BinaryPrimitives.WriteInt32LittleEndian(chunk, y0);
            BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), data.Length);
            data.CopyTo(chunk.AsSpan(8));
            return chunk;
        }

        private int Deflate(ReadOnlySpan<byte> data)
        {
            using var buffer = new MemoryStream(_packed, writable: true);
            try
            {
                using (var deflater = new ZLibStream(buffer, _zipLevel, leaveOpen: true)) deflater.Write(data);
                return (int)buffer.Position;
            }
            catch (NotSupportedException)
            {
                return -1; // larger than the buffer: incompressible, store raw
            }
        }

        /// <summary>Writes the lines as OpenEXR lays them out: per line, each channel's samples in turn.</summary>
        private int PackLines(ReadOnlySpan<float> rgba, int lines)
        {
            int at = 0;
            for (int line = 0; line < lines; line++)
            {
                var pixels = rgba.Slice(line * _width * 4, _width * 4);
                foreach (var (_, component) in _channels)
                {
                    for (int x = 0; x < _width; x++)
                    {
                        float value = component >= 0
                            ? pixels[4 * x + component]
                            : EncoderInput.Gray(pixels[4 * x], pixels[4 * x + 1], pixels[4 * x + 2]);
                        if (_pixelType == ExrPixelType.Half)
                        {
                            BinaryPrimitives.WriteUInt16LittleEndian(_raw.AsSpan(at), HalfTable.ToHalfBits(value));
                            at += 2;
                        }
                        else
                        {
                            BinaryPrimitives.WriteSingleLittleEndian(_raw.AsSpan(at), value);
                            at += 4;
                        }
                    }
                }
            }
            return at;
        }
    }
}
