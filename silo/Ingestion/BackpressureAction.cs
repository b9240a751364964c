namespace CraftCX.Silo.Ingestion;

/// <summary>What <see cref="ConsumerBackpressure"/> asks of the consumer.</summary>
internal enum BackpressureAction
{
    None,
    Pause,
    Resume,
}
