namespace Compositor.Operations;

/// <summary>Accumulates an operation's identity for merging equal operations (Blender's hash_output_params).</summary>
public struct OperationHash
{
    private HashCode _hash;
    private readonly List<object>? _parts;

    /// <summary>Starts a hash that also records the parts, so equal hashes can be checked for real equality.</summary>
    public OperationHash()
    {
        _hash = default;
        _parts = [];
    }

    /// <summary>Adds a value.</summary>
    public void Add<T>(T value) where T : notnull
    {
        _hash.Add(value);
        _parts?.Add(value);
    }

    /// <summary>Adds every float of a span.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        foreach (var v in values) Add(v);
    }

    /// <summary>The hash value.</summary>
    public readonly int ToHashCode() => _hash.ToHashCode();

    /// <summary>True when both recorded the same parts.</summary>
    public readonly bool SameParts(in OperationHash other) =>
        _parts is not null && other._parts is not null && _parts.SequenceEqual(other._parts);
}
