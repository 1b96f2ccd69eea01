using System.Buffers.Binary;
using Compositor.Codecs.Jpeg;

namespace Compositor.Codecs.Exr;

/// <summary>
/// DWAA / DWAB decompression (DreamWorks Animation's lossy DCT codec; DWAA: 32 lines per chunk,
/// DWAB: 256). A chunk starts with eleven little-endian 64-bit counters (version, the sizes of
/// the four data sections, element counts, AC coding), then (version 2) the channel
/// classification rules, then four sections: UNKNOWN channels (zlib), AC coefficients (the PIZ
/// Huffman coder or zlib), DC coefficients (zlib over the ZIP predictor) and RLE channels (zlib
/// over OpenEXR RLE, bytes split into planes).
/// </summary>
/// <remarks>
/// Channels are classified by name suffix and type: R, G, B (half or float) are lossy and, when a
/// layer has all three, converted from Y'CbCr together; Y, BY, RY are lossy alone; A is RLE;
/// everything else is stored losslessly ("unknown"). A lossy channel is coded as 8x8 blocks of
/// half-float DCT coefficients in zigzag order: a DC value from the DC section, then AC values
/// with 0xFFnn meaning "nn zeros" and 0xFF00 "end of block". Decoding inverts the DCT in float,
/// converts Y'CbCr to R'G'B' (Rec. 709 matrix), rounds to half and maps the perceptual encoding
/// back to linear through a 65536-entry table. The float operations follow the order of
/// OpenEXR's AVX decoder, so the halves come out bit-identical to what OpenEXR decodes.
/// </remarks>
internal sealed class ExrDwa
{
    private const int HeaderCounters = 11;
    private const int HeaderSize = HeaderCounters * 8;

    private enum Scheme
    {
        Unknown = 0,
        LossyDct = 1,
        Rle = 2,
    }

