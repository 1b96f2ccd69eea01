using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Input;

/// <summary>The shape settings of a Bokeh Image (Blender's NodeBokehImage).</summary>
/// <param name="Flaps">Number of aperture blades (3..24).</param>
/// <param name="Angle">Rotation of the blades in radians.</param>
/// <param name="Rounding">0: straight blade edges, 1: a circle.</param>
/// <param name="Catadioptric">Size of the hole in the middle (0..1 of the radius).</param>
/// <param name="LensShift">Chromatic shift: positive shrinks the red, negative the blue disc.</param>
public readonly record struct BokehSettings(int Flaps, float Angle, float Rounding, float Catadioptric, float LensShift);

/// <summary>
/// Draws an aperture shape into a 512 × 512 image (Blender's BokehImageOperation): a polygon of
/// <see cref="BokehSettings.Flaps"/> sides rounded towards a circle, with an optional catadioptric
/// hole, one-pixel soft edges, and the lens shift drawn as three discs of different radius in R,
/// G and B. Alpha is the mean of the three. The canvas starts at the preferred area's origin.
/// </summary>
public sealed class BokehImageOperation : NodeOperation
{
    /// <summary>The image's size (Blender's COM_BLUR_BOKEH_PIXELS).</summary>
    public const int Size = 512;

    private readonly float _flapRad;
    private readonly float _flapRadAdd;

    /// <summary>Creates the operation.</summary>
    public BokehImageOperation(BokehSettings settings) : base(DataType.Color)
    {
        Settings = settings;
        _flapRad = MathF.PI * 2f / settings.Flaps;
        float add = settings.Angle;
        while (add < 0f) add += MathF.PI * 2f;
        while (add > MathF.PI) add -= MathF.PI * 2f;
        _flapRadAdd = add;
    }

    /// <summary>The shape.</summary>
    public BokehSettings Settings { get; }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) =>
        new(preferred.XMin, preferred.YMin, preferred.XMin + Size, preferred.YMin + Size);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        // Blender measures from the integer centre of the canvas in buffer coordinates.
        float cx = Canvas.Width / 2, cy = Canvas.Height / 2;
        float distance = Canvas.Width / 2;
        float shift = Settings.LensShift;
        float shift2 = shift / 2f;
        float medDistance = distance - MathF.Abs(shift2 * distance);
        float minDistance = distance - MathF.Abs(shift * distance);
        // Without lens shift the three discs are one: draw it once.
        var maxBlades = Blades(distance, cx, cy);
        var medBlades = medDistance == distance ? maxBlades : Blades(medDistance, cx, cy);
        var minBlades = minDistance == distance ? maxBlades : Blades(minDistance, cx, cy);
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = o.GetRow(y, area.XMin, area.Width);
            for (int x = area.XMin, i = 0; x < area.XMax; x++, i += 4)
            {
                float px = x - Canvas.XMin, py = y - Canvas.YMin;
                float max = Inside(distance, px, py, cx, cy, maxBlades);
                float med = medDistance == distance ? max : Inside(medDistance, px, py, cx, cy, medBlades);
                float min = minDistance == distance ? max : Inside(minDistance, px, py, cx, cy, minBlades);
                if (shift < 0f)
                {
                    row[i] = max;
                    row[i + 1] = med;
                    row[i + 2] = min;
                }
                else
                {
                    row[i] = min;
                    row[i + 1] = med;
                    row[i + 2] = max;
                }

                row[i + 3] = (max + med + min) / 3f;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Settings);
        return true;
    }

    /// <summary>Start point of blade <paramref name="flap"/> on a shape of radius <paramref name="distance"/>.</summary>
    private (float X, float Y) Corner(int flap, float distance, float cx, float cy) =>
        (MathF.Sin(_flapRad * flap + _flapRadAdd) * distance + cx, MathF.Cos(_flapRad * flap + _flapRadAdd) * distance + cy);

    /// <summary>
    /// The blade start points (x, y pairs) for every flap a pixel's bearing can give (bearing − angle
    /// lies in [0, 4π], so up to twice the flap count), computed once instead of per pixel.
    /// </summary>
    private float[] Blades(float distance, float cx, float cy)
    {
        int corners = 2 * Settings.Flaps + 3;
        var blades = new float[2 * corners];
        for (int flap = 0; flap < corners; flap++)
            (blades[2 * flap], blades[2 * flap + 1]) = Corner(flap, distance, cx, cy);
        return blades;
    }

    /// <summary>Coverage (0..1) of pixel (<paramref name="x"/>, <paramref name="y"/>) by the shape of radius <paramref name="distance"/>.</summary>
    private float Inside(float distance, float x, float y, float cx, float cy, float[] blades)
    {
        float dx = x - cx, dy = y - cy;
        float toCenter = MathF.Sqrt(dx * dx + dy * dy);
        float bearing = MathF.Atan2(dx, dy) + MathF.PI * 2f;
        int flap = (int)((bearing - _flapRadAdd) / _flapRad);

        // The blade edge between the start points of this flap and the next.
        float ax, ay, bx, by;
        if (flap >= 0 && 2 * flap + 3 < blades.Length)
        {
            ax = blades[2 * flap]; ay = blades[2 * flap + 1];
            bx = blades[2 * flap + 2]; by = blades[2 * flap + 3];
        }
        else
        {
            (ax, ay) = Corner(flap, distance, cx, cy);
            (bx, by) = Corner(flap + 1, distance, cx, cy);
        }

        float ux = bx - ax, uy = by - ay;
        float denom = ux * ux + uy * uy;
        float closeX = ax, closeY = ay;
        if (denom != 0f)
        {
            float lambda = (ux * (x - ax) + uy * (y - ay)) / denom;
            closeX = ax + ux * lambda;
            closeY = ay + uy * lambda;
        }

        float lx = cx - closeX, ly = cy - closeY;
        float lineToCenter = MathF.Sqrt(lx * lx + ly * ly);
        float rounding = Settings.Rounding;
        float roundedToCenter = (1f - rounding) * lineToCenter + rounding * distance;
        float catadioptric = Settings.Catadioptric;
        float holeToCenter = roundedToCenter * catadioptric;
        if (!(roundedToCenter >= toCenter && holeToCenter <= toCenter)) return 0f;
        if (roundedToCenter - toCenter < 1f) return roundedToCenter - toCenter;
        if (catadioptric != 0f && toCenter - holeToCenter < 1f) return toCenter - holeToCenter;
        return 1f;
    }
}
