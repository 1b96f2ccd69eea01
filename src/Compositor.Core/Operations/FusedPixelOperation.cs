using System.Runtime.CompilerServices;
using System.Buffers;
using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>
/// A chain of pixel-wise operations evaluated as one: for each block of a row, every step runs in
/// order on scratch rows (up to 32 KiB each, so they stay in L2) and only the last step writes the
/// output. The chain's inputs are read once and its result written once, instead of one full-size
/// buffer per step. The result is the same float for float as running the steps one by one.
/// </summary>
public sealed class FusedPixelOperation : NodeOperation
{
    /// <summary>
    /// Pixels per block: a color row block is 32 KiB, a whole 1080p or 2K row. Measured on the
    /// 10-step color chain at 1080p (one thread): 512 pixels 31.5 ms, 1024 29.7 ms, 2048 29.1 ms
    /// (fewer calls per step; the rows still fit in L2).
    /// </summary>
    private const int BlockWidth = 2048;

    private readonly PixelOperation[] _steps;
    // Per step and input: >= 0 an input of this operation, < 0 the output of step (-source - 1).
    private readonly int[][] _sources;
    // Per step: the scratch slot its output goes to (the last step writes the output itself).
    private readonly int[] _slots;
    private readonly int _slotCount;
    // Leading steps that are channel-wise on an external input (0: none), that input, and their remembered results.
    private readonly int _cachedSteps;
    // The first of the trailing steps that run on channel planes (the step count: none).
    private readonly int _planarFrom;
    private readonly int _cacheSource = -1;
    private ChannelCache? _cache;
    private long _rememberedRows;
    // Render-wide: blocks that filled the table, blocks mostly missing after that, and whether the table was given up.
    private int _filledBlocks, _variedBlocks;
    private volatile bool _givenUp;
    // Render-wide: the leading run's results per 8-bit code of its input, where that input can be read as codes.
    private readonly object _codeLock = new();
    private CodedRun? _codedRun;
    private bool _codedRunTried;

    /// <summary>
    /// Fuses <paramref name="steps"/> (producers first; the last one's output is the result). Every
    /// input of a step that is not the output of an earlier step becomes an input of the fused
    /// operation, linked to the same producer.
    /// </summary>
    public FusedPixelOperation(IReadOnlyList<PixelOperation> steps) : base(steps[^1].OutputType)
    {
        if (steps.Count == 0) throw new ArgumentException("nothing to fuse", nameof(steps));
        _steps = [.. steps];
        var stepIndex = new Dictionary<NodeOperation, int>();
        var external = new Dictionary<(NodeOperation Producer, DataType Type), int>();
        _sources = new int[_steps.Length][];
        var lastUse = new int[_steps.Length];
        var readers = new int[_steps.Length];
        for (int s = 0; s < _steps.Length; s++)
        {
            var step = _steps[s];
            if (step.Inputs.Count > 8) throw new NotSupportedException($"{step.GetType().Name}: pixel operations take at most 8 inputs");
            _sources[s] = new int[step.Inputs.Count];
            for (int i = 0; i < step.Inputs.Count; i++)
            {
                var input = step.Inputs[i];
                var producer = input.Link ?? throw new InvalidOperationException($"{step} has an unlinked input {i}");
                if (stepIndex.TryGetValue(producer, out int p))
                {
                    _sources[s][i] = -p - 1;
                    lastUse[p] = s;
                    readers[p]++;
                    continue;
                }

                if (!external.TryGetValue((producer, input.Type), out int e))
                {
                    e = Inputs.Count;
                    external[(producer, input.Type)] = e;
                    AddInput(input.Type, ResizeMode.None).Link = producer;
                }

                _sources[s][i] = e;
            }

            stepIndex[step] = s;
        }

        // Scratch slots are reused once every reader of a step's output has run.
        _slots = new int[_steps.Length];
        var free = new Stack<int>();
        var releaseAt = new List<int>[_steps.Length];
        for (int s = 0; s < _steps.Length; s++)
        {
            if (releaseAt[s] is { } released)
                foreach (int slot in released) free.Push(slot);
            if (s == _steps.Length - 1) { _slots[s] = -1; break; }
            int mine = free.Count > 0 ? free.Pop() : _slotCount++;
            _slots[s] = mine;
            // Free after the last reader (the slot is still read while that reader computes).
            int after = lastUse[s] + 1;
            if (after < _steps.Length) (releaseAt[after] ??= []).Add(mine);
        }

        _cachedSteps = ChannelwisePrefix(readers);
        if (_cachedSteps > 0) _cacheSource = _sources[0][_steps[0].ChannelwiseInput];
        _planarFrom = PlanarSuffix();
        Canvas = steps[^1].Canvas;
        Label = string.Join("+", _steps.Select(o => o.Label.Length > 0 ? o.Label : o.GetType().Name));
    }

