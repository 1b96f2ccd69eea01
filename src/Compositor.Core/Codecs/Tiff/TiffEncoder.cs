using System.Buffers.Binary;
using System.IO.Compression;

namespace Compositor.Codecs.Tiff;

/// <summary>
/// Encodes baseline TIFF files (little-endian, chunky strips of about 64 KiB): 8 or 16-bit
/// unsigned integer or 32-bit float samples; gray, gray + alpha, RGB or RGBA (unassociated alpha,
/// as passed in); uncompressed, LZW, Deflate or PackBits (<see cref="ImageWriteOptions.TiffCompression"/>).
/// LZW and Deflate use horizontal differencing (predictor 2) for integers and the floating-point
/// predictor (3) for floats.
/// </summary>
public static class TiffEncoder
{
    /// <summary>Encodes interleaved RGBA floats (rows top to bottom). Integer depths clamp to 0..1; float keeps the values.</summary>
    /// <exception cref="ArgumentException">The sizes do not match, or the bit depth is not 8, 16 or 32.</exception>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= ImageWriteOptions.Default;
        EncoderInput.Validate(width, height, rgba, 1L << 32);
        int bits = options.BitDepth ?? 8;
        if (bits is not (8 or 16 or 32)) throw new ArgumentOutOfRangeException(nameof(options), $"TIFF bit depth {bits} is not 8, 16 or 32");
        int spp = (int)options.Channels;
        bool isFloat = bits == 32;
        int bytesPerSample = bits / 8;
        long rowBytes = (long)width * spp * bytesPerSample;
        int rowsPerStrip = (int)Math.Clamp(65536 / Math.Max(1, rowBytes), 1, height);
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        var compression = options.TiffCompression;
        int predictor = compression is TiffCompression.Lzw or TiffCompression.Deflate ? (isFloat ? 3 : 2) : 1;

        // Convert and compress the strips (independently, in parallel).
        var rgbaArray = rgba.ToArray();
        var encoded = new byte[strips][];
        CodecParallel.For(strips, () => 0, (_, strip) =>
        {
            int y0 = strip * rowsPerStrip, rows = Math.Min(rowsPerStrip, height - y0);
            var raw = new byte[rows * rowBytes];
            for (int r = 0; r < rows; r++)
            {
                var row = raw.AsSpan((int)(r * rowBytes), (int)rowBytes);
                FillRow(rgbaArray.AsSpan((y0 + r) * width * 4, width * 4), row, spp, bits);
                if (predictor == 2) Difference(row, spp, bytesPerSample);
                if (predictor == 3) FloatDifference(row, spp, width);
            }
            encoded[strip] = Compress(raw, compression);
        });

        // Layout: header, strips, then the IFD and its out-of-line values.
        long position = 8;
        var stripOffsets = new long[strips];
        for (int i = 0; i < strips; i++)
        {
            stripOffsets[i] = position;
            position += encoded[i].Length + (encoded[i].Length & 1); // keep word alignment
        }
        if (position > uint.MaxValue - 4096) throw new ArgumentOutOfRangeException(nameof(width), "the image is too large for a (non-Big) TIFF file");
        long ifdOffset = position;

