// Separable blur passes (GaussianBlurOperation): the weighted mean of the taps along one axis that
// lie inside [lo, hi), renormalised by the weights used; every step-th tap from the first inside.

__kernel void gaussian_blur_x(IMAGE(src), OUT_IMAGE(dst), __global const float* weights, int fs, int step, int lo, int hi, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    float4 acc = (float4)(0.0f);
    float sum = 0.0f;
    int kmin = max(x - fs, lo), kmax = min(x + fs + 1, hi);
    bool row = src_r.z == 0 || (y >= src_r.y && y < src_r.y + src_r.w);
    if (row && kmax > kmin)
    {
        for (int k = kmin; k < kmax; k += step)
        {
            float w = weights[k - x + fs];
            acc += read_color(src, src_r, k, y) * w;
            sum += w;
        }
        acc *= 1.0f / sum;
    }
    write_color(dst, dst_r, x, y, acc);
}

__kernel void gaussian_blur_y(IMAGE(src), OUT_IMAGE(dst), __global const float* weights, int fs, int step, int lo, int hi, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    float4 acc = (float4)(0.0f);
    float sum = 0.0f;
    int kmin = max(y - fs, lo), kmax = min(y + fs + 1, hi);
    if (kmax > kmin)
    {
        for (int k = kmin; k < kmax; k += step)
        {
            float w = weights[k - y + fs];
            acc += read_color(src, src_r, x, k) * w;
            sum += w;
        }
        acc *= 1.0f / sum;
    }
    write_color(dst, dst_r, x, y, acc);
}
