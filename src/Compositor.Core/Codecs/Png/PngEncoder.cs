using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Compositor.Codecs.Png;

/// <summary>
/// Writes 8- or 16-bit gray, gray+alpha, RGB or RGBA PNG files from RGBA floats that are already
/// encoded (0..1, e.g. sRGB): values are clamped to 0..1 and rounded to the nearest code.
/// </summary>
public static class PngEncoder
{
    /// <summary>Size of the IDAT chunks the encoder emits.</summary>
    private const int IdatChunkSize = 256 * 1024;

    /// <summary>
    /// Encodes a <paramref name="width"/> x <paramref name="height"/> image of interleaved RGBA floats
    /// (rows top to bottom) to <paramref name="output"/>. Uses <see cref="ImageWriteOptions.Channels"/>,
    /// <see cref="ImageWriteOptions.BitDepth"/> (8 or 16), <see cref="ImageWriteOptions.PngCompressionLevel"/>
    /// and <see cref="ImageWriteOptions.PngFilter"/>.
    /// </summary>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= ImageWriteOptions.Default;
        EncoderInput.Validate(width, height, rgba, PngFormat.MaxPixels);
        int bitDepth = options.BitDepth ?? 8;
        if (bitDepth is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(options), $"PNG bit depth must be 8 or 16, not {bitDepth}");
        var colorType = options.Channels switch
        {
            ImageChannels.Gray => PngColorType.Gray,
            ImageChannels.GrayAlpha => PngColorType.GrayAlpha,
            ImageChannels.Rgb => PngColorType.Rgb,
            ImageChannels.Rgba => PngColorType.Rgba,
            _ => throw new ArgumentOutOfRangeException(nameof(options), $"unknown channel layout {options.Channels}"),
        };

        output.Write(PngFormat.Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colorType;
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // not interlaced
        WriteChunk(output, "IHDR", header);

        using (var idat = new IdatStream(output, IdatChunkSize))
        {
            using (var deflater = new ZLibStream(idat, options.PngCompressionLevel, leaveOpen: true))
                WriteRows(deflater, width, height, rgba, options.Channels, bitDepth, colorType, options.PngFilter);
            idat.Flush();
        }
        WriteChunk(output, "IEND", []);
    }

    private static void WriteRows(Stream deflater, int width, int height, ReadOnlySpan<float> rgba,
        ImageChannels channels, int bitDepth, PngColorType colorType, PngFilterStrategy strategy)
    {
        int rowBytes = (int)PngFormat.RowBytes(width, colorType, bitDepth);
        int stride = PngFormat.FilterStride(colorType, bitDepth);
        var row = new byte[rowBytes];
        var previous = new byte[rowBytes];
        // One buffer per candidate filter, each with its filter-type byte in front.
        var candidates = new byte[5][];
        for (int f = 0; f < candidates.Length; f++) candidates[f] = new byte[rowBytes + 1];

        for (int y = 0; y < height; y++)
        {
            var pixels = rgba.Slice(y * width * 4, width * 4);
            if (bitDepth == 8) PackRow8(pixels, channels, row);
            else PackRow16(pixels, channels, row);

            byte filter = strategy switch
            {
                PngFilterStrategy.None => PngFilters.None,
                PngFilterStrategy.Sub => PngFilters.Sub,
                PngFilterStrategy.Up => PngFilters.Up,
                PngFilterStrategy.Average => PngFilters.Average,
                PngFilterStrategy.Paeth => PngFilters.Paeth,
                _ => ChooseFilter(row, previous, stride, candidates),
            };
            var chosen = candidates[filter];
            if (strategy != PngFilterStrategy.Adaptive)
                PngFilters.Apply(filter, row, previous, stride, chosen.AsSpan(1));
            chosen[0] = filter;
            deflater.Write(chosen);
            (row, previous) = (previous, row);
        }
    }

