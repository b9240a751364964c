using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Events.Json;
using CraftCX.Silo.Ingestion;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CraftCX.Tests.Security;

/// <summary>
/// A seeded fuzz run of more than 10,000 bad events, half through POST /v1/events and half through Kafka, with valid
/// neighbours (each with a duplicate) among them: no 5xx, no unhandled exception, every bad one refused or dead-lettered with a known code,
/// every valid neighbour applied, no partition left behind, and no raw control character in any log line.
/// </summary>
public sealed class BadInputFuzzTests : IAsyncLifetime
{
    private const string Tenant = "fz";
    private const int CasesPerPath = 5200;
    private const int CasesPerRequest = 100;

    private readonly CapturedLogs _logs = new();
    private RunningSilo _silo = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(
            new Dictionary<string, string?>
            {
                ["Kafka:EmbeddedBroker:Partitions"] = "16",

                // The embedded broker keeps 5 MiB per partition: enough partitions that no dead letter is pushed out.
                ["Kafka:EmbeddedBroker:DeadLetterPartitions"] = "16",
                ["Ingestion:Contract:MaxEventBytes"] = "16384",
                ["Api:MaxIngestRequestBytes"] = (4 * 1024 * 1024).ToString(),
                ["Api:RateLimit:PermitsPerSecond"] = "1000",
                ["Api:RateLimit:Burst"] = "1000",
                ["Logging:LogLevel:Default"] = "Information",
            },
            configure: b => b.Logging.AddProvider(_logs));
        _client = _silo.ClientWithKey(await _silo.CreateKeyAsync(Tenant));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_bad_events_over_http_and_kafka_are_each_refused_with_a_code_and_their_neighbours_applied()
    {
        var generator = new BadEventGenerator(seed: 9001, Tenant, hugeBytes: 20 * 1024);
        var neighbours = new List<string>();
        var kinds = new Dictionary<string, int>();

        // HTTP: NDJSON batches, each with a valid two-event conversation at random places among the bad lines.
        var random = new Random(17);
        for (var request = 0; request < CasesPerPath / CasesPerRequest; request++)
        {
            var cases = Enumerable.Range(0, CasesPerRequest).Select(_ => generator.Next()).ToList();
            foreach (var c in cases)
            {
                kinds[c.Kind] = kinds.GetValueOrDefault(c.Kind) + 1;
            }

            var neighbour = $"nb-http-{request}";
            neighbours.Add(neighbour);
            var lines = cases.Select(c => (Case: (BadEventGenerator.Case?)c, Bytes: c.Bytes)).ToList();
            lines.Insert(random.Next(lines.Count / 2), (null, Valid(neighbour, 1)));
            lines.Insert(random.Next(lines.Count / 2, lines.Count), (null, Valid(neighbour, 2)));

            // A duplicate: at-least-once delivery sends the same event again; it is accepted and applied once.
            lines.Add((null, Valid(neighbour, 2)));

            var body = new MemoryStream();
            foreach (var (_, bytes) in lines)
            {
                body.Write(bytes);
                body.WriteByte((byte)'\n');
            }

            var content = new ByteArrayContent(body.ToArray());
            content.Headers.ContentType = new("application/x-ndjson");
            var response = await _client.PostAsync("/v1/events", content);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"request {request}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var result = await response.Content.ReadFromJsonAsync<JsonElement>();
            var errors = result.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32(), e => e.GetProperty("code").GetString()!);
            Assert.Equal(lines.Count, result.GetProperty("accepted").GetInt32() + result.GetProperty("rejected").GetInt32());
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Case is null)
                {
                    Assert.False(errors.ContainsKey(i), $"request {request}: the valid neighbour at line {i} was refused: {errors.GetValueOrDefault(i)}");
                }
                else if (lines[i].Case!.MustBeRejected)
                {
                    Assert.True(errors.TryGetValue(i, out var code), $"request {request}: a {lines[i].Case!.Kind} case at line {i} was accepted");
                    Assert.Contains(code, BadEventGenerator.KnownCodes);
                }
            }
        }

        // Whole bodies that are bad as a whole: a clear 4xx, never a 5xx.
        foreach (var (body, type) in WholeBodies(generator))
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new(type);
            var response = await _client.PostAsync("/v1/events", content);
            Assert.True((int)response.StatusCode is >= 400 and < 500 or 202, $"{type} body of {body.Length} bytes: {(int)response.StatusCode}");
        }

        // Kafka: the same kinds of record, some with no key or a wrong one, and valid neighbours keyed right.
        var stats = _silo.Stats;
        var completedBefore = stats.Completed;
        var duplicatesBefore = stats.Duplicates;
        var deadLetteredBefore = stats.DeadLettered;
        var kafka = _silo.App.Services.GetRequiredService<KafkaBootstrap>().BootstrapServers;
        var topic = _silo.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KafkaOptions>>().Value;
        var produced = 0;
        var mustReject = 0;
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = kafka, LingerMs = 5 }).Build())
        {
            var deliveries = new List<Task>();
            for (var i = 0; i < CasesPerPath; i++)
            {
                var c = generator.Next();
                kinds[c.Kind] = kinds.GetValueOrDefault(c.Kind) + 1;
                mustReject += c.MustBeRejected ? 1 : 0;
                byte[]? key = random.Next(4) switch
                {
                    0 => null,
                    1 => Encoding.UTF8.GetBytes("fz/" + new string('k', random.Next(1, 300))),
                    2 => [0xFF, 0x00, 0x0A, 0xED, 0xA0, 0x80],
                    _ => Encoding.UTF8.GetBytes($"{Tenant}/fz-{i % 500}"),
                };
                deliveries.Add(producer.ProduceAsync(topic.Topic, new Message<byte[]?, byte[]> { Key = key, Value = c.Bytes }));
                if (i % CasesPerRequest == 0)
                {
                    var neighbour = $"nb-kafka-{i / CasesPerRequest}";
                    neighbours.Add(neighbour);
                    foreach (var sequence in new[] { 1L, 2L, 2L })
                    {
                        deliveries.Add(producer.ProduceAsync(topic.Topic, new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes($"{Tenant}/{neighbour}"), Value = Valid(neighbour, sequence) }));
                        produced++;
                    }
                }

                produced++;
            }

            await Task.WhenAll(deliveries);
        }

        Assert.All(BadEventGenerator.Kinds, k => Assert.True(kinds.GetValueOrDefault(k) > 100, $"only {kinds.GetValueOrDefault(k)} cases of {k}"));
        await Eventually.ReturnsAsync(() => stats.Completed - completedBefore, n => n >= produced, TimeSpan.FromSeconds(120), $"{produced} Kafka records completed");
        var deadLettered = stats.DeadLettered - deadLetteredBefore;
        Assert.True(stats.Duplicates - duplicatesBefore >= CasesPerPath / CasesPerRequest, $"{stats.Duplicates - duplicatesBefore} duplicates recognised");
        Assert.True(deadLettered >= mustReject, $"{deadLettered} dead-lettered, {mustReject} must be");
        Assert.All(stats.DeadLetteredByReason.Keys, reason => Assert.Contains(reason, BadEventGenerator.KnownCodes));

        // Every dead letter in the topic says why, with a known code.
        var letters = ReadAll(kafka, topic.DeadLetterTopicName, (int)deadLettered);
        Assert.Equal(deadLettered, letters.Count);
        Assert.All(letters, l => Assert.Contains(Encoding.UTF8.GetString(l.Message.Headers.GetLastBytes(DeadLetterHeaders.Reason)), BadEventGenerator.KnownCodes));

        // Every valid neighbour is applied, and no partition is left uncommitted behind a bad record.
        foreach (var neighbour in neighbours)
        {
            var snapshot = await Eventually.ReturnsAsync(
                () => _client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/{neighbour}"),
                s => s.GetProperty("lastSequence").GetInt64() == 2,
                TimeSpan.FromSeconds(30),
                $"neighbour {neighbour}");
            Assert.Equal(2, snapshot.GetProperty("eventsApplied").GetInt32());
        }

        await Eventually.ReturnsAsync(
            () => ConsumerGroupLag.Measure(kafka, topic.Topic, 16, topic.GroupId),
            lag => lag == 0,
            TimeSpan.FromSeconds(30),
            "the ingestor's commits to reach the end of every partition");

        // No unhandled exception, and nothing from an event reached a log line raw.
        var logged = _logs.Lines;
        Assert.DoesNotContain(logged, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logged, l => l.StartsWith("Error Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Any(ch => ch is '\0' or '\u001b' or '\u0007' or '\u202e' || char.IsSurrogate(ch) && !HasPair(l, ch)));

        // Stronger, over every line that carries no exception: no control or bidirectional character at all (no
        // forged line breaks or reordered text), whatever the events held.
        var messages = logged.Where(l => !l.Contains("   at ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(messages);
        Assert.DoesNotContain(messages, l => l.Any(ch => char.IsControl(ch) || ch is '\u2028' or '\u2029' || ch is >= '\u202a' and <= '\u202e' || ch is >= '\u2066' and <= '\u2069'));

        // Each dead letter is one line naming its record and its event id ("-" when it did not parse).
        var deadLetterLines = messages.Where(l => l.Contains("Dead-lettered ", StringComparison.Ordinal)).ToList();
        Assert.True(deadLetterLines.Count >= mustReject, $"{deadLetterLines.Count} dead-letter lines, {mustReject} records must be dead-lettered");
        Assert.All(deadLetterLines, l => Assert.Matches(@"Dead-lettered [^\s\[]+\[\d+\]@\d+ event \S+: [a-z-]+: ", l));
    }

    private static byte[] Valid(string conversation, long sequence) =>
        TestEvents.Json(TestEvents.Message(Tenant, "fuzz", conversation, sequence, sequence == 1 ? "customer" : "agent", sequence == 1 ? "u1" : "ana", sequence == 1 ? "Hi, where is my order?" : "Hello! It ships today."));

    private static IEnumerable<(byte[] Body, string Type)> WholeBodies(BadEventGenerator generator)
    {
        for (var i = 0; i < 100; i++)
        {
            var bad = generator.Next().Bytes;
            yield return (bad, "application/json");
            yield return ([.. "["u8, .. bad, .. ","u8, .. bad], "application/json");
        }

        yield return ([.. "\uFEFF"u8.ToArray(), .. "[]"u8], "application/json");
        yield return (Encoding.UTF8.GetBytes(new string('[', 5000)), "application/json");
        yield return (Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", 20_000)) + "]"), "application/json");
        yield return ([], "application/json");
        yield return ("   \n\t "u8.ToArray(), "application/x-ndjson");
        yield return ("{}"u8.ToArray(), "text/plain");
    }

    private static List<ConsumeResult<byte[]?, byte[]>> ReadAll(string bootstrap, string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "fuzz-dlq-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var results = new List<ConsumeResult<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }

    private static bool HasPair(string line, char surrogate)
    {
        var i = line.IndexOf(surrogate);
        return char.IsHighSurrogate(surrogate) ? i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]) : i > 0 && char.IsHighSurrogate(line[i - 1]);
    }
}
