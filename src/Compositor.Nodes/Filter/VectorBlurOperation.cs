using Compositor.Nodes.Operations.Distort;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>The Vector Blur node's settings (Blender's NodeBlurData as the node uses it).</summary>
public sealed record VectorBlurSettings
{
    /// <summary>Samples (halved into steps on each side; divided by the quality step).</summary>
    public int Samples { get; init; } = 32;

    /// <summary>Speeds below this many pixels are treated as still (0: off).</summary>
    public int MinSpeed { get; init; }

    /// <summary>Speeds are clamped to this many pixels (0: off).</summary>
    public int MaxSpeed { get; init; }

    /// <summary>Blur factor (shutter).</summary>
    public float Factor { get; init; } = 1f;

    /// <summary>Interpolate the motion along a quadratic Bézier through previous and next positions.</summary>
    public bool Curved { get; init; }
}

/// <summary>
/// Vector Blur (Blender's VectorBlurOperation, the render module's z-buffered accumulation). Each
/// moving pixel becomes a quad whose corners are displaced by the (vertex-averaged) speed vectors,
/// scaled per step; the quads are z-buffered (still pixels keep their own depth) and drawn with a
/// per-step jitter; the drawn colors are accumulated with a smooth-step falloff over the steps, and
/// the result is blended over the original image by the strongest contribution.
/// </summary>
/// <remarks>
/// Inputs: image, Z (value), speed (color: previous x, y, next x, y in pixels). Reads all of every
/// input and computes the whole image in one call.
/// </remarks>
public sealed class VectorBlurOperation : NodeOperation
{
    /// <summary>Index of the image input.</summary>
    public const int ImageInput = 0;

    /// <summary>Index of the Z input.</summary>
    public const int ZInput = 1;

    /// <summary>Index of the speed input.</summary>
    public const int SpeedInput = 2;

    private const float PassVectorMax = 10000f;
    private const float FltEpsilon = 1.1920929e-7f;
    private static readonly Lazy<float[]> Jitter = new(() => BlenderJitter.Create(256));
    private int _qualityStep = 1;

    /// <summary>Creates the operation.</summary>
    public VectorBlurOperation(VectorBlurSettings settings) : base(DataType.Color)
    {
        Settings = settings;
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        AddInput(DataType.Color);
        Flags = OperationFlags.Complex | OperationFlags.SingleThreaded;
    }

    /// <summary>The node's settings.</summary>
    public VectorBlurSettings Settings { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context) =>
        _qualityStep = context.Quality switch { RenderQuality.Medium => 2, RenderQuality.Low => 3, _ => 1 };

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var canvas = Canvas;
        int w = canvas.Width, h = canvas.Height;
        var image = Read(inputs[ImageInput], canvas, 4);
        var z = Read(inputs[ZInput], canvas, 1);
        var speed = Read(inputs[SpeedInput], canvas, 4);
        if (o.IsSingleElement)
        {
            image.AsSpan(0, 4).CopyTo(o.DangerousGetArray());
            return;
        }

