using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Events;
using CraftCX.Events.Json;
using CraftCX.Scoring;
using CraftCX.Serialization;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CraftCX.Benchmarks;

/// <summary>Single-threaded cost of the pipeline's pure parts, to see where the time per event goes.</summary>
internal static class ComponentCosts
{
    public static void Measure(List<ChatEventDto> workload, BenchmarkReport report)
    {
        var bytes = workload.Select(e => JsonSerializer.SerializeToUtf8Bytes(e, ChatEventJsonContext.Default.ChatEventDto)).ToList();
        var keys = workload.Select(e => $"{e.Tenant}/{e.Conversation}").ToList();
        var parser = new ChatEventParser();
        var events = new List<ChatEvent>(bytes.Count);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < bytes.Count; i++)
        {
            events.Add(parser.Parse(bytes[i], keys[i]).Event!);
        }

        var parse = watch.Elapsed;
        var processor = new ConversationProcessor(RuleScorer.CreateDefault(), new ConversationOptions());
        var scorecard = CompiledScorecard.Compile(DefaultScorecard.Create());
        var states = new Dictionary<string, ConversationState>(StringComparer.Ordinal);
        watch.Restart();
        foreach (var e in events)
        {
            if (!states.TryGetValue(e.ConversationKey, out var state))
            {
                state = new ConversationState();
                states[e.ConversationKey] = state;
            }

            processor.Apply(state, e.Tenant, e.Conversation, [e], scorecard);
        }

        var score = watch.Elapsed;
        watch.Restart();
        var updates = 0;
        foreach (var e in events)
        {
            updates += ConversationProcessor.BuildUpdates(states[e.ConversationKey], e.Tenant, e.Conversation, scorecard, DateTimeOffset.UtcNow).Count;
        }

        var contributions = watch.Elapsed;
        var serializer = new ServiceCollection().AddSerializer().AddImmutableArraysWithoutCopies().BuildServiceProvider().GetRequiredService<Serializer>();
        var sample = states.Values.Take(2000).ToList();
        foreach (var state in sample)
        {
            serializer.SerializeToArray(state);
        }

        watch.Restart();
        long stateBytes = 0;
        foreach (var state in sample)
        {
            stateBytes += serializer.SerializeToArray(state).Length;
        }

        var serialize = watch.Elapsed;

        // What encryption at rest adds to each state write and read: the seal (HKDF subkey, AES-256-GCM) and the open.
        var key = KeyEncryptionKey.NewDataKey();
        var plain = sample.Select(state => serializer.SerializeToArray(state)).ToList();
        var sealedRows = plain.Select(p => SealedPayload.Seal(key, 1, p, "conversation", "bench/c")).ToList();
        watch.Restart();
        foreach (var p in plain)
        {
            SealedPayload.Seal(key, 1, p, "conversation", "bench/c");
        }

        var seal = watch.Elapsed;
        watch.Restart();
        foreach (var row in sealedRows)
        {
            SealedPayload.Open(key, row, "conversation", "bench/c");
        }

        var open = watch.Elapsed;

        // As the storage seals by default (Encryption:CompressBeforeSealing): compressed first, then sealed.
        var compressedRows = plain.Select(p => SealedPayload.Seal(key, 1, p, "conversation", "bench/c", compress: true)).ToList();
        watch.Restart();
        foreach (var p in plain)
        {
            SealedPayload.Seal(key, 1, p, "conversation", "bench/c", compress: true);
        }

        var compressSeal = watch.Elapsed;
        watch.Restart();
        foreach (var row in compressedRows)
        {
            SealedPayload.Open(key, row, "conversation", "bench/c");
        }

        var openDecompress = watch.Elapsed;

        // What a GetGrain pays to name its interface: Orleans reads the attributes each time, the silo keeps the answer.
        var services = new ServiceCollection().BuildServiceProvider();
        var lookups = new (string Name, IGrainInterfaceTypeProvider Provider)[] { ("Orleans' attribute lookup", new AttributeGrainInterfaceTypeProvider(services)), ("kept", new CachedGrainInterfaceTypeProvider(services)) };
        var lookupCosts = new List<string>();
        foreach (var (name, provider) in lookups)
        {
            const int Lookups = 200_000;
            provider.TryGetGrainInterfaceType(typeof(IConversationGrain), out _);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            for (var i = 0; i < Lookups; i++)
            {
                provider.TryGetGrainInterfaceType(typeof(IConversationGrain), out _);
            }

            lookupCosts.Add($"{name} {watch.Elapsed.TotalNanoseconds / Lookups:0} ns and {(GC.GetAllocatedBytesForCurrentThread() - allocated) / Lookups} B");
        }

        report.Add(
            $"component costs (one thread): parse {Us(parse, events.Count)} us/event, score {Us(score, events.Count)} us/event, " +
            $"contributions {Us(contributions, events.Count)} us/event, conversation state write {Us(serialize, sample.Count)} us ({stateBytes / sample.Count} B) each; " +
            $"sealing it {Us(seal, sample.Count)} us, opening it {Us(open, sample.Count)} us; compressed then sealed (the default) {Us(compressSeal, sample.Count)} us " +
            $"to {compressedRows.Sum(r => (long)r.Length) / compressedRows.Count} B, opened and decompressed {Us(openDecompress, sample.Count)} us; " +
            $"a grain interface's type per GetGrain: {string.Join(", ", lookupCosts)}");
    }

    private static string Us(TimeSpan elapsed, int count) => (elapsed.TotalMicroseconds / count).ToString("0.0");
}
