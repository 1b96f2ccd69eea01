using System.Buffers.Binary;

namespace Compositor.Codecs.Jpeg;

/// <summary>
/// Decodes JPEG files (ITU-T T.81, JFIF, EXIF, Adobe): baseline, extended sequential and
/// progressive Huffman coding, 8-bit samples, 1 (gray), 3 (YCbCr or RGB) or 4 (CMYK or YCCK)
/// components with any integral chroma subsampling (4:4:4, 4:2:2, 4:2:0, 4:4:0, 4:1:1...),
/// restart intervals, and the EXIF orientation. The inverse DCT, chroma upsampling ("fancy",
/// triangular) and YCbCr conversion use the same integer arithmetic as libjpeg's defaults, so the
/// samples match what Blender (through libjpeg-turbo) decodes.
/// </summary>
/// <remarks>
/// Not supported (<see cref="NotSupportedException"/>): arithmetic coding, lossless and
/// hierarchical JPEG, 12- and 16-bit samples, heights defined by a DNL marker, 2-component images and
/// fractional sampling ratios. Truncated or corrupt entropy-coded data is an
/// <see cref="ImageFormatException"/> (no partial images).
/// </remarks>
public static class JpegDecoder
{
    /// <summary>True when <paramref name="data"/> starts with the JPEG SOI marker followed by another marker.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>Decodes a whole JPEG file held in memory.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid JPEG file, or exceeds the limits of <paramref name="options"/>.</exception>
    /// <exception cref="NotSupportedException">The file uses an unsupported JPEG process (arithmetic, lossless, 12-bit...).</exception>
    public static DecodedImage Decode(byte[] data, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new JpegReader(data, options ?? ImageReadOptions.Default).Decode();
    }

    /// <summary>Decodes a JPEG file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid JPEG file.</exception>
    /// <exception cref="NotSupportedException">The file uses an unsupported JPEG process.</exception>
    public static DecodedImage Decode(Stream stream, ImageReadOptions? options = null) => Decode(StreamBytes.ReadAll(stream), options);
}

/// <summary>One image component of the frame and its coefficients.</summary>
internal sealed class JpegComponent
{
    public int Id;
    public int H, V;
    public int QuantTable;
    /// <summary>The quantization table latched when the component's first scan started, natural order.</summary>
    public int[]? Quant;
    /// <summary>Size of the component's sample plane (T.81 A.1.1: ceil(X * H / Hmax)).</summary>
    public int Width, Height;
    /// <summary>Blocks holding real samples.</summary>
    public int WidthInBlocks, HeightInBlocks;
    /// <summary>Blocks allocated, padded to whole MCUs of interleaved scans.</summary>
    public int BlocksPerLine, BlocksPerColumn;
    /// <summary>64 coefficients per block, natural order, blocks row by row.</summary>
    public short[]? Coefficients;
    public int DcPrediction;
    /// <summary>Progressive: the successive-approximation bit each coefficient was last coded down to (-1 never, 0 complete).</summary>
    public readonly int[] CoefficientBits = Enumerable.Repeat(-1, 64).ToArray();
    public JpegHuffmanTable? DcTable, AcTable;
    public int DcTableIndex, AcTableIndex;
}

/// <summary>The decoding state of one JPEG file.</summary>
internal sealed class JpegReader
{
    private readonly byte[] _data;
    private readonly ImageReadOptions _options;
    private readonly int[]?[] _quant = new int[4][];
    private readonly JpegHuffmanTable?[] _dcTables = new JpegHuffmanTable[4];
    private readonly JpegHuffmanTable?[] _acTables = new JpegHuffmanTable[4];
    private JpegComponent[] _components = [];
    private int _width, _height, _maxH, _maxV, _mcusPerLine, _mcusPerColumn;
    private bool _progressive;
    private bool _frameSeen;
    private int _restartInterval;
    private bool _jfif;
    private int _adobeTransform = -1;
    private int _orientation = 1;
    private int _scans;
    private int _eobRun;

