using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// Runs a tenant's retention sweep and totals every sweep that finished since the last call, from the audit log's
/// system entries. A moved clock can make the sweep reminder fire too, so one sweep's report is not enough.
/// </summary>
internal sealed class SweepLedger(HttpClient admin, string tenant)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private long _mark;

    /// <summary>Sweeps from here on are counted; call before moving the clock.</summary>
    public async Task MarkAsync() => _mark = (await EntriesAsync()).Select(e => e.GetProperty("sequence").GetInt64()).DefaultIfEmpty(0).Max();

    public async Task<SweepTotals> SweepAsync()
    {
        var started = await admin.PostAsync($"/v1/tenants/{tenant}/retention/sweep", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();
        var startedAt = status.GetProperty("lastSweep").GetProperty("startedAt").GetDateTimeOffset();
        var target = $"started={startedAt.UtcDateTime:O}";

        // Asked for while another ran (one the reminder started, say): the sweep asked for is the one after it.
        var queued = status.GetProperty("sweepQueued").GetBoolean();
        var swept = await Eventually.ReturnsAsync(
            async () => (await EntriesAsync()).Where(e => e.GetProperty("sequence").GetInt64() > _mark && Action(e) == "retention.swept").ToList(),
            entries => entries.FindIndex(e => e.GetProperty("record").GetProperty("target").GetString() == target) is var running and >= 0
                && (!queued || entries.Count > running + 1),
            Patience,
            queued ? "the queued sweep's audit entry" : "the sweep's audit entry");
        _mark = swept.Max(e => e.GetProperty("sequence").GetInt64());
        return new SweepTotals(
            Sum(swept, "purged"),
            Sum(swept, "deleted"),
            Sum(swept, "forgotten"),
            Sum(swept, "held"),
            Sum(swept, "unchanged"),
            Sum(swept, "failed"),
            swept.Any(e => e.GetProperty("record").GetProperty("outcome").GetString() == "held"));
    }

    private static string? Action(JsonElement entry) => entry.GetProperty("record").GetProperty("action").GetString();

    private static long Sum(IEnumerable<JsonElement> entries, string name) => entries.Sum(e =>
        e.GetProperty("record").GetProperty("detail").GetString()!.Split(' ')
            .Select(part => part.Split('='))
            .Where(pair => pair[0] == name)
            .Select(pair => long.Parse(pair[1], CultureInfo.InvariantCulture))
            .Single());

    private async Task<List<JsonElement>> EntriesAsync() =>
        (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/audit?from={_mark + 1}&limit=1000")).EnumerateArray().ToList();
}

/// <summary>What the sweeps since the last count did, added up.</summary>
internal sealed record SweepTotals(long Purged, long Deleted, long Forgotten, long Held, long Unchanged, long Failed, bool TenantHeld);
