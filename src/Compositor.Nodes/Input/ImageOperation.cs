using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Input;

/// <summary>What an <see cref="ImageOperation"/> hands out.</summary>
public enum ImageChannel
{
    /// <summary>The premultiplied color.</summary>
    Color,

    /// <summary>The color with alpha divided out (the node's straight-alpha output).</summary>
    StraightColor,

    /// <summary>The alpha channel as a value.</summary>
    Alpha,
}

/// <summary>Reads a loaded image: its canvas is the image at the origin.</summary>
public sealed class ImageOperation : NodeOperation, IStoredOutput, ICodedColorOutput
{
    private readonly ImageSource _image;
    private readonly ImageChannel _channel;
    private readonly string _key;

    /// <summary>Creates a reader of <paramref name="image"/> (identified by <paramref name="key"/> for merging).</summary>
    public ImageOperation(ImageSource image, ImageChannel channel, string key) : base(channel == ImageChannel.Alpha ? DataType.Value : DataType.Color)
    {
        _image = image;
        _channel = channel;
        _key = key;
    }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => Rect.FromSize(_image.Width, _image.Height);

    /// <inheritdoc />
    public MemoryBuffer? StoredOutput => _channel == ImageChannel.Color ? _image.AsBuffer() : null;

    /// <inheritdoc />
    public CodedColors? CodedColors => _channel == ImageChannel.Color ? _image.Coded : null;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var pixels = _image.Pixels;
        int w = _image.Width;
        var clipped = area.Intersect(Rect.FromSize(_image.Width, _image.Height));
        if (clipped != area) o.Clear(area);
        for (int y = clipped.YMin; y < clipped.YMax; y++)
        {
            var src = pixels.AsSpan((y * w + clipped.XMin) * 4, clipped.Width * 4);
            var dst = o.GetRow(y, clipped.XMin, clipped.Width);
            switch (_channel)
            {
                case ImageChannel.Color:
                    src.CopyTo(dst);
                    break;
                case ImageChannel.Alpha:
                    for (int x = 0; x < dst.Length; x++) dst[x] = src[x * 4 + 3];
                    break;
                case ImageChannel.StraightColor:
                    for (int x = 0; x < src.Length; x += 4)
                    {
                        float a = src[x + 3];
                        float k = a == 0f ? 1f : 1f / a;
                        dst[x] = src[x] * k; dst[x + 1] = src[x + 1] * k; dst[x + 2] = src[x + 2] * k; dst[x + 3] = a;
                    }

                    break;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_key);
        hash.Add(_channel);
        return true;
    }
}
