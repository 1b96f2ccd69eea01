using System.Buffers.Binary;
using System.Diagnostics;
using Compositor.Codecs;
using Compositor.Codecs.Bmp;
using Compositor.Codecs.Exr;
using Compositor.Codecs.Hdr;
using Compositor.Codecs.Jpeg;
using Compositor.Codecs.Pfm;
using Compositor.Codecs.Png;
using Compositor.Codecs.Tga;
using Compositor.Codecs.Tiff;

namespace Compositor.Core.Tests.Codecs;

/// <summary>
/// Deterministic fuzzing of every decoder: valid seed files mutated thousands of ways (bit flips,
/// random bytes, truncation, insertions and deletions, length fields set to extreme values). A
/// decoder may return an image or throw <see cref="ImageFormatException"/> or
/// <see cref="NotSupportedException"/>; anything else (index out of range, overflow, out of
/// memory, a hang) fails the test with the seed and mutation that caused it.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class CodecFuzzTests
{
    private const int Mutations = 2500;

    /// <summary>Tight limits, as a service decoding untrusted uploads would set: they keep every attempt cheap.</summary>
    private static readonly ImageReadOptions Limits = new() { MaxWidth = 4096, MaxHeight = 4096, MaxPixels = 1 << 20 };

    private static byte[] Local(params string[] path) => File.ReadAllBytes(TestData.LocalFile(path));

    private static float[] Pixels(int w, int h)
    {
        var pixels = new float[w * h * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (i * 37 % 101) / 100f + (i % 13 == 0 ? 2f : 0f);
        return pixels;
    }

    private static byte[] Encoded(ImageFileFormat format, ImageWriteOptions options, int w = 23, int h = 17)
    {
        using var stream = new MemoryStream();
        ImageCodecs.Write(stream, format, w, h, Pixels(w, h), options);
        return stream.ToArray();
    }

    /// <summary>The seed files and the decoder of each codec.</summary>
    private static (byte[][] Seeds, Func<byte[], object> Decode) Codec(string name) => name switch
    {
        "png" => ([
            Encoded(ImageFileFormat.Png, new ImageWriteOptions { BitDepth = 16 }),
            Encoded(ImageFileFormat.Png, new ImageWriteOptions { Channels = ImageChannels.Gray, PngFilter = PngFilterStrategy.Paeth }),
            .. TestData.Files(TestData.PngSuite, "basi*.png").Take(3).Select(f => File.ReadAllBytes(Path.Combine(TestData.PngSuite, f))),
        ], data => PngDecoder.Decode(data, Limits)),
        "exr" => ([
            Encoded(ImageFileFormat.Exr, new ImageWriteOptions { ExrCompression = ExrCompression.Zip }),
            Encoded(ImageFileFormat.Exr, new ImageWriteOptions { ExrCompression = ExrCompression.Piz, BitDepth = 32 }),
            Encoded(ImageFileFormat.Exr, new ImageWriteOptions { ExrCompression = ExrCompression.Rle, Channels = ImageChannels.Gray }),
        ], data => ExrDecoder.Decode(data, Limits)),
        "exr-dwa" => ([Local("exr", "small_dwaa.exr"), Local("exr", "small_dwab_z.exr")], data => ExrDecoder.Decode(data, Limits)),
        "exr-multipart" => ([Local("exr", "multi.exr"), Local("exr", "multi_tiled.exr")],
            data => ExrDecoder.ReadParts(data).Select(p => ExrDecoder.DecodePart(data, p.Index, Limits)).ToArray()),
        "jpeg" => ([
            Local("jpeg", "cat_420_progressive.jpg"), Local("jpeg", "cat_420_restart.jpg"), Local("jpeg", "cat_444.jpg"),
            Local("jpeg", "cat_gray.jpg"), Local("jpeg", "coffee_mixed.jpg"), Local("jpeg", "cat_420_progressive_restart.jpg"),
            JpegDecoderTests.InsertAfterSoi(Local("jpeg", "cat_422.jpg"), JpegDecoderTests.ExifSegment(6)),
        ], data => JpegDecoder.Decode(data, Limits)),
        "tiff" => ([
            Local("tiff", "rgb8_lzw_predictor.tif"), Local("tiff", "rgba16_deflate_tiles_bigendian.tif"), Local("tiff", "float_lzw_fpredictor.tif"),
            Local("tiff", "gray8_packbits.tif"), Local("tiff", "rgb8_lzw_planar.tif"), Local("tiff", "bilevel.tif"),
            Encoded(ImageFileFormat.Tiff, new ImageWriteOptions { TiffCompression = TiffCompression.Lzw, BitDepth = 16 }),
        ], data => TiffDecoder.Decode(data, Limits)),
        "tga" => ([
            Local("tga", "rgba_rle.tga"), Local("tga", "gray_rle.tga"),
            Encoded(ImageFileFormat.Tga, new ImageWriteOptions { TgaRle = false, Channels = ImageChannels.Rgb }),
        ], data => TgaDecoder.Decode(data, Limits)),
        "bmp" => ([
            Local("bmp", "rgb24.bmp"), Local("bmp", "gray8.bmp"),
            Encoded(ImageFileFormat.Bmp, new ImageWriteOptions { Channels = ImageChannels.Rgba }),
            RleBitmap(),
        ], data => BmpDecoder.Decode(data, Limits)),
        "hdr" => ([Local("hdr", "city.hdr"), Encoded(ImageFileFormat.Hdr, new ImageWriteOptions(), 5, 4)], data => HdrDecoder.Decode(data, Limits)),
        "pfm" => ([Local("pfm", "color_le.pfm"), Local("pfm", "gray_be.pfm")], data => PfmDecoder.Decode(data, Limits)),
        "detect" => ([
            Local("jpeg", "cat_420.jpg"), Local("tga", "gray_rle.tga"), Local("bmp", "gray8.bmp"), Local("hdr", "city.hdr"),
            Encoded(ImageFileFormat.Png, new ImageWriteOptions()), Encoded(ImageFileFormat.Tiff, new ImageWriteOptions()),
        ], data => ImageCodecs.Read(new MemoryStream(data), Limits)),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Recomputes the CRC of every chunk whose length field still fits the data.</summary>
    private static void FixPngCrcs(byte[] data)
    {
        int pos = 8;
        while (pos + 12 <= data.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (length > data.Length - pos - 12) return;
            int end = pos + 8 + (int)length;
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(end), Crc32.Compute(data.AsSpan(pos + 4, (int)length + 4)));
            pos = end + 4;
        }
    }

    /// <summary>An 8x4 RLE8 bitmap with runs, literals, a delta move, end of line and end of bitmap.</summary>
    private static byte[] RleBitmap()
    {
        byte[] rle = [4, 1, 3, 2, 0, 0, 0, 3, 5, 6, 7, 0, 0, 2, 2, 1, 8, 3, 0, 1];
        var file = new byte[14 + 40 + 16 * 4 + rle.Length];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 14 + 40 + 16 * 4);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), 8);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), 4);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 8);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(30), 1);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(46), 16);
        for (int i = 0; i < 16; i++) file[54 + 4 * i] = (byte)(i * 16);
        rle.CopyTo(file, 54 + 64);
        return file;
    }

    /// <summary>One mutation of <paramref name="seed"/>; <paramref name="what"/> says which, for the failure message.</summary>
    private static byte[] Mutate(byte[] seed, Random random, out string what)
    {
        var data = (byte[])seed.Clone();
        // Headers hold the length fields: aim a third of the mutations at the first bytes.
        int Position(int size) => random.Next(3) == 0
            ? random.Next(Math.Max(1, Math.Min(data.Length, 128) - size + 1))
            : random.Next(Math.Max(1, data.Length - size + 1));
        switch (random.Next(7))
        {
            case 0:
            {
                int flips = 1 + random.Next(4);
                var at = new List<int>();
                for (int i = 0; i < flips; i++)
                {
                    int p = Position(1);
                    at.Add(p);
                    data[p] ^= (byte)(1 << random.Next(8));
                }
                what = $"bit flips at {string.Join(",", at)}";
                return data;
            }
            case 1:
            {
                int p = Position(1);
                data[p] = (byte)random.Next(256);
                what = $"byte {p} set to {data[p]}";
                return data;
            }
            case 2:
            {
                int length = random.Next(data.Length);
                what = $"truncated to {length} bytes";
                return data[..length];
            }
            case 3:
            {
                // A lying length or size field: an extreme value in 2 or 4 bytes, either byte order.
                int size = random.Next(2) == 0 ? 2 : 4;
                int p = Position(size);
                uint[] extremes = [0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFF, 0x7FFF, 0x8000, (uint)random.Next()];
                uint value = extremes[random.Next(extremes.Length)];
                bool big = random.Next(2) == 0;
                if (size == 2 && big) BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(p), (ushort)value);
                else if (size == 2) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(p), (ushort)value);
                else if (big) BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(p), value);
                else BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(p), value);
                what = $"{size}-byte field at {p} set to 0x{value:X} ({(big ? "big" : "little")}-endian)";
                return data;
            }
            case 4:
            {
                int p = Position(1), count = 1 + random.Next(Math.Min(64, data.Length - p));
                what = $"{count} bytes deleted at {p}";
                return [.. data[..p], .. data[(p + count)..]];
            }
            case 5:
            {
                int p = Position(1), count = 1 + random.Next(16);
                var inserted = new byte[count];
                random.NextBytes(inserted);
                what = $"{count} random bytes inserted at {p}";
                return [.. data[..p], .. inserted, .. data[p..]];
            }
            default:
            {
                int p = Position(8), count = Math.Min(8, data.Length - p);
                for (int i = 0; i < count; i++) data[p + i] = (byte)random.Next(256);
                what = $"{count} random bytes written at {p}";
                return data;
            }
        }
    }

    [TestCase("png")]
    [TestCase("exr")]
    [TestCase("exr-dwa")]
    [TestCase("exr-multipart")]
    [TestCase("jpeg")]
    [TestCase("tiff")]
    [TestCase("tga")]
    [TestCase("bmp")]
    [TestCase("hdr")]
    [TestCase("pfm")]
    [TestCase("detect")]
    public void MutatedFilesAreDecodedOrRejectedCleanly(string codec)
    {
        var (seeds, decode) = Codec(codec);
        Assert.That(seeds, Is.Not.Empty);
        foreach (var seed in seeds) Assert.DoesNotThrow(() => decode(seed), "every seed must decode before mutation");

        int rejected = 0, decoded = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < Mutations; i++)
        {
            var random = new Random(i * 7919 + codec.Length);
            int seedIndex = random.Next(seeds.Length);
            byte[] data = Mutate(seeds[seedIndex], random, out string what);
            // PNG checks every chunk's CRC; half the PNG mutants get theirs repaired so that they
            // reach the inflate, filter and palette code instead of stopping at the first CRC.
            if (codec == "png" && i % 2 == 0) FixPngCrcs(data);
            var one = Stopwatch.StartNew();
            try
            {
                decode(data);
                decoded++;
            }
            catch (Exception e) when (e is ImageFormatException or NotSupportedException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{codec} mutation {i} of seed {seedIndex} ({what}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            if (one.Elapsed > TimeSpan.FromSeconds(2))
                Assert.Fail($"{codec} mutation {i} of seed {seedIndex} ({what}) took {one.Elapsed.TotalSeconds:F1} s");
        }
        TestContext.Out.WriteLine($"{codec}: {decoded} decoded, {rejected} rejected, {total.Elapsed.TotalSeconds:F1} s");
        Assert.That(rejected, Is.GreaterThan(Mutations / 20), "mutations must reach the error paths");
    }
}
