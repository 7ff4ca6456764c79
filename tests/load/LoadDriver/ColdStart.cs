using System.Diagnostics;
using System.Globalization;

namespace LoadDriver;

/// <summary>
/// Process start → first <c>GET /health</c> 200, polled every millisecond on loopback (a request, once accepted, is
/// waited for: the first one can take seconds on a loaded machine while the app builds its endpoints). Also reports the CPU time the
/// process had used by then (all its threads, from /proc): on a shared machine that figure moves far less than the wall clock.
/// </summary>
internal static class ColdStart
{
    public static async Task<int> RunAsync(string exe, int runs, int port)
    {
        var url = new Uri($"http://127.0.0.1:{port}/health");
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(30) };
        var times = new List<double>();
        var cpuTimes = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var start = new ProcessStartInfo(exe)
            {
                WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(exe)),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var elapsed = await FirstHealthyAsync(http, url, process, started);
                var cpu = CpuMilliseconds(process.Id);
                times.Add(elapsed);
                cpuTimes.Add(cpu);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {elapsed:F0} ms (CPU {cpu:F0} ms)"));
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median cold start: {Stats.Median(times):F0} ms (CPU {Stats.Median(cpuTimes):F0} ms) over {runs} runs"));
        return 0;
    }

    private static async Task<double> FirstHealthyAsync(HttpClient http, Uri url, Process process, long started)
    {
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with code {process.ExitCode} before answering /health.");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(1);
        }

        throw new TimeoutException("No 200 from /health within 30 s.");
    }

    /// <summary>On-CPU time of every thread of the process so far (the first field of each thread's schedstat, in ns).</summary>
    private static double CpuMilliseconds(int pid)
    {
        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                nanoseconds += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return nanoseconds / 1e6;
    }
}
