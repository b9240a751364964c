using System.Text;
using CraftCX.Api.Ingestion;
using CraftCX.Events;

namespace CraftCX.Tests.Api;

[Trait("Category", "Unit")]
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

    [Fact]
    public void Parsing_stops_one_event_past_the_limit_in_both_formats()
    {
        var array = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", 10)) + ", {\"never read");
        Assert.Equal(4, _parser.Parse(array, ndjson: false, maxEvents: 3).Count);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => _parser.Parse(array, ndjson: false, maxEvents: 100));

        var lines = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Repeat("{}", 10)));
        Assert.Equal(4, _parser.Parse(lines, ndjson: true, maxEvents: 3).Count);
        Assert.Equal(10, _parser.Parse(lines, ndjson: true).Count);
    }

    [Fact]
    public void Array_elements_are_the_original_bytes_whatever_the_spacing()
    {
        var items = _parser.Parse(Encoding.UTF8.GetBytes("[\n  {\"a\": [1, 2]} ,\"s\",  3 ]  \n"), ndjson: false);
        Assert.Equal(["{\"a\": [1, 2]}", "\"s\"", "3"], items.Select(i => Encoding.UTF8.GetString(i.Json.Span)));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => _parser.Parse(Encoding.UTF8.GetBytes("[{}] trailing"), ndjson: false));
    }
}
