using System.Text;
using System.Text.Json;
using CraftCX.Api.Connectors.Imports;
using CraftCX.Connectors;

namespace CraftCX.Tests.Connectors;

/// <summary>Export files as records, in file order, and each record through its connector's mapping.</summary>
[Trait("Category", "Unit")]
public sealed class ImportRecordReaderTests
{
    private static readonly ConnectorMapping Mapping = new("general", new Dictionary<string, string> { ["5234"] = "shipping" }, null, null);

    [Fact]
    public async Task An_Intercom_conversation_list_page_is_read_as_its_conversations_and_mapped_like_the_webhooks()
    {
        var times = IntercomWebhookMapperTests.Times(DateTimeOffset.UtcNow.AddDays(-3));
        string Item(string fixture, string conversation) =>
            JsonDocument.Parse(HelpdeskFixtures.Intercom(fixture, conversation, times)).RootElement.GetProperty("data").GetProperty("item").GetRawText();
        var page = $"{{\"type\":\"conversation.list\",\"pages\":{{\"type\":\"pages\",\"page\":1,\"per_page\":20,\"total_pages\":1}},\"total_count\":2,\"conversations\":[{Item("admin-closed", "101")},{Item("admin-replied", "102")}]}}";

        var records = await ReadAsync(page);
        Assert.Equal(["101", "102"], records.Select(r => r.Value.GetProperty("id").GetString()));

        var closed = ImportRecordMapper.Map(records[0], ConnectorType.Intercom, "t", Mapping);
        Assert.Null(closed.Failure);
        Assert.Contains(closed.Events, e => e.Type == "conversation.closed" && e.Conversation == "ic-101" && e.Id!.StartsWith("ic-p-", StringComparison.Ordinal));
        Assert.All(closed.Events, e => Assert.Equal("shipping", e.Workspace));
        var replied = ImportRecordMapper.Map(records[1], ConnectorType.Intercom, "t", Mapping);
        Assert.Contains(replied.Events, e => e.Type == "conversation.tagged" && e.Data!.Tags!.SequenceEqual(["delivery"]));

        // A record of another kind is refused with the reason, not guessed at.
        var ticket = (await ReadAsync("{\"type\":\"ticket\",\"id\":\"7\"}"))[0];
        Assert.Contains("not an Intercom conversation", ImportRecordMapper.Map(ticket, ConnectorType.Intercom, "t", Mapping).Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zendesk_pages_arrays_and_NDJSON_are_read_in_file_order_with_the_roles_a_page_sideloads()
    {
        var comment = "{\"id\":11,\"author_id\":77,\"body\":\"Hello\",\"public\":true,\"created_at\":\"2026-10-01T10:01:00Z\"}";
        var page = "{\"tickets\":[{\"id\":1,\"created_at\":\"2026-10-01T10:00:00Z\",\"requester_id\":5,\"status\":\"open\",\"comments\":[" + comment + "]}],"
            + "\"users\":[{\"id\":77,\"role\":\"end-user\"}],\"end_of_stream\":true}";
        var file = page + "\n[{\"id\":2,\"created_at\":\"2026-10-02T10:00:00Z\",\"comments\":[" + comment.Replace("\"id\":11", "\"id\":12", StringComparison.Ordinal) + "]}]\n{\"id\":3,\"created_at\":\"2026-10-03T10:00:00Z\"}\n";

        var records = await ReadAsync(file);
        Assert.Equal([1, 2, 3], records.Select(r => r.Value.GetProperty("id").GetInt32()));

        // User 77 is no requester: an end-user by the page's roles, staff where no roles came with the record.
        var first = ImportRecordMapper.Map(records[0], ConnectorType.Zendesk, "t", Mapping);
        Assert.Equal("customer", first.Events.Single(e => e.Type == "message.created").Data!.Author!.Role);
        var second = ImportRecordMapper.Map(records[1], ConnectorType.Zendesk, "t", Mapping);
        Assert.Equal("agent", second.Events.Single(e => e.Type == "message.created").Data!.Author!.Role);
        Assert.Equal(["conversation.started"], ImportRecordMapper.Map(records[2], ConnectorType.Zendesk, "t", Mapping).Events.Select(e => e.Type));
    }

    [Fact]
    public async Task A_file_that_stops_being_JSON_throws_after_the_records_before_it()
    {
        var read = new List<int>();
        await Assert.ThrowsAnyAsync<JsonException>(async () =>
        {
            await foreach (var record in ImportRecordReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("{\"id\":1}\n{\"id\":2}\n{\"id\":3,\n")), CancellationToken.None))
            {
                read.Add(record.Value.GetProperty("id").GetInt32());
            }
        });
        Assert.Equal([1, 2], read);
    }

    private static async Task<List<ImportRecord>> ReadAsync(string text)
    {
        var records = new List<ImportRecord>();
        await foreach (var record in ImportRecordReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }
}
