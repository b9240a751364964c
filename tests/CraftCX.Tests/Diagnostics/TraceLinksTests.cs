using System.Diagnostics;
using CraftCX.Diagnostics;

namespace CraftCX.Tests.Diagnostics;

[Trait("Category", "Unit")]
public sealed class TraceLinksTests
{
    private static string Parent(ActivityTraceId trace) => $"00-{trace}-{ActivitySpanId.CreateRandom()}-01";

    [Fact]
    public void Each_trace_is_linked_once_and_missing_or_malformed_parents_are_skipped()
    {
        var first = ActivityTraceId.CreateRandom();
        var second = ActivityTraceId.CreateRandom();
        var links = TraceLinks.Of([Parent(first), null, "not-a-traceparent", Parent(first), Parent(second), "00-zz-yy-01"]);

        Assert.NotNull(links);
        Assert.Equal([first, second], links.Select(l => l.Context.TraceId));
    }

    [Fact]
    public void No_parent_gives_no_links_and_many_traces_are_capped()
    {
        Assert.Null(TraceLinks.Of([null, "junk"]));
        var many = Enumerable.Range(0, 100).Select(_ => Parent(ActivityTraceId.CreateRandom())).ToList();
        Assert.Equal(32, TraceLinks.Of(many)!.Count);
        Assert.Equal(5, TraceLinks.Of(many, max: 5)!.Count);
    }

    [Fact]
    public void A_batch_span_is_made_only_while_someone_listens_and_carries_its_links()
    {
        // Outside the "CraftCX.*" prefix, which silos running in parallel tests listen to.
        using var source = new ActivitySource("TraceLinksTests." + Guid.NewGuid().ToString("N"));
        var trace = ActivityTraceId.CreateRandom();
        Assert.Null(TraceLinks.StartBatch(source, "batch", ActivityKind.Producer, [Parent(trace)]));

        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var span = TraceLinks.StartBatch(source, "batch", ActivityKind.Producer, [Parent(trace)]);
        Assert.NotNull(span);
        Assert.Equal(trace, Assert.Single(span.Links).Context.TraceId);
        Assert.NotEqual(trace, span.TraceId);
    }
}