    /// <summary>A channel classification rule: name suffix, pixel type, scheme and place in an RGB set.</summary>
    private readonly record struct Rule(string Suffix, Scheme Scheme, ExrPixelType Type, int CscIndex, bool CaseInsensitive)
    {
        public bool Matches(string suffix, ExrPixelType type) =>
            Type == type && string.Equals(suffix, Suffix, CaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static readonly Rule[] DefaultRules = BuildRules(false,
        ("R", Scheme.LossyDct, 0), ("G", Scheme.LossyDct, 1), ("B", Scheme.LossyDct, 2),
        ("Y", Scheme.LossyDct, -1), ("BY", Scheme.LossyDct, -1), ("RY", Scheme.LossyDct, -1), ("A", Scheme.Rle, -1));

    private static readonly Rule[] LegacyRules = BuildRules(true,
        ("r", Scheme.LossyDct, 0), ("red", Scheme.LossyDct, 0), ("g", Scheme.LossyDct, 1), ("grn", Scheme.LossyDct, 1),
        ("green", Scheme.LossyDct, 1), ("b", Scheme.LossyDct, 2), ("blu", Scheme.LossyDct, 2), ("blue", Scheme.LossyDct, 2),
        ("y", Scheme.LossyDct, -1), ("by", Scheme.LossyDct, -1), ("ry", Scheme.LossyDct, -1), ("a", Scheme.Rle, -1));

    /// <summary>Lossy rules exist for half and float; RLE rules for uint, half and float (in that order, as OpenEXR lists them).</summary>
    private static Rule[] BuildRules(bool caseInsensitive, params (string Suffix, Scheme Scheme, int Csc)[] entries)
    {
        var rules = new List<Rule>();
        foreach (var (suffix, scheme, csc) in entries)
        {
            if (scheme == Scheme.Rle) rules.Add(new Rule(suffix, scheme, ExrPixelType.UInt, csc, caseInsensitive));
            rules.Add(new Rule(suffix, scheme, ExrPixelType.Half, csc, caseInsensitive));
            rules.Add(new Rule(suffix, scheme, ExrPixelType.Float, csc, caseInsensitive));
        }
        return rules.ToArray();
    }

    private readonly ExrHuffman.Scratch _huffman = new();

    /// <summary>Decompresses one chunk into <paramref name="dest"/> (the uncompressed scanline layout of <paramref name="rect"/>).</summary>
    public void Decompress(byte[] file, int offset, int length, Span<byte> dest, ExrBlockRect rect, ExrChannelInfo[] channels, int chunk)
    {
        var source = file.AsSpan(offset, length);
        if (source.Length < HeaderSize) throw Error(chunk, "chunk shorter than the DWA header");
        Span<long> counters = stackalloc long[HeaderCounters];
        for (int i = 0; i < HeaderCounters; i++)
        {
            ulong value = BinaryPrimitives.ReadUInt64LittleEndian(source[(8 * i)..]);
            if (value > int.MaxValue) throw Error(chunk, $"header field {i} is {value}, beyond any chunk");
            counters[i] = (long)value;
        }
        long version = counters[0], unknownUncompressed = counters[1], unknownCompressed = counters[2],
            acCompressed = counters[3], dcCompressed = counters[4], rleCompressed = counters[5],
            rleUncompressed = counters[6], rleRaw = counters[7], acCount = counters[8], dcCount = counters[9],
            acCompression = counters[10];
        if (version > 2) throw Error(chunk, $"unknown DWA version {version}");

        int pos = HeaderSize;
        Rule[] rules;
        if (version < 2)
        {
            rules = LegacyRules;
        }
        else
        {
            if (source.Length - pos < 2) throw Error(chunk, "truncated channel rules");
            int ruleSize = BinaryPrimitives.ReadUInt16LittleEndian(source[pos..]);
            if (ruleSize < 2 || source.Length - pos < ruleSize) throw Error(chunk, $"channel rules of {ruleSize} bytes do not fit");
            rules = ReadRules(source.Slice(pos + 2, ruleSize - 2), chunk);
            pos += ruleSize;
        }
        if (unknownCompressed + acCompressed + dcCompressed + rleCompressed > source.Length - pos)
            throw Error(chunk, "section sizes exceed the chunk");
        int unknownAt = pos, acAt = unknownAt + (int)unknownCompressed, dcAt = acAt + (int)acCompressed, rleAt = dcAt + (int)dcCompressed;

        // Classify the channels and find the RGB triplets that were coded as Y'CbCr.
        int n = channels.Length;
        var schemes = new Scheme[n];
        var widths = new int[n];
        var heights = new int[n];
        var prefixes = new List<(string Prefix, int[] Index)>();
        for (int c = 0; c < n; c++)
        {
            (widths[c], heights[c]) = ExrBlockLayout.SamplesIn(channels[c], rect);
            string name = channels[c].Name;
            int dot = name.LastIndexOf('.');
            string suffix = dot >= 0 ? name[(dot + 1)..] : name;
            string prefix = name[..(name.Length - suffix.Length)];
            int slot = prefixes.FindIndex(p => p.Prefix == prefix);
            if (slot < 0)
            {
                prefixes.Add((prefix, [-1, -1, -1]));
                slot = prefixes.Count - 1;
            }
            foreach (var rule in rules)
            {
                if (!rule.Matches(suffix, channels[c].PixelType)) continue;
                schemes[c] = rule.Scheme;
                if (rule.CscIndex >= 0) prefixes[slot].Index[rule.CscIndex] = c;
            }
        }
        var cscSets = new List<int[]>();
        foreach (var (_, index) in prefixes)
        {
            if (index[0] < 0 || index[1] < 0 || index[2] < 0) continue;
            var (r, g, b) = (channels[index[0]], channels[index[1]], channels[index[2]]);
            if (r.XSampling != g.XSampling || r.XSampling != b.XSampling || r.YSampling != g.YSampling || r.YSampling != b.YSampling) continue;
            cscSets.Add(index);
        }

        // Sizes of the lossless sections, from the channels that use them.
        long unknownBytes = 0, rleBytes = 0, maxAc = 0, maxDc = 0;
        for (int c = 0; c < n; c++)
        {
            long bytes = (long)widths[c] * heights[c] * channels[c].BytesPerSample;
            switch (schemes[c])
            {
                case Scheme.Unknown: unknownBytes += bytes; break;
                case Scheme.Rle: rleBytes += bytes; break;
                default:
                    if (channels[c].PixelType == ExrPixelType.UInt) throw Error(chunk, $"channel '{channels[c].Name}' is uint but classified lossy");
                    long blocks = (long)((widths[c] + 7) / 8) * ((heights[c] + 7) / 8);
                    maxDc += blocks;
                    maxAc += blocks * 63;
                    break;
            }
        }
        if (unknownUncompressed > unknownBytes) throw Error(chunk, $"{unknownUncompressed} bytes of unknown channels, at most {unknownBytes} expected");
        if (rleRaw > rleBytes || rleUncompressed > 2 * rleBytes) throw Error(chunk, $"{rleRaw} bytes of RLE channels, at most {rleBytes} expected");
        if (acCount > maxAc) throw Error(chunk, $"{acCount} AC values, at most {maxAc} expected");
        if (dcCount > maxDc) throw Error(chunk, $"{dcCount} DC values, at most {maxDc} expected");

        var unknown = new byte[unknownUncompressed];
        if (unknownCompressed > 0) ExrCompressors.ZlibDecompress(file, offset + unknownAt, (int)unknownCompressed, unknown, chunk);
        else if (unknownUncompressed > 0) throw Error(chunk, "unknown channel data is missing");

        var ac = new ushort[acCount];
        if (acCompressed > 0)
        {
            switch (acCompression)
            {
                case 0:
                    ExrHuffman.Decode(source.Slice(acAt, (int)acCompressed), ac, chunk, _huffman);
                    break;
                case 1:
                {
                    var bytes = new byte[acCount * 2];
                    ExrCompressors.ZlibDecompress(file, offset + acAt, (int)acCompressed, bytes, chunk);
                    for (int i = 0; i < ac.Length; i++) ac[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i));
                    break;
                }
                default:
                    throw Error(chunk, $"unknown AC compression {acCompression}");
            }
        }

        var dc = new ushort[dcCount];
        if (dcCompressed > 0)
        {
            var packed = new byte[dcCount * 2];
            var bytes = new byte[dcCount * 2];
            ExrCompressors.ZlibDecompress(file, offset + dcAt, (int)dcCompressed, packed, chunk);
            ExrCompressors.UndoPredictorAndInterleave(packed, bytes);
            for (int i = 0; i < dc.Length; i++) dc[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i));
        }
        else if (dcCount != 0)
        {
            throw Error(chunk, "DC values are missing");
        }

        var rle = new byte[rleRaw];
        if (rleRaw > 0)
        {
            var packed = new byte[rleUncompressed];
            ExrCompressors.ZlibDecompress(file, offset + rleAt, (int)rleCompressed, packed, chunk);
            ExrCompressors.RleDecompress(packed, rle, chunk);
        }

        // Decode the lossy channels (RGB sets first, then single channels, in channel order), each into half bits.
        var lossy = new ushort[n][];
        int acPos = 0, dcPos = 0;
        var done = new bool[n];
        foreach (var set in cscSets)
        {
            foreach (int c in set)
                if (schemes[c] != Scheme.LossyDct) throw Error(chunk, $"channel '{channels[c].Name}' of an RGB set is not lossy");
            var planes = new ushort[3][];
            for (int i = 0; i < 3; i++) planes[i] = lossy[set[i]] = new ushort[widths[set[i]] * heights[set[i]]];
            DecodeLossy(planes, widths[set[0]], heights[set[0]], ac, ref acPos, dc, ref dcPos, toLinear: true, chunk);
            foreach (int c in set) done[c] = true;
        }
        for (int c = 0; c < n; c++)
        {
            if (done[c] || schemes[c] != Scheme.LossyDct || widths[c] == 0 || heights[c] == 0) continue;
            lossy[c] = new ushort[widths[c] * heights[c]];
            DecodeLossy([lossy[c]], widths[c], heights[c], ac, ref acPos, dc, ref dcPos, toLinear: !channels[c].PerceptuallyLinear, chunk);
        }

        // Interleave everything back into scanlines.
        var unknownStart = new long[n];
        var rleStart = new long[n];
        long unknownNext = 0, rleNext = 0;
        for (int c = 0; c < n; c++)
        {
            long bytes = (long)widths[c] * heights[c] * channels[c].BytesPerSample;
            if (schemes[c] == Scheme.Unknown) { unknownStart[c] = unknownNext; unknownNext += bytes; }
            if (schemes[c] == Scheme.Rle) { rleStart[c] = rleNext; rleNext += bytes; }
        }
        if (unknownNext > unknown.Length) throw Error(chunk, "unknown channel data is shorter than its channels");
        if (rleNext > rle.Length) throw Error(chunk, "RLE channel data is shorter than its channels");
        var rows = new int[n];
        int to = 0;
        for (int y = rect.Y0; y <= rect.Y1; y++)
        {
            for (int c = 0; c < n; c++)
            {
                var info = channels[c];
                if (ExrBlockLayout.Modulo(y, info.YSampling) != 0) continue;
                int w = widths[c], row = rows[c]++, size = info.BytesPerSample;
                var target = dest.Slice(to, w * size);
                switch (schemes[c])
                {
                    case Scheme.LossyDct:
                        var halves = lossy[c].AsSpan(row * w, w);
                        for (int x = 0; x < w; x++)
                        {
                            if (info.PixelType == ExrPixelType.Half) BinaryPrimitives.WriteUInt16LittleEndian(target[(2 * x)..], halves[x]);
                            else BinaryPrimitives.WriteSingleLittleEndian(target[(4 * x)..], HalfTable.ToFloat(halves[x]));
                        }
                        break;
                    case Scheme.Rle:
                        // Bytes are split into planes: all first bytes of the channel, then all second bytes...
                        int planeSize = w * heights[c];
                        for (int x = 0; x < w; x++)
                            for (int b = 0; b < size; b++)
                                target[x * size + b] = rle[rleStart[c] + (long)b * planeSize + (long)row * w + x];
                        break;
                    default:
                        unknown.AsSpan((int)(unknownStart[c] + (long)row * w * size), w * size).CopyTo(target);
                        break;
                }
                to += w * size;
            }
        }
        if (to != dest.Length) throw Error(chunk, $"decoded {to} bytes where {dest.Length} were expected");
    }

