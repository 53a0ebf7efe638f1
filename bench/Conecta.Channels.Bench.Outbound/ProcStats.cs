namespace Conecta.Channels.Bench.Outbound;

/// <summary>CPU time and peak memory of processes, from /proc (Linux only, as the benchmark is).</summary>
internal static class ProcStats
{
    /// <summary>User + system CPU of a process so far, in clock ticks; 0 when unknown.</summary>
    public static long CpuTicks(int pid)
    {
        if (pid <= 0) return 0;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may contain spaces; the fields after it are space separated.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    /// <summary>Busy ticks of all cores together (user, nice, system, irq, softirq, steal).</summary>
    public static long MachineBusyTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(cpu[1]) + long.Parse(cpu[2]) + long.Parse(cpu[3]) + long.Parse(cpu[6]) + long.Parse(cpu[7]) + long.Parse(cpu[8]);
    }

    /// <summary>VmHWM (peak resident set) in MiB; 0 when unknown.</summary>
    public static long PeakRssMiB(int pid)
    {
        if (pid <= 0) return 0;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException) { return 0; }
    }

    /// <summary>Writing 5 to clear_refs restarts the high-water mark, so each scenario reports its own peak.</summary>
    public static void ResetPeakRss(int pid)
    {
        if (pid <= 0) return;
        try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static bool IsAlive(int pid) => pid > 0 && Directory.Exists($"/proc/{pid}");

    /// <summary>Commands Redis has executed since it started (INFO stats), or -1 when redis-cli cannot tell.</summary>
    public static long RedisCommandsProcessed()
    {
        try
        {
            using var cli = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-cli", "-h 127.0.0.1 info stats")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var output = cli.StandardOutput.ReadToEnd();
            cli.WaitForExit(5_000);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("total_commands_processed:", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line.Split(':')[1].Trim());
        }
        catch (System.ComponentModel.Win32Exception) { return -1; }
    }
}

/// <summary>CPU of the processes that matter, over one span, as % of one core.</summary>
internal sealed class CpuSample
{
    public static readonly int TicksPerSecond = 100; // USER_HZ; Linux reports /proc times in it everywhere

    private readonly (string Name, int Pid)[] _processes;
    private readonly long[] _start;
    private readonly long _machineStart;
    private readonly long _wallStart = System.Diagnostics.Stopwatch.GetTimestamp();

    public CpuSample((string Name, int Pid)[] processes)
    {
        _processes = processes;
        _start = [.. processes.Select(p => ProcStats.CpuTicks(p.Pid))];
        _machineStart = ProcStats.MachineBusyTicks();
    }

    /// <summary>The span <see cref="Stop"/> measured, in seconds.</summary>
    public double Seconds { get; private set; }

    /// <returns>Each process's CPU %, then "other" (the rest of the machine), over the span so far.</returns>
    public List<(string Name, double Percent)> Stop()
    {
        var seconds = Seconds = System.Diagnostics.Stopwatch.GetElapsedTime(_wallStart).TotalSeconds;
        var result = new List<(string, double)>();
        long named = 0;
        for (var i = 0; i < _processes.Length; i++)
        {
            // A process that restarted meanwhile (another pid) would read negative: count nothing.
            var used = Math.Max(0, ProcStats.CpuTicks(_processes[i].Pid) - _start[i]);
            named += used;
            result.Add((_processes[i].Name, 100.0 * used / TicksPerSecond / seconds));
        }
        var machine = ProcStats.MachineBusyTicks() - _machineStart;
        result.Add(("other", Math.Max(0, 100.0 * (machine - named) / TicksPerSecond / seconds)));
        return result;
    }
}
