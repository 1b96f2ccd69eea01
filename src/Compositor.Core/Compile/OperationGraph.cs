using Compositor.Operations;

namespace Compositor.Compile;

/// <summary>A compiled graph: operations in dependency order (producers first), and the outputs to render.</summary>
public sealed class OperationGraph
{
    internal OperationGraph(List<NodeOperation> operations, List<OutputOperation> outputs)
    {
        Operations = operations;
        Outputs = outputs;
        var consumers = operations.ToDictionary(o => o, _ => new List<OperationInput>());
        foreach (var op in operations)
            foreach (var input in op.Inputs)
                consumers[input.Link!].Add(input);
        Consumers = consumers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<OperationInput>)kv.Value);
    }

    /// <summary>Every operation, each after all the operations it reads.</summary>
    public IReadOnlyList<NodeOperation> Operations { get; }

    /// <summary>The outputs that run, highest priority first.</summary>
    public IReadOnlyList<OutputOperation> Outputs { get; }

    /// <summary>For each operation, the inputs it feeds.</summary>
    public IReadOnlyDictionary<NodeOperation, IReadOnlyList<OperationInput>> Consumers { get; }

    /// <summary>A readable listing, one operation a line: id, type, label, canvas and inputs.</summary>
    public string Describe() => string.Join("\n", Operations.Select(o =>
        $"#{o.Id} {o.GetType().Name} '{o.Label}' {o.Canvas}{(o.Has(OperationFlags.Complex) ? " complex" : "")} <- [{string.Join(", ", o.Inputs.Select(i => "#" + i.Link!.Id))}]"));
}
