using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>One value everywhere (Blender's SetValue/SetColor/SetVector operations). Takes the preferred canvas.</summary>
public sealed class ConstantOperation : NodeOperation
{
    private readonly float[] _value;

    /// <summary>Creates a constant of <paramref name="type"/>; <paramref name="value"/> gives its channels.</summary>
    public ConstantOperation(DataType type, ReadOnlySpan<float> value) : base(type)
    {
        _value = new float[type.Channels()];
        value[..Math.Min(value.Length, _value.Length)].CopyTo(_value);
        Flags = OperationFlags.Constant;
    }

    /// <summary>A Value constant.</summary>
    public static ConstantOperation Of(float value) => new(DataType.Value, [value]);

    /// <summary>The constant's channels.</summary>
    public ReadOnlySpan<float> Value => _value;

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => preferred;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        if (o.IsSingleElement) return;
        int c = _value.Length;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = o.GetRow(y, area.XMin, area.Width);
            if (c == 1) row.Fill(_value[0]);
            else for (int i = 0; i < row.Length; i += c) _value.CopyTo(row.Slice(i, c));
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_value);
        return true;
    }
}
