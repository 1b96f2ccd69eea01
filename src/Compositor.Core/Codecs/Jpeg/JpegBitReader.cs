using System.Runtime.CompilerServices;

namespace Compositor.Codecs.Jpeg;

/// <summary>
/// Reads the entropy-coded data of a scan: bits most significant first, 0xFF 0x00 stuffing
/// removed. At a marker (or the end of the file) it feeds zero bits, as T.81 decoders do, and
/// counts them: consuming any of those means the data was truncated or corrupt.
/// </summary>
internal sealed class JpegBitReader
{
    private readonly byte[] _data;
    private int _position;
    private ulong _buffer;
    private int _bits;
    private int _fakeBits;
    private bool _atMarker;

    public JpegBitReader(byte[] data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>Offset of the next byte not yet taken into the bit buffer (at a marker: its 0xFF).</summary>
    public int Position => _position;

    /// <summary>True when more bits were consumed than the segment holds.</summary>
    public bool Overrun => _bits < _fakeBits;

    /// <summary>Makes sure at least 57 bits are buffered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Fill()
    {
        while (_bits <= 56)
        {
            int value = 0;
            if (!_atMarker && _position < _data.Length)
            {
                value = _data[_position];
                if (value != 0xFF)
                {
                    _position++;
                }
                else
                {
                    int next = _position + 1 < _data.Length ? _data[_position + 1] : -1;
                    if (next == 0)
                    {
                        _position += 2;
                    }
                    else
                    {
                        // A marker (or a truncated file): stop here and feed zeros from now on.
                        _atMarker = true;
                        value = 0;
                        _fakeBits += 8;
                    }
                }
            }
            else
            {
                _atMarker = true;
                _fakeBits += 8;
            }
            _buffer |= (ulong)value << (56 - _bits);
            _bits += 8;
        }
    }

    /// <summary>Reads one bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBit()
    {
        if (_bits < 1) Fill();
        int bit = (int)(_buffer >> 63);
        _buffer <<= 1;
        _bits--;
        return bit;
    }

    /// <summary>Reads <paramref name="count"/> (0..16) bits as an unsigned number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int count)
    {
        if (count == 0) return 0;
        if (_bits < count) Fill();
        int value = (int)(_buffer >> (64 - count));
        _buffer <<= count;
        _bits -= count;
        return value;
    }

    /// <summary>Reads <paramref name="size"/> bits and extends them to a signed value (T.81 F.2.2.1 EXTEND).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive(int size)
    {
        if (size == 0) return 0;
        int value = ReadBits(size);
        return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
    }

    /// <summary>Decodes one Huffman symbol.</summary>
    /// <exception cref="ImageFormatException">The bits form no code of the table.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(JpegHuffmanTable table)
    {
        if (_bits < 16) Fill();
        int entry = table.Lookup[(int)(_buffer >> (64 - JpegHuffmanTable.LookupBits))];
        if (entry != 0)
        {
            int length = entry >> 8;
            _buffer <<= length;
            _bits -= length;
            return entry & 0xFF;
        }
        return DecodeSlow(table);
    }

    private int DecodeSlow(JpegHuffmanTable table)
    {
        int length = JpegHuffmanTable.LookupBits + 1;
        int code = (int)(_buffer >> (64 - length));
        while (code > table.MaxCode[length])
        {
            length++;
            if (length > 16) throw new ImageFormatException("JPEG: corrupt entropy-coded data (a bit sequence that is no Huffman code)");
            code = (int)(_buffer >> (64 - length));
        }
        _buffer <<= length;
        _bits -= length;
        int index = table.ValueOffset[length] + code;
        if ((uint)index >= (uint)table.Values.Length)
            throw new ImageFormatException("JPEG: corrupt entropy-coded data (a Huffman code beyond the table's symbols)");
        return table.Values[index];
    }

    /// <summary>
    /// Handles a restart marker: drops the buffered bits, expects RSTn at the current position
    /// (after optional 0xFF fill bytes) and skips it. Returns false when the next marker is not a restart marker.
    /// </summary>
    public bool Restart()
    {
        _buffer = 0;
        _bits = 0;
        _fakeBits = 0;
        _atMarker = false;
        // The remaining bits of the last byte are padding; find the marker.
        int p = _position;
        while (p + 1 < _data.Length && !(_data[p] == 0xFF && _data[p + 1] != 0 && _data[p + 1] != 0xFF)) p++;
        if (p + 1 >= _data.Length) return false;
        int marker = _data[p + 1];
        if (marker < 0xD0 || marker > 0xD7)
        {
            _position = p;
            return false;
        }
        _position = p + 2;
        return true;
    }
}
