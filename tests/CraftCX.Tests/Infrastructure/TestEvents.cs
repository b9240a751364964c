using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Contract v1 events for tests, as DTOs and as the JSON bytes a producer would send.</summary>
public static class TestEvents
{
    public static ChatEventDto Message(string tenant, string workspace, string conversation, long sequence, string role, string? authorId, string text, DateTimeOffset? at = null) =>
        Of("message.created", tenant, workspace, conversation, sequence, new ChatEventDataDto
        {
            MessageId = $"{conversation}-m{sequence}",
            Author = new ParticipantDto { Role = role, Id = authorId },
            Text = text,
        }, at);

    public static ChatEventDto Of(string type, string tenant, string workspace, string conversation, long sequence, ChatEventDataDto? data = null, DateTimeOffset? at = null) => new()
    {
        Id = $"{conversation}-e{sequence}",
        Type = type,
        Version = 1,
        Tenant = tenant,
        Workspace = workspace,
        Conversation = conversation,
        OccurredAt = at ?? DateTimeOffset.UtcNow.AddMinutes(-1),
        Sequence = sequence,
        Data = data ?? new ChatEventDataDto(),
    };

    public static byte[] Json(ChatEventDto dto) => JsonSerializer.SerializeToUtf8Bytes(dto, ChatEventJsonContext.Default.ChatEventDto);

    public static string Key(ChatEventDto dto) => $"{dto.Tenant}/{dto.Conversation}";

    public static byte[] KeyBytes(ChatEventDto dto) => Encoding.UTF8.GetBytes(Key(dto));

    /// <summary>Rewrites one event's JSON with a string replacement, to make a broken variant.</summary>
    public static byte[] Mangle(ChatEventDto dto, string from, string to) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Json(dto)).Replace(from, to, StringComparison.Ordinal));

    /// <summary>Posts events to the HTTP ingest endpoint as one JSON array and asserts they were accepted.</summary>
    public static Task PostAsync(HttpClient client, params ChatEventDto[] events) => PostAsync(client, "/v1/events", events);

    /// <summary>Posts to an ingest route of its own (e.g. with <c>?import=true</c>), asserting success.</summary>
    public static async Task PostAsync(HttpClient client, string path, params ChatEventDto[] events)
    {
        var body = "[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(Json(e)))) + "]";
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