    private static ImageFormatException Error(int chunk, string problem) => new($"EXR: corrupt DWA data in chunk {chunk}: {problem}");

    /// <summary>Rules stored in a version-2 chunk: NUL-terminated suffix, then a byte (CSC index + 1 &lt;&lt; 4 | scheme &lt;&lt; 2 | case-insensitive) and the pixel type.</summary>
    private static Rule[] ReadRules(ReadOnlySpan<byte> data, int chunk)
    {
        var rules = new List<Rule>();
        while (data.Length > 0)
        {
            int end = data.IndexOf((byte)0);
            if (end < 0 || end > 128 || data.Length < end + 3) throw Error(chunk, "truncated channel rule");
            string suffix = System.Text.Encoding.UTF8.GetString(data[..end]);
            int value = data[end + 1], type = data[end + 2];
            int csc = (value >> 4) - 1, scheme = (value >> 2) & 3;
            if (csc >= 3 || scheme >= 3 || type > 2) throw Error(chunk, $"invalid channel rule for '{suffix}'");
            rules.Add(new Rule(suffix, (Scheme)scheme, (ExrPixelType)type, csc, (value & 1) != 0));
            data = data[(end + 3)..];
        }
        return rules.ToArray();
    }

    // The inverse DCT constants of OpenEXR's SIMD decoders (0.5 cos(k pi / 16), rounded).
    private const float A = 3.535536e-01f, B = 4.903927e-01f, C = 4.619398e-01f, D = 4.157349e-01f,
        E = 2.777855e-01f, F = 1.913422e-01f, G = 9.754573e-02f;

