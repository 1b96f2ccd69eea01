using BenchmarkDotNet.Running;

namespace Compositor.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher (pass --filter '*' to run everything).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
