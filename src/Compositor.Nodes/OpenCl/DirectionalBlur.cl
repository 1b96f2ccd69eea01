// Directional Blur (DirectionalBlurOperation): the pixel and n bilinear samples along a path of
// steps (rotation cosine and sine, inverse scale, translation: five floats a step) averaged.

__kernel void directional_blur(IMAGE(src), OUT_IMAGE(dst), int4 domain, __global const float* steps, int n, float2 centre, RANGE)
{
    int x = PIXEL_X, y = PIXEL_Y;
    float4 acc = sample_bilinear_clip(src, src_r, domain, (float)x, (float)y);
    for (int i = 0; i < n; i++)
    {
        __global const float* t = steps + 5 * i;
        float v = t[2] * ((float)y - centre.y) + t[4];
        float u = t[2] * ((float)x - centre.x) + t[3];
        acc += sample_bilinear_clip(src, src_r, domain, t[0] * u + t[1] * v + centre.x, t[0] * v - t[1] * u + centre.y);
    }
    write_color(dst, dst_r, x, y, acc * (1.0f / (float)(n + 1)));
}
