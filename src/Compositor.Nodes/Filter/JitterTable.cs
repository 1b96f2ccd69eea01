namespace Compositor.Nodes.Filter;

/// <summary>
/// Blender's jitter table (BLI_jitter_init): <c>num</c> points in the unit square, started on a
/// stratified lattice with drand48-style random offsets (seed 31415926 + num), relaxed 24 times by
/// two repulsion passes and one axis-spreading pass (wrapping around the square), then centred on
/// the origin. Stored as x, y pairs.
/// </summary>
internal static class JitterTable
{
    /// <summary>The table of <paramref name="num"/> points: x0, y0, x1, y1, ….</summary>
    public static float[] Create(int num)
    {
        var jit = new float[num * 2];
        if (num == 0) return jit;
        float numF = num, numSqrt = MathF.Sqrt(numF);
        float rad1 = 1f / numSqrt, rad2 = 1f / numF, rad3 = numSqrt / numF;
        ulong state = ((ulong)(uint)(31415926 + num) << 16) | 0x330E;
        double Next()
        {
            state = (0x5DEECE66DUL * state + 0xB) & 0xFFFFFFFFFFFFUL;
            return (int)(state >> 17) / (double)0x80000000;
        }

        float x = 0f;
        for (int i = 0; i < num; i++)
        {
            jit[i * 2] = x + rad1 * (float)(0.5 - Next());
            jit[i * 2 + 1] = i / numF + rad1 * (float)(0.5 - Next());
            x += rad3;
            x -= MathF.Floor(x);
        }

        var tmp = new float[num * 2];
        for (int i = 0; i < 24; i++)
        {
            Repel(jit, tmp, num, rad1);
            Repel(jit, tmp, num, rad1);
            Spread(jit, tmp, num, rad2);
        }

        for (int i = 0; i < num * 2; i++) jit[i] -= 0.5f;
        return jit;
    }

    private static void Repel(float[] jit, float[] tmp, int num, float radius)
    {
        for (int i = num - 1; i >= 0; i--)
        {
            float dx = 0f, dy = 0f, x = jit[i * 2], y = jit[i * 2 + 1];
            for (int j = num - 1; j >= 0; j--)
            {
                if (i == j) continue;
                float vx = jit[j * 2] - x - 1f, vy = jit[j * 2 + 1] - y - 1f;
                for (int k = 3; k > 0; k--)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        if (MathF.Abs(vx) < radius && MathF.Abs(vy) < radius)
                        {
                            float len = MathF.Sqrt(vx * vx + vy * vy);
                            if (len > 0f && len < radius)
                            {
                                len /= radius;
                                dx += vx / len;
                                dy += vy / len;
                            }
                        }

                        if (c < 2) vx += 1f;
                    }

                    vx -= 2f;
                    vy += 1f;
                }
            }

            x -= dx / 18f;
            y -= dy / 18f;
            x -= MathF.Floor(x);
            y -= MathF.Floor(y);
            tmp[i * 2] = x;
            tmp[i * 2 + 1] = y;
        }

        Array.Copy(tmp, jit, num * 2);
    }

    private static void Spread(float[] jit, float[] tmp, int num, float radius)
    {
        for (int i = num - 1; i >= 0; i--)
        {
            float dx = 0f, dy = 0f, x = jit[i * 2], y = jit[i * 2 + 1];
            for (int j = num - 1; j >= 0; j--)
            {
                if (i == j) continue;
                float vx = jit[j * 2] - x - 1f, vy = jit[j * 2 + 1] - y - 1f;
                for (int c = 0; c < 3; c++)
                {
                    if (MathF.Abs(vx) < radius) dx += vx * radius;
                    vx += 1f;
                }

                for (int c = 0; c < 3; c++)
                {
                    if (MathF.Abs(vy) < radius) dy += vy * radius;
                    vy += 1f;
                }
            }

            x -= dx / 2f;
            y -= dy / 2f;
            x -= MathF.Floor(x);
            y -= MathF.Floor(y);
            tmp[i * 2] = x;
            tmp[i * 2 + 1] = y;
        }

        Array.Copy(tmp, jit, num * 2);
    }
}
