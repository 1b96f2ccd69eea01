using System.Buffers.Binary;
using Compositor.Codecs;
using Compositor.Codecs.Exr;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Corrupt and truncated OpenEXR files must be rejected cleanly.</summary>
public class ExrRobustnessTests
{
    private static byte[] SmallFile(ExrCompression compression, int bitDepth = 16)
    {
        var pixels = new float[24 * 20 * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = MathF.Sin(i * 0.01f) * 4f;
        using var buffer = new MemoryStream();
        ExrEncoder.Encode(buffer, 24, 20, pixels, new ImageWriteOptions { ExrCompression = compression, BitDepth = bitDepth });
        return buffer.ToArray();
    }

    private static void DecodeOrReject(byte[] file)
    {
        try
        {
            var image = ExrDecoder.Decode(file);
            // A corrupted display window may be huge; only convert what is reasonably small.
            if (image.DisplayWindow.Width * image.DisplayWindow.Height < 1 << 20) image.ToDecodedImage();
        }
        catch (ImageFormatException e)
        {
            Assert.That(e.Message, Does.StartWith("EXR"));
        }
        catch (NotSupportedException e)
        {
            // A flipped compression byte may name a codec we do not implement.
            Assert.That(e.Message, Does.StartWith("EXR"));
        }
    }

    [TestCase(ExrCompression.None)]
    [TestCase(ExrCompression.Rle)]
    [TestCase(ExrCompression.Zip)]
    public void EveryTruncationIsRejected(ExrCompression compression)
    {
        byte[] file = SmallFile(compression);
        for (int length = 0; length < file.Length; length += Math.Max(1, length / 40))
        {
            byte[] prefix = file[..length];
            Assert.Throws<ImageFormatException>(() => ExrDecoder.Decode(prefix), $"prefix of {length} of {file.Length} bytes");
        }
    }

    [TestCase(ExrCompression.None, 32)]
    [TestCase(ExrCompression.Rle, 16)]
    [TestCase(ExrCompression.Zips, 16)]
    [TestCase(ExrCompression.Zip, 32)]
    public void RandomCorruptionIsDecodedOrRejected(ExrCompression compression, int bitDepth)
    {
        byte[] original = SmallFile(compression, bitDepth);
        var random = new Random(99);
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] file = (byte[])original.Clone();
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++) file[8 + random.Next(file.Length - 8)] ^= (byte)(1 << random.Next(8));
            DecodeOrReject(file);
        }
    }

    [TestCase("scan_piz_half.exr")]
    [TestCase("scan_piz_float.exr")]
    [TestCase("tiled_piz_float.exr")]
    [TestCase("tiled_rle_half.exr")]
    [TestCase("datawindow_offset_zip_half.exr")]
    [TestCase("scan_pxr24_float.exr")]
    [TestCase("scan_b44a_half.exr")]
    [TestCase("scan_dwaa_half.exr")]
    [TestCase("scan_dwab_float.exr")]
    public void RandomCorruptionOfReferenceFilesIsDecodedOrRejected(string name)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestData.Exr, name));
        var random = new Random(7);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] file = (byte[])original.Clone();
            // Half the trials corrupt the pixel data only, to reach the Huffman and wavelet stages.
            int from = trial % 2 == 0 ? original.Length / 2 : 8;
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++) file[from + random.Next(file.Length - from)] ^= (byte)(1 << random.Next(8));
            DecodeOrReject(file);
        }
    }

    [Test]
    public void OffsetTableEntryOutsideFileIsNamed()
    {
        byte[] file = SmallFile(ExrCompression.Zip);
        var header = ExrDecoder.Decode(file);
        // The offset table starts right after the header; find the first entry by its known value.
        int tableStart = file.Length - 1;
        for (int at = 8; at < file.Length - 8; at++)
        {
            long value = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(at));
            if (value > at && value < file.Length && BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan((int)value)) == 0 && file[at - 1] == 0)
            {
                tableStart = at;
                break;
            }
        }
        Assert.That(header.Channels, Has.Count.EqualTo(4));
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(tableStart), 1L << 40);
        Assert.That(Assert.Throws<ImageFormatException>(() => ExrDecoder.Decode(file))!.Message, Does.Contain("offset table entry 0"));
    }

    [Test]
    public void HugeDataWindowInTinyFileIsRejectedBeforeAllocating()
    {
        byte[] file = SmallFile(ExrCompression.Zip);
        int at = IndexOf(file, "dataWindow\0box2i\0"u8.ToArray()) + "dataWindow\0box2i\0".Length + 4;
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(at + 8), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(at + 12), 16000);
        Assert.That(Assert.Throws<ImageFormatException>(() => ExrDecoder.Decode(file))!.Message, Does.Contain("cannot hold"));
    }

    [Test]
    public void MissingRequiredAttributeIsNamed()
    {
        byte[] file = SmallFile(ExrCompression.None);
        int at = IndexOf(file, "lineOrder\0"u8.ToArray());
        file[at] = (byte)'x'; // renames the attribute to "xineOrder"
        Assert.That(Assert.Throws<ImageFormatException>(() => ExrDecoder.Decode(file))!.Message,
            Is.EqualTo("EXR: missing required attribute 'lineOrder'"));
    }

    [Test]
    public void B44OfPerceptuallyLinearChannelIsNamedAsUnsupported()
    {
        byte[] file = File.ReadAllBytes(Path.Combine(TestData.Exr, "scan_b44_half.exr"));
        // In the chlist, channel "A" is followed by its pixel type (int) and then the pLinear byte.
        int at = IndexOf(file, "chlist\0"u8.ToArray()) + "chlist\0".Length + 4;
        Assert.That(file[at], Is.EqualTo((byte)'A'));
        file[at + 2 + 4] = 1;
        Assert.That(Assert.Throws<NotSupportedException>(() => ExrDecoder.Decode(file))!.Message,
            Does.Contain("perceptually linear channel 'A'"));
    }

    [Test]
    public void MultiPartFlagWithoutPartAttributesIsRejected()
    {
        byte[] file = SmallFile(ExrCompression.None);
        file[5] |= 0x10; // version flag bit 12: multi-part, but the header lacks the part attributes
        Assert.That(Assert.Throws<ImageFormatException>(() => ExrDecoder.Decode(file))!.Message, Does.Contain("missing required attribute 'name'"));
    }

    private static int IndexOf(byte[] data, byte[] pattern) => data.AsSpan().IndexOf(pattern);
}
