using System.Globalization;

namespace Compositor.Cli.Farm;

/// <summary>Memory sizes on the command line: bytes, or with a suffix K, M, G, T (powers of 1024; KiB, MB… also read as powers of 1024).</summary>
public static class ByteSize
{
    /// <summary>Parses <paramref name="text"/>, e.g. <c>512M</c>, <c>2G</c>, <c>1.5GiB</c>, <c>1048576</c>.</summary>
    /// <exception cref="FormatException">Not a positive size.</exception>
    public static long Parse(string text)
    {
        string t = text.Trim();
        int end = t.Length;
        while (end > 0 && char.IsAsciiLetter(t[end - 1])) end--;
        string unit = t[end..].ToUpperInvariant();
        int power = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 1,
            "M" or "MB" or "MIB" => 2,
            "G" or "GB" or "GIB" => 3,
            "T" or "TB" or "TIB" => 4,
            _ => -1,
        };
        if (power < 0 || !double.TryParse(t[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number) || number <= 0)
            throw new FormatException($"'{text}' is not a memory size (e.g. 512M, 2G, 1073741824)");
        double bytes = number * Math.Pow(1024, power);
        if (bytes < 1 || bytes > long.MaxValue / 2) throw new FormatException($"'{text}' is out of range");
        return (long)bytes;
    }
}
