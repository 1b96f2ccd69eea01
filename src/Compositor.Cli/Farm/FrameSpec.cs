using System.Globalization;

namespace Compositor.Cli.Farm;

/// <summary>
/// Frame lists as Blender (<c>-f</c>) and Natron (<c>-w</c>) take them: <c>N</c>, <c>a-b</c>
/// (or <c>a..b</c>), <c>a-b:step</c>, joined by commas, e.g. <c>1-10,20,30-50:5</c>. Frames may be
/// negative (<c>-5--1</c>). Frames keep the order given; a frame named twice is rendered once.
/// </summary>
public static class FrameSpec
{
    /// <summary>Most frames one spec may name (a typo such as <c>1-1000000000</c> is an error, not a hang).</summary>
    public const int MaxFrames = 1_000_000;

    /// <summary>The frames <paramref name="spec"/> names, in order, without repeats.</summary>
    /// <exception cref="FormatException">The spec is malformed; the message names the part and why.</exception>
    public static IReadOnlyList<int> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Trim().Length == 0) throw new FormatException("the frame list is empty");
        var frames = new List<int>();
        var seen = new HashSet<int>();
        foreach (var raw in spec.Split(','))
        {
            string part = raw.Trim();
            if (part.Length == 0) throw new FormatException($"empty item in frame list '{spec}'");
            var (start, end, step) = ParseRange(part);
            for (long f = start; f <= end; f += step)
            {
                if (!seen.Add((int)f)) continue;
                if (frames.Count == MaxFrames) throw new FormatException($"frame list '{spec}' names more than {MaxFrames} frames");
                frames.Add((int)f);
            }
        }

        return frames;
    }

    private static (long Start, long End, long Step) ParseRange(string part)
    {
        string range = part;
        long step = 1;
        int colon = part.IndexOf(':');
        if (colon >= 0)
        {
            step = Number(part[(colon + 1)..], part);
            if (step < 1) throw new FormatException($"'{part}': the step must be at least 1");
            range = part[..colon];
        }

        // The range dash is the first '-' that follows a digit ("-5--1" is -5 to -1); ".." also works.
        int split = range.IndexOf("..", StringComparison.Ordinal), width = 2;
        if (split < 0)
        {
            width = 1;
            for (int i = 1; i < range.Length && split < 0; i++)
                if (range[i] == '-' && char.IsAsciiDigit(range[i - 1])) split = i;
        }

        if (split < 0)
        {
            if (colon >= 0) throw new FormatException($"'{part}': a step needs a range (a-b:step)");
            long single = Number(range, part);
            return (single, single, 1);
        }

        long start = Number(range[..split], part), end = Number(range[(split + width)..], part);
        if (end < start) throw new FormatException($"'{part}': the range ends before it starts");
        return (start, end, step);
    }

    private static long Number(string text, string part)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw new FormatException($"'{part}': '{text}' is not a frame number");
        return value;
    }
}
