using Compositor.Graph;

namespace Compositor.Compile;

/// <summary>
/// Turns the errors a node type's checks and converters raise on values of the wrong JSON type or
/// range (a string where an object was expected, a number too large for an int, a missing key)
/// into a <see cref="GraphException"/> naming the node, so bad graphs are rejected before any pixel
/// work instead of failing with a bare runtime error.
/// </summary>
internal static class NodeErrors
{
    public static void Guard(string node, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (IsValueError(e))
        {
            throw new GraphException($"a property or socket value has the wrong type or range: {e.Message}", node, inner: e);
        }
    }

    public static T Guard<T>(string node, Func<T> function)
    {
        T result = default!;
        Guard(node, () => { result = function(); });
        return result;
    }

    private static bool IsValueError(Exception e) =>
        e is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException
        && e is not ObjectDisposedException;
}
