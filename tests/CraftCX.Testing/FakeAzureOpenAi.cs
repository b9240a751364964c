using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CraftCX.Testing;

/// <summary>
/// A local HTTP fake of Azure OpenAI's chat-completions route (POST /openai/deployments/{d}/chat/completions),
/// for the real client library over real HTTP. It records every request and answers from a script; without a
/// script it answers a valid assessment built from the request itself (criteria from the schema, evidence from
/// the transcript's aliases).
/// </summary>
public sealed partial class FakeAzureOpenAi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string About, Func<JsonElement, IResult> Answer)> _script = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private FakeAzureOpenAi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Score every criterion gets in the default answer, and the confidence it claims.</summary>
    public int DefaultScore { get; set; } = 42;

    public double DefaultConfidence { get; set; } = 0.9;

    /// <summary>How long every answer waits before it is sent.</summary>
    public TimeSpan Delay { get; set; }

    public sealed record RecordedRequest(string Path, string? ApiVersion, string? ApiKey, JsonElement Body, TimeSpan At);

    public static async Task<FakeAzureOpenAi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAzureOpenAi(app);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (Delegate)fake.HandleAsync);
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return fake;
    }

    /// <summary>
    /// Answers the next requests whose messages contain <paramref name="about"/> with these, in order, then
    /// returns to the default answer. Keyed so that retries of other conversations never take them.
    /// </summary>
    public void Enqueue(string about, params Func<JsonElement, IResult>[] answers)
    {
        lock (_script)
        {
            _script.AddRange(answers.Select(a => (about, a)));
        }
    }

    public IResult Valid(JsonElement request) => Completion(GoodAssessment(request, DefaultScore, DefaultConfidence).ToJsonString());

    public static IResult Content(string content) => Completion(content);

    public static IResult Status(int status, int? retryAfterSeconds = null) => new StatusAnswer(status, retryAfterSeconds);

    /// <summary>Waits, then answers: for timeouts, and for holding answers back while the pipeline runs.</summary>
    public static IResult After(Task wait, IResult answer) => new DelayedAnswer(wait, answer);

    public static JsonObject GoodAssessment(JsonElement request, int score, double confidence)
    {
        var schema = request.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema");
        var ids = schema.GetProperty("properties").GetProperty("criteria").GetProperty("items").GetProperty("properties").GetProperty("id").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        var user = request.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;
        var aliases = Alias().Matches(user).Select(m => m.Groups[1].Value).ToList();
        JsonObject Scored(string value, double c) => new() { ["value"] = value, ["confidence"] = c };
        return new JsonObject
        {
            ["criteria"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["score"] = score,
                ["confidence"] = confidence,
                ["explanation"] = $"The fake judged {id}.",
                ["evidence"] = new JsonArray(aliases.Take(1).Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            }).ToArray()),
            ["summary"] = Scored("The customer asked for help and the agent answered.", 0.8),
            ["classifications"] = new JsonObject
            {
                ["topic"] = Scored("returns", 0.7),
                ["intent"] = Scored("return an item", 0.7),
                ["resolutionStatus"] = Scored("resolved", 0.9),
                ["escalationRisk"] = Scored("low", 0.8),
                ["customerEffort"] = Scored("medium", 0.6),
            },
            ["recommendations"] = new JsonArray(Scored("Confirm the next step in writing.", 0.6)),
        };
    }

    private static IResult Completion(string content) => Results.Json(new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = 1764400000,
        ["model"] = "gpt-4o-2024-08-06",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 900, ["completion_tokens"] = 300, ["total_tokens"] = 1200 },
    });

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        Requests.Enqueue(new RecordedRequest(
            context.Request.Path,
            context.Request.Query["api-version"],
            context.Request.Headers["api-key"],
            body,
            _clock.Elapsed));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        return Scripted(body) is { } answer ? answer(body) : Valid(body);
    }

    private Func<JsonElement, IResult>? Scripted(JsonElement body)
    {
        var text = string.Join('\n', body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").ToString()));
        lock (_script)
        {
            var index = _script.FindIndex(e => text.Contains(e.About, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var answer = _script[index].Answer;
            _script.RemoveAt(index);
            return answer;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex(@"\[(m\d+)\]")]
    private static partial Regex Alias();

    private sealed class DelayedAnswer(Task wait, IResult answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await wait.WaitAsync(httpContext.RequestAborted);
            await answer.ExecuteAsync(httpContext);
        }
    }

    private sealed class StatusAnswer(int status, int? retryAfterSeconds) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (retryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await httpContext.Response.WriteAsJsonAsync(new { error = new { code = status.ToString(System.Globalization.CultureInfo.InvariantCulture), message = "fake error" } });
        }
    }
}
