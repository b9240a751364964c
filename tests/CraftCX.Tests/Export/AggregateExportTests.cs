using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Aggregation;
using CraftCX.Api.Export;

namespace CraftCX.Tests.Export;

[Trait("Category", "Unit")]
public sealed class AggregateExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ScoreContribution C(string id, int overall, DateTimeOffset at) =>
        new($"acme/{id}", 1, false, at, "ana", false, HandledBy.Human, overall, false, [new CriterionScore("greeting", overall)]);

    [Fact]
    public void Csv_has_a_column_group_per_criterion_and_handler_and_never_starts_a_formula()
    {
        var bucket = new AggregateBucket();
        bucket.Apply(C("a", 80, Now.AddMinutes(-10)), +1, trackAgents: true);
        var csv = AggregateCsv.Write([BucketViews.Merge("hour", Now.AddHours(-1), [bucket], includeHistograms: false)]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("bucket_start,granularity,conversations,auto_failed,overall_mean,overall_p50,overall_p90,greeting_count,greeting_mean", csv[0]);
        Assert.Contains("human_conversations", csv[0]);
        Assert.Equal(2, csv.Length);
        Assert.Contains(",hour,1,0,80,80,80,1,80,80,80,1,80,", csv[1]);

        var tricky = new WindowView("=cmd|' /C calc'!A0", Now, 0, 0, new ScoreSummary(0, null, null, null, null), new Dictionary<string, ScoreSummary>(), [], []);
        var row = AggregateCsv.Write([tricky]).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')[1];
        Assert.Contains(",'=cmd|' /C calc'!A0,", row);

        foreach (var (label, expected) in new[] { ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("-5", "-5") })
        {
            var cell = new WindowView(label, Now, 0, 0, new ScoreSummary(0, null, null, null, null), new Dictionary<string, ScoreSummary>(), [], []);
            var line = AggregateCsv.Write([cell]).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')[1];
            Assert.Contains("," + expected + ",", line);
        }
    }
}

/// <summary>The export endpoint over real HTTP.</summary>
public sealed class ExportEndpointTests(Security.SecurityFixture host) : IClassFixture<Security.SecurityFixture>
{
    [Fact]
    public async Task Workspace_aggregates_export_as_json_and_csv_for_the_callers_tenant_only()
    {
        await host.PrepareAsync();
        var events = TestWorkload.Build("tenant-a", conversations: 6, seed: 12).Select(e => { e.Workspace = "exported"; return e; }).ToArray();
        await TestEvents.PostAsync(host.Http, events);
        await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await host.Http.GetAsync("/v1/tenants/tenant-a/workspaces/exported");
                return response.IsSuccessStatusCode
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("windows")[1].GetProperty("conversations").GetInt64()
                    : 0;
            },
            n => n == 6,
            TimeSpan.FromSeconds(30),
            "all six conversations");

        var json = await host.Http.GetFromJsonAsync<JsonElement>("/v1/tenants/tenant-a/workspaces/exported/export?format=json&granularity=hour");
        Assert.Equal(6, json.EnumerateArray().Sum(b => b.GetProperty("conversations").GetInt64()));
        Assert.All(json.EnumerateArray(), b => Assert.Equal("hour", b.GetProperty("window").GetString()));

        var csv = await host.Http.GetAsync("/v1/tenants/tenant-a/workspaces/exported/export?format=csv&granularity=day");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("bucket_start,", rows[0]);
        Assert.Equal(6, rows.Skip(1).Sum(r => int.Parse(r.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/v1/tenants/tenant-a/workspaces/exported/export?format=xml")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/v1/tenants/tenant-a/workspaces/exported/export?from=2026-11-29T10:00:00Z&to=2026-11-29T09:00:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/v1/tenants/tenant-b/workspaces/secret-team/export")).StatusCode);
    }
}
