using Compositor.Imaging;

namespace Compositor.OpenCl;

/// <summary>
/// An operation with an OpenCL kernel (flag <see cref="Operations.OperationFlags.OpenCl"/>): the
/// OpenCL device calls <see cref="EnqueueOpenCl"/> once per chunk, with the operation's inputs
/// already on the device (uploaded once per execution, not per chunk) and an output image covering
/// the operation's whole output buffer. The kernels must compute what <c>Execute</c> computes.
/// </summary>
public interface IOpenClOperation
{
    /// <summary>The program holding the operation's kernels (one per operation family).</summary>
    OpenClProgramSource OpenClProgram { get; }

    /// <summary>
    /// Null when the kernels can compute this instance (after initialization); otherwise why not
    /// (a setting the kernel does not cover): the operation then runs on the CPU, and the render
    /// reports the reason.
    /// </summary>
    string? OpenClUnsupportedReason => null;

    /// <summary>Enqueues the kernels that compute <see cref="IOpenClChunk.Area"/> of the output.</summary>
    void EnqueueOpenCl(IOpenClChunk chunk);
}

/// <summary>
/// A float image on an OpenCL device: <see cref="Rect"/> as in <see cref="MemoryBuffer"/>, rows
/// bottom-up, channels interleaved. Kernels receive it as two arguments: <c>__global float*</c> and
/// <c>int4</c> (xmin, ymin, width, height; width 0 marks a single element that reads the same
/// everywhere).
/// </summary>
public interface IOpenClImage
{
    /// <summary>Element type.</summary>
    DataType Type { get; }

    /// <summary>The area it covers.</summary>
    Rect Rect { get; }

    /// <summary>True for a constant (one element).</summary>
    bool IsSingleElement { get; }
}

/// <summary>One chunk to compute on a device: the operation's images and a way to launch kernels.</summary>
public interface IOpenClChunk
{
    /// <summary>The output rectangle this chunk computes.</summary>
    Rect Area { get; }

    /// <summary>The device image of input <paramref name="index"/>.</summary>
    IOpenClImage Input(int index);

    /// <summary>The host buffer of input <paramref name="index"/> (complete), for values the host derives from it.</summary>
    MemoryBuffer HostInput(int index);

    /// <summary>The output image (the whole output buffer's rectangle).</summary>
    IOpenClImage Output { get; }

    /// <summary>
    /// A device image for intermediate results, kept for the whole execution under
    /// <paramref name="key"/> (so a pass computed for one chunk can be reused by the next).
    /// </summary>
    IOpenClImage Temporary(string key, DataType type, Rect rect, out bool created);

    /// <summary>Starts setting the arguments of kernel <paramref name="name"/>, in order.</summary>
    IOpenClKernelCall Kernel(string name);
}

/// <summary>Arguments of one kernel launch, appended in the kernel's parameter order.</summary>
public interface IOpenClKernelCall
{
    /// <summary>An image: two parameters, <c>__global float*</c> and <c>int4</c> rect.</summary>
    IOpenClKernelCall Image(IOpenClImage image);

    /// <summary>An <c>int</c>.</summary>
    IOpenClKernelCall Int(int value);

    /// <summary>A <c>float</c>.</summary>
    IOpenClKernelCall Float(float value);

    /// <summary>A <c>float2</c>.</summary>
    IOpenClKernelCall Float2(float x, float y);

    /// <summary>A <c>float4</c>.</summary>
    IOpenClKernelCall Float4(float x, float y, float z, float w);

    /// <summary>An <c>int4</c> rectangle (xmin, ymin, xmax, ymax).</summary>
    IOpenClKernelCall Bounds(Rect rect);

    /// <summary>A read-only <c>__global const float*</c> table, uploaded once per execution (keyed by the array).</summary>
    IOpenClKernelCall Table(float[] values);

    /// <summary>
    /// Enqueues the kernel over <paramref name="range"/>, one work item per pixel; the range's
    /// origin is passed as the kernel's last parameter (<c>RANGE</c>, read through <c>PIXEL_X</c>
    /// and <c>PIXEL_Y</c>).
    /// </summary>
    void Run(Rect range);
}