    /// <summary>
    /// Decodes one or three (Y'CbCr) lossy planes of <paramref name="width"/> x <paramref name="height"/>
    /// samples into half bits, consuming AC values from <paramref name="acPos"/> and DC values from <paramref name="dcPos"/>.
    /// </summary>
    private static void DecodeLossy(ushort[][] planes, int width, int height, ushort[] ac, ref int acPos, ushort[] dc, ref int dcPos,
        bool toLinear, int chunk)
    {
        int comps = planes.Length;
        int blocksX = (width + 7) / 8, blocksY = (height + 7) / 8;
        int blockCount = blocksX * blocksY;
        if ((long)dcPos + (long)comps * blockCount > dc.Length) throw Error(chunk, "too few DC values");
        var linear = toLinear ? ToLinearTable : null;
        var zigzag = JpegTables.ZigZag;
        var block = new float[comps][];
        for (int i = 0; i < comps; i++) block[i] = new float[64];
        var halfZig = new ushort[64];
        var bits = new ushort[64];
        for (int by = 0; by < blocksY; by++)
        {
            for (int bx = 0; bx < blocksX; bx++)
            {
                int blockIndex = by * blocksX + bx;
                for (int comp = 0; comp < comps; comp++)
                {
                    Array.Clear(halfZig);
                    halfZig[0] = dc[dcPos + comp * blockCount + blockIndex];
                    int lastNonZero = 0;
                    for (int k = 1; k < 64;)
                    {
                        if (acPos >= ac.Length) throw Error(chunk, "too few AC values");
                        ushort value = ac[acPos++];
                        if (value == 0xFF00)
                        {
                            k = 64; // end of block
                        }
                        else if (value >> 8 == 0xFF)
                        {
                            k += value & 0xFF; // a run of zeros
                        }
                        else
                        {
                            halfZig[k] = value;
                            lastNonZero = k;
                            k++;
                        }
                    }
                    var data = block[comp];
                    if (lastNonZero == 0)
                    {
                        Array.Fill(data, HalfTable.ToFloat(halfZig[0]) * A * A);
                    }
                    else
                    {
                        for (int k = 0; k < 64; k++) data[zigzag[k]] = HalfTable.ToFloat(halfZig[k]);
                        InverseDct(data);
                    }
                }
                if (comps == 3) InverseCsc(block[0], block[1], block[2]);

                int x0 = bx * 8, y0 = by * 8;
                int maxX = Math.Min(8, width - x0), maxY = Math.Min(8, height - y0);
                for (int comp = 0; comp < comps; comp++)
                {
                    var data = block[comp];
                    for (int i = 0; i < 64; i++)
                    {
                        ushort h = BitConverter.HalfToUInt16Bits((Half)data[i]);
                        bits[i] = linear is null ? h : linear[h];
                    }
                    var plane = planes[comp];
                    for (int y = 0; y < maxY; y++)
                        bits.AsSpan(y * 8, maxX).CopyTo(plane.AsSpan((y0 + y) * width + x0, maxX));
                }
            }
        }
        dcPos += comps * blockCount;
    }

