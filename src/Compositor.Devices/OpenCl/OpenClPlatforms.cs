using Compositor.Devices.OpenCl.Native;

namespace Compositor.Devices.OpenCl;

/// <summary>The kind of an OpenCL device.</summary>
public enum OpenClDeviceType
{
    /// <summary>A graphics processor.</summary>
    Gpu,

    /// <summary>The host processor (POCL, Intel CPU runtime).</summary>
    Cpu,

    /// <summary>Anything else (accelerators, custom devices).</summary>
    Other,
}

/// <summary>One OpenCL device as discovered: what <c>compositor devices</c> prints.</summary>
public sealed record OpenClDeviceInfo
{
    /// <summary>Position among every device of every platform (what <c>--opencl-device</c> takes).</summary>
    public required int Index { get; init; }

    /// <summary>The device's name.</summary>
    public required string Name { get; init; }

    /// <summary>The device's vendor.</summary>
    public required string Vendor { get; init; }

    /// <summary>GPU, CPU or other.</summary>
    public required OpenClDeviceType Type { get; init; }

    /// <summary>The name of the platform it belongs to.</summary>
    public required string Platform { get; init; }

    /// <summary>Compute units.</summary>
    public required uint ComputeUnits { get; init; }

    /// <summary>Global memory in bytes.</summary>
    public required ulong GlobalMemoryBytes { get; init; }

    /// <summary>Largest single allocation in bytes.</summary>
    public required ulong MaxAllocationBytes { get; init; }

    /// <summary>Highest clock in MHz.</summary>
    public required uint ClockMHz { get; init; }

    /// <summary>The OpenCL version string of the device.</summary>
    public required string Version { get; init; }

    /// <summary>The driver version.</summary>
    public required string DriverVersion { get; init; }

    /// <summary>True when the device works in host memory (CPU devices): buffers are mapped, not copied.</summary>
    public required bool HostUnifiedMemory { get; init; }

    /// <summary>False when the device reports itself unavailable or has no compiler.</summary>
    public required bool Usable { get; init; }

    internal nint PlatformHandle { get; init; }

    internal nint Handle { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Name} ({Type}, {Platform})";
}

/// <summary>One OpenCL platform and its devices.</summary>
public sealed record OpenClPlatformInfo(string Name, string Vendor, string Version, IReadOnlyList<OpenClDeviceInfo> Devices);

/// <summary>
/// What OpenCL offers on this machine: the platforms and devices (GPU, CPU and other types), or
/// why there is none. Discovered once per process.
/// </summary>
public sealed class OpenClPlatforms
{
    private static readonly Lazy<OpenClPlatforms> Cached = new(Discover);

    private OpenClPlatforms(IReadOnlyList<OpenClPlatformInfo> platforms, string? unavailableReason)
    {
        Platforms = platforms;
        Devices = platforms.SelectMany(p => p.Devices).ToList();
        UnavailableReason = unavailableReason ?? (Devices.Count == 0 ? "the OpenCL runtime reports no platform with a device (is an ICD such as pocl-opencl-icd installed?)" : null);
    }

    /// <summary>The platforms of this process (discovered on first use).</summary>
    public static OpenClPlatforms Current => Cached.Value;

    /// <summary>Every platform found.</summary>
    public IReadOnlyList<OpenClPlatformInfo> Platforms { get; }

    /// <summary>Every device of every platform, by <see cref="OpenClDeviceInfo.Index"/>.</summary>
    public IReadOnlyList<OpenClDeviceInfo> Devices { get; }

    /// <summary>Why no device can be used (no library, no platform, no device), or null.</summary>
    public string? UnavailableReason { get; }

    /// <summary>True when at least one device was found.</summary>
    public bool IsAvailable => UnavailableReason is null;

