// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// The processors of the whole machine, whatever this process may use: an executor on the same machine
/// pinned to other processors than flowr (<c>taskset</c>) adds them, and Environment.ProcessorCount
/// counts only flowr's own.
/// </summary>
internal static class MachineProcessors
{
    public static int Count { get; } = Read();

    private static int Read()
    {
        try
        {
            // e.g. "0-1" or "0,2-5": a list of ranges.
            string online = File.ReadAllText("/sys/devices/system/cpu/online").Trim();
            int count = 0;
            foreach (string part in online.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] bounds = part.Split('-');
                int first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                int last = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : first;
                count += last - first + 1;
            }
            return Math.Max(count, Environment.ProcessorCount);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return Environment.ProcessorCount;
        }
    }
}
