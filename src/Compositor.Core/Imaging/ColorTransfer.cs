using System.Runtime.CompilerServices;

namespace Compositor.Imaging;

/// <summary>sRGB transfer functions (IEC 61966-2-1), as Blender's color management applies them.</summary>
public static class ColorTransfer
{
    /// <summary>sRGB-encoded value to linear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SrgbToLinear(float c)
    {
        if (c < 0.04045f) return c < 0f ? 0f : c * (1f / 12.92f);
        return MathF.Pow((c + 0.055f) * (1f / 1.055f), 2.4f);
    }

    /// <summary>Linear value to sRGB-encoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LinearToSrgb(float c)
    {
        if (c < 0.0031308f) return c < 0f ? 0f : c * 12.92f;
        return 1.055f * MathF.Pow(c, 1f / 2.4f) - 0.055f;
    }

    /// <summary>
    /// The linear value of each 8-bit sRGB code exactly as Blender 3.4.1 decodes it: its OpenColorIO
    /// config maps sRGB through a sampled curve with linear interpolation, which differs from the
    /// formula by up to 4e-7 (and gives 1.0000001 for code 255; ceil, trunc and fract notice).
    /// Measured by rendering an 8-bit ramp through Blender's Image node (float bits, codes 0..255).
    /// </summary>
    private static readonly uint[] BlenderSrgb8Bits =
    [
        0x00000000, 0x399F22A9, 0x3A1F22C2, 0x3A6EB417, 0x3A9F22B5, 0x3AC6EB60, 0x3AEEB411, 0x3B0B3E60,
        0x3B1F22B5, 0x3B33070D, 0x3B46EB66, 0x3B5B5192, 0x3B70F192, 0x3B83E1CA, 0x3B8FE617, 0x3B9C8800,
        0x3BA9C9B6, 0x3BB7AD6F, 0x3BC6354C, 0x3BD56363, 0x3BE539C7, 0x3BF5BA72, 0x3C0373B8, 0x3C0C6155,
        0x3C15A708, 0x3C1F45C2, 0x3C293E6D, 0x3C3391F7, 0x3C3E414A, 0x3C494D49, 0x3C54B6D0, 0x3C607EB7,
        0x3C6CA5E1, 0x3C792D24, 0x3C830AAB, 0x3C89AFA2, 0x3C9085DE, 0x3C978DC6, 0x3C9EC7C1, 0x3CA63437,
        0x3CADD381, 0x3CB5A607, 0x3CBDAC22, 0x3CC5E63B, 0x3CCE54AF, 0x3CD6F7D7, 0x3CDFD014, 0x3CE8DDB9,
        0x3CF22132, 0x3CFB9AC6, 0x3D02A56B, 0x3D0798E0, 0x3D0CA7E7, 0x3D11D2B3, 0x3D171967, 0x3D1C7C31,
        0x3D21FB40, 0x3D2796B4, 0x3D2D4EC0, 0x3D332381, 0x3D39152E, 0x3D3F23E5, 0x3D454FD5, 0x3D4B991F,
        0x3D51FFED, 0x3D58846B, 0x3D5F26B8, 0x3D65E702, 0x3D6CC566, 0x3D73C210, 0x3D7ADD25, 0x3D810B67,
        0x3D84B794, 0x3D887330, 0x3D8C3E4A, 0x3D9018F5, 0x3D940346, 0x3D97FD4A, 0x3D9C0718, 0x3DA020B9,
        0x3DA44A4B, 0x3DA883D6, 0x3DACCD72, 0x3DB12726, 0x3DB59110, 0x3DBA0B3A, 0x3DBE95B4, 0x3DC33093,
        0x3DC7DBDE, 0x3DCC97B5, 0x3DD1641D, 0x3DD6412D, 0x3DDB2EEE, 0x3DE02D75, 0x3DE53CD6, 0x3DEA5D18,
        0x3DEF8E57, 0x3DF4D092, 0x3DFA23E8, 0x3DFF8860, 0x3E027F08, 0x3E054281, 0x3E080EA4, 0x3E0AE379,
        0x3E0DC106, 0x3E10A755, 0x3E13966D, 0x3E168E53, 0x3E198F10, 0x3E1C98AE, 0x3E1FAB31, 0x3E22C6A4,
        0x3E25EB07, 0x3E29186B, 0x3E2C4ED3, 0x3E2F8E44, 0x3E32D6C8, 0x3E362862, 0x3E398321, 0x3E3CE705,
        0x3E405419, 0x3E43CA62, 0x3E4749E6, 0x3E4AD2B2, 0x3E4E64C5, 0x3E52002C, 0x3E55A4EA, 0x3E595307,
        0x3E5D0A8F, 0x3E60CB7C, 0x3E6495E2, 0x3E6869BF, 0x3E6C4721, 0x3E702E0B, 0x3E741E7F, 0x3E781892,
        0x3E7C1C37, 0x3E8014C0, 0x3E82203B, 0x3E84308D, 0x3E8645BB, 0x3E885FC4, 0x3E8A7EAF, 0x3E8CA283,
        0x3E8ECB3B, 0x3E90F8E1, 0x3E932B75, 0x3E9562F7, 0x3E979F71, 0x3E99E0E0, 0x3E9C274F, 0x3E9E72B7,
        0x3EA0C320, 0x3EA31894, 0x3EA57309, 0x3EA7D28B, 0x3EAA3717, 0x3EACA0B7, 0x3EAF0F6B, 0x3EB18332,
        0x3EB3FC16, 0x3EB67A17, 0x3EB8FD37, 0x3EBB8577, 0x3EBE12E3, 0x3EC0A571, 0x3EC33D2B, 0x3EC5DA16,
        0x3EC87C34, 0x3ECB2385, 0x3ECDD00B, 0x3ED081CA, 0x3ED338CE, 0x3ED5F50A, 0x3ED8B68E, 0x3EDB7D57,
        0x3EDE4965, 0x3EE11AC2, 0x3EE3F16A, 0x3EE6CD6A, 0x3EE9AEB8, 0x3EEC955C, 0x3EEF8161, 0x3EF272BC,
        0x3EF56979, 0x3EF86594, 0x3EFB6719, 0x3EFE6E05, 0x3F00BD2B, 0x3F02460D, 0x3F03D1A7, 0x3F055FF9,
        0x3F06F108, 0x3F0884D1, 0x3F0A1B57, 0x3F0BB49D, 0x3F0D50A0, 0x3F0EEF6A, 0x3F1090F2, 0x3F12353F,
        0x3F13DC53, 0x3F15862D, 0x3F1732D0, 0x3F18E23A, 0x3F1A9471, 0x3F1C4974, 0x3F1E0143, 0x3F1FBBE1,
        0x3F217951, 0x3F23398F, 0x3F24FCA2, 0x3F26C287, 0x3F288B45, 0x3F2A56D6, 0x3F2C253E, 0x3F2DF684,
        0x3F2FCA9F, 0x3F31A198, 0x3F337B6C, 0x3F355821, 0x3F3737B4, 0x3F391A27, 0x3F3AFF7F, 0x3F3CE7B6,
        0x3F3ED2D2, 0x3F40C0D6, 0x3F42B1C0, 0x3F44A592, 0x3F469C4C, 0x3F4895F0, 0x3F4A9285, 0x3F4C9203,
        0x3F4E9470, 0x3F5099CE, 0x3F52A219, 0x3F54AD5A, 0x3F56BB8A, 0x3F58CCB5, 0x3F5AE0D0, 0x3F5CF7E1,
        0x3F5F11ED, 0x3F612EF3, 0x3F634EF3, 0x3F6571EC, 0x3F6797E4, 0x3F69C0DA, 0x3F6BECCD, 0x3F6E1BC3,
        0x3F704DBA, 0x3F7282B1, 0x3F74BAAF, 0x3F76F5AF, 0x3F7933BC, 0x3F7B74CA, 0x3F7DB8E0, 0x3F800001,
    ];

    private static readonly float[] Srgb8ToLinearTable = BlenderSrgb8Bits.Select(BitConverter.UInt32BitsToSingle).ToArray();

    /// <summary>Linear value of an 8-bit sRGB code, as Blender decodes it.</summary>
    public static float Srgb8ToLinear(byte code) => Srgb8ToLinearTable[code];

    /// <summary>Linear value of an 8-bit sample given as code / 255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Srgb8ToLinear(float normalized) => Srgb8ToLinearTable[(int)MathF.Round(Math.Clamp(normalized, 0f, 1f) * 255f)];
}
