using System.CommandLine;
using Compositor.Nodes;

namespace Compositor.Cli.Commands;

/// <summary><c>compositor nodes</c>: the node types this build implements.</summary>
public static class NodesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "print the coverage table of docs/nodes.md (every Blender 3.4 node type and its status)" };
        var command = new Command("nodes", "List the node types this build implements, by category.");
        command.Options.Add(markdown);
        command.SetAction(parse =>
        {
            if (parse.GetValue(markdown))
            {
                Console.Write(NodeTypes.NodeCoverage.ToMarkdown(BuiltinNodes.CreateRegistry()));
                return ExitCodes.Success;
            }

            foreach (var group in BuiltinNodes.CreateRegistry().Types.GroupBy(t => t.Category).OrderBy(g => g.Key))
            {
                Console.WriteLine(group.Key);
                foreach (var type in group.OrderBy(t => t.Label)) Console.WriteLine($"  {type.Label,-24} {type.Identifier}");
            }

            Console.WriteLine("Layout");
            Console.WriteLine("  Frame, Reroute, Group, Group Input, Group Output (handled by the compiler)");
            return ExitCodes.Success;
        });
        return command;
    }
}
