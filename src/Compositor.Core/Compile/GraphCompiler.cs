using Compositor.Graph;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Compile;

/// <summary>
/// Compiles a validated node graph into an <see cref="OperationGraph"/>, in Blender's order:
/// convert nodes, constants for unlinked inputs, resolve proxies, data type conversions, constant
/// folding, canvases (with centring of inputs of another size), merging of equal operations, and
/// pruning of what no output reads.
/// </summary>
public static class GraphCompiler
{
    /// <summary>Validates and compiles <paramref name="graph"/>.</summary>
    /// <exception cref="GraphException">The graph is invalid.</exception>
    public static OperationGraph Compile(NodeGraph graph, NodeRegistry registry, CompileSettings settings)
    {
        GraphValidator.Validate(graph, registry);
        var builder = new OperationGraphBuilder(graph, registry, settings);
        builder.Build();
        var ops = builder.Operations;

        ResolveProxies(ops);
        AddDataTypeConversions(ops);
        FoldConstants(ops, settings);

        var outputs = ops.OfType<OutputOperation>().Where(o => o.IsActive(settings.Rendering))
            .OrderByDescending(o => o.Priority).ToList();
        DetermineCanvases(ops, outputs);
        MergeEqualOperations(ops);
        var ordered = PruneAndSort(outputs);
        for (int i = 0; i < ordered.Count; i++) ordered[i].Id = i;
        return new OperationGraph(ordered, outputs);
    }

    private static void ResolveProxies(List<NodeOperation> ops)
    {
        foreach (var op in ops)
        {
            if (op.Has(OperationFlags.Proxy)) continue;
            foreach (var input in op.Inputs)
            {
                var producer = input.Link!;
                int guard = 0;
                while (producer.Has(OperationFlags.Proxy))
                {
                    producer = producer.Inputs[0].Link!;
                    if (++guard > 100_000) throw new InvalidOperationException("proxy chain does not end");
                }

                input.Link = producer;
            }
        }

        ops.RemoveAll(o => o.Has(OperationFlags.Proxy));
    }

    private static void AddDataTypeConversions(List<NodeOperation> ops)
    {
        var conversions = new Dictionary<(NodeOperation, DataType), ConvertOperation>();
        foreach (var op in ops.ToList())
        {
            foreach (var input in op.Inputs)
            {
                var producer = input.Link!;
                if (producer.OutputType is not { } from || from == input.Type) continue;
                if (!conversions.TryGetValue((producer, input.Type), out var convert))
                {
                    convert = new ConvertOperation(from, input.Type) { Label = $"{producer.Label}:{from}->{input.Type}" };
                    convert.Inputs[0].Link = producer;
                    conversions[(producer, input.Type)] = convert;
                    ops.Add(convert);
                }

                input.Link = convert;
            }
        }
    }

    private static void FoldConstants(List<NodeOperation> ops, CompileSettings settings)
    {
        var context = new RenderContext { Model = settings.Model, Quality = settings.Quality };
        bool changed = true;
        while (changed)
        {
            changed = false;
            var replacements = new Dictionary<NodeOperation, NodeOperation>();
            foreach (var op in ops)
            {
                if (!op.Has(OperationFlags.CanBeConstant) || op.Inputs.Count == 0 || op.OutputType is not { } type) continue;
                if (!op.Inputs.All(i => i.Link!.Has(OperationFlags.Constant))) continue;
                var inputs = op.Inputs.Select(i => MemoryBuffer.CreateSingleElement(i.Type, ((ConstantOperation)i.Link!).Value, Rect.Empty)).ToArray();
                var output = MemoryBuffer.CreateSingleElement(type, new float[type.Channels()], Rect.Empty);
                op.InitializeExecution(context);
                op.Execute(output, new Rect(0, 0, 1, 1), inputs, context);
                op.DeinitializeExecution();
                replacements[op] = new ConstantOperation(type, output.SingleElement) { Label = op.Label + ":folded" };
            }

            if (replacements.Count == 0) break;
            changed = true;
            foreach (var op in ops)
                foreach (var input in op.Inputs)
                    if (replacements.TryGetValue(input.Link!, out var folded)) input.Link = folded;
            ops.RemoveAll(replacements.ContainsKey);
            ops.AddRange(replacements.Values);
        }
    }

    private static void DetermineCanvases(List<NodeOperation> ops, List<OutputOperation> outputs)
    {
        var resolver = new CanvasResolver();
        foreach (var output in outputs) resolver.Resolve(output, Rect.Empty);

        foreach (var op in ops.ToList())
        {
            if (!op.IsCanvasSet) continue;
            foreach (var input in op.Inputs)
            {
                var producer = input.Link!;
                if (input.ResizeMode == ResizeMode.None || !producer.IsCanvasSet) continue;
                var from = producer.Canvas;
                var to = op.Canvas;
                bool differs = input.ResizeMode == ResizeMode.Align
                    ? from.XMin != to.XMin || from.YMin != to.YMin
                    : from != to;
                if (!differs || from.IsEmpty || to.IsEmpty) continue;
                // Constants read the same everywhere: a canvas of their own changes nothing.
                if (producer.Has(OperationFlags.Constant)) continue;
                FitInput(input, producer, op, ops);
            }
        }
    }

