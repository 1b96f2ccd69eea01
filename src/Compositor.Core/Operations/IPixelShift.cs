namespace Compositor.Operations;

/// <summary>
/// An operation whose output is one of its inputs moved by whole pixels and otherwise unchanged (a
/// translation that does not wrap). The full-frame model hands its readers the input's buffer under
/// moved coordinates instead of copying every pixel.
/// </summary>
public interface IPixelShift
{
    /// <summary>Index of the input that is moved.</summary>
    int ShiftedInput { get; }

    /// <summary>The whole-pixel offset, or null when the operation does more than move its input (known once the canvas is determined).</summary>
    (int X, int Y)? Shift { get; }
}
