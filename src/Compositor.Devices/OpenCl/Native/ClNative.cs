using System.Runtime.InteropServices;

namespace Compositor.Devices.OpenCl.Native;

/// <summary>
/// The OpenCL 1.2 entry points Compositor uses, bound to the ICD loader <c>libOpenCL.so.1</c>.
/// Handles are plain <see cref="nint"/>; every call returns a status that <see cref="Cl.Check"/>
/// turns into an <see cref="OpenClException"/> naming the call. Use these only through the safe
/// wrappers in this folder.
/// </summary>
internal static unsafe partial class ClNative
{
    private const string Library = "libOpenCL.so.1";

    [LibraryImport(Library)]
    public static partial int clGetPlatformIDs(uint numEntries, nint* platforms, out uint numPlatforms);

    [LibraryImport(Library)]
    public static partial int clGetPlatformInfo(nint platform, uint paramName, nuint valueSize, void* value, out nuint valueSizeRet);

    [LibraryImport(Library)]
    public static partial int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, out uint numDevices);

    [LibraryImport(Library)]
    public static partial int clGetDeviceInfo(nint device, uint paramName, nuint valueSize, void* value, out nuint valueSizeRet);

    [LibraryImport(Library)]
    public static partial nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint notify, nint userData, out int errcode);

    [LibraryImport(Library)]
    public static partial int clReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint clCreateCommandQueue(nint context, nint device, ulong properties, out int errcode);

    [LibraryImport(Library)]
    public static partial int clReleaseCommandQueue(nint queue);

    [LibraryImport(Library)]
    public static partial nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, out int errcode);

    [LibraryImport(Library)]
    public static partial int clBuildProgram(nint program, uint numDevices, nint* devices, byte* options, nint notify, nint userData);

    [LibraryImport(Library)]
    public static partial int clGetProgramBuildInfo(nint program, nint device, uint paramName, nuint valueSize, void* value, out nuint valueSizeRet);

    [LibraryImport(Library)]
    public static partial int clReleaseProgram(nint program);

    [LibraryImport(Library)]
    public static partial nint clCreateKernel(nint program, byte* name, out int errcode);

    [LibraryImport(Library)]
    public static partial int clReleaseKernel(nint kernel);

    [LibraryImport(Library)]
    public static partial int clSetKernelArg(nint kernel, uint index, nuint size, void* value);

    [LibraryImport(Library)]
    public static partial nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPtr, out int errcode);

    [LibraryImport(Library)]
    public static partial int clReleaseMemObject(nint memory);

    [LibraryImport(Library)]
    public static partial int clEnqueueWriteBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* ptr, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clEnqueueReadBufferRect(nint queue, nint buffer, uint blocking, nuint* bufferOrigin, nuint* hostOrigin, nuint* region,
        nuint bufferRowPitch, nuint bufferSlicePitch, nuint hostRowPitch, nuint hostSlicePitch, void* ptr, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clEnqueueWriteBufferRect(nint queue, nint buffer, uint blocking, nuint* bufferOrigin, nuint* hostOrigin, nuint* region,
        nuint bufferRowPitch, nuint bufferSlicePitch, nuint hostRowPitch, nuint hostSlicePitch, void* ptr, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial void* clEnqueueMapBuffer(nint queue, nint buffer, uint blocking, ulong flags, nuint offset, nuint size, uint numEvents, nint* waitList, nint* evt, out int errcode);

    [LibraryImport(Library)]
    public static partial int clEnqueueUnmapMemObject(nint queue, nint memory, void* mapped, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clEnqueueNDRangeKernel(nint queue, nint kernel, uint workDim, nuint* globalOffset, nuint* globalSize, nuint* localSize, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clFinish(nint queue);
}

/// <summary>OpenCL constants used here (values from cl.h, OpenCL 1.2).</summary>
internal static class ClConst
{
    public const int Success = 0;
    public const int DeviceNotFound = -1;
    public const int BuildProgramFailure = -11;
    public const int PlatformNotFoundKhr = -1001;

    public const uint PlatformProfile = 0x0900, PlatformVersion = 0x0901, PlatformName = 0x0902, PlatformVendor = 0x0903;

    public const ulong DeviceTypeCpu = 1 << 1, DeviceTypeGpu = 1 << 2, DeviceTypeAccelerator = 1 << 3, DeviceTypeAll = 0xFFFFFFFF;

    public const uint DeviceType = 0x1000, DeviceVendorId = 0x1001, DeviceMaxComputeUnits = 0x1002, DeviceMaxWorkGroupSize = 0x1004,
        DeviceMaxClockFrequency = 0x100C, DeviceMaxMemAllocSize = 0x1010, DeviceGlobalMemSize = 0x101F, DeviceLocalMemSize = 0x1023,
        DeviceHostUnifiedMemory = 0x1035, DeviceAvailable = 0x1027, DeviceCompilerAvailable = 0x1028, DeviceName = 0x102B,
        DeviceVendor = 0x102C, DriverVersion = 0x102D, DeviceVersion = 0x102F;

    public const uint ProgramBuildLog = 0x1183;

    public const ulong MemReadWrite = 1 << 0, MemWriteOnly = 1 << 1, MemReadOnly = 1 << 2, MemUseHostPtr = 1 << 3, MemCopyHostPtr = 1 << 5;

    public const ulong MapRead = 1 << 0;
}