        var entries = new List<(int Tag, int Type, uint[] Values)>
        {
            (TiffTag.ImageWidth, 4, [(uint)width]),
            (TiffTag.ImageLength, 4, [(uint)height]),
            (TiffTag.BitsPerSample, 3, Enumerable.Repeat((uint)bits, spp).ToArray()),
            (TiffTag.Compression, 3, [compression switch { TiffCompression.Lzw => 5u, TiffCompression.Deflate => 8u, TiffCompression.PackBits => 32773u, _ => 1u }]),
            (TiffTag.Photometric, 3, [spp >= 3 ? 2u : 1u]),
            (TiffTag.StripOffsets, 4, stripOffsets.Select(o => (uint)o).ToArray()),
            (TiffTag.SamplesPerPixel, 3, [(uint)spp]),
            (TiffTag.RowsPerStrip, 4, [(uint)rowsPerStrip]),
            (TiffTag.StripByteCounts, 4, encoded.Select(e => (uint)e.Length).ToArray()),
            (TiffTag.XResolution, 5, [72, 1]),
            (TiffTag.YResolution, 5, [72, 1]),
            (TiffTag.PlanarConfiguration, 3, [1]),
            (TiffTag.ResolutionUnit, 3, [2]),
        };
        if (predictor != 1) entries.Add((TiffTag.Predictor, 3, [(uint)predictor]));
        if (spp is 2 or 4) entries.Add((TiffTag.ExtraSamples, 3, [2])); // unassociated alpha
        entries.Add((TiffTag.SampleFormat, 3, Enumerable.Repeat(isFloat ? 3u : 1u, spp).ToArray()));
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));

        int ifdSize = 2 + 12 * entries.Count + 4;
        long extraAt = ifdOffset + ifdSize;
        var ifd = new MemoryStream();
        var extra = new MemoryStream();
        Span<byte> scratch = stackalloc byte[12];
        WriteU16(ifd, (ushort)entries.Count);
        foreach (var (tag, type, values) in entries)
        {
            int size = type == 3 ? 2 : 4; // SHORT, LONG; a RATIONAL is two LONGs
            int count = type == 5 ? values.Length / 2 : values.Length;
            var payload = new byte[values.Length * size];
            for (int i = 0; i < values.Length; i++)
            {
                if (size == 2) BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(2 * i), (ushort)values[i]);
                else BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(4 * i), values[i]);
            }
            scratch.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(scratch, (ushort)tag);
            BinaryPrimitives.WriteUInt16LittleEndian(scratch[2..], (ushort)type);
            BinaryPrimitives.WriteUInt32LittleEndian(scratch[4..], (uint)count);
            if (payload.Length <= 4)
            {
                payload.CopyTo(scratch[8..]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(scratch[8..], (uint)(extraAt + extra.Length));
                extra.Write(payload);
                if ((extra.Length & 1) != 0) extra.WriteByte(0);
            }
            ifd.Write(scratch);
        }
        WriteU32(ifd, 0); // no next IFD

        Span<byte> header = stackalloc byte[8];
        header[0] = header[1] = (byte)'I';
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)ifdOffset);
        output.Write(header);
        foreach (var strip in encoded)
        {
            output.Write(strip);
            if ((strip.Length & 1) != 0) output.WriteByte(0);
        }
        ifd.Position = 0;
        ifd.CopyTo(output);
        extra.Position = 0;
        extra.CopyTo(output);
    }

    private static void WriteU16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteU32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void FillRow(ReadOnlySpan<float> source, Span<byte> row, int spp, int bits)
    {
        int width = source.Length / 4;
        Span<float> values = stackalloc float[4];
        for (int x = 0; x < width; x++)
        {
            float r = source[4 * x], g = source[4 * x + 1], b = source[4 * x + 2], a = source[4 * x + 3];
            switch (spp)
            {
                case 1: values[0] = EncoderInput.Gray(r, g, b); break;
                case 2: values[0] = EncoderInput.Gray(r, g, b); values[1] = a; break;
                default: values[0] = r; values[1] = g; values[2] = b; values[3] = a; break;
            }
            for (int s = 0; s < spp; s++)
            {
                int index = x * spp + s;
                switch (bits)
                {
                    case 8: row[index] = EncoderInput.To8(values[s]); break;
                    case 16: BinaryPrimitives.WriteUInt16LittleEndian(row[(2 * index)..], EncoderInput.To16(values[s])); break;
                    default: BinaryPrimitives.WriteSingleLittleEndian(row[(4 * index)..], values[s]); break;
                }
            }
        }
    }

    /// <summary>Predictor 2 (applied from the end so each difference uses the original neighbour).</summary>
    private static void Difference(Span<byte> row, int spp, int bytesPerSample)
    {
        int count = row.Length / bytesPerSample;
        for (int i = count - 1; i >= spp; i--)
        {
            if (bytesPerSample == 1)
            {
                row[i] -= row[i - spp];
            }
            else
            {
                var at = row[(2 * i)..];
                ushort value = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(at) - BinaryPrimitives.ReadUInt16LittleEndian(row[(2 * (i - spp))..]));
                BinaryPrimitives.WriteUInt16LittleEndian(at, value);
            }
        }
    }

    /// <summary>Predictor 3: regroup the float bytes by significance (most significant first), then difference byte-wise with a stride of the samples per pixel.</summary>
    private static void FloatDifference(Span<byte> row, int spp, int width)
    {
        int samples = width * spp;
        var temp = row.ToArray();
        for (int s = 0; s < samples; s++)
            for (int b = 0; b < 4; b++)
                row[b * samples + s] = temp[s * 4 + (3 - b)]; // the row holds little-endian floats
        for (int i = row.Length - 1; i >= spp; i--) row[i] -= row[i - spp];
    }

    private static byte[] Compress(byte[] raw, TiffCompression compression)
    {
        switch (compression)
        {
            case TiffCompression.Lzw:
                return TiffCompressors.LzwEncode(raw);
            case TiffCompression.Deflate:
            {
                using var buffer = new MemoryStream();
                using (var deflater = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) deflater.Write(raw);
                return buffer.ToArray();
            }
            case TiffCompression.PackBits:
            {
                using var buffer = new MemoryStream();
                TiffCompressors.PackBitsEncode(raw, buffer);
                return buffer.ToArray();
            }
            default:
                return raw;
        }
    }
}
