namespace Compositor.Imaging;

/// <summary>The kind of data an operation socket carries; the numeric value is the channel count.</summary>
public enum DataType
{
    /// <summary>One float per pixel (masks, factors, Z).</summary>
    Value = 1,

    /// <summary>Three floats per pixel (normals, vectors, UV).</summary>
    Vector = 3,

    /// <summary>Four floats per pixel: linear RGBA with premultiplied alpha.</summary>
    Color = 4,
}

/// <summary>Helpers for <see cref="DataType"/>.</summary>
public static class DataTypeExtensions
{
    /// <summary>Number of float channels a pixel of this type has.</summary>
    public static int Channels(this DataType type) => (int)type;
}