    /// <summary>
    /// How many leading steps form a channel-wise run on one of this operation's inputs (at least two,
    /// else 0): each reads the previous one's color (the first an input), nothing else reads those
    /// colors, and their other inputs are inputs of this operation. When those are constants, the
    /// run's results are remembered per channel value (<see cref="ChannelCache"/>).
    /// </summary>
    private int ChannelwisePrefix(int[] readers)
    {
        int run = 0;
        for (int s = 0; s < _steps.Length; s++)
        {
            var step = _steps[s];
            int channelwise = step.ChannelwiseInput;
            if (channelwise < 0 || step.OutputType != DataType.Color || step.Inputs[channelwise].Type != DataType.Color) break;
            int source = _sources[s][channelwise];
            if (s == 0 ? source < 0 : source != -s || readers[s - 1] != 1) break;
            bool sidesOutside = true;
            for (int i = 0; i < _sources[s].Length; i++)
                if (i != channelwise && _sources[s][i] < 0) sidesOutside = false;
            if (!sidesOutside) break;
            run = s + 1;
        }

        return run >= 2 ? run : 0;
    }

    /// <summary>
    /// Where the trailing run of steps with a planar form starts (at least two steps, after the
    /// remembered channel-wise run): they pass colors on as channel planes, split once from their
    /// inputs and joined once into the output. The step count where there is no such run.
    /// </summary>
    private int PlanarSuffix()
    {
        if (!PlanarPixelsSupported) return _steps.Length;
        int from = _steps.Length;
        while (from > _cachedSteps && Planar(_steps[from - 1])) from--;
        return _steps.Length - from >= 2 ? from : _steps.Length;

        static bool Planar(PixelOperation step) =>
            step.HasPlanarForm && step.OutputType is DataType.Color or DataType.Value && step.Inputs.All(i => i.Type is DataType.Color or DataType.Value);
    }

    /// <summary>Planes pay off where 16 pixels are one vector per channel.</summary>
    private static bool PlanarPixelsSupported => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;

    /// <summary>Whether the leading channel-wise steps may be answered from remembered results (on by default).</summary>
    internal bool RememberChannelValues { get; init; } = true;

    /// <summary>
    /// Whether the leading channel-wise steps may read their input as 8-bit codes and look their
    /// results up per code, where the input offers codes (<see cref="ICodedColorOutput"/>; on by default).
    /// </summary>
    internal bool ReadCodes { get; init; } = true;

    /// <summary>Rows (blocks) whose leading channel-wise steps were answered from remembered results in this render.</summary>
    internal long RememberedRows => Interlocked.Read(ref _rememberedRows);

    /// <inheritdoc />
    /// <remarks>
    /// Twice the default: a pixel-wise operation sets nothing up per strip, and shorter last strips,
    /// run while the other workers may already be idle, cut the wait (colour chain at 1080p, 2
    /// threads: 9.35 -> 8.27 ms; the defocus, which pads every strip, ran 10 % slower with as many).
    /// </remarks>
    public override int StripsPerWorker => 8;

    /// <summary>The fused operations, producers first.</summary>
    public IReadOnlyList<PixelOperation> Steps => _steps;

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => Canvas;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        _cache = null;
        _rememberedRows = 0;
        _filledBlocks = _variedBlocks = 0;
        _givenUp = false;
        lock (_codeLock)
        {
            _codedRun = null;
            _codedRunTried = false;
        }

