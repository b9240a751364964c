using Microsoft.Extensions.Options;

namespace CraftCX.Assessments;

/// <summary>The per-silo limit on AI calls under way at once (<see cref="AiOptions.MaxConcurrency"/>).</summary>
public sealed class AssessmentThrottle(IOptions<AiOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));

    public Task WaitAsync(CancellationToken cancellationToken = default) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
