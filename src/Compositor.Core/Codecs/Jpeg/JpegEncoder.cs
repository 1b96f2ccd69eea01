using System.Buffers.Binary;

namespace Compositor.Codecs.Jpeg;

/// <summary>
/// Encodes baseline JPEG (JFIF) files: 8-bit YCbCr with 4:2:0, 4:2:2 or 4:4:4 chroma sampling, or
/// grayscale; the Annex K quantization tables scaled by a quality factor exactly as libjpeg's
/// <c>jpeg_set_quality</c> does (so quality 90 here gives the same tables as quality 90 in Blender),
/// the Annex K Huffman tables, and a floating-point forward DCT. Alpha is dropped.
/// </summary>
public static class JpegEncoder
{
    /// <summary>
    /// Encodes an image of interleaved RGBA floats (0..1, rows top to bottom). Uses
    /// <see cref="ImageWriteOptions.Channels"/> (gray or color), <see cref="ImageWriteOptions.JpegQuality"/>
    /// and <see cref="ImageWriteOptions.JpegSubsampling"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match, or the image is larger than 65535 pixels on a side.</exception>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= ImageWriteOptions.Default;
        EncoderInput.Validate(width, height, rgba, 1L << 32);
        if (width > 65535 || height > 65535)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: JPEG images are at most 65535 pixels on a side");
        if (options.JpegQuality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(options), $"JPEG quality {options.JpegQuality} is outside 1..100");

