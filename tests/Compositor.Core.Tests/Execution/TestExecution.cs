using Compositor.Compile;
using Compositor.Devices;
using Compositor.Execution;
using Compositor.Operations;

namespace Compositor.Core.Tests.Execution;

/// <summary>Runs a hand-built operation graph the way the renderer does, in either model.</summary>
internal static class TestExecution
{
    /// <summary>Initializes every operation and executes <paramref name="graph"/> (tiled: in chunks of <paramref name="chunk"/>).</summary>
    public static void Run(OperationGraph graph, ExecutionModel model, WorkScheduler scheduler, RenderContext context, IWorkObserver? observer, int chunk)
    {
        foreach (var op in graph.Operations) op.InitializeExecution(context);
        if (model == ExecutionModel.Tiled)
        {
            var tiled = new TiledExecutor(graph, scheduler, context, observer, chunk);
            tiled.Plan();
            tiled.Execute();
        }
        else
        {
            new FullFrameExecutor(graph, scheduler, context, observer).Execute();
        }
    }
}
