using System.Diagnostics.Metrics;
using CraftCX.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Retention;

/// <summary>The retention meter counts each outcome of a sweep, and nothing for an outcome that did not happen.</summary>
[Trait("Category", "Unit")]
public sealed class RetentionMetricsTests
{
    [Fact]
    public void A_sweep_adds_its_purged_deleted_and_forgotten_conversations_by_outcome()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new RetentionMetrics(factory);
        var counted = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This factory's meter only: other tests' silos in the process have their own.
            if (instrument.Meter.Name == RetentionMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var outcome = (string)tags.ToArray().Single(t => t.Key == "outcome").Value!;
            counted[outcome] = counted.GetValueOrDefault(outcome) + value;
        });
        listener.Start();

        metrics.Swept(purged: 3, deleted: 0, forgotten: 2);
        metrics.Swept(purged: 1, deleted: 4, forgotten: 0);
        Assert.Equal(new Dictionary<string, long> { ["purged"] = 4, ["deleted"] = 4, ["forgotten"] = 2 }, counted);
    }
}
