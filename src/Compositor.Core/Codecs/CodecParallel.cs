using System.Runtime.ExceptionServices;

namespace Compositor.Codecs;

/// <summary>
/// Runs independent pieces of a codec's work (EXR chunks) on the thread pool, each worker with
/// its own state (scratch buffers). Sequential in single-threaded builds and for small jobs.
/// </summary>
internal static class CodecParallel
{
    /// <summary>Fewer items than this are not worth the thread-pool overhead.</summary>
    private const int MinItemsForThreads = 4;

    public static void For<TState>(int count, Func<TState> createState, Action<TState, int> body)
    {
#if !COMPOSITOR_SINGLE_THREADED
        if (count >= MinItemsForThreads && Environment.ProcessorCount > 1)
        {
            try
            {
                Parallel.For(0, count, createState, (i, _, state) =>
                {
                    body(state, i);
                    return state;
                }, _ => { });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Surface the codec's own exception (ImageFormatException...) rather than the wrapper.
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            return;
        }
#endif
        var single = createState();
        for (int i = 0; i < count; i++) body(single, i);
    }
}