        var result = new float[w * h * 4];
        Accumulate(Settings, Settings.Samples / _qualityStep, w, h, result, image, speed, z, Jitter.Value);
        for (int y = area.YMin; y < area.YMax; y++)
            result.AsSpan(((y - canvas.YMin) * w + area.XMin - canvas.XMin) * 4, area.Width * 4).CopyTo(o.GetRow(y, area.XMin, area.Width));
    }

    private static float[] Read(MemoryBuffer input, Rect canvas, int channels)
    {
        int w = canvas.Width, h = canvas.Height;
        var data = new float[Math.Max(1, w * h * channels)];
        for (int y = 0; y < h; y++)
        {
            var row = data.AsSpan(y * w * channels, w * channels);
            input.ReadRow(canvas.YMin + y, canvas.XMin, w, row).CopyTo(row);
        }

        return data;
    }

    /// <summary>The accumulation (Blender's zbuf_accumulate_vecblur) over w × h pixels; <paramref name="speed"/> is modified.</summary>
    internal static void Accumulate(VectorBlurSettings s, int samples, int w, int h, float[] result, float[] image, float[] speed, float[] z, float[] jitter)
    {
        int n = w * h;
        int maxSpeed = s.MaxSpeed;
        float maxSpeedSq = (float)maxSpeed * maxSpeed;
        for (int i = 0; i < 4 * n; i++)
            if (speed[i] == PassVectorMax) speed[i] = 0f;

        float[] vec = speed;
        if (s.MinSpeed != 0)
        {
            float minSpeed = s.MinSpeed;
            float minSq = minSpeed * minSpeed;
            var adjusted = new float[4 * n];
            for (int i = 0; i < 4 * n; i += 2)
            {
                float vx = speed[i], vy = speed[i + 1];
                if (vx == 0f && vy == 0f) continue;
                float sq = vx * vx + vy * vy;
                if (sq <= minSq) continue;
                float f = 1f - minSpeed / MathF.Sqrt(sq);
                adjusted[i] = f * vx;
                adjusted[i + 1] = f * vy;
            }

            vec = adjusted;
        }

        // Vertex speeds: at each pixel corner the smallest non-zero speed of the (up to) four pixels around it.
        int vw = w + 1;
        var vz = new float[4 * vw * (h + 1)];
        for (int y = 0; y <= h; y++)
        {
            int row1 = y == 0 ? 0 : y - 1;
            int row2 = y == h ? y - 1 : y;
            for (int x = 0; x <= w; x++)
            {
                for (int step = 0; step < 2; step++)
                {
                    int d = (y * vw + x) * 4 + step * 2;
                    int a = (row1 * w + x) * 4 + step * 2;
                    int b = (row2 * w + x) * 4 + step * 2;
                    int div = 0;
                    if (x != 0)
                    {
                        if (vec[a - 4] != 0f || vec[a - 3] != 0f)
                        {
                            vz[d] = vec[a - 4];
                            vz[d + 1] = vec[a - 3];
                            div++;
                        }

                        if (vec[b - 4] != 0f || vec[b - 3] != 0f)
                        {
                            if (div == 0)
                            {
                                vz[d] = vec[b - 4];
                                vz[d + 1] = vec[b - 3];
                                div++;
                            }
                            else if (MathF.Abs(vec[b - 4]) + MathF.Abs(vec[b - 3]) < MathF.Abs(vz[d]) + MathF.Abs(vz[d + 1]))
                            {
                                vz[d] = vec[b - 4];
                                vz[d + 1] = vec[b - 3];
                            }
                        }
                    }

                    if (x != w)
                    {
                        if (vec[a] != 0f || vec[a + 1] != 0f)
                        {
                            if (div == 0)
                            {
                                vz[d] = vec[a];
                                vz[d + 1] = vec[a + 1];
                                div++;
                            }
                            else if (MathF.Abs(vec[a]) + MathF.Abs(vec[a + 1]) < MathF.Abs(vz[d]) + MathF.Abs(vz[d + 1]))
                            {
                                vz[d] = vec[a];
                                vz[d + 1] = vec[a + 1];
                            }
                        }

                        if (vec[b] != 0f || vec[b + 1] != 0f)
                        {
                            if (div == 0)
                            {
                                vz[d] = vec[b];
                                vz[d + 1] = vec[b + 1];
                            }
                            else if (MathF.Abs(vec[b]) + MathF.Abs(vec[b + 1]) < MathF.Abs(vz[d]) + MathF.Abs(vz[d + 1]))
                            {
                                vz[d] = vec[b];
                                vz[d + 1] = vec[b + 1];
                            }
                        }
                    }

                    if (maxSpeed != 0)
                    {
                        float sq = vz[d] * vz[d] + vz[d + 1] * vz[d + 1];
                        if (sq > maxSpeedSq)
                        {
                            float f = maxSpeed / MathF.Sqrt(sq);
                            vz[d] *= f;
                            vz[d + 1] *= f;
                        }
                    }
                }
            }
        }

        // Border vertices keep to the border.
        for (int x = 0; x <= w; x++)
        {
            int top = (h * vw + x) * 4, bottom = x * 4;
            vz[bottom + 1] = vz[top + 1] = vz[bottom + 3] = vz[top + 3] = 0f;
        }

        for (int y = 0; y <= h; y++)
        {
            int left = y * vw * 4, right = (y * vw + w) * 4;
            vz[left] = vz[right] = vz[left + 2] = vz[right + 2] = 0f;
        }

        var move = new byte[n];
        for (int i = 0; i < n; i++)
            if (vec[i * 4] != 0f || vec[i * 4 + 1] != 0f || vec[i * 4 + 2] != 0f || vec[i * 4 + 3] != 0f) move[i] = 255;
        AntialiasTags(w, h, move);

        var rectZ = new float[n];
        var drawIndex = new int[n];
        var drawAlpha = new float[n];
        var weight = new float[n];
        var maxWeight = new float[n];
        var span = new ZSpan(w, h);
        Array.Clear(result, 0, 4 * n);
        Span<float> quad = stackalloc float[8];

        samples /= 2;
        for (int step = 1; step <= samples; step++)
        {
            float speedFac = 0.5f * s.Factor * step / (samples + 1);
            for (int side = 0; side < 2; side++)
            {
                for (int i = n - 1; i >= 0; i--) rectZ[i] = move[i] == 0 ? z[i] : 10e16f;
                Array.Fill(drawIndex, -1);
                int pairOffset = 0;
                if (side != 0)
                {
                    if (!s.Curved) pairOffset = 2;
                    speedFac = -speedFac;
                }

                float t = 0.5f + 0.5f * speedFac;
                float mt = 1f - t;
                float ipo0 = mt * mt, ipo1 = 2f * mt * t, ipo2 = t * t;
                float jy = jitter[(step & 255) * 2], jx = jitter[(step & 255) * 2 + 1];
                float fy = -0.5f + jy;
                for (int y = 0; y < h; y++, fy += 1f)
                {
                    float fx = -0.5f + jx;
                    for (int x = 0; x < w; x++, fx += 1f)
                    {
                        int p = y * w + x;
                        byte m = move[p];
                        if (m <= 1) continue;
                        float jfx = fx + 0.5f, jfy = fy + 0.5f;
                        int c1 = (y * vw + x) * 4, c2 = c1 + 4, c4 = ((y + 1) * vw + x) * 4, c3 = c4 + 4;
                        if (s.Curved)
                        {
                            Bezier(vz, c1, ipo0, ipo1, ipo2, out quad[0], out quad[1]);
                            Bezier(vz, c2, ipo0, ipo1, ipo2, out quad[2], out quad[3]);
                            Bezier(vz, c3, ipo0, ipo1, ipo2, out quad[4], out quad[5]);
                            Bezier(vz, c4, ipo0, ipo1, ipo2, out quad[6], out quad[7]);
                        }
                        else
                        {
                            quad[0] = speedFac * vz[c1 + pairOffset];
                            quad[1] = speedFac * vz[c1 + pairOffset + 1];
                            quad[2] = speedFac * vz[c2 + pairOffset];
                            quad[3] = speedFac * vz[c2 + pairOffset + 1];
                            quad[4] = speedFac * vz[c3 + pairOffset];
                            quad[5] = speedFac * vz[c3 + pairOffset + 1];
                            quad[6] = speedFac * vz[c4 + pairOffset];
                            quad[7] = speedFac * vz[c4 + pairOffset + 1];
                        }

                        quad[0] += jfx; quad[1] += jfy;
                        quad[2] += jfx + 1f; quad[3] += jfy;
                        quad[4] += jfx + 1f; quad[5] += jfy + 1f;
                        quad[6] += jfx; quad[7] += jfy + 1f;
                        float alpha = m == 255 ? 1f : m < 2 ? 0f : m / 255f;
                        span.Fill(quad, z[p], rectZ, drawIndex, drawAlpha, p, alpha);
                    }
                }

                float blend = (samples - step) / (float)samples;
                blend = 3f * MathF.Pow(blend, 2f) - 2f * MathF.Pow(blend, 3f);
                for (int i = n - 1; i >= 0; i--)
                {
                    int src = drawIndex[i];
                    if (src < 0) continue;
                    float b = drawAlpha[i] * blend;
                    int d = i * 4;
                    result[d] += b * image[src * 4];
                    result[d + 1] += b * image[src * 4 + 1];
                    result[d + 2] += b * image[src * 4 + 2];
                    result[d + 3] += b * image[src * 4 + 3];
                    weight[i] += b;
                    maxWeight[i] = Math.Max(maxWeight[i], b);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            float mfac = maxWeight[i];
            float fac = weight[i] == 0f ? 0f : mfac / weight[i];
            float nfac = 1f - mfac;
            int d = i * 4;
            for (int c = 0; c < 4; c++) result[d + c] = fac * result[d + c] + nfac * image[d + c];
        }
    }

    private static void Bezier(float[] vz, int c, float i0, float i1, float i2, out float x, out float y)
    {
        float p1x = vz[c], p1y = vz[c + 1];
        float p3x = -vz[c + 2], p3y = -vz[c + 3];
        float p2x = -0.5f * p1x - 0.5f * p3x, p2y = -0.5f * p1y - 0.5f * p3y;
        x = i0 * p1x + i1 * p2x + i2 * p3x;
        y = i0 * p1y + i1 * p2y + i2 * p3y;
    }

    /// <summary>
    /// Blender's antialias_tagbuf on the moving-pixel tags (255 moving, 0 still): moving pixels at
    /// the edge of a moving region get intermediate alphas along horizontal and vertical runs, and
    /// still pixels next to them become 1.
    /// </summary>
    internal static void AntialiasTags(int w, int h, byte[] m)
    {
        int n = w * h;
        byte At(int i) => i < n ? m[i] : (byte)0;

        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                int i = y * w + x;
                if (m[i] != 0 && (m[i - 1] == 0 || m[i + 1] == 0 || m[i - w] == 0 || m[i + w] == 0)) m[i] = 128;
            }

        for (int y = 0; y < h; y++)
        {
            for (int x = 1; x < w; x++)
            {
                int i = y * w + x;
                if (m[i] != 128 || At(i + 1) != 128) continue;
                int prev = m[i - 1];
                int step = 1;
                while (x + step < w && m[i + step] == 128) step++;
                if (x + step == w) continue;
                int next = m[i + step];
                for (int a = 0; a < step; a++)
                {
                    int fac = ((a + 1) << 8) / (step + 1);
                    m[i + a] = (byte)((prev * (255 - fac) + next * fac) >> 8);
                }
            }
        }

        for (int x = 0; x < w; x++)
        {
            for (int y = 1; y < h; y++)
            {
                int i = y * w + x;
                if (m[i] != 128 || At(i + w) != 128) continue;
                int prev = m[i - w];
                int step = 1;
                while (y + step < h && m[i + step * w] == 128) step++;
                if (y + step == h) continue;
                int next = m[i + step * w];
                for (int a = 0; a < step; a++)
                {
                    int fac = ((a + 1) << 8) / (step + 1);
                    m[i + a * w] = (byte)((prev * (255 - fac) + next * fac) >> 8);
                }
            }
        }

        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                int i = y * w + x;
                if (m[i] == 0 && (m[i - 1] > 1 || m[i + 1] > 1 || m[i - w] > 1 || m[i + w] > 1)) m[i] = 1;
            }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Settings.Samples);
        hash.Add(Settings.MinSpeed);
        hash.Add(Settings.MaxSpeed);
        hash.Add(Settings.Factor);
        hash.Add(Settings.Curved);
        hash.Add(_qualityStep);
        return true;
    }

    /// <summary>Scan conversion of one quad into the z-buffer (Blender's zbuf spans, for constant depth).</summary>
    private sealed class ZSpan(int width, int height)
    {
        private readonly float[] _span1 = new float[height];
        private readonly float[] _span2 = new float[height];
        private int _miny1, _maxy1, _miny2, _maxy2;
        private int _minp1, _maxp1, _minp2, _maxp2;

        private void Add(ReadOnlySpan<float> v, int i1, int i2)
        {
            int minv, maxv;
            if (v[i1 * 2 + 1] < v[i2 * 2 + 1]) { minv = i1; maxv = i2; }
            else { minv = i2; maxv = i1; }
            float minx = v[minv * 2], miny = v[minv * 2 + 1], maxx = v[maxv * 2], maxy = v[maxv * 2 + 1];
            int my0 = (int)Math.Ceiling(miny);
            int my2 = (int)Math.Floor(maxy);
            if (my2 < 0 || my0 >= height) return;
            if (my2 >= height) my2 = height - 1;
            if (my0 < 0) my0 = 0;
            if (my0 > my2) return;

            float xx1 = maxy - miny, dx0, xs0;
            if (xx1 > FltEpsilon)
            {
                dx0 = (minx - maxx) / xx1;
                xs0 = dx0 * (miny - my2) + minx;
            }
            else
            {
                dx0 = 0f;
                xs0 = MathF.Min(minx, maxx);
            }

            bool first = _maxp1 < 0 || maxv == _minp1 || minv == _maxp1;
            float[] span;
            if (first)
            {
                span = _span1;
                if (_minp1 < 0 || v[_minp1 * 2 + 1] > miny) _minp1 = minv;
                if (_maxp1 < 0 || v[_maxp1 * 2 + 1] < maxy) _maxp1 = maxv;
                if (my0 < _miny1) _miny1 = my0;
                if (my2 > _maxy1) _maxy1 = my2;
            }
            else
            {
                span = _span2;
                if (_minp2 < 0 || v[_minp2 * 2 + 1] > miny) _minp2 = minv;
                if (_maxp2 < 0 || v[_maxp2 * 2 + 1] < maxy) _maxp2 = maxv;
                if (my0 < _miny2) _miny2 = my0;
                if (my2 > _maxy2) _maxy2 = my2;
            }

            for (int y = my2; y >= my0; y--, xs0 += dx0) span[y] = xs0;
        }

        public void Fill(ReadOnlySpan<float> v, float depth, float[] rectZ, int[] drawIndex, float[] drawAlpha, int source, float alpha)
        {
            _miny1 = _miny2 = height + 1;
            _maxy1 = _maxy2 = -1;
            _minp1 = _maxp1 = _minp2 = _maxp2 = -1;
            Add(v, 0, 1);
            Add(v, 1, 2);
            Add(v, 2, 3);
            Add(v, 3, 0);
            if (_minp2 < 0 || _maxp2 < 0) return;
            int my0 = Math.Max(_miny1, _miny2), my2 = Math.Min(_maxy1, _maxy2);
            if (my2 < my0) return;

            float x1 = v[0] - v[2], x2 = v[2] - v[4], y1 = v[1] - v[3], y2 = v[3] - v[5];
            if (x1 * y2 - y1 * x2 == 0f) return;

            int mid = (my0 + my2) / 2;
            float[] left = _span1, right = _span2;
            if (!(_span1[mid] < _span2[mid])) { left = _span2; right = _span1; }
            double zv = depth;
            for (int y = my2; y >= my0; y--)
            {
                int sn1 = (int)Math.Floor(left[y]) + 1;
                int sn2 = (int)Math.Floor(right[y]);
                if (sn2 >= width) sn2 = width - 1;
                if (sn1 < 0) sn1 = 0;
                int row = y * width;
                for (int x = sn1; x <= sn2; x++)
                {
                    if (zv < rectZ[row + x])
                    {
                        rectZ[row + x] = (float)zv;
                        drawIndex[row + x] = source;
                        drawAlpha[row + x] = alpha;
                    }
                }
            }
        }
    }
}
