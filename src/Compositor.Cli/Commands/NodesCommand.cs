using System.CommandLine;
using Compositor.Nodes;
using Compositor.NodeTypes;

namespace Compositor.Cli.Commands;

/// <summary><c>compositor nodes [TYPE]</c>: the node types this build implements, or one type's sockets and properties.</summary>
public static class NodesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "print docs/nodes.md: every Blender 3.4 node type, its status, and each implemented type's sockets and properties" };
        var typeArgument = new Argument<string?>("type")
        {
            Description = "a node type (bl_idname such as CompositorNodeBlur, its short form Blur, or its label): print its sockets, properties, enum values and defaults",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("nodes", "List the node types this build implements, by category, or describe one.");
        command.Options.Add(markdown);
        command.Arguments.Add(typeArgument);
        command.SetAction(parse =>
        {
            var registry = BuiltinNodes.CreateRegistry();
            if (parse.GetValue(markdown))
            {
                Console.Write(NodeCoverage.ToMarkdown(registry));
                return ExitCodes.Success;
            }

            if (parse.GetValue(typeArgument) is { } name)
            {
                var type = Find(registry, name);
                if (type is null)
                {
                    Console.Error.WriteLine($"no node type '{name}' is implemented; `compositor nodes` lists them");
                    return ExitCodes.InvalidGraphOrUsage;
                }

                Console.Write(NodeCoverage.Describe(type));
                return ExitCodes.Success;
            }

            foreach (var group in registry.Types.GroupBy(t => t.Category).OrderBy(g => g.Key))
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

    private static NodeType? Find(NodeRegistry registry, string name)
    {
        if (registry.TryGet(name, out var type)) return type;
        return registry.Types.FirstOrDefault(t =>
            string.Equals(t.Identifier, name, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(t.Label, name, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(t.Identifier, "CompositorNode" + name, StringComparison.OrdinalIgnoreCase));
    }
}
