using System.Text.Json;
using CraftCX.Api.Ingestion;
using CraftCX.Connectors;
using CraftCX.Connectors.Imports;
using CraftCX.Imports;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>
/// Runs one import: reads its source from the start, skips the records an earlier run handed on, maps the rest
/// through the connector's mapping and writes them to the import topic a batch at a time, storing a checkpoint after
/// each batch. Unmappable records go to the dead-letter topic with their reason; the import goes on.
/// </summary>
internal sealed partial class ConnectorImportWorker(
    IGrainFactory grains,
    IEventIngress ingress,
    IConnectorDeadLetters deadLetters,
    IngestBatchParser batchParser,
    IHttpClientFactory httpClients,
    IOptions<ConnectorImportOptions> options,
    TimeProvider time,
    ILogger<ConnectorImportWorker> logger)
{
    public const string HttpClientName = "connector-imports";
    private static readonly TimeSpan[] SubmitRetries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    /// <summary>Runs the claimed import to its end; returns early when the lease is lost, and throws on cancellation.</summary>
    public async Task RunAsync(string runner, string key, ConnectorImportInfo info, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var job = grains.GetGrain<IConnectorImportGrain>(key);
        var credentials = await ConnectorEndpoints.Connectors(grains, info.Tenant).GetCredentialsAsync(info.Spec.ConnectorId);
        if (credentials is null || !ImportRecordMapper.CanImport(credentials.Type))
        {
            LogFailed(logger, info.Id, info.Tenant, "connector deleted");
            await job.FinishAsync(runner, info.Progress, "The connector was deleted.");
            return;
        }

        var progress = info.Progress;
        Stream source;
        long? length;
        try
        {
            (source, length) = await OpenAsync(info.Spec, settings, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, info.Id, info.Tenant, ex.GetType().Name);
            await job.FinishAsync(runner, progress, $"The source could not be read: {SourceError(ex)}");
            return;
        }

        LogStarted(logger, info.Id, info.Tenant, credentials.Type, progress.Records, ImportSourceRules.Shown(info.Spec));
        await using var counting = new CountingReadStream(source);
        var meter = new ImportProgressMeter(time.GetUtcNow(), progress.Records, 0);
        var batch = new List<RawEvent>();
        long position = 0, records = progress.Records, events = progress.Events, dead = progress.DeadLettered;
        var lastLog = time.GetUtcNow();
        var runStarted = time.GetUtcNow();

        async Task<bool> CheckpointAsync(bool final)
        {
            if (batch.Count > 0)
            {
                await SubmitAsync(batch, cancellationToken);
                await grains.GetGrain<IImportStatusGrain>(info.Tenant).SubmittedAsync(batch.Count);
                events += batch.Count;
                batch.Clear();
            }

            var now = time.GetUtcNow();
            var (rate, remaining) = meter.At(now, records, counting.BytesRead, length);
            progress = new ConnectorImportCheckpoint(records, events, dead, counting.BytesRead, length, rate, remaining);
            if (final || now - lastLog >= settings.ProgressLogInterval)
            {
                lastLog = now;
                LogProgress(logger, info.Id, info.Tenant, records, events, dead, rate, length is > 0 ? $"{100.0 * counting.BytesRead / length.Value:F0}%" : "?", remaining);
            }

            return final || await job.CheckpointAsync(runner, progress, now + settings.Lease);
        }

        try
        {
            var sinceCheckpoint = 0;
            await foreach (var record in ImportRecordReader.ReadAsync(counting, cancellationToken))
            {
                if (position++ < info.Progress.Records)
                {
                    continue;
                }

                var result = ImportRecordMapper.Map(record, credentials.Type, info.Tenant, credentials.Mapping);
                var (accepted, errors) = result.Failure is null && result.IgnoredType is null
                    ? HelpdeskEvents.Validate(result.Events, info.Tenant, batchParser)
                    : ([], result.Failure is { } failure ? [new IngestError(0, null, failure.Code, failure.Detail)] : []);
                if (errors.Count > 0)
                {
                    // The whole record, as a webhook delivery would be: its valid events are not taken without the rest.
                    await deadLetters.PublishAsync(
                        new ConnectorDeadLetter(info.Tenant, credentials.Id, WebhookEndpoints.TypeName(credentials.Type), $"import-{info.Id}-{position - 1}", JsonSerializer.SerializeToUtf8Bytes(record.Value, ImportJsonContext.Default.JsonElement), errors[0].Code, errors[0].Detail),
                        cancellationToken);
                    dead++;
                }
                else
                {
                    batch.AddRange(accepted);
                }

                records++;
                if (++sinceCheckpoint >= settings.BatchSize)
                {
                    sinceCheckpoint = 0;
                    if (!await CheckpointAsync(final: false))
                    {
                        LogLeaseLost(logger, info.Id, info.Tenant);
                        return;
                    }
                }

                if (settings.MaxRecordsPerSecond > 0)
                {
                    var due = runStarted + TimeSpan.FromSeconds((records - info.Progress.Records) / (double)settings.MaxRecordsPerSecond);
                    if (due > time.GetUtcNow())
                    {
                        await Task.Delay(due - time.GetUtcNow(), time, cancellationToken);
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            // Past this point nothing in the file can be counted as records; what came before stays imported.
            await CheckpointAsync(final: true);
            LogFailed(logger, info.Id, info.Tenant, "malformed JSON");
            await job.FinishAsync(runner, progress, $"The source is not well-formed JSON after record {records} (line {ex.LineNumber + 1}).");
            return;
        }
        catch (ImportSubmitException ex)
        {
            LogFailed(logger, info.Id, info.Tenant, ex.InnerException?.GetType().Name ?? "submit");
            await job.FinishAsync(runner, progress, ex.Message);
            return;
        }

        await CheckpointAsync(final: true);
        LogFinished(logger, info.Id, info.Tenant, records, events, dead, (time.GetUtcNow() - runStarted).TotalSeconds);
        await job.FinishAsync(runner, progress, null);
    }

    private async Task<(Stream Stream, long? Length)> OpenAsync(ConnectorImportSpec spec, ConnectorImportOptions settings, CancellationToken cancellationToken)
    {
        if (spec.Source == ConnectorImportSource.File)
        {
            var path = ImportSourceRules.PathOf(spec.Location, settings) ?? throw new IOException("The file is no longer inside the import directory.");
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            return (file, file.Length);
        }

        var client = httpClients.CreateClient(HttpClientName);
        var response = await client.GetAsync(new Uri(spec.Location), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"the server answered {status}");
        }

        return (await response.Content.ReadAsStreamAsync(cancellationToken), response.Content.Headers.ContentLength);
    }

    private async Task SubmitAsync(List<RawEvent> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ingress.SubmitAsync(batch, import: true, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < SubmitRetries.Length)
            {
                LogSubmitRetry(logger, ex.GetType().Name, SubmitRetries[attempt].TotalSeconds);
                await Task.Delay(SubmitRetries[attempt], time, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ImportSubmitException("The event log could not take the import; start it again to go on from its last checkpoint.", ex);
            }
        }
    }

    private static string SourceError(Exception ex) => ex switch
    {
        FileNotFoundException => "the file is gone.",
        HttpRequestException { Message: { } message } when message.StartsWith("the server", StringComparison.Ordinal) => message + ".",
        HttpRequestException => "the host could not be reached.",
        TaskCanceledException => "the host did not answer in time.",
        _ => "it could not be opened.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Import} of tenant {Tenant} ({Type}) runs from record {Records} of {Source}")]
    private static partial void LogStarted(ILogger logger, string import, string tenant, ConnectorType type, long records, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Import} of tenant {Tenant}: {Records} records, {Events} events, {DeadLettered} dead-lettered, {Rate} records/s, {Done} read, {SecondsRemaining} s left")]
    private static partial void LogProgress(ILogger logger, string import, string tenant, long records, long events, long deadLettered, double rate, string done, long? secondsRemaining);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Import} of tenant {Tenant} done: {Records} records, {Events} events, {DeadLettered} dead-lettered in {Seconds:F1} s")]
    private static partial void LogFinished(ILogger logger, string import, string tenant, long records, long events, long deadLettered, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {Import} of tenant {Tenant} failed ({Reason})")]
    private static partial void LogFailed(ILogger logger, string import, string tenant, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {Import} of tenant {Tenant} was taken over by another runner; this one stops")]
    private static partial void LogLeaseLost(ILogger logger, string import, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The import topic did not take a batch ({ErrorType}); retrying in {Seconds} s")]
    private static partial void LogSubmitRetry(ILogger logger, string errorType, double seconds);
}
