using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// The silo executable in a process of its own (what a deployment runs), so that it can be killed hard. Its
/// console output goes to a log file beside the test results for diagnosis.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _logPath;

    private SiloProcess(string name, Process process, StreamWriter log, string logPath, int httpPort)
    {
        Name = name;
        _process = process;
        _log = log;
        _logPath = logPath;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Name { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public static string SiloAssembly
    {
        get
        {
            // tests/CraftCX.Tests/bin/<Configuration>/net10.0 → silo/bin/<Configuration>/net10.0/CraftCX.Silo.dll
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "silo", "bin", configuration, output.Name, "CraftCX.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The silo is not built at {path}; build the solution first.", path);
        }
    }

    /// <summary>Starts the silo with its HTTP address in <paramref name="urlsVariable"/> (Urls, or ASPNETCORE_URLS as a container sets it).</summary>
    public static SiloProcess Start(string name, IDictionary<string, string> environment, string urlsVariable = "Urls", int? httpPort = null)
    {
        var port = httpPort ?? FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [SiloAssembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment[urlsVariable] = $"http://127.0.0.1:{port}";
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString();
        start.Environment["Orleans__GatewayPort"] = FreePort.Next().ToString();
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        var logDirectory = Path.Combine(AppContext.BaseDirectory, "silo-logs");
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"{DateTime.UtcNow:HHmmss}-{name}.log");
        var log = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(name, process, log, logPath, port);
    }

    /// <summary>Waits until /health/ready answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        await Eventually.ReturnsAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Silo {Name} exited with {_process.ExitCode} before it was ready.");
                }

                try
                {
                    return (await Http.GetAsync("/health/ready")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            status => status == HttpStatusCode.OK,
            timeout ?? TimeSpan.FromSeconds(90),
            $"silo {Name} to be ready");
    }

    /// <summary>The ingestor's figures from the readiness report (assigned partitions, in flight...).</summary>
    public async Task<JsonElement?> IngestorHealthAsync()
    {
        try
        {
            var response = await Http.GetAsync("/health/ready");
            var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return health.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("name").GetString() == "kafka-ingestor");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>What the silo has written to its console so far.</summary>
    public async Task<string> ReadLogAsync()
    {
        await using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Waits for the process to end by itself and answers its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no drain, no commit, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM: the graceful path (drain in-flight events, commit, leave the group and the cluster).</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString()]);
        await _process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
