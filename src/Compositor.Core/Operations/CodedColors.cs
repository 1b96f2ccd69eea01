namespace Compositor.Operations;

/// <summary>
/// An image whose every channel value is one of 256 per channel (an image decoded from 8 bits per
/// channel): pixel (x, y) channel c holds <c>Values[c * 256 + Codes[(y * Width + x) * 4 + c]]</c>,
/// bit for bit. Rows run bottom to top, as in the image's buffer.
/// </summary>
/// <param name="Codes">Four codes per pixel (R, G, B, A), <c>Width * Height * 4</c> bytes.</param>
/// <param name="Values">The value of each code, per channel: 4 × 256 floats.</param>
/// <param name="Width">Width in pixels; the image's canvas starts at the origin.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record CodedColors(byte[] Codes, float[] Values, int Width, int Height);

/// <summary>
/// An operation whose color output can also be read as <see cref="CodedColors"/>: 8-bit codes and
/// their values. Pixel-wise chains that start with channel-wise steps read the codes instead of
/// the floats (a quarter of the memory) and look the steps' results up per code.
/// </summary>
public interface ICodedColorOutput
{
    /// <summary>The output as codes, or null when its values are not all codes of a 256-entry table per channel.</summary>
    CodedColors? CodedColors { get; }
}
