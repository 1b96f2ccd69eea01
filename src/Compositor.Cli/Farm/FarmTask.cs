using System.Globalization;

namespace Compositor.Cli.Farm;

/// <summary>
/// Which frames of a job one farm task renders. Deterministic: every task of a job computes the same
/// split from the same frame list, so the tasks together render each frame exactly once.
/// </summary>
public static class FarmTask
{
    /// <summary>
    /// Chunk <paramref name="chunk"/> (1-based) of <paramref name="chunks"/> contiguous, near-equal
    /// chunks of <paramref name="frames"/> (the first chunks take one more frame when it does not divide).
    /// </summary>
    public static IReadOnlyList<int> Chunk(IReadOnlyList<int> frames, int chunk, int chunks)
    {
        if (chunks < 1 || chunk < 1 || chunk > chunks) throw new ArgumentOutOfRangeException(nameof(chunk), $"chunk {chunk}/{chunks} is out of range");
        int start = (int)((long)(chunk - 1) * frames.Count / chunks), end = (int)((long)chunk * frames.Count / chunks);
        return frames.Skip(start).Take(end - start).ToList();
    }

    /// <summary>
    /// Task <paramref name="index"/> (0-based) of a job whose tasks take <paramref name="framesPerTask"/>
    /// consecutive frames each; empty when the job has fewer frames than the index reaches.
    /// </summary>
    public static IReadOnlyList<int> ByIndex(IReadOnlyList<int> frames, int index, int framesPerTask)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), $"task index {index} is negative");
        if (framesPerTask < 1) throw new ArgumentOutOfRangeException(nameof(framesPerTask), "frames per task must be at least 1");
        long start = (long)index * framesPerTask;
        return start >= frames.Count ? [] : frames.Skip((int)start).Take(framesPerTask).ToList();
    }

    /// <summary>Parses <c>K/N</c> (chunk K of N, 1-based).</summary>
    /// <exception cref="FormatException">Not K/N with 1 &lt;= K &lt;= N.</exception>
    public static (int Chunk, int Chunks) ParseChunk(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) &&
            n >= 1 && k >= 1 && k <= n)
            return (k, n);
        throw new FormatException($"--chunk '{text}' must be K/N with 1 <= K <= N (e.g. 3/10)");
    }

    /// <summary>
    /// The task index from environment variable <paramref name="variable"/> (e.g. <c>SLURM_ARRAY_TASK_ID</c>,
    /// <c>JOB_COMPLETION_INDEX</c>): a non-negative integer.
    /// </summary>
    /// <exception cref="FormatException">The variable is unset or not a non-negative integer.</exception>
    public static int ReadIndex(string variable, Func<string, string?> environment)
    {
        string? value = environment(variable);
        if (value is null) throw new FormatException($"--task-index-from {variable}: the environment variable is not set (is this running as a task of an array job?)");
        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            throw new FormatException($"--task-index-from {variable}: '{value}' is not a non-negative integer");
        return index;
    }
}
