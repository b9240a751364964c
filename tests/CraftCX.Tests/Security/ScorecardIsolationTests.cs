using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CraftCX.Tests.Security;

/// <summary>Tenants choose their own scorecard ids: one tenant's scorecard never scores another tenant's conversations.</summary>
public sealed class ScorecardIsolationTests(SiloHostFixture host) : IClassFixture<SiloHostFixture>
{
    [Fact]
    public async Task Two_tenants_with_the_same_scorecard_id_and_version_are_each_scored_with_their_own()
    {
        using var holdout = host.Silo.ClientWithKey(await host.Silo.CreateKeyAsync("holdout"));
        using var demo = host.Silo.ClientWithKey(await host.Silo.CreateKeyAsync("demo"));

        var holdoutCard = new
        {
            id = "qa",
            version = 7,
            criteria = new object[]
            {
                new { id = "greeting", name = "HOLDOUT-ONLY Greeting", kind = "greeting", weight = 1, phrases = new[] { "holdout welcomes you" } },
                new { id = "clarity", name = "HOLDOUT-ONLY Clarity", kind = "clarity", weight = 1 },
            },
            sla = new { firstResponseSeconds = 60, responseSeconds = 120 },
        };
        (await holdout.PutAsJsonAsync("/v1/tenants/holdout/scorecard", holdoutCard)).EnsureSuccessStatusCode();

        // Holdout's scorecard is compiled on this silo first, as it would be on a busy silo.
        await PostAsync(holdout, "holdout", "c-h1");
        await ScoredAsync(holdout, "holdout", "c-h1");

        string[] demoCriteria = ["greet", "care", "clear", "solve", "fast", "polite"];
        var demoCard = new
        {
            id = "qa",
            version = 7,
            criteria = demoCriteria.Zip(new[] { "greeting", "empathy", "clarity", "resolution", "responsiveness", "professionalism" })
                .Select(p => (object)new { id = p.First, name = "Demo " + p.First, kind = p.Second, weight = 1 })
                .ToArray(),
            sla = new { firstResponseSeconds = 60, responseSeconds = 120 },
        };
        var saved = await (await demo.PutAsJsonAsync("/v1/tenants/demo/scorecard", demoCard)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(7, saved.GetProperty("version").GetInt32());

        await PostAsync(demo, "demo", "c-d1");
        var snapshot = await ScoredAsync(demo, "demo", "c-d1");
        var criteria = snapshot.GetProperty("score").GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(demoCriteria, criteria.Select(c => c.GetProperty("id").GetString()));
        Assert.All(criteria, c => Assert.StartsWith("Demo ", c.GetProperty("name").GetString()));
        Assert.DoesNotContain("HOLDOUT", snapshot.GetRawText());

        // And the other way round: holdout keeps its own two criteria.
        await PostAsync(holdout, "holdout", "c-h2");
        var holdoutSnapshot = await ScoredAsync(holdout, "holdout", "c-h2");
        Assert.Equal(["greeting", "clarity"], holdoutSnapshot.GetProperty("score").GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Every_edit_of_a_scorecard_gets_a_new_version_even_when_its_id_changes()
    {
        using var client = host.Silo.ClientWithKey(await host.Silo.CreateKeyAsync("t-versions", "admin", "read"));
        var versions = new List<int>();
        foreach (var id in new[] { "a", "b", "a" })
        {
            var card = new { id, version = 1, criteria = new[] { new { id = "clarity", name = "Clarity", kind = "clarity", weight = 1 } }, sla = new { firstResponseSeconds = 60, responseSeconds = 120 } };
            var saved = await (await client.PutAsJsonAsync("/v1/tenants/t-versions/scorecard", card)).Content.ReadFromJsonAsync<JsonElement>();
            versions.Add(saved.GetProperty("version").GetInt32());
        }

        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.True(versions[0] < versions[1] && versions[1] < versions[2], string.Join(",", versions));
    }

    private static async Task PostAsync(HttpClient client, string tenant, string conversation)
    {
        var events = new[]
        {
            TestEvents.Message(tenant, "support", conversation, 1, "customer", "u1", "Hi, my order is late"),
            TestEvents.Message(tenant, "support", conversation, 2, "agent", "ana", "Hello! I am sorry, I have refunded it."),
        };
        var body = "[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(TestEvents.Json(e)))) + "]";
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
    }

    private static async Task<JsonElement> ScoredAsync(HttpClient client, string tenant, string conversation)
    {
        var response = await Eventually.ReturnsAsync(
            () => client.GetAsync($"/v1/tenants/{tenant}/conversations/{conversation}"),
            r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            $"{tenant}/{conversation} to be scored");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
