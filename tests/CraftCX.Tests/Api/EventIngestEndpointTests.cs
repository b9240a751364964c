using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Events;

namespace CraftCX.Tests.Api;

/// <summary>POST /v1/events over real HTTP: validation per event, then the same Kafka path as any producer.</summary>
public sealed class EventIngestEndpointTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private static StringContent Json(string body, string mediaType = "application/json") => new(body, Encoding.UTF8, mediaType);

    private static string Serialize(params object[] items) => "[" + string.Join(",", items.Select(i => i as string ?? Encoding.UTF8.GetString(TestEvents.Json((CraftCX.Events.Json.ChatEventDto)i)))) + "]";

    [Fact]
    public async Task A_mixed_array_is_accepted_with_a_reason_per_rejected_event_and_the_valid_ones_get_scored()
    {
        var body = Serialize(
            TestEvents.Message("t-http", "support", "c-1", 1, "customer", "u1", "Hi, my parcel is late"),
            "{\"id\":\"x\",\"type\":\"message.exploded\",\"version\":1}",
            TestEvents.Message("t-http", "support", "c-1", 2, "agent", "ana", "Hello! I'm sorry, it has been shipped today."),
            "42");

        var response = await host.Http.PostAsync("/v1/events", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(2, result.GetProperty("rejected").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(1, errors[0].GetProperty("index").GetInt32());
        Assert.Equal("x", errors[0].GetProperty("id").GetString());
        Assert.Equal(RejectionCodes.UnknownType, errors[0].GetProperty("code").GetString());
        Assert.Equal(3, errors[1].GetProperty("index").GetInt32());
        Assert.Equal(RejectionCodes.MalformedJson, errors[1].GetProperty("code").GetString());

        // The two events may reach the grain in two batches: the conversation exists after the first.
        var snapshot = await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await host.Http.GetAsync("/v1/tenants/t-http/conversations/c-1");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("lastSequence").GetInt64() >= 2,
            TimeSpan.FromSeconds(30),
            "both valid events to be scored");
        Assert.Equal(2, snapshot.GetProperty("lastSequence").GetInt64());
        Assert.Equal(100, snapshot.GetProperty("score").GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "greeting").GetProperty("score").GetInt32());
        Assert.Equal("human", snapshot.GetProperty("labels").GetProperty("handledBy").GetString());
        Assert.False(snapshot.TryGetProperty("transcript", out var transcript) && transcript.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task Ndjson_is_judged_line_by_line()
    {
        var lines = string.Join("\n",
            Encoding.UTF8.GetString(TestEvents.Json(TestEvents.Message("t-http", "support", "c-nd", 1, "customer", "u1", "Hello"))),
            "{\"id\": broken",
            "",
            Encoding.UTF8.GetString(TestEvents.Json(TestEvents.Message("t-http", "support", "c-nd", 2, "agent", "ana", "Hi! How can I help?"))));
        var response = await host.Http.PostAsync("/v1/events", Json(lines, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("errors")[0].GetProperty("index").GetInt32());
        await Eventually.ReturnsAsync(
            async () => (await host.Http.GetAsync("/v1/tenants/t-http/conversations/c-nd?transcript=true")).StatusCode,
            s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "the NDJSON conversation");
    }

    [Fact]
    public async Task A_request_whose_events_are_all_invalid_is_a_bad_request_with_the_reasons()
    {
        var response = await host.Http.PostAsync("/v1/events", Json("[{\"type\":\"message.created\"}]"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, result.GetProperty("accepted").GetInt32());
        Assert.Equal(RejectionCodes.MissingField, result.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_malformed_array_is_a_problem_details_400()
    {
        var response = await host.Http.PostAsync("/v1/events", Json("[{\"id\": 1,"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Limits_on_size_count_and_media_type_answer_with_problem_details()
    {
        var tooBig = await host.Http.PostAsync("/v1/events", Json("[" + new string(' ', 300 * 1024) + "]"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);

        var many = "[" + string.Join(",", Enumerable.Repeat("{}", 101)) + "]";
        var tooMany = await host.Http.PostAsync("/v1/events", Json(many));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);

        var xml = new StringContent("<event/>", Encoding.UTF8);
        xml.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var wrongType = await host.Http.PostAsync("/v1/events", xml);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);

        var empty = await host.Http.PostAsync("/v1/events", Json(""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task A_count_over_the_limit_is_refused_while_parsing_before_the_rest_is_read()
    {
        // 101 events then a broken tail: a parser that read the whole body first would answer 400 for the tail.
        var overLimit = "[" + string.Join(",", Enumerable.Repeat("{}", 101)) + ", {\"broken";
        var response = await host.Http.PostAsync("/v1/events", Json(overLimit));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("more than 100 events", problem.GetProperty("detail").GetString());

        var ndjson = string.Join("\n", Enumerable.Repeat("{}", 101)) + "\n{\"broken";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.Http.PostAsync("/v1/events", Json(ndjson, "application/x-ndjson"))).StatusCode);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(" \r\n\t \n")]
    public async Task A_whitespace_only_body_is_a_bad_request_not_a_forbidden_one(string body)
    {
        var response = await host.Http.PostAsync("/v1/events", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("conversation")]
    [InlineData("workspace")]
    [InlineData("type")]
    public async Task A_lone_surrogate_escape_in_any_field_is_a_clear_400(string field)
    {
        var valid = Encoding.UTF8.GetString(TestEvents.Json(TestEvents.Message("t-http", "support", "c-sur", 1, "customer", "u1", "Hi")));
        var raw = valid.Replace($"\"{field}\":\"", $"\"{field}\":\"\\ud800x", StringComparison.Ordinal);
        Assert.NotEqual(valid, raw);
        foreach (var (body, type) in new[] { ("[" + raw + "]", "application/json"), (raw, "application/x-ndjson") })
        {
            var response = await host.Http.PostAsync("/v1/events", Json(body, type));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>();
            var error = result.GetProperty("errors")[0];
            Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
        }
    }
}
