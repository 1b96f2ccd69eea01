using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>
/// An operation whose whole output already lies in memory (a decoded input image): the full-frame
/// model reads it in place instead of copying it into a buffer of its own.
/// </summary>
public interface IStoredOutput
{
    /// <summary>
    /// A new buffer over the stored output (at least the canvas), or null when the output must be
    /// computed. Readers never write to it; disposing it leaves the stored pixels alone.
    /// </summary>
    MemoryBuffer? StoredOutput { get; }
}
