using System.Text;
using Compositor.Codecs;
using Compositor.Codecs.Exr;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Multi-part OpenEXR files written by OpenImageIO (Codecs/Data/exr), compared with its decoding of each part.</summary>
public class ExrMultiPartTests
{
    private static byte[] File(string name) => System.IO.File.ReadAllBytes(TestData.LocalFile("exr", name));

    private static void AssertSameAsReference(ExrImage image, string reference)
    {
        var expected = ExrDecoder.Decode(File(reference));
        Assert.That(image.DataWindow, Is.EqualTo(expected.DataWindow));
        Assert.That(image.DisplayWindow, Is.EqualTo(expected.DisplayWindow));
        Assert.That(image.Channels.Select(c => c.Name), Is.EqualTo(expected.Channels.Select(c => c.Name)));
        foreach (var channel in image.Channels)
            Assert.That(channel.Values, Is.EqualTo(expected.FindChannel(channel.Name)!.Values), $"channel {channel.Name}");
    }

    [Test]
    public void PartsAreListed()
    {
        var parts = ExrDecoder.ReadParts(File("multi.exr"));
        Assert.That(parts.Select(p => p.Name), Is.EqualTo(new[] { "beauty", "depth", "offset" }));
        Assert.That(parts.Select(p => p.Index), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(parts.Select(p => p.Type), Is.All.EqualTo("scanlineimage"));
        Assert.That(parts.Select(p => p.Compression), Is.EqualTo(new[] { ExrCompression.Piz, ExrCompression.Zip, ExrCompression.Dwaa }));
        Assert.That(parts[1].Channels.Single(), Is.EqualTo(new ExrChannelDescription("Y", ExrPixelType.Float, 1, 1)));
        Assert.That(parts[2].DataWindow, Is.EqualTo(new ExrBox(9, 5, 38, 18)));
        Assert.That(parts[2].DisplayWindow, Is.EqualTo(new ExrBox(0, 0, 63, 31)));

        var single = ExrDecoder.ReadParts(System.IO.File.ReadAllBytes(Path.Combine(TestData.Exr, "scan_zip_half.exr")));
        Assert.That(single, Has.Count.EqualTo(1));
        Assert.That(single[0].Type, Is.EqualTo("scanlineimage"));
    }

    [Test]
    public void EveryPartDecodesLikeOpenImageIo()
    {
        byte[] file = File("multi.exr");
        AssertSameAsReference(ExrDecoder.Decode(file), "multi.part0.ref.exr");
        AssertSameAsReference(ExrDecoder.Decode(file, "depth"), "multi.part1.ref.exr");
        var offset = ExrDecoder.DecodePart(file, 2);
        Assert.That((offset.PartName, offset.PartIndex), Is.EqualTo(("offset", 2)));
        AssertSameAsReference(offset, "multi.part2.ref.exr");
    }

    [Test]
    public void TiledPartsDecode()
    {
        byte[] file = File("multi_tiled.exr");
        Assert.That(ExrDecoder.ReadParts(file).Select(p => (p.Name, p.Type, p.IsTiled)),
            Is.EqualTo(new[] { ("left", "tiledimage", true), ("right", "tiledimage", true) }));
        AssertSameAsReference(ExrDecoder.Decode(file, "left"), "multi_tiled.part0.ref.exr");
        AssertSameAsReference(ExrDecoder.Decode(file, "right"), "multi_tiled.part1.ref.exr");
    }

    [TestCase("small_dwaa.exr")]
    [TestCase("small_dwab_z.exr")] // Z is stored losslessly (DWA "unknown" channel), A as RLE
    public void SmallDwaFilesDecodeLikeOpenImageIo(string name) =>
        AssertSameAsReference(ExrDecoder.Decode(File(name)), name[..^4] + ".ref.exr");

    [Test]
    public void ImageCodecsReadsTheFirstPart()
    {
        var image = ImageCodecs.Read(TestData.LocalFile("exr", "multi.exr"));
        Assert.That(image.Exr!.PartName, Is.EqualTo("beauty"));
        Assert.That((image.Width, image.Height), Is.EqualTo((64, 32)));
    }

    [Test]
    public void UnknownPartsAreNamed()
    {
        byte[] file = File("multi.exr");
        var error = Assert.Throws<ArgumentException>(() => ExrDecoder.Decode(file, "specular"))!;
        Assert.That(error.Message, Does.Contain("'beauty', 'depth', 'offset'"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExrDecoder.DecodePart(file, 3));
    }

    [Test]
    public void UnknownPartTypeIsNotSupported()
    {
        byte[] file = File("multi.exr");
        // Same length as "scanlineimage": an unknown type, as deep parts are for this decoder.
        int at = IndexOf(file, "scanlineimage"u8.ToArray());
        Encoding.ASCII.GetBytes("deeeeeeeimage").CopyTo(file, at);
        Assert.That(Assert.Throws<NotSupportedException>(() => ExrDecoder.Decode(file))!.Message, Does.Contain("unknown type 'deeeeeeeimage'"));
    }

    [Test]
    public void ChunkOfAnotherPartIsRejected()
    {
        byte[] file = File("multi.exr");
        // The first chunk of part 1 ("depth") starts with its part number 1; claim part 0 instead.
        var headerEnd = ExrDecoder.ReadParts(file); // parse succeeds
        Assert.That(headerEnd, Has.Count.EqualTo(3));
        long firstChunkOfPart1 = FindChunkOffsets(file)[1];
        Assert.That(BitConverter.ToInt32(file, (int)firstChunkOfPart1), Is.EqualTo(1));
        BitConverter.GetBytes(0).CopyTo(file, (int)firstChunkOfPart1);
        Assert.That(Assert.Throws<ImageFormatException>(() => ExrDecoder.Decode(file, "depth"))!.Message, Does.Contain("belongs to part 0"));
    }

    /// <summary>The first offset-table entry of each part: the tables follow the headers' terminating zero byte.</summary>
    private static long[] FindChunkOffsets(byte[] file)
    {
        // Walk the headers: attribute lists end with a zero byte, the list of headers with another.
        int pos = 8;
        int parts = 0;
        var chunkCounts = new List<int>();
        while (file[pos] != 0)
        {
            while (file[pos] != 0)
            {
                int nameEnd = Array.IndexOf(file, (byte)0, pos);
                string name = Encoding.ASCII.GetString(file, pos, nameEnd - pos);
                int typeEnd = Array.IndexOf(file, (byte)0, nameEnd + 1);
                int size = BitConverter.ToInt32(file, typeEnd + 1);
                if (name == "chunkCount") chunkCounts.Add(BitConverter.ToInt32(file, typeEnd + 5));
                pos = typeEnd + 5 + size;
            }
            pos++;
            parts++;
        }
        pos++;
        var firsts = new long[parts];
        for (int p = 0; p < parts; p++)
        {
            firsts[p] = BitConverter.ToInt64(file, pos);
            pos += 8 * chunkCounts[p];
        }
        return firsts;
    }

    private static int IndexOf(byte[] data, byte[] pattern)
    {
        for (int i = 0; i + pattern.Length <= data.Length; i++)
            if (data.AsSpan(i, pattern.Length).SequenceEqual(pattern)) return i;
        return -1;
    }
}
