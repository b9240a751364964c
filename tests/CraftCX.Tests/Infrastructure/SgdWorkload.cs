using System.Text.Json;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Bot-handled conversations from the SGD sample (CC BY-SA 4.0, see Data/sgd/NOTICE.md): the user is the customer, the system a bot.</summary>
public static class SgdWorkload
{
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Data", "sgd", "sgd_sample.json");

    /// <summary>One dialogue as the sample holds it.</summary>
    public sealed record Dialogue(string DialogueId, string Domain, string Service, string[][] Turns);

    public static IReadOnlyList<Dialogue> Load() =>
        JsonSerializer.Deserialize<List<Dialogue>>(File.ReadAllText(SamplePath), new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;

    /// <summary>Started (with the customer), one message per turn, closed.</summary>
    public static List<ChatEventDto> Conversation(string tenant, string workspace, string conversation, Dialogue dialogue, CustomerDto customer, DateTimeOffset start)
    {
        var events = new List<ChatEventDto>
        {
            TestEvents.Of("conversation.started", tenant, workspace, conversation, 0, new ChatEventDataDto { Channel = "chat", Customer = customer, Subject = dialogue.Domain }, start),
        };
        for (var i = 0; i < dialogue.Turns.Length; i++)
        {
            var user = dialogue.Turns[i][0] == "user";
            events.Add(TestEvents.Message(tenant, workspace, conversation, i + 1, user ? "customer" : "bot", user ? customer.Id : "assistant", dialogue.Turns[i][1], start.AddSeconds(5 * (i + 1))));
        }

        events.Add(TestEvents.Of("conversation.closed", tenant, workspace, conversation, dialogue.Turns.Length + 1, new ChatEventDataDto { Resolution = "resolved" }, start.AddSeconds(5 * (dialogue.Turns.Length + 2))));
        return events;
    }
}
