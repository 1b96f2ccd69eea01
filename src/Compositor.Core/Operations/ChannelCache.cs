using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Operations;

/// <summary>
/// Remembered results of a channel-wise run of pixel steps (see
/// <see cref="PixelOperation.ChannelwiseInput"/>): per channel R, G, B, what the run made of each
/// input value it has seen, keyed by the value's exact bits. An image decoded from 8 or 16 bits per
/// channel holds few distinct values per channel, so after its first rows every pixel is found here
/// and the run's arithmetic is skipped; a lookup returns the bits the run computed, so the result
/// is the same. The caller computes the pixels that miss and <see cref="Fill"/>s the table with them.
/// </summary>
/// <remarks>
/// A slot is chosen by the value's sign, exponent and top 7 mantissa bits (2^16 slots per channel)
/// and holds one 64-bit entry: the result's bits over the complement of the key's bits, so that an
/// empty (zero) entry matches no key but all-ones, which is never looked up. Entries are written
/// and read whole (aligned 64-bit stores and gathers), so threads can share the table: a reader sees
/// an old or a new entry, never half of each.
/// </remarks>
internal sealed class ChannelCache
{
    private const int SlotBits = 16;
    private const int Slots = 1 << SlotBits;

    private readonly long[] _entries = new long[3 * Slots];

    /// <summary>Whether <see cref="LookUp"/> runs on this machine (AVX2 gathers).</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// Writes the remembered results for <paramref name="pixels"/> RGBA pixels of <paramref name="input"/>
    /// into <paramref name="output"/> (alpha copied), pair of pixels by pair; returns how many pairs
    /// had a value missing and lists them in <paramref name="missingPairs"/> (their output is not
    /// written). The last pixel of an odd count is a pair of its own, always missing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe int LookUp(ReadOnlySpan<float> input, Span<float> output, int pixels, Span<int> missingPairs)
    {
        if (input.Length < 4 * pixels || output.Length < 4 * pixels || missingPairs.Length < (pixels + 1) / 2)
            throw new ArgumentException($"spans too short for {pixels} pixels");
        int missing = 0;
        if (pixels % 2 != 0) missingPairs[missing++] = pixels / 2;
        int even = 4 * (pixels & ~1);
        var laneBase = Vector256.Create(0, Slots, 2 * Slots, 0, 0, Slots, 2 * Slots, 0).AsUInt32();
        var alpha = Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1);
        var mask = Vector256.Create(-1L, -1L, -1L, 0L);
        var pixelOrder = Vector256.Create(0, 1, 4, 5, 2, 3, 6, 7);
        fixed (float* src = input, dst = output)
        fixed (long* table = _entries)
        {
            for (int i = 0; i < even; i += 8)
            {
                var bits = Vector256.Load(src + i).AsUInt32();
                var slot = ((bits >> (32 - SlotBits)) + laneBase).AsInt32();
                var low = Avx2.GatherMaskVector256(Vector256<long>.Zero, table, slot.GetLower(), mask, 8).AsSingle();
                var high = Avx2.GatherMaskVector256(Vector256<long>.Zero, table, slot.GetUpper(), mask, 8).AsSingle();
                // Even ints are the complemented keys, odd ones the results: R0 G0 R1 G1 B0 A0 B1 A1, then reordered.
                var keys = Avx2.PermuteVar8x32(Avx.Shuffle(low, high, 0b10_00_10_00), pixelOrder).AsUInt32();
                var values = Avx2.PermuteVar8x32(Avx.Shuffle(low, high, 0b11_01_11_01), pixelOrder);
                var found = Vector256.Equals(keys, ~bits).AsInt32() & ~Vector256.Equals(bits, Vector256<uint>.AllBitsSet).AsInt32();
                if ((found | alpha) != Vector256<int>.AllBitsSet)
                {
                    missingPairs[missing++] = i / 8;
                    continue;
                }

                Vector256.ConditionalSelect(alpha.AsSingle(), bits.AsSingle(), values).Store(dst + i);
            }
        }

        return missing;
    }

    /// <summary>Remembers that the run made <paramref name="output"/> of <paramref name="input"/> (RGBA pixels, colour channels only).</summary>
    public void Fill(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int pixels)
    {
        if (input.Length < 4 * pixels || output.Length < 4 * pixels) throw new ArgumentException($"spans too short for {pixels} pixels");
        var entries = _entries;
        for (int p = 0; p < pixels; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                uint key = BitConverter.SingleToUInt32Bits(input[4 * p + c]);
                if (key == uint.MaxValue) continue;
                long entry = (long)((ulong)BitConverter.SingleToUInt32Bits(output[4 * p + c]) << 32 | ~key);
                Volatile.Write(ref entries[c * Slots + (int)(key >> (32 - SlotBits))], entry);
            }
        }
    }
}
