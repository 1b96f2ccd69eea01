using System.Buffers;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// What the Box and Ellipse Mask share (Blender's BoxMaskOperation / EllipseMaskOperation): the
/// shape's centre, size and rotation in units of the canvas (x and y from 0 at the first pixel to 1
/// at the last, y divided by the aspect ratio before rotating), and the combination with the Mask
/// and Value inputs. The canvas is the Mask input's.
/// </summary>
public abstract class ShapeMaskOperation : NodeOperation
{
    private const float FltEpsilon = 1.1920929e-7f;

    private readonly bool _ellipse;

    /// <summary>Creates the operation (a box or an ellipse). Inputs: mask, value.</summary>
    private protected ShapeMaskOperation(bool ellipse, MaskType type, float x, float y, float width, float height, float rotation) : base(DataType.Value)
    {
        _ellipse = ellipse;
        Type = type;
        X = x;
        Y = y;
        Width = width;
        Height = height;
        Rotation = rotation;
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        CanvasInputIndex = 0;
    }

    /// <summary>How the shape combines with the inputs.</summary>
    public MaskType Type { get; }

    /// <summary>Centre x (0..1 across the canvas).</summary>
    public float X { get; }

    /// <summary>Centre y (0..1 up the canvas).</summary>
    public float Y { get; }

    /// <summary>Width in units of the canvas width.</summary>
    public float Width { get; }

    /// <summary>Height in units of the canvas width (y is divided by the aspect ratio).</summary>
    public float Height { get; }

    /// <summary>Rotation in radians.</summary>
    public float Rotation { get; }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        int width = area.Width;
        float cosine = (float)System.Math.Cos(Rotation), sine = (float)System.Math.Sin(Rotation);
        float aspect = (float)Canvas.Width / Canvas.Height;
        float lastX = MathF.Max(Canvas.Width - 1f, FltEpsilon), lastY = MathF.Max(Canvas.Height - 1f, FltEpsilon);
        float cx = X, cy = Y;
        var type = Type;
        float[] scratch = ArrayPool<float>.Shared.Rent(2 * width);
        try
        {
            // Box: both rotated coordinates within half the size (plus FLT_EPSILON) of the centre.
            float halfW = Width / 2f + FltEpsilon, halfH = Height / 2f + FltEpsilon;
            // Ellipse: (dx / half width)² + (dy / half height)² ≤ 1 + FLT_EPSILON.
            float ew = Width / 2f, eh = Height / 2f, tx = ew * ew, ty = eh * eh;
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var mask = inputs[0].ReadRow(y, area.XMin, width, scratch.AsSpan(0, width));
                var value = inputs[1].ReadRow(y, area.XMin, width, scratch.AsSpan(width, width));
                var dst = o.GetRow(y, area.XMin, width);
                float dy = (y / lastY - cy) / aspect;
                for (int i = 0; i < width; i++)
                {
                    float dx = (area.XMin + i) / lastX - cx;
                    float rx = cx + (cosine * dx + sine * dy);
                    float ry = cy + (-sine * dx + cosine * dy);
                    bool inside;
                    if (_ellipse)
                    {
                        float sx = rx - cx, sy = ry - cy;
                        sx *= sx;
                        sy *= sy;
                        inside = sx / tx + sy / ty <= 1f + FltEpsilon;
                    }
                    else
                    {
                        inside = rx >= cx - halfW && rx <= cx + halfW && ry >= cy - halfH && ry <= cy + halfH;
                    }

                    dst[i] = MaskTypes.Combine(type, inside, mask[i], value[i]);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(GetType().Name);
        hash.Add(Type);
        hash.Add(X);
        hash.Add(Y);
        hash.Add(Width);
        hash.Add(Height);
        hash.Add(Rotation);
        return true;
    }
}
