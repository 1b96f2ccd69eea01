using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Compositor.Codecs.Exr;

/// <summary>A channel to write: its full name (e.g. <c>ViewLayer.Depth.Z</c>), samples and storage type.</summary>
/// <param name="Name">Channel name; names must be unique.</param>
/// <param name="Values">Samples, width x height, rows top to bottom.</param>
/// <param name="PixelType">Half (default) or float; uint is not written.</param>
public sealed record ExrOutputChannel(string Name, ReadOnlyMemory<float> Values, ExrPixelType PixelType = ExrPixelType.Half);

/// <summary>
/// Writes single-part scanline OpenEXR files with compression NONE, RLE, ZIPS, ZIP or PIZ: from RGBA
/// floats (channels RGBA, RGB, Y or YA), or from any set of named planar channels (layers).
/// </summary>
public static class ExrEncoder
{
    /// <summary>
    /// Encodes a <paramref name="width"/> x <paramref name="height"/> image of interleaved RGBA floats to
    /// <paramref name="output"/>. Uses <see cref="ImageWriteOptions.Channels"/>, <see cref="ImageWriteOptions.BitDepth"/>
    /// (16 = half, default; 32 = float), <see cref="ImageWriteOptions.ExrCompression"/> and <see cref="ImageWriteOptions.ExrZipLevel"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The compression is not one the encoder writes.</exception>
    public static unsafe void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
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
        CheckCompression(options.ExrCompression);

