using Compositor.Imaging;

namespace Compositor.NodeTypes;

/// <summary>A socket of a node type: Blender identifier, UI name, data type and default value.</summary>
public sealed record SocketDefinition(string Identifier, string Name, DataType Type, float[] Default)
{
    /// <inheritdoc />
    public override string ToString() => $"{Identifier} ({Type})";
}
