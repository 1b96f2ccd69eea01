using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>Properties of an operation that the compiler and the execution models act on.</summary>
[Flags]
public enum OperationFlags
{
    /// <summary>Nothing special: a pixel-wise operation.</summary>
    None = 0,

    /// <summary>
    /// Reads more than the output pixel's own input pixel (blurs, transforms). In the tiled model it
    /// is buffered on both sides and gets an ExecutionGroup of its own.
    /// </summary>
    Complex = 1 << 0,

    /// <summary>May be folded into a constant when all its inputs are constant.</summary>
    CanBeConstant = 1 << 1,

    /// <summary>A constant (Set) operation: one value everywhere.</summary>
    Constant = 1 << 2,

    /// <summary>Computes its whole area in one call, on one thread (whole-image algorithms).</summary>
    SingleThreaded = 1 << 3,

    /// <summary>An output (Composite, Viewer, File Output): the roots of execution.</summary>
    Output = 1 << 4,

    /// <summary>A pass-through standing for a reroute, a muted node or a group socket; removed while compiling.</summary>
    Proxy = 1 << 5,

    /// <summary>Has an OpenCL kernel (used by the OpenCL device).</summary>
    OpenCl = 1 << 6,

    /// <summary>
    /// Reads its inputs only through <see cref="Imaging.Sampling.Sampler"/> or
    /// <see cref="MemoryBuffer.ReadRow"/>, where pixels outside an input's buffer read as transparent
    /// black: an input buffer may cover less than the area of interest (the full-frame model then
    /// hands it a translated input's buffer instead of a zero-padded copy).
    /// </summary>
    SampledInputs = 1 << 7,
}

/// <summary>How an input whose canvas differs from its operation's canvas is fitted (Blender's ResizeMode).</summary>
public enum ResizeMode
{
    /// <summary>Centre the input without scaling (Blender's default).</summary>
    Center,

    /// <summary>No resizing or translation.</summary>
    None,

    /// <summary>Translate so bottom-left corners coincide.</summary>
    Align,

    /// <summary>Scale uniformly to the width.</summary>
    FitWidth,

    /// <summary>Scale uniformly to the height.</summary>
    FitHeight,

    /// <summary>Scale uniformly by the larger ratio (cover).</summary>
    FitAny,

    /// <summary>Scale x and y independently.</summary>
    Stretch,
}

/// <summary>Output priority (Blender's eCompositorPriority).</summary>
public enum RenderPriority
{
    /// <summary>Everything else.</summary>
    Low = 0,

    /// <summary>The Composite output.</summary>
    Medium = 1,

    /// <summary>The active Viewer while editing.</summary>
    High = 2,
}

/// <summary>One input of an operation: its type, how it is fitted, and the operation that feeds it.</summary>
public sealed class OperationInput
{
    internal OperationInput(NodeOperation owner, int index, DataType type, ResizeMode resizeMode)
    {
        Owner = owner;
        Index = index;
        Type = type;
        ResizeMode = resizeMode;
    }

    /// <summary>The operation this input belongs to.</summary>
    public NodeOperation Owner { get; }

    /// <summary>Position among the owner's inputs.</summary>
    public int Index { get; }

    /// <summary>The data type the operation reads.</summary>
    public DataType Type { get; }

    /// <summary>How a producer of another canvas is fitted.</summary>
    public ResizeMode ResizeMode { get; set; }

    /// <summary>The producing operation, or null while unlinked.</summary>
    public NodeOperation? Link { get; set; }

    /// <summary>True when linked.</summary>
    public bool IsConnected => Link is not null;
}

/// <summary>
/// An executable image-processing step (Blender's NodeOperation). One output at most; any number of
/// inputs. An operation computes a rectangle of its output from rectangles of its inputs, a row at a
/// time, and must be safe to call concurrently on disjoint areas.
/// </summary>
public abstract class NodeOperation
{
    private readonly List<OperationInput> _inputs = [];
    private Rect _canvas;

    /// <summary>Creates an operation producing <paramref name="outputType"/> (null: no output).</summary>
    protected NodeOperation(DataType? outputType) => OutputType = outputType;

    /// <summary>Unique number within its operation graph (set by the compiler).</summary>
    public int Id { get; internal set; }

    /// <summary>Human-readable origin: the node it came from and the operation's role.</summary>
    public string Label { get; set; } = "";

    /// <summary>The data type of the output, or null for output operations that produce none.</summary>
    public DataType? OutputType { get; }