    /// <summary>
    /// The 8x8 inverse DCT in the operation order of OpenEXR's AVX implementation: rows as two
    /// 4x4 matrix products (even and odd coefficients), then columns with shared sub-expressions.
    /// </summary>
    private static void InverseDct(float[] d)
    {
        for (int row = 0; row < 8; row++)
        {
            int r = row * 8;
            float x0 = d[r], x1 = d[r + 1], x2 = d[r + 2], x3 = d[r + 3], x4 = d[r + 4], x5 = d[r + 5], x6 = d[r + 6], x7 = d[r + 7];
            float e0 = (x0 * A + x2 * C) + (x4 * A + x6 * F);
            float e1 = (x0 * A + x2 * F) + (x4 * -A + x6 * -C);
            float e2 = (x0 * A + x2 * -F) + (x4 * -A + x6 * C);
            float e3 = (x0 * A + x2 * -C) + (x4 * A + x6 * -F);
            float o0 = (x1 * B + x3 * D) + (x5 * E + x7 * G);
            float o1 = (x1 * D + x3 * -G) + (x5 * -B + x7 * -E);
            float o2 = (x1 * E + x3 * -B) + (x5 * G + x7 * D);
            float o3 = (x1 * G + x3 * -E) + (x5 * D + x7 * -B);
            d[r] = e0 + o0;
            d[r + 1] = e1 + o1;
            d[r + 2] = e2 + o2;
            d[r + 3] = e3 + o3;
            d[r + 4] = e3 - o3;
            d[r + 5] = e2 - o2;
            d[r + 6] = e1 - o1;
            d[r + 7] = e0 - o0;
        }
        for (int col = 0; col < 8; col++)
        {
            float r0 = d[col], r1 = d[8 + col], r2 = d[16 + col], r3 = d[24 + col], r4 = d[32 + col], r5 = d[40 + col], r6 = d[48 + col], r7 = d[56 + col];
            float o0 = (B * r1 + D * r3) + (E * r5 + G * r7);
            float o1 = (D * r1 - (G * r3 + B * r5)) - E * r7;
            float o2 = ((E * r1 - B * r3) + G * r5) + D * r7;
            float o3 = (G * r1 + D * r5) - (E * r3 + B * r7);
            float s = A * r0 + A * r4, t = A * r0 - A * r4;
            float u = C * r2 + F * r6, v = F * r2 - C * r6;
            float e0 = s + u, e3 = s - u, e1 = t + v, e2 = t - v;
            d[col] = e0 + o0;
            d[8 + col] = e1 + o1;
            d[16 + col] = e2 + o2;
            d[24 + col] = e3 + o3;
            d[32 + col] = e3 - o3;
            d[40 + col] = e2 - o2;
            d[48 + col] = e1 - o1;
            d[56 + col] = e0 - o0;
        }
    }

