using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>What an output operation stands for.</summary>
public enum OutputKind
{
    /// <summary>The Composite node: the render result.</summary>
    Composite,

    /// <summary>A Viewer node (runs while editing).</summary>
    Viewer,

    /// <summary>A File Output node or another side output.</summary>
    File,
}

/// <summary>
/// A root of execution (Composite, Viewer, File Output): it has inputs but no output socket, and
/// collects its result into <see cref="Result"/>, a color buffer over its canvas.
/// </summary>
public abstract class OutputOperation : NodeOperation
{
    /// <summary>Creates an output operation.</summary>
    protected OutputOperation(OutputKind kind, string nodeName) : base(null)
    {
        Kind = kind;
        NodeName = nodeName;
        Flags = OperationFlags.Output;
    }

    /// <summary>What the output is.</summary>
    public OutputKind Kind { get; }

    /// <summary>The node it belongs to.</summary>
    public string NodeName { get; }

    /// <summary>The output's pixels once rendered (owned by the caller afterwards; not pooled).</summary>
    public MemoryBuffer? Result { get; protected set; }

    /// <summary>
    /// The input whose pixels <see cref="Result"/> holds unchanged over the whole canvas, or −1 when
    /// the output computes something of its own. When that input's producer renders exactly the
    /// canvas and nothing else reads it, the full-frame executor lets the producer write straight
    /// into <see cref="Result"/> and does not call <see cref="NodeOperation.Execute"/>: the copy
    /// would change nothing.
    /// </summary>
    public virtual int PassThroughInput => -1;

    /// <summary>True when this output runs in a render of the given kind (viewers only run while editing).</summary>
    public virtual bool IsActive(bool rendering) => true;

    private bool _resultUncleared;

    /// <inheritdoc />
    /// <remarks>
    /// The result is allocated here but zeroed by <see cref="ClearResult"/>, which executors call
    /// before rendering unless every pixel is written before anything can read it.
    /// </remarks>
    public override void InitializeExecution(RenderContext context)
    {
        Result = MemoryBuffer.CreateOwned(DataType.Color, Canvas, context.Pool, clear: false);
        _resultUncleared = true;
    }

    /// <summary>Zeroes <see cref="Result"/> if <see cref="InitializeExecution"/> left it uncleared (once).</summary>
    public void ClearResult()
    {
        if (!_resultUncleared) return;
        _resultUncleared = false;
        Result?.Span.Clear();
    }

    /// <summary>
    /// Called once after every output of a render has executed successfully, before the results are
    /// handed over; a failed or cancelled render never calls it. Side outputs (File Output) write
    /// their files here, so a failed render leaves no files behind.
    /// </summary>
    public virtual void Complete(RenderContext context)
    {
    }

    /// <summary>Hands the result over and forgets it.</summary>
    public MemoryBuffer? TakeResult()
    {
        var r = Result;
        Result = null;
        return r;
    }
}
