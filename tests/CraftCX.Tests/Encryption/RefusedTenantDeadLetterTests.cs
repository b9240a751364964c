using System.Net;
using System.Text;
using Confluent.Kafka;
using CraftCX.Encryption;
using CraftCX.Events;
using CraftCX.Events.Json;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// Events refused because their tenant is suspended or terminated still carry its end users' data: their dead
/// letters are sealed with the tenant's key (which a tenant in wind-down still has), and only the operator opens them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RefusedTenantDeadLetterTests(PostgresServer postgres)
{
    private const string Tenant = "t-paused";
    private const string Email = "noor.haddad@example.com";
    private const string Sentence = "My parcel 77-1904 never came to 12 Rue Verte.";

    [Fact]
    public async Task A_suspended_or_terminated_tenants_refused_events_are_dead_lettered_sealed()
    {
        await using var silo = await RunningSilo.StartOnPostgresAsync(
            await postgres.CreateDatabaseAsync("refused"),
            new Dictionary<string, string?> { ["Ingestion:TenantStatusTtl"] = "00:00:00" });
        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/suspend", new { reason = "unpaid invoice" })).StatusCode);
        await ProduceAsync(silo, "c-suspended");
        var suspended = silo.ReadDeadLetters(2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, suspended.Count);
        Assert.All(suspended, l => Assert.Equal(RejectionCodes.TenantSuspended, DeadLetterReader.Header(l, "craftcx-dlq-reason")));

        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/restore")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/terminate", new { reason = "contract ended" })).StatusCode);
        await ProduceAsync(silo, "c-terminated");
        var all = silo.ReadDeadLetters(4, TimeSpan.FromSeconds(30));
        Assert.Equal(4, all.Count);
        var terminated = all.Where(l => DeadLetterReader.Header(l, "craftcx-dlq-reason") == RejectionCodes.TenantTerminated).ToList();
        Assert.Equal(2, terminated.Count);

        foreach (var letter in all)
        {
            Assert.Equal(Tenant, DeadLetterReader.Header(letter, DeadLetterSealing.SealedForHeader));
            Assert.True(letter.Message.Value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Email)) < 0, "the email is sealed");
            Assert.True(letter.Message.Value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Sentence)) < 0, "the sentence is sealed");
        }

        // The operator opens them to the bytes that came in, during the wind-down too.
        var opened = new List<string>();
        foreach (var letter in all)
        {
            using var open = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/tenants/{Tenant}/dead-letters/open") { Content = new ByteArrayContent(letter.Message.Value) };
            open.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
            var response = await silo.Http.SendAsync(open);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            opened.Add(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
        }

        Assert.Equal(2, opened.Count(o => o.Contains(Email, StringComparison.Ordinal)));
        Assert.Equal(2, opened.Count(o => o.Contains(Sentence, StringComparison.Ordinal)));
        Assert.Contains(opened, o => o.Contains("c-suspended", StringComparison.Ordinal));
        Assert.Contains(opened, o => o.Contains("c-terminated", StringComparison.Ordinal));
    }

    // Straight to the topic, as a customer's producer would: the HTTP route refuses a suspended tenant with 403 itself.
    private static async Task ProduceAsync(RunningSilo silo, string conversation)
    {
        var events = new[]
        {
            TestEvents.Of("conversation.started", Tenant, "floor", conversation, 0, new ChatEventDataDto { Channel = "chat", Customer = new CustomerDto { Id = "noor-h", Email = Email } }),
            TestEvents.Message(Tenant, "floor", conversation, 1, "customer", "noor-h", Sentence),
        };
        var kafka = silo.App.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = silo.App.Services.GetRequiredService<KafkaBootstrap>().BootstrapServers }).Build();
        foreach (var e in events)
        {
            await producer.ProduceAsync(kafka.Topic, new Message<byte[]?, byte[]> { Key = TestEvents.KeyBytes(e), Value = TestEvents.Json(e) });
        }
    }
}