    /// <summary>Filters the row every way and returns the filter with the lowest cost; each candidate buffer keeps its result.</summary>
    private static byte ChooseFilter(byte[] row, byte[] previous, int stride, byte[][] candidates)
    {
        byte best = 0;
        long bestCost = long.MaxValue;
        for (byte f = 0; f < candidates.Length; f++)
        {
            var filtered = candidates[f].AsSpan(1);
            PngFilters.Apply(f, row, previous, stride, filtered);
            long cost = PngFilters.Cost(filtered);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = f;
            }
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Clamp01(float v) => v >= 0f ? (v <= 1f ? v : 1f) : 0f; // NaN goes to 0

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte To8(float v) => (byte)(Clamp01(v) * 255f + 0.5f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort To16(float v) => (ushort)(Clamp01(v) * 65535f + 0.5f);

    private static void PackRow8(ReadOnlySpan<float> pixels, ImageChannels channels, Span<byte> row)
    {
        int count = pixels.Length / 4;
        switch (channels)
        {
            case ImageChannels.Rgba:
                for (int i = 0; i < pixels.Length; i++) row[i] = To8(pixels[i]);
                break;
            case ImageChannels.Rgb:
                for (int i = 0; i < count; i++)
                {
                    row[3 * i] = To8(pixels[4 * i]);
                    row[3 * i + 1] = To8(pixels[4 * i + 1]);
                    row[3 * i + 2] = To8(pixels[4 * i + 2]);
                }
                break;
            case ImageChannels.GrayAlpha:
                for (int i = 0; i < count; i++)
                {
                    row[2 * i] = To8(EncoderInput.Gray(pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2]));
                    row[2 * i + 1] = To8(pixels[4 * i + 3]);
                }
                break;
            default:
                for (int i = 0; i < count; i++)
                    row[i] = To8(EncoderInput.Gray(pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2]));
                break;
        }
    }

    private static void PackRow16(ReadOnlySpan<float> pixels, ImageChannels channels, Span<byte> row)
    {
        int count = pixels.Length / 4;
        switch (channels)
        {
            case ImageChannels.Rgba:
                for (int i = 0; i < pixels.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(row[(2 * i)..], To16(pixels[i]));
                break;
            case ImageChannels.Rgb:
                for (int i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(row[(6 * i)..], To16(pixels[4 * i]));
                    BinaryPrimitives.WriteUInt16BigEndian(row[(6 * i + 2)..], To16(pixels[4 * i + 1]));
                    BinaryPrimitives.WriteUInt16BigEndian(row[(6 * i + 4)..], To16(pixels[4 * i + 2]));
                }
                break;
            case ImageChannels.GrayAlpha:
                for (int i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(row[(4 * i)..], To16(EncoderInput.Gray(pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2])));
                    BinaryPrimitives.WriteUInt16BigEndian(row[(4 * i + 2)..], To16(pixels[4 * i + 3]));
                }
                break;
            default:
                for (int i = 0; i < count; i++)
                    BinaryPrimitives.WriteUInt16BigEndian(row[(2 * i)..], To16(EncoderInput.Gray(pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2])));
                break;
        }
    }

    /// <summary>Writes one chunk: length, type, data, CRC of type and data.</summary>
    internal static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(prefix, data.Length);
        for (int i = 0; i < 4; i++) prefix[4 + i] = (byte)type[i];
        uint crc = Crc32.Append(Crc32.Compute(prefix[4..]), data);
        Span<byte> suffix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(suffix, crc);
        output.Write(prefix);
        output.Write(data);
        output.Write(suffix);
    }

    /// <summary>A write-only stream that packs what the deflater produces into IDAT chunks of a fixed size.</summary>
    private sealed class IdatStream(Stream output, int chunkSize) : Stream
    {
        private readonly byte[] _buffer = new byte[chunkSize];
        private int _filled;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                int take = Math.Min(data.Length, _buffer.Length - _filled);
                data[..take].CopyTo(_buffer.AsSpan(_filled));
                _filled += take;
                data = data[take..];
                if (_filled == _buffer.Length) EmitChunk();
            }
        }

        /// <summary>Emits what is buffered as a (possibly short) IDAT chunk.</summary>
        public override void Flush()
        {
            if (_filled > 0) EmitChunk();
        }

        private void EmitChunk()
        {
            WriteChunk(output, "IDAT", _buffer.AsSpan(0, _filled));
            _filled = 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
