using CraftCX.Imports;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// Sends each tenant's import progress to its status grain once per interval: one call per tenant, not per event.
/// Each report is numbered and sent again, unchanged, until acknowledged, so one that timed out after it was counted
/// is not counted twice; what is counted meanwhile waits for the next number.
/// </summary>
internal sealed partial class ImportProgressReporter(
    ImportProgress progress,
    IGrainFactory grains,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<ImportProgressReporter> logger) : BackgroundService
{
    // Bounded, so that a stopping silo's last report cannot hold the shutdown.
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(10);

    // A new name per process: a restarted silo numbers from 1 again.
    private readonly string _reporter = Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, (long Sequence, ImportProgressReport Report)> _unacknowledged = new(StringComparer.Ordinal);
    private long _sequence;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Import.ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // What the last moments counted, while the silo can still reach its grains.
        await ReportAsync();
    }

    private async Task ReportAsync()
    {
        foreach (var (tenant, report) in progress.Drain())
        {
            if (_unacknowledged.ContainsKey(tenant))
            {
                progress.Restore(tenant, report);
            }
            else
            {
                _unacknowledged[tenant] = (++_sequence, report);
            }
        }

        var sent = await Task.WhenAll(_unacknowledged.Select(async pending =>
        {
            try
            {
                await grains.GetGrain<IImportStatusGrain>(pending.Key).ReportAsync(_reporter, pending.Value.Sequence, pending.Value.Report).WaitAsync(ReportTimeout);
                return pending.Key;
            }
            catch (Exception ex)
            {
                // Sent again as it is next time: the counts are late, not lost, and never counted twice.
                LogReportDeferred(pending.Key, ex.GetType().Name);
                return null;
            }
        }));

        foreach (var tenant in sent.OfType<string>())
        {
            _unacknowledged.Remove(tenant);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Import progress of tenant {Tenant} not reported yet ({ErrorType}); it is sent again")]
    private partial void LogReportDeferred(string tenant, string errorType);
}
