using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Support;

/// <summary>Runs one operation directly on small buffers.</summary>
internal static class OpRunner
{
    /// <summary>A buffer of <paramref name="type"/> holding <paramref name="values"/> (rows bottom to top), <paramref name="width"/> elements wide.</summary>
    public static MemoryBuffer Buffer(DataType type, int width, params float[] values)
    {
        int channels = type.Channels();
        int height = values.Length / channels / width;
        Assert.That(width * height * channels, Is.EqualTo(values.Length), "values do not fill the rectangle");
        var buffer = MemoryBuffer.Create(type, Rect.FromSize(width, height));
        for (int y = 0; y < height; y++)
            values.AsSpan(y * width * channels, width * channels).CopyTo(buffer.GetRow(y, 0, width));
        return buffer;
    }

    /// <summary>A single-element (constant) buffer.</summary>
    public static MemoryBuffer Constant(DataType type, params float[] value) =>
        MemoryBuffer.CreateSingleElement(type, value, Rect.FromSize(1, 1));

    /// <summary>Executes <paramref name="op"/> over <paramref name="width"/> × <paramref name="height"/> and returns the output's floats.</summary>
    public static float[] Run(NodeOperation op, int width, int height, params MemoryBuffer[] inputs)
    {
        var area = Rect.FromSize(width, height);
        using var output = MemoryBuffer.Create(op.OutputType!.Value, area);
        op.Execute(output, area, inputs, new RenderContext());
        return output.Span.ToArray();
    }

    /// <summary>Executes <paramref name="op"/> on single-element inputs into a single-element output (constant folding).</summary>
    public static float[] RunFolded(NodeOperation op, params MemoryBuffer[] inputs)
    {
        var type = op.OutputType!.Value;
        using var output = MemoryBuffer.CreateSingleElement(type, new float[type.Channels()], Rect.FromSize(1, 1));
        op.Execute(output, Rect.FromSize(1, 1), inputs, new RenderContext());
        return output.SingleElement.ToArray();
    }
}
