using System.Globalization;

namespace Platform.Bench.Sync;

/// <summary>
/// The process's peak working set over one stretch of work, from Linux's VmHWM (/proc/self/status). The peak is reset
/// (writing 5 to /proc/self/clear_refs) after a full compacting collection, so a stretch is charged with what the
/// process holds at its start (runtime, loaded code, the bench's own state) plus what the work itself needs, not
/// with what earlier stretches (the directory build, the raw reads) once held.
/// </summary>
internal static class PeakWorkingSet
{
    /// <summary>Starts a stretch: collects (returning freed memory to the system), resets the peak; the working set now, in bytes.</summary>
    public static long Reset()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Status("VmRSS:");
    }

    /// <summary>The peak working set in bytes since the last <see cref="Reset"/>.</summary>
    public static long Read() => Status("VmHWM:");

    private static long Status(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmHWM:	  218064 kB"
                var kilobytes = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new BenchmarkInvalidException($"/proc/self/status has no {field} line: the peak working set cannot be measured here.");
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture);
}
