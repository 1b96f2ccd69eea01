using BenchmarkDotNet.Running;

namespace Compositor.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher (pass --filter '*' to run everything).</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // `--write-samples DIR` writes the 4K test files, to time other tools (oiiotool) on the same bytes.
        if (args.Length == 2 && args[0] == "--write-samples")
        {
            new CodecBenchmarks().WriteSamples(args[1]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
