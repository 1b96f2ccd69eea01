namespace Compositor.Codecs;

/// <summary>CRC-32 as PNG (and zip, gzip) use it: polynomial 0xEDB88320 (reflected), initial and final XOR 0xFFFFFFFF.</summary>
public static class Crc32
{
    // Eight tables let the loop consume 8 bytes per step ("slicing by 8"): PNG encode and
    // decode checksum every byte of the compressed data, so this is worth the 8 KiB.
    private static readonly uint[][] Tables = BuildTables();

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        for (int t = 0; t < 8; t++) tables[t] = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            tables[0][n] = c;
        }
        for (int n = 0; n < 256; n++)
        {
            for (int t = 1; t < 8; t++)
            {
                uint previous = tables[t - 1][n];
                tables[t][n] = (previous >> 8) ^ tables[0][previous & 0xFF];
            }
        }
        return tables;
    }

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues the CRC <paramref name="crc"/> (a value returned by <see cref="Compute"/> or this
    /// method, or 0 to start) over <paramref name="data"/>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        uint[] t0 = Tables[0], t1 = Tables[1], t2 = Tables[2], t3 = Tables[3];
        uint[] t4 = Tables[4], t5 = Tables[5], t6 = Tables[6], t7 = Tables[7];
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint low = c ^ (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            uint high = (uint)(data[i + 4] | data[i + 5] << 8 | data[i + 6] << 16 | data[i + 7] << 24);
            c = t7[low & 0xFF] ^ t6[(low >> 8) & 0xFF] ^ t5[(low >> 16) & 0xFF] ^ t4[low >> 24]
              ^ t3[high & 0xFF] ^ t2[(high >> 8) & 0xFF] ^ t1[(high >> 16) & 0xFF] ^ t0[high >> 24];
        }
        for (; i < data.Length; i++) c = t0[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        return ~c;
    }
}