    /// <summary>The operation's inputs, in order.</summary>
    public IReadOnlyList<OperationInput> Inputs => _inputs;

    private OperationFlags _flags;

    /// <summary>Behaviour flags. An operation implementing <see cref="OpenCl.IOpenClOperation"/> has <see cref="OperationFlags.OpenCl"/>.</summary>
    public OperationFlags Flags
    {
        get => this is OpenCl.IOpenClOperation ? _flags | OperationFlags.OpenCl : _flags;
        protected set => _flags = value;
    }

    /// <summary>Which input decides the canvas; <see cref="AnyInput"/> for the first that has one.</summary>
    public int CanvasInputIndex { get; protected set; }

    /// <summary>Marker for <see cref="CanvasInputIndex"/>: the first input with a non-empty canvas.</summary>
    public const int AnyInput = int.MaxValue;

    /// <summary>The rectangle the operation produces (set by canvas determination).</summary>
    public Rect Canvas
    {
        get => _canvas;
        set { _canvas = value; IsCanvasSet = true; }
    }

    /// <summary>True once <see cref="Canvas"/> has been determined.</summary>
    public bool IsCanvasSet { get; private set; }

    /// <summary>True when this operation has <paramref name="flag"/>.</summary>
    public bool Has(OperationFlags flag) => (Flags & flag) != 0;

    /// <summary>
    /// How many strips per worker the full-frame model splits this operation's area into. A few per
    /// worker balance uneven rows; operations that set up work per strip (padded copies, tables)
    /// want few, operations that set up nothing are better with more (shorter last strips).
    /// </summary>
    public virtual int StripsPerWorker => 4;

    /// <summary>Adds an input.</summary>
    protected OperationInput AddInput(DataType type, ResizeMode mode = ResizeMode.Center)
    {
        var input = new OperationInput(this, _inputs.Count, type, mode);
        _inputs.Add(input);
        return input;
    }

    /// <summary>
    /// Decides this operation's canvas from the preferred area handed down by its consumer
    /// (Blender's determine_canvas): by default the canvas input decides, then every other connected
    /// input is asked with that result as its preference. Operations with no natural size take the
    /// preferred area.
    /// </summary>
    public virtual Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        var result = Rect.Empty;
        int used = -1;
        if (CanvasInputIndex == AnyInput)
        {
            for (int i = 0; i < _inputs.Count; i++)
            {
                if (!_inputs[i].IsConnected) continue;
                var r = resolver.Resolve(_inputs[i].Link!, preferred);
                if (!r.IsEmpty) { result = r; used = i; break; }
            }
        }
        else if (CanvasInputIndex < _inputs.Count)
        {
            used = CanvasInputIndex;
            if (_inputs[used].IsConnected) result = resolver.Resolve(_inputs[used].Link!, preferred);
        }

        if (_inputs.Count == 0) result = preferred;
        result = ModifyCanvas(result);

        for (int i = 0; i < _inputs.Count; i++)
            if (i != used && _inputs[i].IsConnected) resolver.Resolve(_inputs[i].Link!, result);
        return result;
    }

    /// <summary>Adjusts the canvas found from the inputs (Blender's determined-canvas modifier).</summary>
    protected virtual Rect ModifyCanvas(Rect determined) => determined;

    /// <summary>
    /// The area of input <paramref name="inputIndex"/> needed to compute <paramref name="outputArea"/>.
    /// Pixel-wise operations need the same area; complex operations override this.
    /// </summary>
    public virtual Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea;

    /// <summary>Called once before execution, single-threaded: precompute tables here.</summary>
    public virtual void InitializeExecution(RenderContext context)
    {
    }

    /// <summary>Called once after execution.</summary>
    public virtual void DeinitializeExecution()
    {
    }

    /// <summary>
    /// Computes <paramref name="area"/> of <paramref name="output"/> (which covers at least that
    /// area; it is null for operations without an output) from <paramref name="inputs"/> (one per
    /// input, each covering at least its area of interest, or single-element constants). Called
    /// concurrently on disjoint areas.
    /// </summary>
    public abstract void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context);

    /// <summary>
    /// Adds everything that decides this operation's result except its inputs to
    /// <paramref name="hash"/> and returns true; operations that must never be merged with an equal
    /// twin (outputs, operations with side effects) return false.
    /// </summary>
    public virtual bool AddParametersToHash(ref OperationHash hash) => false;

    /// <summary>The render priority of an output operation.</summary>
    public virtual RenderPriority Priority => RenderPriority.Low;

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {GetType().Name} {Label}";
}
