using System.Collections.Concurrent;
using CraftCX.Connectors.Imports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>
/// Each silo's share of the imports: every poll it claims unfinished imports no live runner holds (new ones, and
/// those whose runner stopped or died) and runs them; at shutdown it gives their leases back, so the next silo goes
/// on from the last checkpoint at once.
/// </summary>
internal sealed partial class ConnectorImportRunner(
    IGrainFactory grains,
    ConnectorImportWorker worker,
    IOptions<ConnectorImportOptions> options,
    TimeProvider time,
    ILogger<ConnectorImportRunner> logger) : BackgroundService
{
    private readonly string _runner = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                await PollAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_running.Count >= options.Value.MaxConcurrentImports)
            {
                return;
            }

            foreach (var key in await grains.GetGrain<IConnectorImportIndexGrain>(IConnectorImportIndexGrain.Key).UnfinishedAsync())
            {
                if (_running.Count >= options.Value.MaxConcurrentImports || stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                if (!_running.ContainsKey(key) && await grains.GetGrain<IConnectorImportGrain>(key).ClaimAsync(_runner, time.GetUtcNow() + options.Value.Lease) is { } info)
                {
                    _running[key] = Task.Run(() => RunAsync(key, info, stoppingToken), CancellationToken.None);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cluster starting or stopping: the next poll tries again.
            LogPollFailed(logger, ex.GetType().Name);
        }
    }

    private async Task RunAsync(string key, ConnectorImportInfo info, CancellationToken stoppingToken)
    {
        try
        {
            await worker.RunAsync(_runner, key, info, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(key);
        }
        catch (Exception ex)
        {
            // The lease runs out and another poll takes the import over from its checkpoint.
            LogRunFailed(logger, ex, info.Id, info.Tenant);
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }

    private async Task ReleaseAsync(string key)
    {
        try
        {
            await grains.GetGrain<IConnectorImportGrain>(key).ReleaseAsync(_runner);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPollFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for imports to run failed ({ErrorType}); the next poll tries again")]
    private static partial void LogPollFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {Import} of tenant {Tenant} stopped; another runner takes it over when its lease runs out")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string import, string tenant);
}
