// Bokeh Blur with a uniform size (BokehBlurOperation): over [x - r, x + r) x [y - r, y + r) within
// the image domain, each pixel weighted per channel by the bokeh image's nearest pixel at
// mid - d * m (zero outside the bokeh domain); the sum divided by the weights. A radius below 2
// adds the pixel itself with weight 1; where the bounding box is not positive the image is kept.

inline int bokeh_index(float u, int lo, int hi)
{
    float f = floor(u);
    if (isnan(f) || f < (float)lo || f >= (float)hi) return -1;
    return (int)f;
}

__kernel void bokeh_blur(IMAGE(src), IMAGE(bokeh), IMAGE(box), OUT_IMAGE(dst), int4 domain, int4 bokeh_domain,
                         int r, int step, float m, float2 mid, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    bool inside = x >= domain.x && y >= domain.y && x < domain.z && y < domain.w;
    float4 centre = inside ? read_color(src, src_r, x, y) : (float4)(0.0f);
    if (read_value(box, box_r, x, y) <= 0.0f)
    {
        write_color(dst, dst_r, x, y, centre);
        return;
    }

    float4 color = (float4)(0.0f), weight = (float4)(0.0f);
    if (r < 2)
    {
        color = centre;
        weight = (float4)(1.0f);
    }

    int miny = max(y - r, domain.y), maxy = min(y + r, domain.w);
    int minx = max(x - r, domain.x), maxx = min(x + r, domain.z);
    for (int ny = miny; ny < maxy; ny += step)
    {
        int brow = bokeh_index(mid.y - (float)(ny - y) * m, bokeh_domain.y, bokeh_domain.w);
        if (brow < 0) continue;
        for (int nx = minx; nx < maxx; nx += step)
        {
            int bcol = bokeh_index(mid.x - (float)(nx - x) * m, bokeh_domain.x, bokeh_domain.z);
            if (bcol < 0) continue;
            float4 b = read_color(bokeh, bokeh_r, bcol, brow);
            color += b * read_color(src, src_r, nx, ny);
            weight += b;
        }
    }

    write_color(dst, dst_r, x, y, color * ((float4)(1.0f) / weight));
}

// Variable-size bokeh blur (VariableSizeBokehBlurOperation, Defocus): a pixel whose radius
// (size * scalar) exceeds the threshold gathers each neighbour whose radius, limited to the
// centre's, exceeds the threshold and both |dx| and |dy|, weighted by the 512 x 512 bokeh image at
// 256 + d / radius * 255. The window is bounded by the strip's window (rows below split: lower);
// lower quality keeps Blender's sampling grid. Radii between the threshold and twice it fade in.
inline int align_up(int value, int origin, int step)
{
    int rem = (value - origin) % step;
    return rem == 0 ? value : value + step - rem;
}

__kernel void variable_size_bokeh_blur(IMAGE(src), IMAGE(bokeh), IMAGE(size), OUT_IMAGE(dst), int4 canvas, int4 bokeh_domain,
                                       float scalar, float threshold, int step, int split, int lower, int upper, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    const float half_size = 256.0f, span = 255.0f;
    int window = y < split ? lower : upper;
    float4 sharp = read_color(src, src_r, x, y);
    float4 color = sharp, weight = (float4)(1.0f);
    float centre = read_value(size, size_r, x, y) * scalar;
    if (centre > threshold)
    {
        int reach = (int)fmin(ceil(centre), (float)window);
        int minx = max(x - reach, canvas.x), maxx = min(x + min(reach + 1, window), canvas.z);
        int miny = max(y - reach, canvas.y), maxy = min(y + min(reach + 1, window), canvas.w);
        if (step > 1)
        {
            minx = align_up(minx, max(x - window, canvas.x), step);
            miny = align_up(miny, max(y - window, canvas.y), step);
        }

        for (int ny = miny; ny < maxy; ny += step)
        {
            float dy = (float)(ny - y);
            float ady = fabs(dy);
            for (int nx = minx; nx < maxx; nx += step)
            {
                if (nx == x && ny == y) continue;
                float radius = fmin(read_value(size, size_r, nx, ny) * scalar, centre);
                if (radius <= threshold) continue;
                float dx = (float)(nx - x);
                if (radius <= fabs(dx) || radius <= ady) continue;
                int bx = bokeh_index(half_size + dx / radius * span, bokeh_domain.x, bokeh_domain.z);
                int by = bokeh_index(half_size + dy / radius * span, bokeh_domain.y, bokeh_domain.w);
                if (bx < 0 || by < 0) continue;
                float4 b = read_color(bokeh, bokeh_r, bx, by);
                color += b * read_color(src, src_r, nx, ny);
                weight += b;
            }
        }
    }

    float4 result = color / weight;
    if (centre > threshold && centre < threshold * 2.0f)
    {
        float f = (centre - threshold) / threshold, g = 1.0f - f;
        result = g * sharp + f * result;
    }
    write_color(dst, dst_r, x, y, result);
}
