using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Execution;

/// <summary>
/// The area of each operation that its readers need, propagated back from the outputs' canvases
/// through <see cref="NodeOperation.GetAreaOfInterest"/> and clipped to each canvas (Blender's
/// get_areas_to_render). An operation renders the bounding box of its readers' needs, so its inputs
/// are asked for that whole box.
/// </summary>
internal static class AreasToRender
{
    public static Dictionary<NodeOperation, Rect> Compute(IEnumerable<NodeOperation> outputs)
    {
        var areas = new Dictionary<NodeOperation, Rect>();
        var stack = new Stack<(NodeOperation Op, Rect Area)>();
        foreach (var output in outputs) stack.Push((output, output.Canvas));
        while (stack.Count > 0)
        {
            var (op, area) = stack.Pop();
            area = op.Has(OperationFlags.Constant) ? Rect.Empty : area.Intersect(op.Canvas);
            if (areas.TryGetValue(op, out var known))
            {
                if (known.Contains(area)) continue;
                area = known.Union(area);
            }

            areas[op] = area;
            if (area.IsEmpty) continue;
            for (int i = 0; i < op.Inputs.Count; i++)
            {
                var producer = op.Inputs[i].Link!;
                stack.Push((producer, op.GetAreaOfInterest(i, area).Intersect(producer.Canvas)));
            }
        }

        return areas;
    }
}
