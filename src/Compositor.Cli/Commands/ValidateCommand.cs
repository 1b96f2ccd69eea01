using System.CommandLine;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Cli.Commands;

/// <summary><c>compositor validate GRAPH</c>: load, check and compile a graph without rendering.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var graphArgument = new Argument<FileInfo>("graph") { Description = "graph JSON file (graph format v1)" };
        var command = new Command("validate", "Check a graph: JSON syntax, node types, properties, sockets, links, groups and input images. Exit 0 when valid, 3 when an input file is missing or corrupt, 2 otherwise.");
        command.Arguments.Add(graphArgument);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(graphArgument)!.FullName;
            try
            {
                var graph = GraphReader.ReadFile(path);
                var renderer = new Renderer(BuiltinNodes.CreateRegistry(), new WorkScheduler(1));
                var compiled = renderer.Compile(graph);
                Console.WriteLine($"{path}: valid ({graph.Nodes.Count} nodes, {compiled.Operations.Count} operations)");
                return ExitCodes.Success;
            }
            catch (GraphException e)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return ExitCodes.For(e);
            }
            catch (NotSupportedException e)
            {
                Console.Error.WriteLine($"{path}: not supported: {e.Message}");
                return ExitCodes.InvalidGraphOrUsage;
            }
        });
        return command;
    }
}
