using System.Collections.Concurrent;
using System.Text;
using Compositor.Devices.OpenCl.Native;
using Compositor.OpenCl;

namespace Compositor.Devices.OpenCl;

/// <summary>
/// One OpenCL device opened for compute: its context, one in-order command queue, and the programs
/// built on it. One instance per device for the whole process (<see cref="For"/>), so each program
/// is compiled once per device; a program that fails to compile fails the same way every time
/// without recompiling. Commands are issued under <see cref="Gate"/> by one thread at a time.
/// </summary>
public sealed unsafe class OpenClContext : IDisposable
{
    private static readonly ConcurrentDictionary<int, Lazy<OpenClContext>> Contexts = new();
    private readonly ConcurrentDictionary<string, Lazy<BuiltProgram>> _programs = new();
    private nint _context;
    private nint _queue;

    private OpenClContext(OpenClDeviceInfo device)
    {
        Device = device;
        nint handle = device.Handle;
        // Properties: the platform the device belongs to, then the terminating zero.
        nint* properties = stackalloc nint[] { 0x1084 /* CL_CONTEXT_PLATFORM */, device.PlatformHandle, 0 };
        _context = Cl.Created(ClNative.clCreateContext(properties, 1, &handle, 0, 0, out int status), status, "clCreateContext");
        try
        {
            _queue = Cl.Created(ClNative.clCreateCommandQueue(_context, handle, 0, out status), status, "clCreateCommandQueue");
        }
        catch
        {
            ClNative.clReleaseContext(_context);
            throw;
        }
    }

    /// <summary>The device.</summary>
    public OpenClDeviceInfo Device { get; }

    /// <summary>Lock held while a thread issues commands on the queue.</summary>
    public object Gate { get; } = new();

    internal nint Handle => _context != 0 ? _context : throw new ObjectDisposedException(nameof(OpenClContext));

    internal nint Queue => _queue != 0 ? _queue : throw new ObjectDisposedException(nameof(OpenClContext));

    /// <summary>The process-wide context of <paramref name="device"/> (created on first use).</summary>
    /// <exception cref="OpenClException">The context or queue cannot be created.</exception>
    public static OpenClContext For(OpenClDeviceInfo device) =>
        Contexts.GetOrAdd(device.Index, _ => new Lazy<OpenClContext>(() => new OpenClContext(device))).Value;

    /// <summary>
    /// The program built from <paramref name="source"/> on this device (built once, then cached).
    /// </summary>
    /// <exception cref="OpenClException">The program does not compile; the message holds the build log.</exception>
    public nint Program(OpenClProgramSource source)
    {
        var lazy = _programs.GetOrAdd(source.Name + "\n" + source.Source, _ => new Lazy<BuiltProgram>(() => Build(source)));
        var built = lazy.Value;
        return built.Error is { } error ? throw error : built.Handle;
    }

    /// <summary>Waits until every queued command has finished.</summary>
    public void Finish() => Cl.Check(ClNative.clFinish(Queue), "clFinish");

    private BuiltProgram Build(OpenClProgramSource source)
    {
        byte[] text = Encoding.UTF8.GetBytes(source.Source);
        nint program;
        fixed (byte* p = text)
        {
            byte* strings = p;
            nuint length = (nuint)text.Length;
            program = Cl.Created(ClNative.clCreateProgramWithSource(Handle, 1, &strings, &length, out int status), status, "clCreateProgramWithSource");
        }

        nint device = Device.Handle;
        byte[] options = Encoding.ASCII.GetBytes("-cl-std=CL1.2 -cl-fp32-correctly-rounded-divide-sqrt\0");
        int built;
        fixed (byte* o = options) built = ClNative.clBuildProgram(program, 1, &device, o, 0, 0);
        if (built == ClConst.Success) return new BuiltProgram(program, null);
        string log = Cl.BuildLog(program, device);
        ClNative.clReleaseProgram(program);
        return new BuiltProgram(0, new OpenClException("clBuildProgram", built, $"kernel program {source.Name} on {Device.Name}:\n{log}"));
    }

    /// <summary>Releases the queue, the programs and the context.</summary>
    public void Dispose()
    {
        foreach (var p in _programs.Values)
            if (p.IsValueCreated && p.Value.Handle != 0) ClNative.clReleaseProgram(p.Value.Handle);
        _programs.Clear();
        if (_queue != 0) ClNative.clReleaseCommandQueue(_queue);
        if (_context != 0) ClNative.clReleaseContext(_context);
        _queue = _context = 0;
    }

    private sealed record BuiltProgram(nint Handle, OpenClException? Error);
}
