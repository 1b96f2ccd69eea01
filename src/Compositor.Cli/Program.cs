using Compositor.Cli.Commands;

namespace Compositor.Cli;

/// <summary>Entry point of <c>compositor</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => CompositorCommand.Create().Parse(args).Invoke();
}
