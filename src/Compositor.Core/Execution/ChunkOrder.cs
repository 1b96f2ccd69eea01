namespace Compositor.Execution;

/// <summary>The order an ExecutionGroup's chunks are scheduled in (Blender's ChunkOrdering).</summary>
public enum ChunkOrdering
{
    /// <summary>Nearest to a hotspot first (Blender's default, centre 0.5, 0.5).</summary>
    CenterOut,

    /// <summary>Row by row from the bottom (Blender's image space is bottom-up).</summary>
    TopDown,

    /// <summary>Shuffled with a fixed seed.</summary>
    Random,

    /// <summary>Nearest to one of nine rule-of-thirds hotspots, with a growing penalty per hotspot.</summary>
    RuleOfThirds,
}

/// <summary>Computes chunk orders as Blender does (COM_ChunkOrder, COM_ChunkOrderHotspot).</summary>
public static class ChunkOrder
{
    /// <summary>
    /// The chunk indices (row-major, x fastest, bottom row first) of a grid of
    /// <paramref name="chunksX"/> × <paramref name="chunksY"/> chunks of <paramref name="chunkSize"/>
    /// pixels over an area of <paramref name="width"/> × <paramref name="height"/>, in execution order.
    /// </summary>
    public static int[] Compute(ChunkOrdering ordering, int chunksX, int chunksY, int chunkSize, int width, int height, float centerX = 0.5f, float centerY = 0.5f)
    {
        int n = chunksX * chunksY;
        var order = Enumerable.Range(0, n).ToArray();
        switch (ordering)
        {
            case ChunkOrdering.TopDown:
                break;
            case ChunkOrdering.Random:
                var rng = new Random(12345);
                for (int pass = 0; pass < 2; pass++) rng.Shuffle(order);
                break;
            case ChunkOrdering.CenterOut:
            {
                float hx = centerX * width, hy = centerY * height;
                var keys = order.Select(i => Distance(i, hx, hy)).ToArray();
                Array.Sort(keys, order);
                break;
            }

            case ChunkOrdering.RuleOfThirds:
            {
                float tx = width / 6f, ty = height / 6f;
                float mx = width / 2f, my = height / 2f;
                float bx = mx + 2 * tx, by = my + 2 * ty;
                (float X, float Y)[] hotspots =
                [
                    (mx, my), (tx, my), (bx, my), (tx, ty), (bx, ty), (tx, by), (bx, by), (mx, ty), (mx, by),
                ];
                float penaltyStep = n / 100f;
                var keys = order.Select(i =>
                {
                    float best = float.MaxValue;
                    for (int k = 0; k < hotspots.Length; k++)
                        best = Math.Min(best, Distance(i, hotspots[k].X, hotspots[k].Y) + k * penaltyStep);
                    return best;
                }).ToArray();
                Array.Sort(keys, order);
                break;
            }
        }

        return order;

        float Distance(int index, float hx, float hy)
        {
            float x = index % chunksX * chunkSize - hx;
            float y = index / chunksX * chunkSize - hy;
            return MathF.Sqrt(x * x + y * y);
        }
    }
}
