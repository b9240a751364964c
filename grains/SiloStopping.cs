namespace CraftCX;

/// <summary>
/// Cancelled when this silo starts to stop (end of its Active stage), before its grains deactivate: work that waits
/// for something the stopping silo will no longer do (a model answer, a timer-driven flush) gives up on it.
/// </summary>
public sealed class SiloStopping : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Token => _stopping.Token;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStopping), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ => _stopping.CancelAsync());

    public void Dispose() => _stopping.Dispose();
}