    /// <summary>
    /// Fits a producer of another canvas into its consumer's (Blender's COM_convert_canvas, full-frame
    /// rules): Center and Align translate it; FitWidth, FitHeight, FitAny and Stretch first scale it
    /// about its centre with a <see cref="ScaleRelativeOperation"/> whose canvas is the scaled
    /// producer's corner with the consumer's size, then translate by nothing. The new operations
    /// are added to <paramref name="ops"/>.
    /// </summary>
    private static void FitInput(OperationInput input, NodeOperation producer, NodeOperation consumer, List<NodeOperation> ops)
    {
        var from = producer.Canvas;
        var to = consumer.Canvas;
        float toW = to.Width, toH = to.Height, fromW = from.Width, fromH = from.Height;
        bool center = input.ResizeMode != ResizeMode.Align;
        float dx = center ? (toW - fromW) / 2f : 0f;
        float dy = center ? (toH - fromH) / 2f : 0f;
        NodeOperation source = producer;

        if (input.ResizeMode is ResizeMode.FitWidth or ResizeMode.FitHeight or ResizeMode.FitAny or ResizeMode.Stretch)
        {
            float scaleX, scaleY;
            switch (input.ResizeMode)
            {
                case ResizeMode.FitWidth:
                    scaleX = scaleY = toW / fromW;
                    break;
                case ResizeMode.FitHeight:
                    scaleX = scaleY = toH / fromH;
                    break;
                case ResizeMode.FitAny:
                    scaleX = toW / fromW;
                    scaleY = toH / fromH;
                    if (scaleX < scaleY) scaleX = scaleY;
                    else scaleY = scaleX;
                    break;
                default:
                    scaleX = toW / fromW;
                    scaleY = toH / fromH;
                    break;
            }

            var scaled = ScaleOperation.ScaleArea(from, scaleX, scaleY);
            scaled = scaled with { XMax = scaled.XMin + to.Width, YMax = scaled.YMin + to.Height };
            var scale = new ScaleRelativeOperation(input.Type) { Label = $"{consumer.Label}:fit input {input.Index} scale" };
            var sx = new ConstantOperation(DataType.Value, [scaleX]) { Label = scale.Label + " x", Canvas = scaled };
            var sy = new ConstantOperation(DataType.Value, [scaleY]) { Label = scale.Label + " y", Canvas = scaled };
            scale.Inputs[ScaleOperation.ImageInput].Link = producer;
            scale.Inputs[ScaleOperation.XInput].Link = sx;
            scale.Inputs[ScaleOperation.YInput].Link = sy;
            scale.Canvas = scaled;
            ops.Add(sx);
            ops.Add(sy);
            ops.Add(scale);
            source = scale;
            dx = 0f;
            dy = 0f;
        }

        var translate = new TranslateOperation(input.Type, dx, dy) { Label = $"{consumer.Label}:fit input {input.Index}" };
        translate.Canvas = input.ResizeMode == ResizeMode.Align
            ? new Rect(to.XMin, to.YMin, to.XMin + from.Width, to.YMin + from.Height)
            : to;
        translate.Inputs[0].Link = source;
        input.Link = translate;
        input.ResizeMode = ResizeMode.None;
        ops.Add(translate);
    }

    private static void MergeEqualOperations(List<NodeOperation> ops)
    {
        while (true)
        {
            var seen = new Dictionary<int, List<(NodeOperation Op, OperationHash Hash)>>();
            var replace = new Dictionary<NodeOperation, NodeOperation>();
            foreach (var op in ops)
            {
                var hash = new OperationHash();
                hash.Add(op.GetType().FullName!);
                hash.Add(op.Canvas);
                foreach (var input in op.Inputs) hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(input.Link!));
                if (!op.AddParametersToHash(ref hash)) continue;
                int code = hash.ToHashCode();
                if (!seen.TryGetValue(code, out var list)) seen[code] = list = [];
                var twin = list.FirstOrDefault(e => e.Hash.SameParts(hash) && e.Op.Inputs.Select(i => i.Link).SequenceEqual(op.Inputs.Select(i => i.Link)));
                if (twin.Op is not null) replace[op] = twin.Op;
                else list.Add((op, hash));
            }

            if (replace.Count == 0) return;
            foreach (var op in ops)
                foreach (var input in op.Inputs)
                    if (replace.TryGetValue(input.Link!, out var keep)) input.Link = keep;
            ops.RemoveAll(replace.ContainsKey);
        }
    }

    private static List<NodeOperation> PruneAndSort(List<OutputOperation> outputs)
    {
        var order = new List<NodeOperation>();
        var state = new Dictionary<NodeOperation, bool>();
        foreach (var output in outputs) Visit(output);
        return order;

        void Visit(NodeOperation root)
        {
            var stack = new Stack<(NodeOperation Op, int Next)>();
            if (state.ContainsKey(root)) return;
            state[root] = false;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (op, next) = stack.Pop();
                if (next < op.Inputs.Count)
                {
                    stack.Push((op, next + 1));
                    var producer = op.Inputs[next].Link!;
                    if (state.TryGetValue(producer, out bool done))
                    {
                        if (!done) throw new InvalidOperationException($"operation graph has a cycle at {producer}");
                        continue;
                    }

                    state[producer] = false;
                    stack.Push((producer, 0));
                }
                else
                {
                    state[op] = true;
                    order.Add(op);
                }
            }
        }
    }
}
