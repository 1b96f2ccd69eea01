using System.Runtime.InteropServices;

namespace Compositor.Cli.Farm;

/// <summary>
/// Turns SIGINT and SIGTERM (Ctrl+C, <c>scancel</c>, <c>kill</c>, a Kubernetes pod stop) into a
/// cancellation: the render stops at its next work package and nothing partial is written. A second
/// signal is left to its default action, so a stuck process can still be stopped.
/// </summary>
public sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signal;

    /// <summary>Registers the handlers.</summary>
    public SignalCancellation()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }

    /// <summary>Cancelled when a signal arrived.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The exit code for the signal that cancelled (130 SIGINT, 143 SIGTERM), or null.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) switch
    {
        0 => null,
        15 => ExitCodes.Terminated,
        _ => ExitCodes.Cancelled,
    };

    private void OnSignal(PosixSignalContext context)
    {
        int number = context.Signal == PosixSignal.SIGTERM ? 15 : 2;
        if (Interlocked.CompareExchange(ref _signal, number, 0) != 0) return; // second signal: default action
        context.Cancel = true;
        _source.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _source.Dispose();
    }
}