    public JpegReader(byte[] data, ImageReadOptions options)
    {
        _data = data;
        _options = options;
    }

    public DecodedImage Decode()
    {
        if (!JpegDecoder.HasSignature(_data)) throw new ImageFormatException("JPEG: missing SOI marker (not a JPEG file)");
        int pos = 2;
        while (true)
        {
            int markerAt = FindMarker(ref pos);
            if (markerAt < 0)
            {
                // A file cut after its last scan still holds a whole image (libjpeg accepts it too); a
                // progressive file cut between scans lacks detail and is rejected.
                if (_scans == 0) throw new ImageFormatException("JPEG: truncated file: no image data (no SOS marker before the end)");
                if (_progressive && _components.Any(c => c.CoefficientBits.Any(b => b != 0)))
                    throw new ImageFormatException($"JPEG: truncated file: the end of the data (offset {_data.Length}) comes before the progressive scans are complete and no EOI marker");
                break;
            }
            int marker = _data[pos - 1];
            if (marker == 0xD9) break; // EOI
            if (marker is >= 0xD0 and <= 0xD7 || marker == 0x01) continue; // stray RSTn / TEM: no length
            if (marker == 0xD8) throw new ImageFormatException($"JPEG: unexpected second SOI marker at offset {markerAt}");
            if (_data.Length - pos < 2) throw new ImageFormatException($"JPEG: truncated file: marker 0xFF{marker:X2} at offset {markerAt} has no length");
            int length = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(pos));
            if (length < 2 || length > _data.Length - pos)
                throw new ImageFormatException($"JPEG: segment 0xFF{marker:X2} at offset {markerAt} has length {length}, but {_data.Length - pos} bytes remain");
            var segment = _data.AsSpan(pos + 2, length - 2);
            int segmentStart = pos + 2;
            pos += length;
            switch (marker)
            {
                case 0xC0:
                case 0xC1:
                case 0xC2:
                    ReadFrame(segment, marker == 0xC2, markerAt);
                    break;
                case 0xC3: throw new NotSupportedException("JPEG: lossless JPEG (SOF3) is not supported");
                case 0xC5 or 0xC6 or 0xC7: throw new NotSupportedException("JPEG: hierarchical (differential) JPEG is not supported");
                case 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF: throw new NotSupportedException("JPEG: arithmetic coding is not supported");
                case 0xC4: ReadHuffmanTables(segment, markerAt); break;
                case 0xCC: break; // DAC: arithmetic conditioning, harmless without an arithmetic frame
                case 0xDB: ReadQuantizationTables(segment, markerAt); break;
                case 0xDD:
                    if (segment.Length != 2) throw new ImageFormatException($"JPEG: DRI segment at offset {markerAt} has length {segment.Length + 2}, expected 4");
                    _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xDA:
                    pos = ReadScan(segment, segmentStart + segment.Length, markerAt);
                    break;
                case 0xDC: throw new NotSupportedException("JPEG: DNL marker (image height defined after the first scan) is not supported");
                case 0xE0:
                    if (segment.Length >= 5 && segment[..5].SequenceEqual("JFIF\0"u8)) _jfif = true;
                    break;
                case 0xE1:
                    if (segment.Length >= 6 && segment[..6].SequenceEqual("Exif\0\0"u8)) _orientation = Orientation.FromExif(segment[6..]);
                    break;
                case 0xEE:
                    if (segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8)) _adobeTransform = segment[11];
                    break;
                default:
                    if (marker is >= 0xE0 and <= 0xEF or 0xFE) break; // APPn, COM
                    if (marker is >= 0xF0 and <= 0xFD) break;        // JPGn extensions: ignorable
                    throw new ImageFormatException($"JPEG: unknown marker 0xFF{marker:X2} at offset {markerAt}");
            }
        }
        if (!_frameSeen) throw new ImageFormatException("JPEG: no frame header (SOF) before the end of the file");
        foreach (var component in _components)
            if (component.Coefficients is null)
                throw new ImageFormatException($"JPEG: component {component.Id} has no scan (truncated file?)");
        return Output();
    }

    /// <summary>
    /// Finds the next marker at or after <paramref name="pos"/>, skipping fill bytes (and, as
    /// libjpeg does, stray bytes). Leaves <paramref name="pos"/> after the marker code; returns the
    /// marker's offset, or -1 at the end of the data.
    /// </summary>
    private int FindMarker(ref int pos)
    {
        while (pos < _data.Length)
        {
            if (_data[pos] != 0xFF)
            {
                pos++;
                continue;
            }
            int at = pos;
            while (pos < _data.Length && _data[pos] == 0xFF) pos++;
            if (pos >= _data.Length) return -1;
            if (_data[pos] == 0)
            {
                pos++;
                continue; // stuffed byte outside a scan: skip
            }
            pos++;
            return at;
        }
        return -1;
    }

    private void ReadQuantizationTables(ReadOnlySpan<byte> segment, int offset)
    {
        var zigzag = JpegTables.ZigZag;
        while (segment.Length > 0)
        {
            int precision = segment[0] >> 4, index = segment[0] & 15;
            if (precision > 1 || index > 3)
                throw new ImageFormatException($"JPEG: DQT at offset {offset}: invalid precision/table byte 0x{segment[0]:X2}");
            int size = precision == 0 ? 64 : 128;
            if (segment.Length < 1 + size) throw new ImageFormatException($"JPEG: DQT at offset {offset} is truncated");
            var table = new int[64];
            for (int k = 0; k < 64; k++)
                table[zigzag[k]] = precision == 0 ? segment[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(segment[(1 + 2 * k)..]);
            _quant[index] = table;
            segment = segment[(1 + size)..];
        }
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> segment, int offset)
    {
        while (segment.Length > 0)
        {
            if (segment.Length < 17) throw new ImageFormatException($"JPEG: DHT at offset {offset} is truncated");
            int tableClass = segment[0] >> 4, index = segment[0] & 15;
            if (tableClass > 1 || index > 3)
                throw new ImageFormatException($"JPEG: DHT at offset {offset}: invalid class/table byte 0x{segment[0]:X2}");
            var counts = segment.Slice(1, 16);
            int total = 0;
            foreach (byte count in counts) total += count;
            if (total > 256 || segment.Length < 17 + total)
                throw new ImageFormatException($"JPEG: DHT at offset {offset}: {total} symbols do not fit in the segment");
            var table = new JpegHuffmanTable(counts, segment.Slice(17, total));
            if (tableClass == 0) _dcTables[index] = table;
            else _acTables[index] = table;
            segment = segment[(17 + total)..];
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> segment, bool progressive, int offset)
    {
        if (_frameSeen) throw new ImageFormatException($"JPEG: second frame header at offset {offset}");
        if (segment.Length < 6) throw new ImageFormatException($"JPEG: SOF at offset {offset} is truncated");
        int precision = segment[0];
        if (precision != 8)
        {
            if (precision is 12 or 16) throw new NotSupportedException($"JPEG: {precision}-bit samples are not supported (8-bit only)");
            throw new ImageFormatException($"JPEG: SOF at offset {offset}: invalid sample precision {precision}");
        }
        _height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        _width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (_height == 0) throw new NotSupportedException("JPEG: the image height is defined by a DNL marker, which is not supported");
        if (_width == 0) throw new ImageFormatException($"JPEG: SOF at offset {offset}: image width is 0");
        if (count is 0) throw new ImageFormatException($"JPEG: SOF at offset {offset}: no components");
        if (count is not (1 or 3 or 4)) throw new NotSupportedException($"JPEG: {count}-component images are not supported (1, 3 or 4)");
        if (segment.Length != 6 + 3 * count)
            throw new ImageFormatException($"JPEG: SOF at offset {offset} has length {segment.Length + 2}, expected {8 + 3 * count} for {count} components");
        _options.CheckSize("JPEG", _width, _height);

        _components = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            var c = segment.Slice(6 + 3 * i, 3);
            int h = c[1] >> 4, v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4)
                throw new ImageFormatException($"JPEG: SOF at offset {offset}: component {c[0]} has invalid sampling factors {h}x{v}");
            if (c[2] > 3) throw new ImageFormatException($"JPEG: SOF at offset {offset}: component {c[0]} uses quantization table {c[2]}");
            for (int j = 0; j < i; j++)
                if (_components[j].Id == c[0]) throw new ImageFormatException($"JPEG: SOF at offset {offset}: component id {c[0]} appears twice");
            _components[i] = new JpegComponent { Id = c[0], H = h, V = v, QuantTable = c[2] };
        }
        _maxH = _components.Max(c => c.H);
        _maxV = _components.Max(c => c.V);
        _mcusPerLine = (_width + 8 * _maxH - 1) / (8 * _maxH);
        _mcusPerColumn = (_height + 8 * _maxV - 1) / (8 * _maxV);
        foreach (var component in _components)
        {
            if (_maxH % component.H != 0 || _maxV % component.V != 0)
                throw new NotSupportedException($"JPEG: sampling factors {component.H}x{component.V} of component {component.Id} are not an integral fraction of {_maxH}x{_maxV}");
            component.Width = (int)(((long)_width * component.H + _maxH - 1) / _maxH);
            component.Height = (int)(((long)_height * component.V + _maxV - 1) / _maxV);
            component.WidthInBlocks = (component.Width + 7) / 8;
            component.HeightInBlocks = (component.Height + 7) / 8;
            component.BlocksPerLine = _mcusPerLine * component.H;
            component.BlocksPerColumn = _mcusPerColumn * component.V;
        }
        _progressive = progressive;
        _frameSeen = true;
    }

    /// <summary>Decodes one scan whose header is <paramref name="header"/>; returns the offset where the next marker search starts.</summary>
    private int ReadScan(ReadOnlySpan<byte> header, int dataStart, int offset)
    {
        if (!_frameSeen) throw new ImageFormatException($"JPEG: SOS at offset {offset} before any frame header");
        if (header.Length < 1) throw new ImageFormatException($"JPEG: SOS at offset {offset} is truncated");
        int count = header[0];
        if (count < 1 || count > 4 || header.Length != 4 + 2 * count)
            throw new ImageFormatException($"JPEG: SOS at offset {offset}: {count} components in a header of {header.Length + 2} bytes");
        var scan = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            int id = header[1 + 2 * i], tables = header[2 + 2 * i];
            var component = Array.Find(_components, c => c.Id == id)
                ?? throw new ImageFormatException($"JPEG: SOS at offset {offset} names component {id}, which the frame does not have");
            if (Array.IndexOf(scan, component, 0, i) >= 0) throw new ImageFormatException($"JPEG: SOS at offset {offset} names component {id} twice");
            component.DcTableIndex = tables >> 4;
            component.AcTableIndex = tables & 15;
            if (component.DcTableIndex > 3 || component.AcTableIndex > 3)
                throw new ImageFormatException($"JPEG: SOS at offset {offset}: invalid Huffman table selectors 0x{tables:X2}");
            scan[i] = component;
        }
        int ss = header[1 + 2 * count], se = header[2 + 2 * count], ah = header[3 + 2 * count] >> 4, al = header[3 + 2 * count] & 15;
        int blocksInScan = 0;
        if (_progressive)
        {
            if (ss > se || se > 63 || (ss == 0 && se != 0) || (ss > 0 && count != 1) || ah > 13 || al > 13)
                throw new ImageFormatException($"JPEG: SOS at offset {offset}: invalid progressive parameters Ss={ss} Se={se} Ah={ah} Al={al} for {count} components");
        }
        else if (ss != 0 || se != 63 || ah != 0 || al != 0)
        {
            // Sequential scans must cover the whole band; libjpeg only warns, but nothing writes anything else.
            if (ss != 0 || se < 1) throw new ImageFormatException($"JPEG: SOS at offset {offset}: invalid spectral selection {ss}..{se} for a sequential scan");
        }
        if (count > 1 && scan.Sum(c => c.H * c.V) > 10)
            throw new ImageFormatException($"JPEG: SOS at offset {offset}: more than 10 blocks per MCU");

        bool dcScan = ss == 0, firstPass = ah == 0;
        foreach (var component in scan)
        {
            if (component.Coefficients is null)
            {
                if (_progressive && !dcScan)
                    throw new ImageFormatException($"JPEG: SOS at offset {offset}: AC scan of component {component.Id} before its DC scan");
                var q = _quant[component.QuantTable]
                    ?? throw new ImageFormatException($"JPEG: component {component.Id} uses quantization table {component.QuantTable}, which was never defined");
                component.Quant = (int[])q.Clone();
                blocksInScan += component.WidthInBlocks * component.HeightInBlocks;
            }
            if ((!_progressive || (dcScan && firstPass)) && _dcTables[component.DcTableIndex] is null)
                throw new ImageFormatException($"JPEG: component {component.Id} uses DC Huffman table {component.DcTableIndex}, which was never defined");
            if ((!_progressive || !dcScan) && _acTables[component.AcTableIndex] is null)
                throw new ImageFormatException($"JPEG: component {component.Id} uses AC Huffman table {component.AcTableIndex}, which was never defined");
            component.DcTable = _dcTables[component.DcTableIndex];
            component.AcTable = _acTables[component.AcTableIndex];
            component.DcPrediction = 0;
        }
        // Every block of a sequential or DC scan costs at least one bit: a file far too small for the
        // frame it declares cannot make us allocate its coefficients.
        if (blocksInScan > 8L * (_data.Length - dataStart) + 4096)
            throw new ImageFormatException($"JPEG: truncated file: {_data.Length - dataStart} bytes of scan data cannot hold {blocksInScan} blocks");
        foreach (var component in scan)
        {
            component.Coefficients ??= new short[(long)component.BlocksPerLine * component.BlocksPerColumn * 64];
            for (int k = ss; k <= (_progressive ? se : 63); k++) component.CoefficientBits[k] = _progressive ? al : 0;
        }

        var bits = new JpegBitReader(_data, dataStart);
        _eobRun = 0;
        int scanIndex = _scans;
        bool interleaved = count > 1;
        int mcusX = interleaved ? _mcusPerLine : scan[0].WidthInBlocks;
        int mcusY = interleaved ? _mcusPerColumn : scan[0].HeightInBlocks;
        long totalMcus = (long)mcusX * mcusY;
        int untilRestart = _restartInterval;
        for (long mcu = 0; mcu < totalMcus; mcu++)
        {
            if (_restartInterval > 0)
            {
                if (untilRestart == 0)
                {
                    if (!bits.Restart())
                        throw new ImageFormatException($"JPEG: scan {scanIndex}: expected a restart marker before MCU {mcu} near offset {bits.Position}");
                    foreach (var component in scan) component.DcPrediction = 0;
                    _eobRun = 0;
                    untilRestart = _restartInterval;
                }
                untilRestart--;
            }
            int mcuX = (int)(mcu % mcusX), mcuY = (int)(mcu / mcusX);
            if (interleaved)
            {
                foreach (var component in scan)
                {
                    for (int v = 0; v < component.V; v++)
                        for (int h = 0; h < component.H; h++)
                            DecodeBlock(bits, component, (mcuY * component.V + v) * component.BlocksPerLine + mcuX * component.H + h, ss, se, ah, al);
                }
            }
            else
            {
                DecodeBlock(bits, scan[0], mcuY * scan[0].BlocksPerLine + mcuX, ss, se, ah, al);
            }
            if (bits.Overrun)
                throw new ImageFormatException($"JPEG: truncated or corrupt data in scan {scanIndex} at MCU {mcu} of {totalMcus} (near offset {bits.Position})");
        }
        _scans++;
        return bits.Position;
    }

    private void DecodeBlock(JpegBitReader bits, JpegComponent component, int block, int ss, int se, int ah, int al)
    {
        var coefficients = component.Coefficients.AsSpan(block * 64, 64);
        var zigzag = JpegTables.ZigZag;
        if (!_progressive)
        {
            int t = bits.Decode(component.DcTable!);
            if (t > 16) throw new ImageFormatException("JPEG: corrupt data: DC difference category above 16");
            component.DcPrediction += bits.Receive(t);
            coefficients[0] = (short)component.DcPrediction;
            var ac = component.AcTable!;
            for (int k = 1; k <= se;)
            {
                int rs = bits.Decode(ac);
                int r = rs >> 4, s = rs & 15;
                if (s != 0)
                {
                    k += r;
                    if (k > 63) throw new ImageFormatException("JPEG: corrupt data: AC coefficient run past the end of the block");
                    coefficients[zigzag[k]] = (short)bits.Receive(s);
                    k++;
                }
                else
                {
                    if (r != 15) break;
                    k += 16;
                }
            }
            return;
        }

        if (ss == 0)
        {
            if (ah == 0)
            {
                int t = bits.Decode(component.DcTable!);
                if (t > 16) throw new ImageFormatException("JPEG: corrupt data: DC difference category above 16");
                component.DcPrediction += bits.Receive(t);
                coefficients[0] = (short)(component.DcPrediction * (1 << al));
            }
            else if (bits.ReadBit() != 0)
            {
                coefficients[0] |= (short)(1 << al);
            }
            return;
        }

        if (ah == 0) DecodeAcFirst(bits, component.AcTable!, coefficients, ss, se, al);
        else DecodeAcRefine(bits, component.AcTable!, coefficients, ss, se, al);
    }

    /// <summary>First pass of a progressive AC band (T.81 G.1.2.2): coefficients, zero runs and end-of-band runs.</summary>
    private void DecodeAcFirst(JpegBitReader bits, JpegHuffmanTable table, Span<short> coefficients, int ss, int se, int al)
    {
        if (_eobRun > 0)
        {
            _eobRun--;
            return;
        }
        var zigzag = JpegTables.ZigZag;
        for (int k = ss; k <= se; k++)
        {
            int rs = bits.Decode(table);
            int r = rs >> 4, s = rs & 15;
            if (s != 0)
            {
                k += r;
                if (k > se) throw new ImageFormatException("JPEG: corrupt data: AC coefficient run past the end of the band");
                coefficients[zigzag[k]] = (short)(bits.Receive(s) * (1 << al));
            }
            else if (r == 15)
            {
                k += 15;
            }
            else
            {
                _eobRun = (1 << r) - 1;
                if (r != 0) _eobRun += bits.ReadBits(r);
                return;
            }
        }
    }

    /// <summary>Refinement pass of a progressive AC band (T.81 G.1.2.3): one more bit of every nonzero coefficient, new coefficients of magnitude 1.</summary>
    private void DecodeAcRefine(JpegBitReader bits, JpegHuffmanTable table, Span<short> coefficients, int ss, int se, int al)
    {
        var zigzag = JpegTables.ZigZag;
        int plus = 1 << al, minus = -1 << al;
        int k = ss;
        if (_eobRun == 0)
        {
            for (; k <= se; k++)
            {
                int rs = bits.Decode(table);
                int r = rs >> 4, s = rs & 15;
                int value = 0;
                if (s != 0)
                {
                    if (s != 1) throw new ImageFormatException("JPEG: corrupt data: refinement coefficient of size other than 1");
                    value = bits.ReadBit() != 0 ? plus : minus;
                }
                else if (r != 15)
                {
                    _eobRun = 1 << r;
                    if (r != 0) _eobRun += bits.ReadBits(r);
                    break;
                }
                // Skip r zero-history coefficients (refining the nonzero ones met on the way), then place the new one.
                for (; k <= se; k++)
                {
                    int z = zigzag[k];
                    if (coefficients[z] != 0)
                    {
                        Refine(bits, ref coefficients[z], plus, minus);
                    }
                    else
                    {
                        if (r == 0)
                        {
                            if (value != 0) coefficients[z] = (short)value;
                            break;
                        }
                        r--;
                    }
                }
            }
        }
        if (_eobRun > 0)
        {
            // The rest of this block is in an end-of-band run: refine its nonzero coefficients only.
            for (; k <= se; k++)
            {
                int z = zigzag[k];
                if (coefficients[z] != 0) Refine(bits, ref coefficients[z], plus, minus);
            }
            _eobRun--;
        }
    }

    private static void Refine(JpegBitReader bits, ref short coefficient, int plus, int minus)
    {
        if (bits.ReadBit() != 0 && (coefficient & plus) == 0)
            coefficient = (short)(coefficient + (coefficient >= 0 ? plus : minus));
    }

    /// <summary>Inverse DCT, upsampling, color conversion and orientation: the decoded image.</summary>
    private DecodedImage Output()
    {
        var planes = new byte[_components.Length][];
        for (int i = 0; i < _components.Length; i++)
        {
            var component = _components[i];
            int stride = component.BlocksPerLine * 8;
            var plane = planes[i] = new byte[(long)stride * component.HeightInBlocks * 8];
            var coefficients = component.Coefficients!;
            var quant = component.Quant!;
            CodecParallel.For(component.HeightInBlocks, () => 0, (_, blockRow) =>
            {
                for (int bx = 0; bx < component.WidthInBlocks; bx++)
                {
                    int block = blockRow * component.BlocksPerLine + bx;
                    JpegIdct.Transform(coefficients.AsSpan(block * 64, 64), quant,
                        plane.AsSpan(blockRow * 8 * stride + bx * 8), stride);
                }
            });
        }

        var color = ColorModel();
        var pixels = new float[(long)_width * _height * 4];
        var upsamplers = new JpegUpsampler[_components.Length];
        for (int i = 0; i < upsamplers.Length; i++)
            upsamplers[i] = new JpegUpsampler(planes[i], _components[i].BlocksPerLine * 8, _components[i].Width, _components[i].Height,
                _maxH / _components[i].H, _maxV / _components[i].V, _width);
        CodecParallel.For(_height, () => new byte[_components.Length][], (rows, y) =>
        {
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] ??= new byte[upsamplers[i].Capacity];
                upsamplers[i].Row(y, rows[i]);
            }
            JpegColor.Convert(color, rows, pixels.AsSpan(y * _width * 4, _width * 4));
        });

        int width = _width, height = _height;
        bool applied = false;
        if (_options.ApplyOrientation && _orientation != 1)
        {
            (pixels, width, height) = Orientation.Apply(pixels, width, height, _orientation);
            applied = true;
        }
        return new DecodedImage(width, height, pixels)
        {
            Format = ImageFileFormat.Jpeg,
            IsFloat = false,
            BitDepth = 8,
            SourceChannels = _components.Length == 1 ? 1 : 3,
            HasAlpha = false,
            Orientation = _orientation,
            OrientationApplied = applied,
        };
    }

    /// <summary>The color space of the components, guessed as libjpeg does (JFIF / Adobe markers, component ids).</summary>
    private JpegColorModel ColorModel()
    {
        switch (_components.Length)
        {
            case 1:
                return JpegColorModel.Gray;
            case 3:
                if (_jfif) return JpegColorModel.YCbCr;
                if (_adobeTransform >= 0) return _adobeTransform == 0 ? JpegColorModel.Rgb : JpegColorModel.YCbCr;
                if (_components[0].Id == 'R' && _components[1].Id == 'G' && _components[2].Id == 'B') return JpegColorModel.Rgb;
                return JpegColorModel.YCbCr;
            default:
                // Adobe transform 0 is CMYK; any other value (2, or an unknown one) YCCK, as libjpeg guesses.
                return _adobeTransform > 0 ? JpegColorModel.Ycck : JpegColorModel.Cmyk;
        }
    }
}
