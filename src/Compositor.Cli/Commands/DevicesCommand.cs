using System.CommandLine;
using System.Globalization;
using Compositor.Devices.OpenCl;

namespace Compositor.Cli.Commands;

/// <summary><c>compositor devices</c>: the CPU and the OpenCL platforms and devices renders can use.</summary>
public static class DevicesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("devices", "List the CPU and the OpenCL platforms and devices (memory, compute units) that --device opencl can use.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"CPU: {Environment.ProcessorCount} worker thread(s)");
            var cl = OpenClPlatforms.Current;
            if (!cl.IsAvailable)
            {
                Console.WriteLine($"OpenCL: none ({cl.UnavailableReason})");
                return ExitCodes.Success;
            }

            foreach (var platform in cl.Platforms)
            {
                Console.WriteLine($"OpenCL platform: {platform.Name} ({platform.Vendor}, {platform.Version})");
                foreach (var d in platform.Devices)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  [{d.Index}] {d.Name} — {d.Type}, {d.Vendor}, {d.ComputeUnits} compute units, {d.ClockMHz} MHz, " +
                        $"{d.GlobalMemoryBytes / 1048576.0:F0} MiB global memory (largest buffer {d.MaxAllocationBytes / 1048576.0:F0} MiB), " +
                        $"{d.Version}, driver {d.DriverVersion}{(d.HostUnifiedMemory ? ", host memory" : "")}{(d.Usable ? "" : ", NOT USABLE (unavailable or no compiler)")}"));
            }

            Console.WriteLine("Choose with: compositor render ... --device opencl (all usable devices), opencl:gpu, opencl:cpu, opencl:INDEX or opencl:NAME");
            return ExitCodes.Success;
        });
        return command;
    }
}
