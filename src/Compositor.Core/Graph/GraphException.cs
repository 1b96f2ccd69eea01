namespace Compositor.Graph;

/// <summary>
/// A graph was rejected: the message names the node, the key and the reason (and the line and column
/// for JSON syntax errors). Raised before any pixel work starts.
/// </summary>
public class GraphException : Exception
{
    /// <summary>Creates the error.</summary>
    public GraphException(string message, string? node = null, string? key = null, long? line = null, long? column = null, Exception? inner = null)
        : base(Compose(message, node, key, line, column), inner)
    {
        Node = node;
        Key = key;
        Line = line;
        Column = column;
        Reason = message;
    }

    /// <summary>The node concerned (with its group path), if any.</summary>
    public string? Node { get; }

    /// <summary>The key (property, socket, setting) concerned, if any.</summary>
    public string? Key { get; }

    /// <summary>The 1-based line of a JSON syntax error.</summary>
    public long? Line { get; }

    /// <summary>The 1-based column of a JSON syntax error.</summary>
    public long? Column { get; }

    /// <summary>The reason alone.</summary>
    public string Reason { get; }

    private static string Compose(string message, string? node, string? key, long? line, long? column)
    {
        var where = new List<string>();
        if (line is not null) where.Add($"line {line}, column {column}");
        if (node is not null) where.Add($"node '{node}'");
        if (key is not null) where.Add($"key '{key}'");
        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}
