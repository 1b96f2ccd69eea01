namespace Compositor.Rendering;

/// <summary>A render ran past <see cref="RenderOptions.TimeLimit"/> and was stopped; nothing was written.</summary>
public sealed class RenderTimeoutException : TimeoutException
{
    /// <summary>Creates the error for a render stopped after <paramref name="limit"/>.</summary>
    public RenderTimeoutException(TimeSpan limit, Exception? inner = null)
        : base($"the render ran past its time limit of {limit.TotalSeconds:0.###} s and was stopped", inner)
    {
        Limit = limit;
    }

    /// <summary>The time limit that was passed.</summary>
    public TimeSpan Limit { get; }
}
