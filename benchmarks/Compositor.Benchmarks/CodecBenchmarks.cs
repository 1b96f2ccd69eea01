using BenchmarkDotNet.Attributes;
using Compositor.Codecs;
using Compositor.Codecs.Exr;

namespace Compositor.Benchmarks;

/// <summary>Reading and writing a 4K (3840 x 2160) RGBA image as PNG and OpenEXR, all in memory.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private const int Width = 3840, Height = 2160;

    private float[] _pixels = [];
    private byte[] _png8 = [];
    private byte[] _png16 = [];
    private byte[] _exrZip = [];
    private byte[] _exrPiz = [];
    private byte[] _jpeg = [];

    [GlobalSetup]
    public void Setup()
    {
        // A smooth gradient with some texture: compresses like a render, not like noise or a flat color.
        _pixels = new float[Width * Height * 4];
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                int i = (y * Width + x) * 4;
                _pixels[i] = x / (float)Width;
                _pixels[i + 1] = y / (float)Height;
                _pixels[i + 2] = 0.5f + 0.5f * MathF.Sin(x * 0.01f) * MathF.Cos(y * 0.013f);
                _pixels[i + 3] = 1f;
            }
        _png8 = Encode(ImageFileFormat.Png, new ImageWriteOptions { BitDepth = 8 });
        _png16 = Encode(ImageFileFormat.Png, new ImageWriteOptions { BitDepth = 16 });
        _exrZip = Encode(ImageFileFormat.Exr, new ImageWriteOptions { ExrCompression = ExrCompression.Zip });
        _exrPiz = Encode(ImageFileFormat.Exr, new ImageWriteOptions { ExrCompression = ExrCompression.Piz });
        _jpeg = Encode(ImageFileFormat.Jpeg, new ImageWriteOptions { JpegQuality = 90 });
    }

    /// <summary>Writes the benchmark's encoded files to <paramref name="folder"/>, so other tools can be timed on the same bytes.</summary>
    public void WriteSamples(string folder)
    {
        Setup();
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "bench8.png"), _png8);
        File.WriteAllBytes(Path.Combine(folder, "bench16.png"), _png16);
        File.WriteAllBytes(Path.Combine(folder, "bench_zip_half.exr"), _exrZip);
        File.WriteAllBytes(Path.Combine(folder, "bench_piz_half.exr"), _exrPiz);
        File.WriteAllBytes(Path.Combine(folder, "bench.jpg"), _jpeg);
    }

    private byte[] Encode(ImageFileFormat format, ImageWriteOptions options)
    {
        using var stream = new MemoryStream();
        ImageCodecs.Write(stream, format, Width, Height, _pixels, options);
        return stream.ToArray();
    }

    [Benchmark]
    public int ReadPng8() => ImageCodecs.Read(new MemoryStream(_png8)).Width;

    [Benchmark]
    public int ReadPng16() => ImageCodecs.Read(new MemoryStream(_png16)).Width;

    [Benchmark]
    public int ReadExrZipHalf() => ImageCodecs.Read(new MemoryStream(_exrZip)).Width;

    [Benchmark]
    public int ReadExrPizHalf() => ImageCodecs.Read(new MemoryStream(_exrPiz)).Width;

    [Benchmark]
    public int ReadJpeg() => ImageCodecs.Read(new MemoryStream(_jpeg)).Width;

    [Benchmark]
    public long WritePng8() => Encode(ImageFileFormat.Png, new ImageWriteOptions { BitDepth = 8 }).LongLength;

    [Benchmark]
    public long WritePng8Fast() => Encode(ImageFileFormat.Png,
        new ImageWriteOptions { BitDepth = 8, PngCompressionLevel = System.IO.Compression.CompressionLevel.Fastest }).LongLength;

    [Benchmark]
    public long WriteExrZipHalf() => Encode(ImageFileFormat.Exr, new ImageWriteOptions { ExrCompression = ExrCompression.Zip }).LongLength;

    [Benchmark]
    public long WriteExrPizHalf() => Encode(ImageFileFormat.Exr, new ImageWriteOptions { ExrCompression = ExrCompression.Piz }).LongLength;

    [Benchmark]
    public long WriteJpeg() => Encode(ImageFileFormat.Jpeg, new ImageWriteOptions { JpegQuality = 90 }).LongLength;
}
