using Compositor.Cli.Farm;

namespace Compositor.Cli.Tests.Farm;

public sealed class FrameSpecTests
{
    [TestCase("7", new[] { 7 })]
    [TestCase("1-5", new[] { 1, 2, 3, 4, 5 })]
    [TestCase("1..4", new[] { 1, 2, 3, 4 })]
    [TestCase("1-10:3", new[] { 1, 4, 7, 10 })]
    [TestCase("0-9:4", new[] { 0, 4, 8 })]
    [TestCase("5,1-3", new[] { 5, 1, 2, 3 })]
    [TestCase("1-3, 2-5", new[] { 1, 2, 3, 4, 5 })]
    [TestCase("-3--1,0", new[] { -3, -2, -1, 0 })]
    [TestCase("-2-1", new[] { -2, -1, 0, 1 })]
    [TestCase(" 4 ", new[] { 4 })]
    public void ParsesBlenderAndNatronFrameLists(string spec, int[] expected) =>
        Assert.That(FrameSpec.Parse(spec), Is.EqualTo(expected));

    [TestCase("", "empty")]
    [TestCase("1,,2", "empty item")]
    [TestCase("5-1", "ends before it starts")]
    [TestCase("1-5:0", "step")]
    [TestCase("3:2", "needs a range")]
    [TestCase("a-b", "not a frame number")]
    [TestCase("1-2-3", "not a frame number")]
    [TestCase("99999999999", "not a frame number")]
    [TestCase("1-2000000", "more than")]
    public void RejectsMalformedListsWithTheReason(string spec, string reason) =>
        Assert.That(() => FrameSpec.Parse(spec), Throws.TypeOf<FormatException>().With.Message.Contains(reason));
}

public sealed class FarmTaskTests
{
    private static readonly IReadOnlyList<int> Hundred = FrameSpec.Parse("1-100");

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(100)]
    [TestCase(130)]
    public void ChunksCoverEveryFrameExactlyOnceInOrder(int chunks)
    {
        var all = Enumerable.Range(1, chunks).SelectMany(k => FarmTask.Chunk(Hundred, k, chunks)).ToList();
        Assert.That(all, Is.EqualTo(Hundred));
        var sizes = Enumerable.Range(1, chunks).Select(k => FarmTask.Chunk(Hundred, k, chunks).Count).ToList();
        Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1), "chunks are near-equal");
    }

    [Test]
    public void TaskIndexTakesConsecutiveFramesAndExtraTasksGetNone()
    {
        Assert.That(FarmTask.ByIndex(Hundred, 0, 10), Is.EqualTo(Enumerable.Range(1, 10)));
        Assert.That(FarmTask.ByIndex(Hundred, 9, 10), Is.EqualTo(Enumerable.Range(91, 10)));
        Assert.That(FarmTask.ByIndex(Hundred, 3, 30), Is.EqualTo(Enumerable.Range(91, 10)), "the last task takes what is left");
        Assert.That(FarmTask.ByIndex(Hundred, 10, 10), Is.Empty);
        var all = Enumerable.Range(0, 15).SelectMany(i => FarmTask.ByIndex(Hundred, i, 7)).ToList();
        Assert.That(all, Is.EqualTo(Hundred));
    }

    [TestCase("3/10", 3, 10)]
    [TestCase("1/1", 1, 1)]
    public void ParsesChunks(string text, int k, int n) => Assert.That(FarmTask.ParseChunk(text), Is.EqualTo((k, n)));

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("3")]
    [TestCase("-1/3")]
    [TestCase("a/b")]
    public void RejectsBadChunks(string text) => Assert.That(() => FarmTask.ParseChunk(text), Throws.TypeOf<FormatException>());

    [Test]
    public void ReadsTheIndexFromTheEnvironment()
    {
        Assert.That(FarmTask.ReadIndex("SLURM_ARRAY_TASK_ID", v => v == "SLURM_ARRAY_TASK_ID" ? "4" : null), Is.EqualTo(4));
        Assert.That(() => FarmTask.ReadIndex("JOB_COMPLETION_INDEX", _ => null), Throws.TypeOf<FormatException>().With.Message.Contains("not set"));
        Assert.That(() => FarmTask.ReadIndex("X", _ => "-1"), Throws.TypeOf<FormatException>());
        Assert.That(() => FarmTask.ReadIndex("X", _ => "one"), Throws.TypeOf<FormatException>());
    }
}

public sealed class FramePathTests
{
    [TestCase("/r/out_####.exr", 42, "/r/out_0042.exr")]
    [TestCase("/r/out_#.png", 42, "/r/out_42.png")]
    [TestCase("/r/out_###.png", 7, "/r/out_007.png")]
    [TestCase("/r/out_##_v#.png", 7, "/r/out_##_v7.png")]
    [TestCase("/r/out_####.exr", -3, "/r/out_-0003.exr")]
    [TestCase("/r/a#b/out.exr", 5, "/r/a#b/out0005.exr")]
    public void HashesTakeTheZeroPaddedFrameAsBlender(string pattern, int frame, string expected) =>
        Assert.That(FramePath.For(pattern, frame, numberWithoutField: true), Is.EqualTo(expected));

    [Test]
    public void ANameWithoutHashesIsNumberedOnlyForFrameLists()
    {
        Assert.That(FramePath.For("/r/out.exr", 12, numberWithoutField: true), Is.EqualTo("/r/out0012.exr"));
        Assert.That(FramePath.For("/r/out.exr", 12, numberWithoutField: false), Is.EqualTo("/r/out.exr"));
        Assert.That(FramePath.For("/r/out_##.exr", 12, numberWithoutField: false), Is.EqualTo("/r/out_12.exr"));
    }
}

public sealed class ByteSizeTests
{
    [TestCase("1048576", 1048576L)]
    [TestCase("512M", 512L << 20)]
    [TestCase("2G", 2L << 30)]
    [TestCase("1.5GiB", 3L << 29)]
    [TestCase("64k", 64L << 10)]
    public void ParsesSizes(string text, long bytes) => Assert.That(ByteSize.Parse(text), Is.EqualTo(bytes));

    [TestCase("")]
    [TestCase("0")]
    [TestCase("-1G")]
    [TestCase("12Q")]
    [TestCase("lots")]
    public void RejectsNonSizes(string text) => Assert.That(() => ByteSize.Parse(text), Throws.TypeOf<FormatException>());
}
