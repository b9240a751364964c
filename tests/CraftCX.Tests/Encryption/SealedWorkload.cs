using System.Net.Http.Json;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Encryption;

/// <summary>ABCD human-agent conversations and SGD bot dialogues for one tenant, with the personal data they carry.</summary>
internal static class SealedWorkload
{
    public static (List<ChatEventDto> Events, List<string> Needles) Build(string tenant, int abcdConversations, int seed)
    {
        var events = TestWorkload.Build(tenant, conversations: abcdConversations, seed: seed);
        var dialogues = SgdWorkload.Load();
        var at = DateTimeOffset.UtcNow.AddMinutes(-20);
        events.AddRange(SgdWorkload.Conversation(tenant, "bots", "sgd-1", dialogues[0], new CustomerDto { Id = "sgd-cust-1", Email = "ines.okafor@example.net", Phone = "+44 7700 900123", Name = "Ines Okafor" }, at));
        events.AddRange(SgdWorkload.Conversation(tenant, "bots", "sgd-2", dialogues[1], new CustomerDto { Id = "sgd-cust-2", Email = "tomas.lind@example.org", Phone = "(415) 555-0199", Name = "Tomas Lind" }, at));
        // Customer ids are identifiers too (the ABCD ones are usernames).
        var needles = PersonalDataNeedles.Of(events);
        needles.AddRange(events.Select(e => e.Data?.Customer?.Id).OfType<string>().Where(id => id.Length >= 6).Distinct());
        return (events, needles);
    }

    /// <summary>A supervisor's review of one conversation whose comments quote <paramref name="quote"/>.</summary>
    public static async Task ReviewAsync(RunningSilo silo, string tenant, string conversation, string quote, int score)
    {
        using var supervisor = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "supervise", "read"));
        var review = await supervisor.PostAsJsonAsync(
            $"/v1/tenants/{tenant}/conversations/{conversation}/reviews",
            new { reviewerId = "rita", scores = new[] { new { criterionId = "greeting", score, comment = quote } }, comment = quote });
        Assert.Equal(System.Net.HttpStatusCode.Created, review.StatusCode);
    }

    public static async Task IngestAsync(RunningSilo silo, string tenant, IReadOnlyList<ChatEventDto> events, long alreadyCompleted = 0)
    {
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "ingest"));
        foreach (var chunk in events.Chunk(200))
        {
            await TestEvents.PostAsync(ingest, chunk);
        }

        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= alreadyCompleted + events.Count, TimeSpan.FromSeconds(60), "all events applied");

        // Settled too: closed conversations write their state once more when they release their aggregates, and a
        // test that looks at the rows next must not meet that write.
        var open = events.GroupBy(e => e.Conversation).Count(g => g.All(e => e.Type != "conversation.closed"));
        await Eventually.ReturnsAsync(
            () => silo.Grains.GetGrain<CraftCX.Tenants.ITenantGrain>(tenant).GetViewAsync(),
            v => v is null || v.HeldContributions <= open,
            TimeSpan.FromSeconds(60),
            "closed conversations released by the tenant aggregate");
    }
}
