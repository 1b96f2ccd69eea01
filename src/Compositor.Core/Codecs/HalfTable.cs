using System.Buffers.Binary;

namespace Compositor.Codecs;

/// <summary>
/// Half-float conversions. Every half converts exactly to a float, so decoding is a lookup in a
/// 65536-entry table (256 KiB), much cheaper than converting bit patterns one by one.
/// </summary>
internal static class HalfTable
{
    private static readonly float[] Floats = Build();

    private static float[] Build()
    {
        var table = new float[65536];
        for (int bits = 0; bits < table.Length; bits++) table[bits] = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
        return table;
    }

    /// <summary>The float value of the half with bit pattern <paramref name="bits"/>.</summary>
    public static float ToFloat(ushort bits) => Floats[bits];

    /// <summary>Converts little-endian halves in <paramref name="source"/> to floats.</summary>
    public static void ToFloat(ReadOnlySpan<byte> source, Span<float> dest)
    {
        var table = Floats;
        for (int i = 0; i < dest.Length; i++) dest[i] = table[BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..])];
    }

    /// <summary>The half bit pattern nearest to <paramref name="value"/> (round to nearest even, overflow to infinity).</summary>
    public static ushort ToHalfBits(float value) => BitConverter.HalfToUInt16Bits((Half)value);
}
