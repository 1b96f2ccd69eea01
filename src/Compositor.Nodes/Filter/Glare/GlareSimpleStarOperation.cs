using System.Buffers;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// The SIMPLE_STAR glare (Blender's GlareSimpleStarOperation). Two copies of the highlights are
/// smeared in place, iteration i reaching i pixels away: one vertically (or along one diagonal
/// with <c>use_rotate_45</c>), the other horizontally (or along the other diagonal). Each pixel
/// becomes (1 − fade)·itself + fade/2·(each of its two neighbours), swept forwards then backwards
/// so each sweep carries the light along; pixels beyond the image read black. The result is the sum
/// of the two copies.
/// </summary>
public sealed class GlareSimpleStarOperation : GlareOperationBase
{
    /// <summary>Creates the operation.</summary>
    public GlareSimpleStarOperation(GlareSettings settings) : base(settings)
    {
    }

    /// <inheritdoc />
    protected override void Generate(float[] source, float[] destination, int width, int height)
    {
        int n = width * height * 4;
        float f1 = 1f - Settings.Fade;
        float f2 = (1f - f1) * 0.5f;
        bool diagonal = Settings.Rotate45;
        float[] second = ArrayPool<float>.Shared.Rent(n);
        try
        {
            float[] first = source;
            Array.Copy(source, second, n);
            for (int i = 0; i < Settings.Iterations; i++)
            {
                // Copy one: (x or x - i, y - i) and (x or x + i, y + i); copy two: (x - i, y or y + i) and (x + i, y or y - i).
                int ax = diagonal ? -i : 0, ay = -i, bx = diagonal ? i : 0, by = i;
                int cx = -i, cy = diagonal ? i : 0, dx = i, dy = diagonal ? -i : 0;
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        Smear(first, width, height, x, y, ax, ay, bx, by, f1, f2);
                        Smear(second, width, height, x, y, cx, cy, dx, dy, f1, f2);
                    }
                }

                for (int y = height - 1; y >= 0; y--)
                {
                    for (int x = width - 1; x >= 0; x--)
                    {
                        Smear(first, width, height, x, y, ax, ay, bx, by, f1, f2);
                        Smear(second, width, height, x, y, cx, cy, dx, dy, f1, f2);
                    }
                }
            }

            for (int k = 0; k < n; k++) destination[k] = first[k] + second[k];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(second);
        }
    }

    private static void Smear(float[] img, int w, int h, int x, int y, int ax, int ay, int bx, int by, float f1, float f2)
    {
        int i = (y * w + x) * 4;
        float r = img[i] * f1, g = img[i + 1] * f1, b = img[i + 2] * f1;
        int xa = x + ax, ya = y + ay;
        if ((uint)xa < (uint)w && (uint)ya < (uint)h)
        {
            int j = (ya * w + xa) * 4;
            r += img[j] * f2; g += img[j + 1] * f2; b += img[j + 2] * f2;
        }

        int xb = x + bx, yb = y + by;
        if ((uint)xb < (uint)w && (uint)yb < (uint)h)
        {
            int j = (yb * w + xb) * 4;
            r += img[j] * f2; g += img[j + 1] * f2; b += img[j + 2] * f2;
        }

        img[i] = r;
        img[i + 1] = g;
        img[i + 2] = b;
        img[i + 3] = 1f;
    }
}
