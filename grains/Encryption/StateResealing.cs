namespace CraftCX.Encryption;

/// <summary>
/// Moves a tenant's rows to the current key version by asking each owning grain to write its state again, so the
/// write happens in the grain's own turn, in order with its events, and never races a live copy.
/// </summary>
internal sealed class StateResealing(IGrainFactory grains, ISealedRows rows, string tenant, EncryptionOptions options)
{
    public async Task<KeyRotationProgress> RunAsync(KeyRotationProgress progress, Func<KeyRotationProgress, Task> report, CancellationToken cancellationToken)
    {
        SealedRow? after = null;
        while (true)
        {
            var batch = await rows.ListOlderAsync(tenant, progress.ToVersion, after, options.ResealBatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return progress;
            }

            var resealed = 0L;
            var failed = 0L;
            string? lastError = null;
            foreach (var chunk in batch.Chunk(options.ResealConcurrency))
            {
                var results = await Task.WhenAll(chunk.Select(async row =>
                {
                    try
                    {
                        await SealedStates.Owner(grains, row.StateName, row.Key).ResealAsync();
                        return null;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A row that cannot be written again (tampered, say) is counted and left; the rest go on.
                        return ex.GetType().Name;
                    }
                }));
                resealed += results.Count(r => r is null);
                failed += results.Count(r => r is not null);
                lastError = results.LastOrDefault(r => r is not null) ?? lastError;
            }

            after = batch[^1];
            progress = progress with { Resealed = progress.Resealed + resealed, Failed = progress.Failed + failed, LastError = lastError ?? progress.LastError };
            await report(progress);
        }
    }
}
