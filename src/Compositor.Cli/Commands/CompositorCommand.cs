using System.CommandLine;

namespace Compositor.Cli.Commands;

/// <summary>The root command and its subcommands.</summary>
public static class CompositorCommand
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Compositor: renders Blender-format compositing node graphs (graph format v1) headless.");
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(NodesCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        return root;
    }
}
