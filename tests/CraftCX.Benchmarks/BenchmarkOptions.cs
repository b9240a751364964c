using System.Globalization;

namespace CraftCX.Benchmarks;

/// <summary>Command-line settings of a benchmark run (--name value).</summary>
internal sealed record BenchmarkOptions
{
    public int Events { get; init; } = 200_000;
    public int Conversations { get; init; } = 5_000;
    public int Partitions { get; init; } = 128;
    public int Seed { get; init; } = 2026;
    public int LatencyRate { get; init; } = 2_000;
    public int LatencySeconds { get; init; } = 10;
    public int MemoryConversations { get; init; } = 5_000;
    public int MaxInFlight { get; init; } = 50_000;

    /// <summary>Events through a first silo of this process before the measured memory-mode run, so that it is not the JIT's first; 0 skips it.</summary>
    public int WarmupEvents { get; init; } = 200_000;

    /// <summary>Also run the pipeline on a throwaway PostgreSQL (needs the server binaries); --postgres 0 skips it.</summary>
    public bool Postgres { get; init; } = true;

    /// <summary>Counted PostgreSQL runs, encryption off and on in the order off, on, on, off, off, on... (even).</summary>
    public int PostgresRuns { get; init; } = 8;

    /// <summary>Uncounted PostgreSQL runs before them, off and on alternately (the first is a third slower).</summary>
    public int PostgresWarmupRuns { get; init; } = 2;

    /// <summary>Rate and duration of the live phase (SignalR and streaming-API latency).</summary>
    public int LiveRate { get; init; } = 5_000;
    public int LiveSeconds { get; init; } = 10;

    /// <summary>Following score-stream clients of one tenant in the fan-out phase (compared with one); 0 skips it.</summary>
    public int StreamClients { get; init; } = 100;

    /// <summary>Score changes of the measured tenant in the fan-out phase (nine times as many of others go with them).</summary>
    public int StreamChanges { get; init; } = 2_000;

    /// <summary>Closing conversations (8 events each) in the retention phase, per tenant; 0 skips it.</summary>
    public int RetentionConversations { get; init; } = 20_000;

    /// <summary>Conversations of the last 60 days in the backfill phase (twice: alone, then beside live traffic); 0 skips it.</summary>
    public int ImportConversations { get; init; } = 5_000;

    /// <summary>Stream threads of the Streamiz peer (each is a consumer of its own in the group): one per core, as CraftCX uses both.</summary>
    public int PeerThreads { get; init; } = 2;

    /// <summary>Where the results file goes; null: docs/benchmark.md of the repository.</summary>
    public string? Report { get; init; }

    /// <summary>Seconds the fake model takes per answer in the AI phase; --ai 0 skips the phase.</summary>
    public bool Ai { get; init; } = true;

    public int AiAnswerSeconds { get; init; } = 2;

    /// <summary>Measured runs each with the assessor on and off (single runs vary by ±15 %).</summary>
    public int AiRuns { get; init; } = 7;

    /// <summary>Uncounted runs before them (the first runs after start are slower while the JIT settles).</summary>
    public int AiWarmupRuns { get; init; } = 4;

    /// <summary>The AI phase's workload as a multiple of the main one: longer runs, less noise.</summary>
    public int AiScale { get; init; } = 2;

    /// <summary>The largest point of the scale curve, in conversations (10 k, then ten times as many up to it); 0 skips it.</summary>
    public int ScaleConversations { get; init; } = 100_000;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--report")
            {
                options = options with { Report = args[i + 1] };
                continue;
            }

            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--events" => options with { Events = value },
                "--conversations" => options with { Conversations = value },
                "--partitions" => options with { Partitions = value },
                "--seed" => options with { Seed = value },
                "--latency-rate" => options with { LatencyRate = value },
                "--latency-seconds" => options with { LatencySeconds = value },
                "--memory-conversations" => options with { MemoryConversations = value },
                "--max-in-flight" => options with { MaxInFlight = value },
                "--warmup-events" => options with { WarmupEvents = Math.Max(0, value) },
                "--postgres" => options with { Postgres = value != 0 },
                "--postgres-runs" => options with { PostgresRuns = Math.Max(2, value + (value % 2)) },
                "--postgres-warmup" => options with { PostgresWarmupRuns = Math.Max(0, value) },
                "--ai" => options with { Ai = value != 0 },
                "--ai-answer-seconds" => options with { AiAnswerSeconds = value },
                "--ai-runs" => options with { AiRuns = Math.Max(1, value) },
                "--ai-warmup" => options with { AiWarmupRuns = Math.Max(0, value) },
                "--ai-scale" => options with { AiScale = Math.Max(1, value) },
                "--live-rate" => options with { LiveRate = value },
                "--live-seconds" => options with { LiveSeconds = value },
                "--stream-clients" => options with { StreamClients = value },
                "--stream-changes" => options with { StreamChanges = Math.Max(1, value) },
                "--import-conversations" => options with { ImportConversations = Math.Max(0, value) },
                "--peer-threads" => options with { PeerThreads = Math.Max(1, value) },
                "--scale" => options with { ScaleConversations = Math.Max(0, value) },
                "--retention-conversations" => options with { RetentionConversations = Math.Max(0, value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; see README (Benchmark)."),
            };
        }

        return options;
    }
}
