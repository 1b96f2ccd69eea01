using Compositor.Devices.OpenCl.Native;
using Compositor.Execution;
using Compositor.Imaging;
using Compositor.OpenCl;

namespace Compositor.Devices.OpenCl;

/// <summary>
/// One operation execution on one device: its inputs uploaded once, an output image over the
/// whole output buffer, tables, temporaries and kernels. Each chunk launches the operation's
/// kernels over its rectangle (an NDRange sub-range) and reads that rectangle back into the
/// output buffer. Used from the device's host thread only; freed after the execution's last chunk.
/// </summary>
internal sealed unsafe class OpenClExecution : IDisposable
{
    private readonly OpenClContext _context;
    private readonly OpenClWork _work;
    private readonly nint _program;
    private readonly OpenClImage[] _inputs;
    private readonly MemoryBuffer[] _hostInputs;
    private readonly OpenClImage _output;
    private readonly Dictionary<float[], nint> _tables = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, nint> _kernels = [];
    private readonly Dictionary<string, OpenClImage> _temporaries = [];
    private readonly List<nint> _memory = [];

    public OpenClExecution(OpenClContext context, OpenClWork work)
    {
        _context = context;
        _work = work;
        try
        {
            _program = context.Program(work.Kernels.OpenClProgram);
            _hostInputs = work.ResolveInputs();
            _inputs = _hostInputs.Select(Upload).ToArray();
            var output = work.ResolveOutput();
            _output = Allocate(output.Type, output.Rect);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Computes <paramref name="area"/> on the device and reads it back into the output buffer.</summary>
    public void Run(Rect area)
    {
        _work.Kernels.EnqueueOpenCl(new Chunk(this, area));
        var output = _work.ResolveOutput();
        var rect = output.Rect;
        var region = area.Intersect(rect);
        if (region.IsEmpty) return;
        nuint elementBytes = (nuint)(output.Channels * sizeof(float));
        nuint pitch = (nuint)rect.Width * elementBytes;
        nuint* origin = stackalloc nuint[] { (nuint)(region.XMin - rect.XMin) * elementBytes, (nuint)(region.YMin - rect.YMin), 0 };
        nuint* size = stackalloc nuint[] { (nuint)region.Width * elementBytes, (nuint)region.Height, 1 };
        fixed (float* host = output.DangerousGetArray())
            Cl.Check(ClNative.clEnqueueReadBufferRect(_context.Queue, _output.Memory, 1, origin, origin, size, pitch, 0, pitch, 0, host, 0, null, null),
                "clEnqueueReadBufferRect");
    }

    private OpenClImage Upload(MemoryBuffer buffer)
    {
        if (buffer.IsSingleElement || buffer.Rect.IsEmpty)
        {
            // A constant, or an input none of whose pixels exist: one element read everywhere.
            var value = buffer.IsSingleElement ? buffer.SingleElement.ToArray() : new float[buffer.Channels];
            return new OpenClImage(Create(value, value.Length), buffer.Type, buffer.Rect, true);
        }

        var data = buffer.DangerousGetArray();
        return new OpenClImage(Create(data, (int)(buffer.Rect.Area * buffer.Channels)), buffer.Type, buffer.Rect, false);
    }

    private nint Create(float[] data, int floats)
    {
        nint memory;
        fixed (float* p = data)
            memory = Cl.Created(ClNative.clCreateBuffer(_context.Handle, ClConst.MemReadOnly | ClConst.MemCopyHostPtr, (nuint)floats * sizeof(float), p, out int status),
                status, "clCreateBuffer");
        _memory.Add(memory);
        return memory;
    }

    private OpenClImage Allocate(DataType type, Rect rect)
    {
        long floats = Math.Max(1, rect.Area * type.Channels());
        nint memory = Cl.Created(ClNative.clCreateBuffer(_context.Handle, ClConst.MemReadWrite, (nuint)floats * sizeof(float), null, out int status),
            status, "clCreateBuffer");
        _memory.Add(memory);
        return new OpenClImage(memory, type, rect, false);
    }

    private nint Table(float[] values)
    {
        if (!_tables.TryGetValue(values, out var memory)) _tables[values] = memory = Create(values, Math.Max(1, values.Length));
        return memory;
    }

    private nint Kernel(string name)
    {
        if (_kernels.TryGetValue(name, out var kernel)) return kernel;
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
            kernel = ClNative.clCreateKernel(_program, p, out int status) is var k && status == ClConst.Success && k != 0
                ? k
                : throw new OpenClException("clCreateKernel", status, $"kernel {name} of {_work.Kernels.OpenClProgram.Name}");
        _kernels[name] = kernel;
        return kernel;
    }

    public void Dispose()
    {
        foreach (var k in _kernels.Values) ClNative.clReleaseKernel(k);
        foreach (var m in _memory) ClNative.clReleaseMemObject(m);
        _kernels.Clear();
        _memory.Clear();
    }

    private sealed record OpenClImage(nint Memory, DataType Type, Rect Rect, bool IsSingleElement) : IOpenClImage;

    private sealed class Chunk(OpenClExecution execution, Rect area) : IOpenClChunk
    {
        public Rect Area => area;

        public IOpenClImage Output => execution._output;

        public IOpenClImage Input(int index) => execution._inputs[index];

        public MemoryBuffer HostInput(int index) => execution._hostInputs[index];

        public IOpenClImage Temporary(string key, DataType type, Rect rect, out bool created)
        {
            created = false;
            if (execution._temporaries.TryGetValue(key, out var image))
            {
                if (image.Type != type || image.Rect != rect) throw new InvalidOperationException($"temporary '{key}' asked for again with another type or rectangle");
                return image;
            }

            created = true;
            return execution._temporaries[key] = execution.Allocate(type, rect);
        }

        public IOpenClKernelCall Kernel(string name) => new KernelCall(execution, name, execution.Kernel(name));
    }

    private sealed class KernelCall(OpenClExecution execution, string name, nint kernel) : IOpenClKernelCall
    {
        private uint _index;

        public IOpenClKernelCall Image(IOpenClImage image)
        {
            var img = (OpenClImage)image;
            Set(img.Memory);
            var r = img.Rect;
            return Set(img.IsSingleElement ? default : new Int4(r.XMin, r.YMin, r.Width, r.Height));
        }

        public IOpenClKernelCall Int(int value) => Set(value);

        public IOpenClKernelCall Float(float value) => Set(value);

        public IOpenClKernelCall Float2(float x, float y) => Set(new Float2Value(x, y));

        public IOpenClKernelCall Float4(float x, float y, float z, float w) => Set(new Float4Value(x, y, z, w));

        public IOpenClKernelCall Bounds(Rect rect) => Set(new Int4(rect.XMin, rect.YMin, rect.XMax, rect.YMax));

        public IOpenClKernelCall Table(float[] values) => Set(execution.Table(values));

        public void Run(Rect range)
        {
            if (range.IsEmpty) return;
            // The range's origin is the kernel's last argument (RANGE in Common.cl), not a global
            // offset: canvases may start at negative coordinates.
            Cl.SetArg(kernel, _index, new Int2(range.XMin, range.YMin), name);
            nuint* size = stackalloc nuint[] { (nuint)range.Width, (nuint)range.Height };
            int status = ClNative.clEnqueueNDRangeKernel(execution._context.Queue, kernel, 2, null, size, null, 0, null, null);
            if (status != ClConst.Success) throw new OpenClException("clEnqueueNDRangeKernel", status, $"kernel {name} over {range}");
        }

        private KernelCall Set<T>(T value) where T : unmanaged
        {
            Cl.SetArg(kernel, _index++, value, name);
            return this;
        }
    }

    private readonly record struct Int2(int X, int Y);

    private readonly record struct Int4(int X, int Y, int Z, int W);

    private readonly record struct Float2Value(float X, float Y);

    private readonly record struct Float4Value(float X, float Y, float Z, float W);
}
