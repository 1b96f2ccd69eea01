using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>Determines each operation's canvas once, asking producers before consumers (Blender's canvas pass).</summary>
public sealed class CanvasResolver
{
    private readonly HashSet<NodeOperation> _inProgress = [];

    /// <summary>The canvas of <paramref name="operation"/>, determined now if it has none yet.</summary>
    public Rect Resolve(NodeOperation operation, Rect preferred)
    {
        if (operation.IsCanvasSet) return operation.Canvas;
        if (!_inProgress.Add(operation))
            throw new InvalidOperationException($"canvas determination reached {operation} again: the operation graph has a cycle");
        var canvas = operation.DetermineCanvas(preferred, this);
        _inProgress.Remove(operation);
        if (!canvas.IsEmpty) operation.Canvas = canvas;
        return canvas;
    }
}
