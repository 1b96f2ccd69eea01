namespace Compositor.Nodes.Output;

/// <summary>
/// Scene-linear to sRGB display values as Blender 3.4's OpenColorIO configuration computes them for
/// the Standard view: the sRGB encoding sampled in a 65561-entry table over linear values from
/// −0.0096749 to 40.46 and interpolated linearly (values outside the range take the end values).
/// This, not the exact curve, is what Blender writes to 8- and 16-bit files.
/// </summary>
public static class DisplayTransfer
{
    private const int Size = 65561;
    private const double From = -0.00967492260062;
    private const double To = 40.4600768322;
    private static readonly Lazy<float[]> Table = new(Build);

    /// <summary>The display (sRGB) value of linear <paramref name="linear"/>.</summary>
    public static float LinearToSrgb(float linear)
    {
        var t = Table.Value;
        const float scale = (float)((Size - 1) / (To - From));
        const float offset = (float)(-From * ((Size - 1) / (To - From)));
        float index = linear * scale + offset;
        if (!(index > 0f)) return float.IsNaN(index) ? float.NaN : t[0];
        if (index >= Size - 1) return t[Size - 1];
        int lo = (int)index;
        float frac = index - lo;
        return t[lo] + frac * (t[lo + 1] - t[lo]);
    }

    private static float[] Build()
    {
        var t = new float[Size];
        for (int i = 0; i < Size; i++)
        {
            double x = From + (To - From) * i / (Size - 1);
            t[i] = (float)(x < 0.0031308 ? 12.92 * x : 1.055 * Math.Pow(x, 1.0 / 2.4) - 0.055);
        }

        return t;
    }
}
