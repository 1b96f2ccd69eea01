using System.Text;

namespace Compositor.Devices.OpenCl.Native;

/// <summary>Safe helpers over <see cref="ClNative"/>: status checks, info queries, argument setting.</summary>
internal static unsafe class Cl
{
    /// <summary>Throws an <see cref="OpenClException"/> naming <paramref name="call"/> unless <paramref name="status"/> is CL_SUCCESS.</summary>
    public static void Check(int status, string call)
    {
        if (status != ClConst.Success) throw new OpenClException(call, status);
    }

    /// <summary>Throws for a failed create call (null handle or error status).</summary>
    public static nint Created(nint handle, int status, string call)
    {
        if (status != ClConst.Success || handle == 0) throw new OpenClException(call, status == ClConst.Success ? -9999 : status);
        return handle;
    }

    public static nint[] Platforms()
    {
        int status = ClNative.clGetPlatformIDs(0, null, out uint count);
        // The ICD loader answers "no platform" when no vendor file is installed.
        if (status == ClConst.PlatformNotFoundKhr || count == 0) return [];
        Check(status, "clGetPlatformIDs");
        var ids = new nint[count];
        fixed (nint* p = ids) Check(ClNative.clGetPlatformIDs(count, p, out _), "clGetPlatformIDs");
        return ids;
    }

    public static nint[] Devices(nint platform, ulong type)
    {
        int status = ClNative.clGetDeviceIDs(platform, type, 0, null, out uint count);
        if (status == ClConst.DeviceNotFound || count == 0) return [];
        Check(status, "clGetDeviceIDs");
        var ids = new nint[count];
        fixed (nint* p = ids) Check(ClNative.clGetDeviceIDs(platform, type, count, p, out _), "clGetDeviceIDs");
        return ids;
    }

    public static string PlatformString(nint platform, uint param)
    {
        Check(ClNative.clGetPlatformInfo(platform, param, 0, null, out nuint size), "clGetPlatformInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) Check(ClNative.clGetPlatformInfo(platform, param, size, p, out _), "clGetPlatformInfo");
        return Decode(bytes);
    }

    public static string DeviceString(nint device, uint param)
    {
        Check(ClNative.clGetDeviceInfo(device, param, 0, null, out nuint size), "clGetDeviceInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) Check(ClNative.clGetDeviceInfo(device, param, size, p, out _), "clGetDeviceInfo");
        return Decode(bytes);
    }

    public static T DeviceValue<T>(nint device, uint param) where T : unmanaged
    {
        T value = default;
        Check(ClNative.clGetDeviceInfo(device, param, (nuint)sizeof(T), &value, out _), "clGetDeviceInfo");
        return value;
    }

    public static string BuildLog(nint program, nint device)
    {
        if (ClNative.clGetProgramBuildInfo(program, device, ClConst.ProgramBuildLog, 0, null, out nuint size) != ClConst.Success) return "";
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
            if (ClNative.clGetProgramBuildInfo(program, device, ClConst.ProgramBuildLog, size, p, out _) != ClConst.Success) return "";
        return Decode(bytes).Trim();
    }

    public static void SetArg<T>(nint kernel, uint index, T value, string kernelName) where T : unmanaged
    {
        int status = ClNative.clSetKernelArg(kernel, index, (nuint)sizeof(T), &value);
        if (status != ClConst.Success) throw new OpenClException("clSetKernelArg", status, $"kernel {kernelName}, argument {index}");
    }

    private static string Decode(byte[] bytes)
    {
        int n = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, n < 0 ? bytes.Length : n);
    }

    /// <summary>The CL_* name of a status code.</summary>
    public static string ErrorName(int status) => status switch
    {
        0 => "CL_SUCCESS",
        -1 => "CL_DEVICE_NOT_FOUND",
        -2 => "CL_DEVICE_NOT_AVAILABLE",
        -3 => "CL_COMPILER_NOT_AVAILABLE",
        -4 => "CL_MEM_OBJECT_ALLOCATION_FAILURE",
        -5 => "CL_OUT_OF_RESOURCES",
        -6 => "CL_OUT_OF_HOST_MEMORY",
        -7 => "CL_PROFILING_INFO_NOT_AVAILABLE",
        -8 => "CL_MEM_COPY_OVERLAP",
        -9 => "CL_IMAGE_FORMAT_MISMATCH",
        -10 => "CL_IMAGE_FORMAT_NOT_SUPPORTED",
        -11 => "CL_BUILD_PROGRAM_FAILURE",
        -12 => "CL_MAP_FAILURE",
        -13 => "CL_MISALIGNED_SUB_BUFFER_OFFSET",
        -14 => "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST",
        -15 => "CL_COMPILE_PROGRAM_FAILURE",
        -16 => "CL_LINKER_NOT_AVAILABLE",
        -17 => "CL_LINK_PROGRAM_FAILURE",
        -30 => "CL_INVALID_VALUE",
        -31 => "CL_INVALID_DEVICE_TYPE",
        -32 => "CL_INVALID_PLATFORM",
        -33 => "CL_INVALID_DEVICE",
        -34 => "CL_INVALID_CONTEXT",
        -35 => "CL_INVALID_QUEUE_PROPERTIES",
        -36 => "CL_INVALID_COMMAND_QUEUE",
        -37 => "CL_INVALID_HOST_PTR",
        -38 => "CL_INVALID_MEM_OBJECT",
        -42 => "CL_INVALID_BINARY",
        -43 => "CL_INVALID_BUILD_OPTIONS",
        -44 => "CL_INVALID_PROGRAM",
        -45 => "CL_INVALID_PROGRAM_EXECUTABLE",
        -46 => "CL_INVALID_KERNEL_NAME",
        -47 => "CL_INVALID_KERNEL_DEFINITION",
        -48 => "CL_INVALID_KERNEL",
        -49 => "CL_INVALID_ARG_INDEX",
        -50 => "CL_INVALID_ARG_VALUE",
        -51 => "CL_INVALID_ARG_SIZE",
        -52 => "CL_INVALID_KERNEL_ARGS",
        -53 => "CL_INVALID_WORK_DIMENSION",
        -54 => "CL_INVALID_WORK_GROUP_SIZE",
        -55 => "CL_INVALID_WORK_ITEM_SIZE",
        -56 => "CL_INVALID_GLOBAL_OFFSET",
        -57 => "CL_INVALID_EVENT_WAIT_LIST",
        -58 => "CL_INVALID_EVENT",
        -59 => "CL_INVALID_OPERATION",
        -61 => "CL_INVALID_BUFFER_SIZE",
        -63 => "CL_INVALID_GLOBAL_WORK_SIZE",
        -1001 => "CL_PLATFORM_NOT_FOUND_KHR",
        -9999 => "no handle returned",
        _ => "unknown CL error",
    };
}
