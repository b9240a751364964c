using System.Text;
using CraftCX.Api.Ingestion;
using CraftCX.Events;

namespace CraftCX.Tests.Api;

public sealed class IngestBatchParserTests
{
    private readonly IngestBatchParser _parser = new(new ChatEventParser());

    [Fact]
    public void Array_elements_keep_their_index_and_original_json()
    {
        var valid = Encoding.UTF8.GetString(TestEvents.Json(TestEvents.Message("t", "w", "c", 1, "customer", null, "hi")));
        var items = _parser.Parse(Encoding.UTF8.GetBytes($"[ {valid} , {{\"x\":1}} ]"), ndjson: false);
        Assert.Equal(2, items.Count);
        Assert.True(items[0].Result.IsValid);
        Assert.Equal(valid, Encoding.UTF8.GetString(items[0].Json.Span));
        Assert.Equal(1, items[1].Index);
        Assert.Equal(RejectionCodes.MissingField, items[1].Result.Rejection!.Code);
    }

    [Fact]
    public void A_single_object_body_is_one_event()
    {
        var valid = TestEvents.Json(TestEvents.Message("t", "w", "c", 1, "customer", null, "hi"));
        Assert.False(IngestBatchParser.LooksLikeNdjson("application/json", "  [".Select(c => (byte)c).ToArray()));
        Assert.True(IngestBatchParser.LooksLikeNdjson(null, valid));
        Assert.True(Assert.Single(_parser.Parse(valid, ndjson: true)).Result.IsValid);
    }

    [Fact]
    public void Ndjson_lines_are_numbered_from_zero_and_blank_lines_skipped_and_crlf_tolerated()
    {
        var line = Encoding.UTF8.GetString(TestEvents.Json(TestEvents.Message("t", "w", "c", 1, "customer", null, "hi")));
        var items = _parser.Parse(Encoding.UTF8.GetBytes($"{line}\r\n\r\nnot json\r\n{line}"), ndjson: true);
        Assert.Equal([0, 2, 3], items.Select(i => i.Index));
        Assert.True(items[0].Result.IsValid);
        Assert.Equal(RejectionCodes.MalformedJson, items[1].Result.Rejection!.Code);
        Assert.True(items[2].Result.IsValid);
    }

    [Fact]
    public void A_broken_array_throws_so_the_endpoint_can_answer_400()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => _parser.Parse(Encoding.UTF8.GetBytes("[{\"a\":"), ndjson: false));
    }
}
