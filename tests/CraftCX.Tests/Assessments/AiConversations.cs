using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Assessments;

/// <summary>Conversations posted over the API for the AI tests, each tagged so that the fake knows which one a request is about.</summary>
public static class AiConversations
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static bool Assessed(JsonElement snapshot) =>
        snapshot.ValueKind == JsonValueKind.Object && snapshot.TryGetProperty("ai", out var a) && a.ValueKind == JsonValueKind.Object && a.GetProperty("latest").ValueKind == JsonValueKind.Object;

    public static async Task<JsonElement> SnapshotAsync(HttpClient client, string tenant, string conversation)
    {
        var response = await client.GetAsync($"/v1/tenants/{tenant}/conversations/{conversation}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    public static async Task PostEventsAsync(HttpClient client, params ChatEventDto[] events)
    {
        var body = "[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(TestEvents.Json(e)))) + "]";
        var response = await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task PostConversationAsync(HttpClient client, string tenant, string conversation, bool close, string path = "/v1/events")
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var started = TestEvents.Of("conversation.started", tenant, "floor", conversation, 0, new ChatEventDataDto
        {
            Channel = "chat",
            Customer = new CustomerDto { Id = "cminh730", Email = "cminh730@email.com", Phone = "(977) 625-2661", Name = "Crystal Minh" },
        }, start);
        var events = new List<ChatEventDto>
        {
            started,
            TestEvents.Message(tenant, "floor", conversation, 1, "agent", "ana", "Hi! Welcome, how can I help you today?", start.AddSeconds(10)),
            TestEvents.Message(tenant, "floor", conversation, 2, "customer", "cminh730", "Hi, I'm Crystal Minh, email cminh730@email.com, phone (977) 625-2661. I want to return jeans, card 4111 1111 1111 1111.", start.AddSeconds(20)),
            TestEvents.Message(tenant, "floor", conversation, 3, "agent", "ana", "Thanks Crystal, I have started the return for you.", start.AddSeconds(40)),
            TestEvents.Message(tenant, "floor", conversation, 4, "customer", "cminh730", $"Great, thank you, that works! Ticket {Marker(tenant, conversation)}.", start.AddSeconds(60)),
        };
        if (close)
        {
            events.Add(TestEvents.Of("conversation.closed", tenant, "floor", conversation, 5, new ChatEventDataDto { Resolution = "resolved" }, start.AddSeconds(70)));
        }

        await TestEvents.PostAsync(client, path, [.. events]);
    }

    // A tag in the transcript that tells which conversation a recorded request was about.
    public static string Marker(string tenant, string conversation) => $"T-{tenant}-{conversation}";

    public static Task<JsonElement> WaitForAsync(HttpClient client, string tenant, string conversation, Func<JsonElement, bool> done) =>
        Eventually.ReturnsAsync(
            () => SnapshotAsync(client, tenant, conversation),
            s => s.ValueKind == JsonValueKind.Object && done(s),
            Patience,
            $"conversation {conversation}");
}