    /// <summary>Y'CbCr to R'G'B' with the Rec. 709 matrix, in place (component 0: Y' to R', 1: Cb to G', 2: Cr to B').</summary>
    private static void InverseCsc(float[] c0, float[] c1, float[] c2)
    {
        for (int i = 0; i < 64; i++)
        {
            float y = c0[i], cb = c1[i], cr = c2[i];
            c0[i] = y + cr * 1.5747f;
            c1[i] = (cb * -0.1873f + y) + cr * -0.4682f;
            c2[i] = 1.8556f * cb + y;
        }
    }

    private static ushort[]? _toLinear;

    /// <summary>
    /// The perceptual decoding of lossy values: x^2.2 up to 1, e^(2.2 (x - 1)) above (both signs),
    /// half to half; infinities and NaNs become 0.
    /// </summary>
    internal static ushort[] ToLinearTable => _toLinear ??= BuildToLinear();

    private static ushort[] BuildToLinear()
    {
        var table = new ushort[65536];
        for (int i = 0; i < 65536; i++)
        {
            if (i == 0 || (i & 0x7C00) == 0x7C00) continue;
            float f = HalfTable.ToFloat((ushort)i);
            float sign = f < 0 ? -1f : 1f;
            f = MathF.Abs(f);
            double z = f <= 1f ? Math.Pow(f, 2.2) : Math.Pow(9.02501329156, f - 1.0);
            table[i] = BitConverter.HalfToUInt16Bits((Half)(float)(sign * z));
        }
        return table;
    }
}
