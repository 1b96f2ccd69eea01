namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Blender's seeded random number generator (BLI_rng: the 48-bit linear congruential generator of
/// drand48), for tables Blender builds from fixed seeds.
/// </summary>
internal struct BlenderRandom
{
    private const ulong Multiplier = 0x5DEECE66DUL;
    private const ulong Addend = 0xB;
    private const ulong Mask = 0x0000FFFFFFFFFFFFUL;
    private ulong _x;

    /// <summary>Seeds the generator as BLI_rng_new(<paramref name="seed"/>).</summary>
    public BlenderRandom(uint seed) => _x = ((ulong)seed << 16) | 0x330E;

    /// <summary>The next value in [0, 1) as a double (BLI_rng_get_double).</summary>
    public double NextDouble() => NextInt() / (double)0x80000000;

    /// <summary>The next value in [0, 1) as a float (BLI_rng_get_float).</summary>
    public float NextFloat() => NextInt() / (float)0x80000000;

    private int NextInt()
    {
        _x = (Multiplier * _x + Addend) & Mask;
        return (int)(_x >> 17);
    }
}

/// <summary>Blender's jittered sample offsets (BLI_jitter_init): <c>count</c> points spread over a pixel, centred on (0, 0).</summary>
internal static class BlenderJitter
{
    /// <summary>The table for <paramref name="count"/> samples, as (x, y) pairs.</summary>
    public static float[] Create(int count)
    {
        var jit = new float[count * 2];
        if (count == 0) return jit;
        var scratch = new float[count * 2];
        float n = count, nSqrt = MathF.Sqrt(n);
        float rad1 = 1f / nSqrt, rad2 = 1f / n, rad3 = nSqrt / n;
        var rng = new BlenderRandom(31415926u + (uint)count);
        float x = 0f;
        for (int i = 0; i < count; i++)
        {
            jit[i * 2] = x + rad1 * (float)(0.5 - rng.NextDouble());
            jit[i * 2 + 1] = i / n + rad1 * (float)(0.5 - rng.NextDouble());
            x += rad3;
            x -= MathF.Floor(x);
        }

        for (int i = 0; i < 24; i++)
        {
            Relax1(jit, scratch, count, rad1);
            Relax1(jit, scratch, count, rad1);
            Relax2(jit, scratch, count, rad2);
        }

        for (int i = 0; i < count * 2; i++) jit[i] -= 0.5f;
        return jit;
    }

    /// <summary>Pushes points apart within <paramref name="radius"/> (BLI_jitterate1), wrapping around the unit square.</summary>
    private static void Relax1(float[] jit, float[] next, int count, float radius)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            float dx = 0f, dy = 0f, x = jit[i * 2], y = jit[i * 2 + 1];
            for (int j = count - 1; j >= 0; j--)
            {
                if (i == j) continue;
                float vx = jit[j * 2] - x - 1f, vy = jit[j * 2 + 1] - y - 1f;
                for (int k = 3; k > 0; k--)
                {
                    for (int m = 0; m < 3; m++)
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

                        // Blender steps right twice and then back by 2 (not 3 and back by 3): float rounding follows it.
                        if (m < 2) vx += 1f;
                    }

                    vx -= 2f;
                    vy += 1f;
                }
            }

            x -= dx / 18f;
            y -= dy / 18f;
            x -= MathF.Floor(x);
            y -= MathF.Floor(y);
            next[i * 2] = x;
            next[i * 2 + 1] = y;
        }

        Array.Copy(next, jit, count * 2);
    }

    /// <summary>Evens the points along each axis (BLI_jitterate2).</summary>
    private static void Relax2(float[] jit, float[] next, int count, float radius)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            float dx = 0f, dy = 0f, x = jit[i * 2], y = jit[i * 2 + 1];
            for (int j = count - 1; j >= 0; j--)
            {
                if (i == j) continue;
                float vx = jit[j * 2] - x - 1f, vy = jit[j * 2 + 1] - y - 1f;
                for (int m = 0; m < 3; m++)
                {
                    if (MathF.Abs(vx) < radius) dx += vx * radius;
                    vx += 1f;
                }

                for (int m = 0; m < 3; m++)
                {
                    if (MathF.Abs(vy) < radius) dy += vy * radius;
                    vy += 1f;
                }
            }

            x -= dx / 2f;
            y -= dy / 2f;
            x -= MathF.Floor(x);
            y -= MathF.Floor(y);
            next[i * 2] = x;
            next[i * 2 + 1] = y;
        }

        Array.Copy(next, jit, count * 2);
    }
}