    /// <summary>
    /// The devices <paramref name="selector"/> names: null or "all" every usable device, "gpu" or
    /// "cpu" the usable devices of that type, a number the device with that index, anything else the
    /// devices whose name or platform contains it (case-insensitive).
    /// </summary>
    /// <exception cref="ArgumentException">Nothing matches (the message lists what exists).</exception>
    public IReadOnlyList<OpenClDeviceInfo> Select(string? selector)
    {
        if (!IsAvailable) throw new ArgumentException($"no OpenCL device: {UnavailableReason}");
        var usable = Devices.Where(d => d.Usable).ToList();
        string s = (selector ?? "all").Trim();
        List<OpenClDeviceInfo> chosen = s.ToLowerInvariant() switch
        {
            "all" or "" => usable,
            "gpu" => usable.Where(d => d.Type == OpenClDeviceType.Gpu).ToList(),
            "cpu" => usable.Where(d => d.Type == OpenClDeviceType.Cpu).ToList(),
            _ when int.TryParse(s, out int index) => Devices.Where(d => d.Index == index).ToList(),
            _ => usable.Where(d => d.Name.Contains(s, StringComparison.OrdinalIgnoreCase) || d.Platform.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList(),
        };
        if (chosen.Count == 0)
            throw new ArgumentException($"no OpenCL device matches '{s}'; devices: {string.Join(", ", Devices.Select(d => d.ToString()))}");
        if (chosen.FirstOrDefault(d => !d.Usable) is { } unusable)
            throw new ArgumentException($"OpenCL device {unusable} is not available or has no compiler");
        return chosen;
    }

    private static OpenClPlatforms Discover()
    {
        try
        {
            var platforms = new List<OpenClPlatformInfo>();
            int index = 0;
            foreach (var platform in Cl.Platforms())
            {
                string name = Cl.PlatformString(platform, ClConst.PlatformName);
                var devices = new List<OpenClDeviceInfo>();
                foreach (var device in Cl.Devices(platform, ClConst.DeviceTypeAll))
                {
                    ulong type = Cl.DeviceValue<ulong>(device, ClConst.DeviceType);
                    devices.Add(new OpenClDeviceInfo
                    {
                        Index = index++,
                        Name = Cl.DeviceString(device, ClConst.DeviceName).Trim(),
                        Vendor = Cl.DeviceString(device, ClConst.DeviceVendor).Trim(),
                        Type = (type & ClConst.DeviceTypeGpu) != 0 ? OpenClDeviceType.Gpu
                            : (type & ClConst.DeviceTypeCpu) != 0 ? OpenClDeviceType.Cpu : OpenClDeviceType.Other,
                        Platform = name,
                        ComputeUnits = Cl.DeviceValue<uint>(device, ClConst.DeviceMaxComputeUnits),
                        GlobalMemoryBytes = Cl.DeviceValue<ulong>(device, ClConst.DeviceGlobalMemSize),
                        MaxAllocationBytes = Cl.DeviceValue<ulong>(device, ClConst.DeviceMaxMemAllocSize),
                        ClockMHz = Cl.DeviceValue<uint>(device, ClConst.DeviceMaxClockFrequency),
                        Version = Cl.DeviceString(device, ClConst.DeviceVersion),
                        DriverVersion = Cl.DeviceString(device, ClConst.DriverVersion),
                        HostUnifiedMemory = (type & ClConst.DeviceTypeCpu) != 0 || Cl.DeviceValue<uint>(device, ClConst.DeviceHostUnifiedMemory) != 0,
                        Usable = Cl.DeviceValue<uint>(device, ClConst.DeviceAvailable) != 0 && Cl.DeviceValue<uint>(device, ClConst.DeviceCompilerAvailable) != 0,
                        PlatformHandle = platform,
                        Handle = device,
                    });
                }

                platforms.Add(new OpenClPlatformInfo(name, Cl.PlatformString(platform, ClConst.PlatformVendor), Cl.PlatformString(platform, ClConst.PlatformVersion), devices));
            }

            return new OpenClPlatforms(platforms, null);
        }
        catch (DllNotFoundException)
        {
            return new OpenClPlatforms([], "no OpenCL runtime: libOpenCL.so.1 was not found (install ocl-icd-libopencl1 and an ICD such as pocl-opencl-icd)");
        }
        catch (EntryPointNotFoundException e)
        {
            return new OpenClPlatforms([], $"the OpenCL library lacks an OpenCL 1.2 entry point: {e.Message}");
        }
        catch (OpenClException e)
        {
            return new OpenClPlatforms([], $"OpenCL discovery failed: {e.Message}");
        }
    }
}
