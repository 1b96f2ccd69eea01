using System.CommandLine;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;
using Compositor.Rendering.Diagnostics;

namespace Compositor.Cli.Commands;

/// <summary><c>compositor graph GRAPH [--dot]</c>: how a graph is split into operations, execution groups and memory proxies.</summary>
public static class GraphCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var graphArgument = new Argument<FileInfo>("graph") { Description = "graph JSON file (graph format v1)" };
        var dot = new Option<bool>("--dot") { Description = "print Graphviz DOT: operations boxed by execution group, memory proxies as dashed edges (render with: dot -Tsvg)" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "write to this file instead of standard output" };
        var chunkSize = new Option<int?>("--chunk-size") { Description = "tile edge to cut the groups with: 32..1024 (default: the graph's chunk_size)" };
        var command = new Command("graph", "Show how a graph compiles for the tiled model: operations, execution groups with their chunks, and the memory proxies between them.");
        command.Arguments.Add(graphArgument);
        foreach (var o in new Option[] { dot, output, chunkSize }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(graphArgument)!.FullName;
            if (parse.GetValue(chunkSize) is { } size and not (32 or 64 or 128 or 256 or 512 or 1024))
            {
                Console.Error.WriteLine("--chunk-size must be one of 32, 64, 128, 256, 512, 1024");
                return ExitCodes.InvalidGraphOrUsage;
            }

            RenderPlan plan;
            try
            {
                using var scheduler = new WorkScheduler(1);
                plan = new Renderer(BuiltinNodes.CreateRegistry(), scheduler).Plan(GraphReader.ReadFile(path), new RenderOptions { ChunkSize = parse.GetValue(chunkSize) });
            }
            catch (GraphException e)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return ExitCodes.InvalidGraphOrUsage;
            }
            catch (NotSupportedException e)
            {
                Console.Error.WriteLine($"{path}: not supported: {e.Message}");
                return ExitCodes.InvalidGraphOrUsage;
            }

            string text = parse.GetValue(dot) ? PlanGraphviz.ToDot(plan) : Summary(plan);
            if (parse.GetValue(output) is { } file) File.WriteAllText(file.FullName, text);
            else Console.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Summary(RenderPlan plan)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"{plan.Operations.Operations.Count} operations, {plan.Groups.Count} execution groups, chunk size {plan.ChunkSize}");
        foreach (var group in plan.Groups)
        {
            text.AppendLine($"  {group}: {group.Chunks.Count} chunks");
            foreach (var member in group.Members) text.AppendLine($"    {member.GetType().Name} {member.Label} ({member.Canvas.Width}x{member.Canvas.Height})");
        }

        return text.ToString();
    }
}
