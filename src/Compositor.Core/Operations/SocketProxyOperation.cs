using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>
/// Stands for a reroute, a muted node's pass-through or a group socket while compiling; the compiler
/// links its consumers straight to the real producer and drops it before execution.
/// </summary>
public sealed class SocketProxyOperation : NodeOperation
{
    /// <summary>Creates a proxy carrying <paramref name="type"/>.</summary>
    public SocketProxyOperation(DataType type) : base(type)
    {
        AddInput(type, ResizeMode.None);
        Flags = OperationFlags.Proxy;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context) =>
        throw new InvalidOperationException($"proxy {Label} survived compilation");
}
