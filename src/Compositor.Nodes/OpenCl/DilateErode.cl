// Dilate/Erode, DISTANCE mode (DilateDistanceOperation): the largest (dilate, from 0) or smallest
// (erode, from 1) value within a disc, searched over [x - scope, x + scope) x [y - scope, y + scope)
// inside the domain (xmin, ymin, xmax, ymax).

#define DISTANCE_KERNEL(NAME, START, BETTER)                                                        \
__kernel void NAME(IMAGE(src), OUT_IMAGE(dst), int4 domain, int scope, float min_dist, RANGE)      \
{                                                                                                   \
    int x = PIXEL_X, y = PIXEL_Y;                                                                   \
    int y0 = max(y - scope, domain.y), y1 = min(y + scope, domain.w);                               \
    int x0 = max(x - scope, domain.x), x1 = min(x + scope, domain.z);                               \
    float value = START;                                                                            \
    for (int yi = y0; yi < y1; yi++)                                                                \
    {                                                                                               \
        float dy = (float)(yi - y);                                                                 \
        float dist_y = dy * dy;                                                                     \
        for (int xi = x0; xi < x1; xi++)                                                            \
        {                                                                                           \
            float dx = (float)(xi - x);                                                             \
            if (dx * dx + dist_y > min_dist) continue;                                              \
            float v = read_value(src, src_r, xi, yi);                                               \
            if (BETTER(v, value)) value = v;                                                        \
        }                                                                                           \
    }                                                                                               \
    write_value(dst, dst_r, x, y, value);                                                           \
}

#define GREATER(a, b) ((a) > (b))
#define LESS(a, b) ((a) < (b))

DISTANCE_KERNEL(dilate_distance, 0.0f, GREATER)
DISTANCE_KERNEL(erode_distance, 1.0f, LESS)
