// Separable blur passes (GaussianBlurOperation): the weighted mean of the taps along one axis that
// lie inside [lo, hi), renormalised by the weights used; every step-th tap from the first inside.
// The host passes [lo, hi) already clipped to the input buffer, so taps are read without checks.
// A constant input stays the constant.

__kernel void gaussian_blur_x(IMAGE(src), OUT_IMAGE(dst), __global const float* weights, int fs, int step, int lo, int hi, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    float4 acc = (float4)(0.0f);
    int kmin = max(x - fs, lo), kmax = min(x + fs + 1, hi);
    if (src_r.z == 0)
    {
        acc = vload4(0, src);
    }
    else if (y >= src_r.y && y < src_r.y + src_r.w && kmax > kmin)
    {
        __global const float* row = src + ((y - src_r.y) * src_r.z - src_r.x) * 4;
        __global const float* w = weights + fs - x;
        float sum = 0.0f;
        for (int k = kmin; k < kmax; k += step)
        {
            float wk = w[k];
            acc += vload4(k, row) * wk;
            sum += wk;
        }
        acc *= 1.0f / sum;
    }
    write_color(dst, dst_r, x, y, acc);
}

__kernel void gaussian_blur_y(IMAGE(src), OUT_IMAGE(dst), __global const float* weights, int fs, int step, int lo, int hi, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    float4 acc = (float4)(0.0f);
    int kmin = max(y - fs, lo), kmax = min(y + fs + 1, hi);
    if (src_r.z == 0)
    {
        acc = vload4(0, src);
    }
    else if (kmax > kmin)
    {
        bool column = x >= src_r.x && x < src_r.x + src_r.z;
        __global const float* col = src + (x - src_r.x - src_r.y * src_r.z) * 4;
        __global const float* w = weights + fs - y;
        int pitch = src_r.z;
        float sum = 0.0f;
        for (int k = kmin; k < kmax; k += step)
        {
            float wk = w[k];
            if (column) acc += vload4(k * pitch, col) * wk;
            sum += wk;
        }
        acc *= 1.0f / sum;
    }
    write_color(dst, dst_r, x, y, acc);
}
