using System.Globalization;
using System.Runtime;
using System.Text;
using CraftCX.Testing;

namespace CraftCX.Benchmarks;

/// <summary>
/// Prints each figure of a run and writes them all, with the machine, the date and the options, to
/// docs/benchmark.md at the end, so that no figure is ever copied into the documentation by hand.
/// </summary>
internal sealed class BenchmarkReport(IReadOnlyList<string> arguments)
{
    private readonly List<string> _lines = [];
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    /// <summary>Prints a figure and keeps it for the results file.</summary>
    public void Add(string line)
    {
        Console.WriteLine(line);
        _lines.Add(line);
    }

    /// <summary>Writes the results file; the repository's docs/benchmark.md unless <paramref name="path"/> says otherwise.</summary>
    public void Write(string? path)
    {
        path ??= DefaultPath();
        if (path is null)
        {
            Console.WriteLine("no repository found above the benchmark: results file not written (pass --report PATH)");
            return;
        }

        var text = new StringBuilder()
            .AppendLine("# Benchmark results")
            .AppendLine()
            .AppendLine("Written by the benchmark itself (`dotnet run -c Release --project tests/CraftCX.Benchmarks`); do not edit by hand. How it")
            .AppendLine("measures, and figures from earlier runs: [benchmarking.md](benchmarking.md).")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- run: {_started:yyyy-MM-dd HH:mm} UTC, {(DateTimeOffset.UtcNow - _started).TotalMinutes:0.0} min")
            .AppendLine(CultureInfo.InvariantCulture, $"- machine: {Machine}")
            .AppendLine(CultureInfo.InvariantCulture, $"- options: {(arguments.Count == 0 ? "(defaults)" : string.Join(' ', arguments))}")
            .AppendLine()
            .AppendLine("## Figures")
            .AppendLine();
        foreach (var line in _lines)
        {
            text.Append("- ").AppendLine(line);
        }

        File.WriteAllText(path, text.ToString());
        Console.WriteLine($"results written to {path}");
    }

    private static string? DefaultPath() =>
        RepositoryRoot.Find() is { } root ? Path.Combine(root, "docs", "benchmark.md") : null;

    /// <summary>The cores, OS, runtime and GC mode a run's figures came from.</summary>
    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, server GC {GCSettings.IsServerGC}, DATAS {(Datas ? "on" : "off")}";

    // DATAS adapts server GC's heap count: the runtime's setting, or the environment's override of it.
    private static bool Datas => GCSettings.IsServerGC
        && (Environment.GetEnvironmentVariable("DOTNET_GCDynamicAdaptationMode") ?? AppContext.GetData("System.GC.DynamicAdaptationMode")?.ToString()) is not "0";
}
