using System.Diagnostics;

namespace CraftCX.Silo.Telemetry;

/// <summary>The names the silo's own spans and meters go under, and the sources of its ingestion and score-log spans.</summary>
internal sealed class CraftCXTelemetry : IDisposable
{
    public const string IngestionSource = "CraftCX.Ingestion";

    public const string ScoreLogSource = "CraftCX.ScoreLog";

    /// <summary>Meters and sources of the product and of the libraries it runs on, exported together.</summary>
    public static readonly string[] Meters =
    [
        "CraftCX.*", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.SignalR", "Npgsql", "Polly", "Experimental.Microsoft.Extensions.AI",
    ];

    public static readonly string[] Sources = ["CraftCX.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Experimental.Microsoft.Extensions.AI"];

    public ActivitySource Ingestion { get; } = new(IngestionSource);

    public ActivitySource ScoreLog { get; } = new(ScoreLogSource);

    public void Dispose()
    {
        Ingestion.Dispose();
        ScoreLog.Dispose();
    }
}