        fixed (float* pixels = rgba)
        {
            // Channel names in the sorted order OpenEXR requires, each reading one RGBA component (-1 = gray).
            (string Name, int Component)[] layout = options.Channels switch
            {
                ImageChannels.Rgba => [("A", 3), ("B", 2), ("G", 1), ("R", 0)],
                ImageChannels.Rgb => [("B", 2), ("G", 1), ("R", 0)],
                ImageChannels.GrayAlpha => [("A", 3), ("Y", ChannelSource.Gray)],
                ImageChannels.Gray => [("Y", ChannelSource.Gray)],
                _ => throw new ArgumentOutOfRangeException(nameof(options), $"unknown channel layout {options.Channels}"),
            };
            var sources = new ChannelSource[layout.Length];
            for (int i = 0; i < layout.Length; i++) sources[i] = new ChannelSource(layout[i].Name, pixelType, (nint)pixels, 4, layout[i].Component);
            Write(output, width, height, sources, options.ExrCompression, options.ExrZipLevel);
        }
    }

    /// <summary>
    /// Encodes named planar channels (for example several layers and passes) as one scanline image;
    /// every channel holds <paramref name="width"/> x <paramref name="height"/> samples.
    /// </summary>
    /// <exception cref="ArgumentException">No channels, duplicate or empty names, or a channel of the wrong size.</exception>
    /// <exception cref="NotSupportedException">The compression is not one the encoder writes.</exception>
    public static unsafe void EncodeChannels(Stream output, int width, int height, IReadOnlyList<ExrOutputChannel> channels,
        ExrCompression compression = ExrCompression.Zip, CompressionLevel zipLevel = CompressionLevel.Optimal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height > ExrHeader.MaxPixels)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} exceeds the limit of {ExrHeader.MaxPixels} pixels");
        if (channels.Count == 0) throw new ArgumentException("an EXR image needs at least one channel", nameof(channels));
        CheckCompression(compression);
        var sorted = channels.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            var channel = sorted[i];
            if (string.IsNullOrEmpty(channel.Name) || channel.Name.Contains('\0') || Encoding.UTF8.GetByteCount(channel.Name) > 255)
                throw new ArgumentException($"invalid EXR channel name '{channel.Name}'", nameof(channels));
            if (i > 0 && sorted[i - 1].Name == channel.Name)
                throw new ArgumentException($"EXR channel '{channel.Name}' is given twice", nameof(channels));
            if (channel.Values.Length != (long)width * height)
                throw new ArgumentException($"EXR channel '{channel.Name}' has {channel.Values.Length} samples, expected {(long)width * height}", nameof(channels));
            if (channel.PixelType is not (ExrPixelType.Half or ExrPixelType.Float))
                throw new ArgumentException($"EXR channel '{channel.Name}': only half and float channels are written", nameof(channels));
        }

        var pins = new MemoryHandle[sorted.Length];
        try
        {
            var sources = new ChannelSource[sorted.Length];
            for (int i = 0; i < sorted.Length; i++)
            {
                pins[i] = sorted[i].Values.Pin();
                sources[i] = new ChannelSource(sorted[i].Name, sorted[i].PixelType, (nint)pins[i].Pointer, 1, 0);
            }
            Write(output, width, height, sources, compression, zipLevel);
        }
        finally
        {
            foreach (var pin in pins) pin.Dispose();
        }
    }

    private static void CheckCompression(ExrCompression compression)
    {
        if (compression is not (ExrCompression.None or ExrCompression.Rle or ExrCompression.Zips or ExrCompression.Zip or ExrCompression.Piz))
            throw new NotSupportedException($"EXR: writing compression {compression.ToString().ToUpperInvariant()} is not supported");
    }

    /// <summary>
    /// Where a channel's samples come from: pinned floats read with a stride (4 for interleaved
    /// RGBA, 1 for a plane), one component, or Rec.709 gray of components 0..2.
    /// </summary>
    private readonly record struct ChannelSource(string Name, ExrPixelType PixelType, nint Data, int Stride, int Component)
    {
        public const int Gray = -1;

        public int BytesPerSample => PixelType == ExrPixelType.Half ? 2 : 4;
    }

    private static void Write(Stream output, int width, int height, ChannelSource[] channels, ExrCompression compression, CompressionLevel zipLevel)
    {
        // Compress every block first: the offset table in front of them needs their sizes.
        var blocks = CompressBlocks(width, height, channels, compression, zipLevel);
        byte[] header = BuildHeader(width, height, channels, compression);
        output.Write(header);
        long offset = header.Length + 8L * blocks.Length;
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
    private static byte[][] CompressBlocks(int width, int height, ChannelSource[] channels, ExrCompression compression, CompressionLevel zipLevel)
    {
        int linesPerBlock = ExrHeader.LinesPerBlock(compression);
        int blockCount = (height + linesPerBlock - 1) / linesPerBlock;
        var blocks = new byte[blockCount][];
        CodecParallel.For(blockCount,
            () => new BlockEncoder(width, Math.Min(height, linesPerBlock), channels, compression, zipLevel),
            (encoder, b) =>
            {
                int y0 = b * linesPerBlock;
                blocks[b] = encoder.Encode(y0, Math.Min(linesPerBlock, height - y0));
            });
        return blocks;
    }

    private static byte[] BuildHeader(int width, int height, ChannelSource[] channels, ExrCompression compression)
    {
        using var header = new MemoryStream();
        var writer = new BinaryWriter(header, Encoding.UTF8);
        writer.Write(ExrHeader.Magic);
        bool longNames = channels.Any(c => Encoding.UTF8.GetByteCount(c.Name) > 31);
        writer.Write(2 | (longNames ? ExrHeader.LongNamesFlag : 0)); // version 2, single-part scanline

        // Attributes in alphabetical order, as OpenEXR's own writer emits them.
        using (var list = new MemoryStream())
        {
            var listWriter = new BinaryWriter(list, Encoding.UTF8);
            foreach (var channel in channels)
            {
                listWriter.Write(Encoding.UTF8.GetBytes(channel.Name));
                listWriter.Write((byte)0);
                listWriter.Write((int)channel.PixelType);
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

    /// <summary>Packs and compresses scanline blocks, reusing its buffers from block to block (one per worker).</summary>
    private sealed class BlockEncoder
    {
        private readonly int _width;
        private readonly ChannelSource[] _channels;
        private readonly ExrCompression _compression;
        private readonly CompressionLevel _zipLevel;
        private readonly byte[] _raw;
        private readonly byte[] _predicted;
        private readonly byte[] _packed;
        private readonly int[] _bytesPerSample;

        public BlockEncoder(int width, int maxLines, ChannelSource[] channels, ExrCompression compression, CompressionLevel zipLevel)
        {
            _width = width;
            _channels = channels;
            _compression = compression;
            _zipLevel = zipLevel;
            _bytesPerSample = channels.Select(c => c.BytesPerSample).ToArray();
            long maxRawLong = (long)width * channels.Sum(c => c.BytesPerSample) * maxLines;
            if (maxRawLong > Array.MaxLength / 2)
                throw new ArgumentOutOfRangeException(nameof(width), $"EXR: a block of {maxLines} lines of width {width} is too large to encode");
            int maxRaw = (int)maxRawLong;
            _raw = new byte[maxRaw];
            _predicted = new byte[maxRaw];
            // RLE can grow incompressible data by 1 byte in 127; such blocks are stored raw anyway.
            _packed = new byte[maxRaw + maxRaw / 64 + 16];
        }

        /// <summary>The chunk for <paramref name="lines"/> scanlines starting at <paramref name="y0"/>: y, size, data.</summary>
        public byte[] Encode(int y0, int lines)
        {
            int rawLength = PackLines(y0, lines);
            var raw = _raw.AsSpan(0, rawLength);
            ReadOnlySpan<byte> data = raw;
            if (_compression == ExrCompression.Piz)
            {
                byte[] piz = ExrPizEncoder.Compress(raw, _width, lines, _bytesPerSample);
                if (piz.Length < rawLength) data = piz;
            }
            else if (_compression != ExrCompression.None)
            {
                var predicted = _predicted.AsSpan(0, rawLength);
                ExrCompressors.SplitAndPredict(raw, predicted);
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

        /// <summary>Writes the lines as OpenEXR lays them out: per line, each channel's samples in turn, little-endian.</summary>
        private unsafe int PackLines(int y0, int lines)
        {
            int at = 0;
            for (int y = y0; y < y0 + lines; y++)
            {
                foreach (var channel in _channels)
                {
                    float* line = (float*)channel.Data + (long)y * _width * channel.Stride;
                    int stride = channel.Stride;
                    var dest = _raw.AsSpan(at, _width * channel.BytesPerSample);
                    if (channel.PixelType == ExrPixelType.Half)
                    {
                        for (int x = 0; x < _width; x++)
                            BinaryPrimitives.WriteUInt16LittleEndian(dest[(2 * x)..], HalfTable.ToHalfBits(Sample(line + x * stride, channel.Component)));
                    }
                    else
                    {
                        for (int x = 0; x < _width; x++)
                            BinaryPrimitives.WriteSingleLittleEndian(dest[(4 * x)..], Sample(line + x * stride, channel.Component));
                    }
                    at += dest.Length;
                }
            }
            return at;
        }

        private static unsafe float Sample(float* pixel, int component) =>
            component == ChannelSource.Gray ? EncoderInput.Gray(pixel[0], pixel[1], pixel[2]) : pixel[component];
    }
}
