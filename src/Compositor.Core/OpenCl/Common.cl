// Helpers shared by every Compositor kernel. An image is a __global float* with an int4
// r = (xmin, ymin, width, height): rows bottom-up, channels interleaved; width 0 marks a single
// element (a constant) that reads the same everywhere. Reads outside an image return zero, as
// MemoryBuffer.ReadElementChecked does.

// No fused multiply-adds: the CPU operations round every product, and so do the kernels.
#pragma OPENCL FP_CONTRACT OFF

// Every kernel ends its parameters with RANGE and finds its pixel with PIXEL_X / PIXEL_Y: the
// launch covers the chunk's rectangle, whose origin the host passes (it may be negative).
#define RANGE int2 range_origin
#define PIXEL_X ((int)get_global_id(0) + range_origin.x)
#define PIXEL_Y ((int)get_global_id(1) + range_origin.y)

#define IMAGE(name) __global const float* name, int4 name##_r
#define OUT_IMAGE(name) __global float* name, int4 name##_r

inline bool img_inside(int4 r, int x, int y)
{
    return r.z == 0 || (x >= r.x && y >= r.y && x < r.x + r.z && y < r.y + r.w);
}

inline int img_index(int4 r, int channels, int x, int y)
{
    return r.z == 0 ? 0 : ((y - r.y) * r.z + (x - r.x)) * channels;
}

inline float4 read_color(__global const float* b, int4 r, int x, int y)
{
    if (!img_inside(r, x, y)) return (float4)(0.0f);
    return vload4(0, b + img_index(r, 4, x, y));
}

inline float read_value(__global const float* b, int4 r, int x, int y)
{
    if (!img_inside(r, x, y)) return 0.0f;
    return b[img_index(r, 1, x, y)];
}

inline float3 read_vector(__global const float* b, int4 r, int x, int y)
{
    if (!img_inside(r, x, y)) return (float3)(0.0f);
    return vload3(0, b + img_index(r, 3, x, y));
}

// Clamped to the image's edge (Blender's extend mode).
inline float4 read_color_clamped(__global const float* b, int4 r, int x, int y)
{
    if (r.z == 0) return vload4(0, b);
    x = clamp(x, r.x, r.x + r.z - 1);
    y = clamp(y, r.y, r.y + r.w - 1);
    return vload4(0, b + img_index(r, 4, x, y));
}

inline float read_value_clamped(__global const float* b, int4 r, int x, int y)
{
    if (r.z == 0) return b[0];
    x = clamp(x, r.x, r.x + r.z - 1);
    y = clamp(y, r.y, r.y + r.w - 1);
    return b[img_index(r, 1, x, y)];
}

inline void write_color(__global float* b, int4 r, int x, int y, float4 v)
{
    vstore4(v, 0, b + img_index(r, 4, x, y));
}

inline void write_value(__global float* b, int4 r, int x, int y, float v)
{
    b[img_index(r, 1, x, y)] = v;
}

inline void write_vector(__global float* b, int4 r, int x, int y, float3 v)
{
    vstore3(v, 0, b + img_index(r, 3, x, y));
}

// Bilinear sample as Sampler.Bilinear4 in clip mode: taps outside the domain (xmin, ymin, xmax,
// ymax) or the image read zero.
inline float4 sample_bilinear_clip(__global const float* b, int4 r, int4 domain, float x, float y)
{
    float fx = floor(x), fy = floor(y);
    int x1 = (int)fx, y1 = (int)fy;
    float a = x - fx, c = y - fy;
    int x2 = a > 0.0f ? x1 + 1 : x1, y2 = c > 0.0f ? y1 + 1 : y1;
    bool in_x1 = x1 >= domain.x && x1 < domain.z, in_x2 = x2 >= domain.x && x2 < domain.z;
    bool in_y1 = y1 >= domain.y && y1 < domain.w, in_y2 = y2 >= domain.y && y2 < domain.w;
    float4 p11 = in_x1 && in_y1 ? read_color(b, r, x1, y1) : (float4)(0.0f);
    float4 p21 = in_x2 && in_y1 ? read_color(b, r, x2, y1) : (float4)(0.0f);
    float4 p12 = in_x1 && in_y2 ? read_color(b, r, x1, y2) : (float4)(0.0f);
    float4 p22 = in_x2 && in_y2 ? read_color(b, r, x2, y2) : (float4)(0.0f);
    float4 s = p11 * ((1.0f - a) * (1.0f - c));
    s += p21 * (a * (1.0f - c));
    s += p12 * ((1.0f - a) * c);
    s += p22 * (a * c);
    return s;
}