        foreach (var step in _steps) step.InitializeExecution(context);
    }

    /// <inheritdoc />
    public override void DeinitializeExecution()
    {
        _cache = null;
        foreach (var step in _steps) step.DeinitializeExecution();
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        if (o.IsSingleElement) throw new InvalidOperationException("fused pixel operations are not folded into constants");
        int block = Math.Min(BlockWidth, area.Width);
        if (block <= 0) return;
        int n = inputs.Length;
        // Scratch rows: the steps' slots, the inputs', three for the pixels missing from the table,
        // then for planar steps: the last step's planes, and planar copies of earlier steps' and inputs' colors.
        float[] scratch = ArrayPool<float>.Shared.Rent((PlanarAt + 1 + _planarFrom + n) * Stride);
        try
        {
            // At most 8 inputs per step, so a fused chain has few: no allocation per package.
            Span<bool> constants = n <= 64 ? stackalloc bool[n] : new bool[n];
            for (int i = 0; i < n; i++)
                if (inputs[i].IsSingleElement)
                {
                    constants[i] = true;
                    inputs[i].ReadRow(area.YMin, area.XMin, block, scratch.AsSpan((_slotCount + i) * Stride, Stride));
                }

            var coded = CanRemember(constants) ? CodedRunFor(inputs, constants, area) : null;
            // The channel table serves the blocks that the codes do not (all of them, without codes).
            var cache = coded is not null && coded.Covers(area) ? null : RememberedResults(constants);
            long remembered = 0;
            Span<int> missingPairs = cache is null ? default : stackalloc int[(BlockWidth + 1) / 2];
            // Per block: which colors already have their planar copy.
            Span<bool> planar = stackalloc bool[_planarFrom + n];
            for (int y = area.YMin; y < area.YMax; y++)
            {
                for (int x = area.XMin; x < area.XMax; x += block)
                {
                    int width = Math.Min(block, area.XMax - x);
                    planar.Clear();
                    if (cache is not null && _givenUp) cache = null;
                    var codes = coded is not null && coded.Covers(y, x, width) ? coded : null;
                    int first = 0;
                    if (codes is not null)
                    {
                        LookUpCodes(codes, o, scratch, planar, y, x, width);
                        remembered++;
                        first = _cachedSteps;
                    }
                    else if (cache is not null)
                    {
                        if (LookUpChannels(cache, inputs, o, scratch, missingPairs, y, x, width)) remembered++;
                        first = _cachedSteps;
                    }

                    RunSteps(first, o, inputs, constants, scratch, planar, codes, y, x, width);
                }
            }

            if (remembered > 0) Interlocked.Add(ref _rememberedRows, remembered);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The leading channel-wise run for a block inside the coded image: its results looked up per
    /// code (a quarter of the bytes to read, nothing missing), straight into planes when planar steps follow.
    /// </summary>
    private void LookUpCodes(CodedRun codes, MemoryBuffer output, float[] scratch, Span<bool> planar, int y, int x, int width)
    {
        var row = codes.Row(y, x, width);
        if (_planarFrom == _cachedSteps && _cachedSteps < _steps.Length)
        {
            codes.Results.DecodePlanes(row, scratch.AsSpan((PlanarAt + 1 + _cachedSteps - 1) * Stride, width * 4), width);
            planar[_cachedSteps - 1] = true;
        }
        else
        {
            codes.Results.Decode(row, Target(output, scratch, _cachedSteps - 1, y, x, width), width);
        }
    }

    /// <summary>
    /// The leading channel-wise run for a block from the table of remembered channel values, the
    /// missing pixels computed and remembered; true when none was missing.
    /// </summary>
    private bool LookUpChannels(ChannelCache cache, ReadOnlySpan<MemoryBuffer> inputs, MemoryBuffer output, float[] scratch, Span<int> missingPairs, int y, int x, int width)
    {
        var runInput = inputs[_cacheSource].ReadRow(y, x, width, scratch.AsSpan((_slotCount + _cacheSource) * Stride, Stride));
        var runOutput = Target(output, scratch, _cachedSteps - 1, y, x, width);
        int missing = cache.LookUp(runInput, runOutput, width, missingPairs);
        if (missing > 0) ComputeMissing(cache, runInput, runOutput, width, missingPairs[..missing], scratch, (_slotCount + Inputs.Count) * Stride);
        if (2 * missing > (width + 1) / 2 && Volatile.Read(ref _filledBlocks) >= 2 && Interlocked.Increment(ref _variedBlocks) >= GiveUpAfter)
        {
            // Values too varied to be met again (a float render, noise): after the table has been
            // filled twice, blocks still mostly missing make the whole render stop looking them up.
            _givenUp = true;
        }

        return missing == 0;
    }

    /// <summary>
    /// Runs steps <paramref name="first"/> onwards on a block, the steps before the planar ones on
    /// pixels and the rest on planes, the last one writing the output.
    /// </summary>
    private void RunSteps(int first, MemoryBuffer output, ReadOnlySpan<MemoryBuffer> inputs, ReadOnlySpan<bool> constants, float[] scratch,
        Span<bool> planar, CodedRun? codes, int y, int x, int width)
    {
        for (int s = first; s < _steps.Length; s++)
        {
            var step = _steps[s];
            var sources = _sources[s];
            bool planes = s >= _planarFrom;
            var rows = new InputRows();
            for (int i = 0; i < sources.Length; i++)
            {
                int source = sources[i];
                int channels = step.Inputs[i].Type.Channels();
                ReadOnlySpan<float> row;
                if (source < 0)
                {
                    int producer = -source - 1;
                    row = scratch.AsSpan(_slots[producer] * Stride, width * channels);
                    if (planes && producer < _planarFrom && channels == 4)
                    {
                        // An earlier step's pixels, split into planes once per block.
                        var copy = scratch.AsSpan((PlanarAt + 1 + producer) * Stride, width * 4);
                        if (!planar[producer]) PlanarPixels.Split(row, copy, width);
                        planar[producer] = true;
                        row = copy;
                    }
                }
                else if (planes && channels == 4)
                {
                    // An input color as planes, made once per block.
                    var copy = scratch.AsSpan((PlanarAt + 1 + _planarFrom + source) * Stride, width * 4);
                    if (!planar[_planarFrom + source])
                    {
                        if (codes is not null && source == _cacheSource)
                            codes.Pixels.DecodePlanes(codes.Row(y, x, width), copy, width);
                        else
                            PlanarPixels.Split(InputRow(inputs, constants, scratch, source, y, x, width, codes), copy, width);
                        planar[_planarFrom + source] = true;
                    }

                    row = copy;
                }
                else
                {
                    row = InputRow(inputs, constants, scratch, source, y, x, width, codes);
                }

                rows.Set(i, row);
            }

            if (!planes)
            {
                step.ProcessRowUnchecked(Target(output, scratch, s, y, x, width), rows, width);
            }
            else if (s < _steps.Length - 1 || step.OutputType != DataType.Color)
            {
                step.ProcessPlanesUnchecked(Target(output, scratch, s, y, x, width), rows, width);
            }
            else
            {
                // The last step's planes, joined into the output's pixels.
                var last = scratch.AsSpan(PlanarAt * Stride, width * 4);
                step.ProcessPlanesUnchecked(last, rows, width);
                PlanarPixels.Join(last, output.GetRow(y, x, width), width);
            }
        }
    }

    /// <summary>The first scratch row for planar steps: after the steps' slots, the inputs' rows and three for missing pixels.</summary>
    private int PlanarAt => _slotCount + Inputs.Count + 3;

    /// <summary>The leading run's results per code of the coded image it reads, and that image's own values per code.</summary>
    private sealed record CodedRun(CodedColors Codes, CodeTable Results, CodeTable Pixels)
    {
        public bool Covers(int y, int x, int width) => y >= 0 && y < Codes.Height && x >= 0 && x + width <= Codes.Width;

        public bool Covers(Rect area) => Rect.FromSize(Codes.Width, Codes.Height).Contains(area);

        public ReadOnlySpan<byte> Row(int y, int x, int width) => Codes.Codes.AsSpan((y * Codes.Width + x) * 4, width * 4);
    }

    private const int Stride = BlockWidth * 4;

    /// <summary>
    /// External input <paramref name="source"/>'s pixels for a block: a constant's row, the coded image
    /// decoded from its codes (a later step reading the image the channel-wise run read: the codes
    /// are a quarter of the bytes), or the input's row.
    /// </summary>
    private ReadOnlySpan<float> InputRow(ReadOnlySpan<MemoryBuffer> inputs, scoped ReadOnlySpan<bool> constants, float[] scratch, int source, int y, int x, int width, CodedRun? codes)
    {
        var slot = scratch.AsSpan((_slotCount + source) * Stride, Stride);
        if (constants[source]) return slot[..(width * Inputs[source].Type.Channels())];
        if (source == _cacheSource && codes is not null)
        {
            var decoded = slot[..(width * 4)];
            codes.Pixels.Decode(codes.Row(y, x, width), decoded, width);
            return decoded;
        }

        return inputs[source].ReadRow(y, x, width, slot);
    }

    /// <summary>Blocks mostly missing from a filled table before a render gives the table up.</summary>
    private const int GiveUpAfter = 8;

    /// <summary>Where step <paramref name="s"/> writes a block: its scratch slot, or the output for the last step.</summary>
    private Span<float> Target(MemoryBuffer output, float[] scratch, int s, int y, int x, int width) => _slots[s] < 0
        ? output.GetRow(y, x, width)
        : scratch.AsSpan(_slots[s] * Stride, width * _steps[s].OutputType!.Value.Channels());

    /// <summary>
    /// Runs the leading channel-wise steps on the pixels of the pairs missing from the table, gathered
    /// into a row of their own (the steps' other inputs are constants, so any width will do), puts the
    /// results in their places in <paramref name="runOutput"/> and remembers them.
    /// </summary>
    private void ComputeMissing(ChannelCache cache, ReadOnlySpan<float> runInput, Span<float> runOutput, int width, ReadOnlySpan<int> missingPairs, float[] scratch, int at)
    {
        var gathered = scratch.AsSpan(at, Stride);
        int count = 0;
        foreach (int pair in missingPairs)
            for (int p = 2 * pair; p < Math.Min(2 * pair + 2, width); p++, count++)
                runInput.Slice(4 * p, 4).CopyTo(gathered.Slice(4 * count, 4));

        ReadOnlySpan<float> previous = gathered[..(4 * count)];
        for (int s = 0; s < _cachedSteps; s++)
        {
            var step = _steps[s];
            var rows = new InputRows();
            for (int i = 0; i < _sources[s].Length; i++)
                rows.Set(i, i == step.ChannelwiseInput
                    ? previous
                    : scratch.AsSpan((_slotCount + _sources[s][i]) * Stride, count * step.Inputs[i].Type.Channels()));
            var target = scratch.AsSpan(at + (1 + s % 2) * Stride, 4 * count);
            step.ProcessRowUnchecked(target, rows, count);
            previous = target;
        }

        count = 0;
        foreach (int pair in missingPairs)
            for (int p = 2 * pair; p < Math.Min(2 * pair + 2, width); p++, count++)
                previous.Slice(4 * count, 4).CopyTo(runOutput.Slice(4 * p, 4));
        cache.Fill(gathered, previous, count);
        Interlocked.Increment(ref _filledBlocks);
    }

    /// <summary>
    /// The leading run's result for every 8-bit code of its input, per channel, when that input is
    /// read straight from an operation that offers its output as codes (made once per render, by
    /// running the steps on the 256 values of each channel); else null.
    /// </summary>
    private CodedRun? CodedRunFor(ReadOnlySpan<MemoryBuffer> inputs, ReadOnlySpan<bool> constants, Rect area)
    {
        if (!ReadCodes || Inputs[_cacheSource].Link is not ICodedColorOutput producer) return null;
        lock (_codeLock)
        {
            if (_codedRunTried) return _codedRun;
            _codedRunTried = true;
            if (producer.CodedColors is not { } image) return null;
            const int codes = 256;
            var row = new float[codes * 4];
            for (int k = 0; k < codes; k++)
                for (int c = 0; c < 4; c++) row[4 * k + c] = image.Values[c * 256 + k];
            ReadOnlySpan<float> previous = row;
            for (int s = 0; s < _cachedSteps; s++)
            {
                var step = _steps[s];
                var rows = new InputRows();
                for (int i = 0; i < _sources[s].Length; i++)
                {
                    int source = _sources[s][i];
                    int channels = step.Inputs[i].Type.Channels();
                    // The other inputs are constants (RememberedResults checked): any row of them will do.
                    rows.Set(i, i == step.ChannelwiseInput ? previous : inputs[source].ReadRow(area.YMin, area.XMin, codes, new float[codes * channels]));
                }

                var result = new float[codes * 4];
                step.ProcessRowUnchecked(result, rows, codes);
                previous = result;
            }

            var values = new float[4 * 256];
            for (int k = 0; k < codes; k++)
                for (int c = 0; c < 4; c++) values[c * 256 + k] = previous[4 * k + c];
            _codedRun = new CodedRun(image, new CodeTable(values), new CodeTable(image.Values));
            return _codedRun;
        }
    }

    /// <summary>Whether the leading channel-wise run's results can be remembered: its input varies, every other input of the run is a constant.</summary>
    private bool CanRemember(ReadOnlySpan<bool> constants)
    {
        if (_cachedSteps == 0 || !RememberChannelValues || constants[_cacheSource]) return false;
        for (int s = 0; s < _cachedSteps; s++)
            for (int i = 0; i < _sources[s].Length; i++)
                if (i != _steps[s].ChannelwiseInput && !constants[_sources[s][i]]) return false;
        return true;
    }

    /// <summary>The render's table of remembered channel results, or null where the leading run cannot use one.</summary>
    private ChannelCache? RememberedResults(ReadOnlySpan<bool> constants)
    {
        if (!CanRemember(constants) || _givenUp || !ChannelCache.IsSupported) return null;
        if (Volatile.Read(ref _cache) is { } cache) return cache;
        Interlocked.CompareExchange(ref _cache, new ChannelCache(), null);
        return _cache;
    }
}
