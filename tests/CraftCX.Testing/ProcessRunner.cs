using System.Diagnostics;

namespace CraftCX.Testing;

/// <summary>Runs a command to completion and fails with its output when it fails.</summary>
public static class ProcessRunner
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {text}");
        }

        return text;
    }
}
