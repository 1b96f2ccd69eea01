namespace Compositor.Devices;

/// <summary>How a <see cref="WorkScheduler"/> runs packages (Blender's ThreadingModel).</summary>
public enum ThreadingModel
{
    /// <summary>Everything on the calling thread, in order: for debugging and for <c>--threads 1</c>.</summary>
    SingleThreaded,

    /// <summary>CPU worker threads pulling from one shared queue.</summary>
    Queue,
}
