// Bilateral Blur (BilateralBlurOperation): the mean of the image pixels in
// [floor(x - space), ceil(x + space)) x [floor(y - space), ceil(y + space)) (every step-th) whose
// determinator differs from the centre's by less than sigma (sum of absolute RGB differences);
// outside a domain (xmin, ymin, xmax, ymax) both inputs read zero. None accepted: opaque black.
__kernel void bilateral_blur(IMAGE(src), IMAGE(det), OUT_IMAGE(dst), int4 domain, int4 det_domain, float space, float sigma, int step, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    int y0 = (int)floor((float)y - space), y1 = (int)ceil((float)y + space);
    int x0 = (int)floor((float)x - space), x1 = (int)ceil((float)x + space);
    float3 ref = read_color(det, det_r, x, y).xyz;
    bool zero_accepted = fabs(ref.x) + fabs(ref.y) + fabs(ref.z) < sigma;
    float4 acc = (float4)(0.0f);
    float count = 0.0f;
    for (int yi = y0; yi < y1; yi += step)
    {
        bool det_row = yi >= det_domain.y && yi < det_domain.w;
        bool img_row = yi >= domain.y && yi < domain.w;
        for (int xi = x0; xi < x1; xi += step)
        {
            bool accepted;
            if (det_row && xi >= det_domain.x && xi < det_domain.z)
            {
                float3 d = read_color(det, det_r, xi, yi).xyz;
                accepted = fabs(ref.x - d.x) + fabs(ref.y - d.y) + fabs(ref.z - d.z) < sigma;
            }
            else
            {
                accepted = zero_accepted;
            }
            if (!accepted) continue;
            count += 1.0f;
            if (img_row && xi >= domain.x && xi < domain.z) acc += read_color(src, src_r, xi, yi);
        }
    }
    write_color(dst, dst_r, x, y, count > 0.0f ? acc * (1.0f / count) : (float4)(0.0f, 0.0f, 0.0f, 1.0f));
}

// The Filter node's 3x3 convolution (ConvolutionFilterOperation): weights k[0..8] from the lower
// left, neighbours clamped to the canvas (xmin, ymin, xmax, ymax), mixed with the centre by the
// factor, clamped at zero.
#define CONVOLUTION_TAPS                                                              \
    int x = PIXEL_X, y = PIXEL_Y;                                                     \
    int xl = x > canvas.x ? x - 1 : x, xr = x < canvas.z - 1 ? x + 1 : x;            \
    int yd = max(y - 1, canvas.y), yu = min(y + 1, canvas.w - 1);                    \
    float4 dl = read_color(src, src_r, xl, yd), dc = read_color(src, src_r, x, yd), dr = read_color(src, src_r, xr, yd); \
    float4 ml = read_color(src, src_r, xl, y), mc = read_color(src, src_r, x, y), mr = read_color(src, src_r, xr, y);    \
    float4 ul = read_color(src, src_r, xl, yu), uc = read_color(src, src_r, x, yu), ur = read_color(src, src_r, xr, yu); \
    float f = read_value(fac, fac_r, x, y), g = 1.0f - f;

__kernel void convolution_filter(IMAGE(src), IMAGE(fac), OUT_IMAGE(dst), int4 canvas, __global const float* k, RANGE)
{
    CONVOLUTION_TAPS
    float4 s = dl * k[0] + dc * k[1] + dr * k[2] + ml * k[3] + mc * k[4] + mr * k[5] + ul * k[6] + uc * k[7] + ur * k[8];
    write_color(dst, dst_r, x, y, fmax(s * f + mc * g, (float4)(0.0f)));
}

// The edge-detecting form (ConvolutionEdgeFilterOperation): the kernel and its transpose combine
// as a gradient length on RGB; alpha is the centre's.
__kernel void convolution_edge_filter(IMAGE(src), IMAGE(fac), OUT_IMAGE(dst), int4 canvas, __global const float* k, RANGE)
{
    CONVOLUTION_TAPS
    float4 a = dl * k[0] + dc * k[1] + dr * k[2] + ml * k[3] + mc * k[4] + mr * k[5] + ul * k[6] + uc * k[7] + ur * k[8];
    float4 b = dl * k[0] + dc * k[3] + dr * k[6] + ml * k[1] + mc * k[4] + mr * k[7] + ul * k[2] + uc * k[5] + ur * k[8];
    float4 r = fmax(sqrt(a * a + b * b) * f + mc * g, (float4)(0.0f));
    r.w = fmax(mc.w, 0.0f);
    write_color(dst, dst_r, x, y, r);
}

// Despeckle (DespeckleOperation): the eight neighbours (clamped to the canvas) weigh 1 or the
// diagonal weight; those differing from the centre by more than t in a colour channel are averaged.
// When their weight share exceeds tn and the mean of all eight also differs, the centre moves
// towards their average by the factor.
inline bool differs(float4 a, float4 b, float t)
{
    return fabs(a.x - b.x) > t || fabs(a.y - b.y) > t || fabs(a.z - b.z) > t;
}

__kernel void despeckle(IMAGE(src), IMAGE(fac), OUT_IMAGE(dst), int4 canvas, float t, float tn, float diagonal, float total, RANGE)
{
    CONVOLUTION_TAPS
    float4 taps[8] = { dl, dc, dr, ml, mr, ul, uc, ur };
    float weights[8] = { diagonal, 1.0f, diagonal, 1.0f, 1.0f, diagonal, 1.0f, diagonal };
    float4 all = (float4)(0.0f), diff = (float4)(0.0f);
    float w = 0.0f;
    for (int n = 0; n < 8; n++)
    {
        float4 v = taps[n];
        float wn = weights[n];
        all += v * wn;
        if (differs(v, mc, t))
        {
            w += wn;
            diff += v * wn;
        }
    }

    float inv = 1.0f / total;
    float4 result = mc;
    if (w != 0.0f && w / total > tn && differs(all * inv, mc, t))
        result = g * mc + f * (diff * (1.0f / w));
    write_color(dst, dst_r, x, y, result);
}