        bool gray = options.Channels is ImageChannels.Gray or ImageChannels.GrayAlpha;
        int pixels = width * height;
        JpegEncoderComponent[] components;
        if (gray)
        {
            var y = new float[pixels];
            for (int i = 0; i < pixels; i++)
                y[i] = EncoderInput.To8(EncoderInput.Gray(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]));
            components = [new JpegEncoderComponent(1, 1, 1, 0, 0, y)];
        }
        else
        {
            var y = new float[pixels];
            var cb = new float[pixels];
            var cr = new float[pixels];
            for (int i = 0; i < pixels; i++)
            {
                // JFIF (ITU-R BT.601 full range) conversion of the 8-bit codes.
                float r = EncoderInput.To8(rgba[4 * i]), g = EncoderInput.To8(rgba[4 * i + 1]), b = EncoderInput.To8(rgba[4 * i + 2]);
                y[i] = 0.299f * r + 0.587f * g + 0.114f * b;
                cb[i] = -0.168735892f * r - 0.331264108f * g + 0.5f * b + 128f;
                cr[i] = 0.5f * r - 0.418687589f * g - 0.081312411f * b + 128f;
            }
            (int h, int v) = options.JpegSubsampling switch
            {
                JpegSubsampling.Yuv444 => (1, 1),
                JpegSubsampling.Yuv422 => (2, 1),
                _ => (2, 2),
            };
            components =
            [
                new JpegEncoderComponent(1, h, v, 0, 0, y),
                new JpegEncoderComponent(2, 1, 1, 1, 1, cb),
                new JpegEncoderComponent(3, 1, 1, 1, 1, cr),
            ];
        }
        EncodeComponents(output, width, height, components, options.JpegQuality, jfif: true, adobeTransform: -1);
    }

    /// <summary>
    /// libjpeg's quality scaling of a base quantization table (<c>jpeg_quality_scaling</c> and
    /// <c>jpeg_add_quant_table</c> with baseline limits): quality below 50 scales by 5000/q percent,
    /// above by 200 - 2q percent, each entry rounded and clamped to 1..255.
    /// </summary>
    public static int[] ScaleQuantizationTable(ReadOnlySpan<byte> baseTable, int quality)
    {
        quality = Math.Clamp(quality, 1, 100);
        int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
        var table = new int[64];
        for (int i = 0; i < 64; i++) table[i] = Math.Clamp((baseTable[i] * scale + 50) / 100, 1, 255);
        return table;
    }

    /// <summary>
    /// Encodes arbitrary components (sample planes of 0..255 floats at full resolution, each
    /// averaged down to its sampling factors) as a baseline JPEG with one interleaved scan.
    /// Quantization table 0 is the scaled luminance table and 1 the chrominance one; Huffman table
    /// 0 is the Annex K luminance pair and 1 the chrominance pair. <paramref name="adobeTransform"/>
    /// &gt;= 0 writes an Adobe APP14 marker with that transform (0 none, 1 YCbCr, 2 YCCK).
    /// </summary>
    internal static void EncodeComponents(Stream output, int width, int height, IReadOnlyList<JpegEncoderComponent> components,
        int quality, bool jfif, int adobeTransform)
    {
        int maxH = components.Max(c => c.H), maxV = components.Max(c => c.V);
        int mcusX = (width + 8 * maxH - 1) / (8 * maxH), mcusY = (height + 8 * maxV - 1) / (8 * maxV);
        int[][] quant = [ScaleQuantizationTable(JpegTables.LuminanceQuantization, quality), ScaleQuantizationTable(JpegTables.ChrominanceQuantization, quality)];
        bool usesChroma = components.Any(c => c.QuantTable == 1 || c.HuffmanTable == 1);

        // Forward DCT and quantization of every block, component by component.
        var blocks = new short[components.Count][];
        var blocksPerLine = new int[components.Count];
        for (int ci = 0; ci < components.Count; ci++)
        {
            var component = components[ci];
            int perLine = components.Count == 1 ? (width + 7) / 8 : mcusX * component.H;
            int perColumn = components.Count == 1 ? (height + 7) / 8 : mcusY * component.V;
            blocksPerLine[ci] = perLine;
            var plane = Downsample(component.Plane, width, height, maxH / component.H, maxV / component.V, perLine * 8, perColumn * 8);
            var coefficients = blocks[ci] = new short[perLine * perColumn * 64];
            var table = quant[component.QuantTable];
            int stride = perLine * 8;
            CodecParallel.For(perColumn, () => new float[64], (scratch, by) =>
            {
                for (int bx = 0; bx < perLine; bx++)
                {
                    for (int y = 0; y < 8; y++)
                        for (int x = 0; x < 8; x++)
                            scratch[y * 8 + x] = plane[(by * 8 + y) * stride + bx * 8 + x] - 128f;
                    ForwardDct(scratch);
                    var block = coefficients.AsSpan((by * perLine + bx) * 64, 64);
                    for (int i = 0; i < 64; i++) block[i] = (short)MathF.Round(scratch[i] / table[i], MidpointRounding.AwayFromZero);
                }
            });
        }

        using var buffer = new MemoryStream();
        WriteMarker(buffer, 0xD8);
        if (jfif)
        {
            // APP0 JFIF 1.01, no units, 1:1 aspect, no thumbnail.
            WriteSegment(buffer, 0xE0, [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        }
        if (adobeTransform >= 0)
            WriteSegment(buffer, 0xEE, [(byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0, 100, 0, 0, 0, 0, (byte)adobeTransform]);

        var dqt = new List<byte>();
        for (int t = 0; t < (usesChroma ? 2 : 1); t++)
        {
            dqt.Add((byte)t);
            foreach (byte z in JpegTables.ZigZag) dqt.Add((byte)quant[t][z]);
        }
        WriteSegment(buffer, 0xDB, dqt.ToArray());

        var sof = new List<byte> { 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components.Count };
        foreach (var c in components) sof.AddRange([(byte)c.Id, (byte)(c.H << 4 | c.V), (byte)c.QuantTable]);
        WriteSegment(buffer, 0xC0, sof.ToArray());

        var dht = new List<byte>();
        AddHuffmanTable(dht, 0x00, JpegTables.LuminanceDcBits, JpegTables.LuminanceDcValues);
        AddHuffmanTable(dht, 0x10, JpegTables.LuminanceAcBits, JpegTables.LuminanceAcValues);
        if (usesChroma)
        {
            AddHuffmanTable(dht, 0x01, JpegTables.ChrominanceDcBits, JpegTables.ChrominanceDcValues);
            AddHuffmanTable(dht, 0x11, JpegTables.ChrominanceAcBits, JpegTables.ChrominanceAcValues);
        }
        WriteSegment(buffer, 0xC4, dht.ToArray());

        var sos = new List<byte> { (byte)components.Count };
        foreach (var c in components) sos.AddRange([(byte)c.Id, (byte)(c.HuffmanTable << 4 | c.HuffmanTable)]);
        sos.AddRange([0, 63, 0]);
        WriteSegment(buffer, 0xDA, sos.ToArray());

        var codes = new[]
        {
            (Dc: new HuffmanCodes(JpegTables.LuminanceDcBits, JpegTables.LuminanceDcValues), Ac: new HuffmanCodes(JpegTables.LuminanceAcBits, JpegTables.LuminanceAcValues)),
            (Dc: new HuffmanCodes(JpegTables.ChrominanceDcBits, JpegTables.ChrominanceDcValues), Ac: new HuffmanCodes(JpegTables.ChrominanceAcBits, JpegTables.ChrominanceAcValues)),
        };
        var writer = new BitWriter(buffer);
        var predictions = new int[components.Count];
        if (components.Count == 1)
        {
            int perColumn = (height + 7) / 8;
            for (int block = 0; block < blocksPerLine[0] * perColumn; block++)
                EncodeBlock(writer, blocks[0].AsSpan(block * 64, 64), ref predictions[0], codes[components[0].HuffmanTable]);
        }
        else
        {
            for (int my = 0; my < mcusY; my++)
                for (int mx = 0; mx < mcusX; mx++)
                    for (int ci = 0; ci < components.Count; ci++)
                    {
                        var c = components[ci];
                        for (int v = 0; v < c.V; v++)
                            for (int h = 0; h < c.H; h++)
                            {
                                int block = (my * c.V + v) * blocksPerLine[ci] + mx * c.H + h;
                                EncodeBlock(writer, blocks[ci].AsSpan(block * 64, 64), ref predictions[ci], codes[c.HuffmanTable]);
                            }
                    }
        }
        writer.Flush();
        WriteMarker(buffer, 0xD9);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>
    /// Averages a full-resolution plane down by <paramref name="factorX"/> x <paramref name="factorY"/>
    /// (edge samples repeated where the image does not fill a group), then pads it to
    /// <paramref name="paddedWidth"/> x <paramref name="paddedHeight"/> by repeating the last column and row.
    /// </summary>
    private static float[] Downsample(float[] plane, int width, int height, int factorX, int factorY, int paddedWidth, int paddedHeight)
    {
        int w = (width + factorX - 1) / factorX, h = (height + factorY - 1) / factorY;
        var result = new float[paddedWidth * paddedHeight];
        float scale = 1f / (factorX * factorY);
        for (int y = 0; y < paddedHeight; y++)
        {
            int sy = Math.Min(y, h - 1);
            for (int x = 0; x < paddedWidth; x++)
            {
                int sx = Math.Min(x, w - 1);
                float sum = 0;
                for (int dy = 0; dy < factorY; dy++)
                {
                    int row = Math.Min(sy * factorY + dy, height - 1) * width;
                    for (int dx = 0; dx < factorX; dx++) sum += plane[row + Math.Min(sx * factorX + dx, width - 1)];
                }
                result[y * paddedWidth + x] = sum * scale;
            }
        }
        return result;
    }

    private static readonly float[] DctBasis = BuildDctBasis();

    /// <summary>c[u * 8 + x] = C(u) / 2 * cos((2x + 1) u pi / 16), C(0) = 1/sqrt 2, else 1.</summary>
    private static float[] BuildDctBasis()
    {
        var basis = new float[64];
        for (int u = 0; u < 8; u++)
            for (int x = 0; x < 8; x++)
                basis[u * 8 + x] = (float)((u == 0 ? Math.Sqrt(0.5) : 1.0) / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16));
        return basis;
    }

    /// <summary>The 2-D forward DCT of T.81 A.3.3, in place (rows then columns).</summary>
    private static void ForwardDct(float[] block)
    {
        Span<float> temp = stackalloc float[64];
        var c = DctBasis;
        for (int y = 0; y < 8; y++)
            for (int u = 0; u < 8; u++)
            {
                float sum = 0;
                for (int x = 0; x < 8; x++) sum += c[u * 8 + x] * block[y * 8 + x];
                temp[y * 8 + u] = sum;
            }
        for (int u = 0; u < 8; u++)
            for (int v = 0; v < 8; v++)
            {
                float sum = 0;
                for (int y = 0; y < 8; y++) sum += c[v * 8 + y] * temp[y * 8 + u];
                block[v * 8 + u] = sum;
            }
    }

    private static void EncodeBlock(BitWriter writer, ReadOnlySpan<short> block, ref int prediction, (HuffmanCodes Dc, HuffmanCodes Ac) codes)
    {
        int diff = block[0] - prediction;
        prediction = block[0];
        int size = Magnitude(diff);
        codes.Dc.Write(writer, size);
        if (size > 0) writer.Write(diff < 0 ? diff - 1 : diff, size);

        var zigzag = JpegTables.ZigZag;
        int run = 0;
        for (int k = 1; k < 64; k++)
        {
            int value = block[zigzag[k]];
            if (value == 0)
            {
                run++;
                continue;
            }
            while (run > 15)
            {
                codes.Ac.Write(writer, 0xF0);
                run -= 16;
            }
            size = Magnitude(value);
            codes.Ac.Write(writer, run << 4 | size);
            writer.Write(value < 0 ? value - 1 : value, size);
            run = 0;
        }
        if (run > 0) codes.Ac.Write(writer, 0x00);
    }

    /// <summary>The magnitude category (bit length of |value|).</summary>
    private static int Magnitude(int value) => value == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(value));

    private static void AddHuffmanTable(List<byte> segment, byte classAndIndex, ReadOnlySpan<byte> bits, ReadOnlySpan<byte> values)
    {
        segment.Add(classAndIndex);
        segment.AddRange(bits.ToArray());
        segment.AddRange(values.ToArray());
    }

    private static void WriteMarker(Stream stream, byte marker)
    {
        stream.WriteByte(0xFF);
        stream.WriteByte(marker);
    }

    private static void WriteSegment(Stream stream, byte marker, byte[] payload)
    {
        WriteMarker(stream, marker);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        stream.Write(length);
        stream.Write(payload);
    }

    /// <summary>Code and length of each symbol of a Huffman table (T.81 C.2).</summary>
    private sealed class HuffmanCodes
    {
        private readonly int[] _code = new int[256];
        private readonly int[] _length = new int[256];

        public HuffmanCodes(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> values)
        {
            int code = 0, index = 0;
            for (int length = 1; length <= 16; length++)
            {
                for (int i = 0; i < bits[length - 1]; i++, index++, code++)
                {
                    _code[values[index]] = code;
                    _length[values[index]] = length;
                }
                code <<= 1;
            }
        }

        public void Write(BitWriter writer, int symbol) => writer.Write(_code[symbol], _length[symbol]);
    }

    /// <summary>Writes bits most significant first, stuffing a zero byte after every 0xFF.</summary>
    private sealed class BitWriter(Stream stream)
    {
        private ulong _buffer;
        private int _bits;

        public void Write(int value, int count)
        {
            _buffer = _buffer << count | ((ulong)(uint)value & ((1UL << count) - 1));
            _bits += count;
            while (_bits >= 8)
            {
                byte b = (byte)(_buffer >> (_bits - 8));
                stream.WriteByte(b);
                if (b == 0xFF) stream.WriteByte(0);
                _bits -= 8;
            }
        }

        /// <summary>Pads the last byte with 1 bits (T.81 F.1.2.3).</summary>
        public void Flush()
        {
            if (_bits > 0) Write(0x7F, 8 - _bits);
        }
    }
}

/// <summary>One component for <see cref="JpegEncoder.EncodeComponents"/>: full-resolution samples (0..255) and how to code them.</summary>
internal sealed record JpegEncoderComponent(int Id, int H, int V, int QuantTable, int HuffmanTable, float[] Plane);
