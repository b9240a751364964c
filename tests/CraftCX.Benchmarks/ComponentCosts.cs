using System.Diagnostics;
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
    // Each part is timed in rounds and the best round is kept: measured, a state write took 87 us in one pass after
    // a warm pass and 13.7 us as the best of the rounds, so a single timed pass measured the JIT more than the code.
    private const int MinRounds = 5;
    private const int MaxRounds = 200;
    private static readonly TimeSpan MinTiming = TimeSpan.FromSeconds(2);

    public static void Measure(List<ChatEventDto> workload, BenchmarkReport report)
    {
        var bytes = workload.Select(e => JsonSerializer.SerializeToUtf8Bytes(e, ChatEventJsonContext.Default.ChatEventDto)).ToList();
        var keys = workload.Select(e => $"{e.Tenant}/{e.Conversation}").ToList();
        var parser = new ChatEventParser();
        var events = new List<ChatEvent>(bytes.Count);
        var parse = Best(() =>
        {
            events.Clear();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < bytes.Count; i++)
            {
                events.Add(parser.Parse(bytes[i], keys[i]).Event!);
            }

            return watch.Elapsed;
        });

        var processor = new ConversationProcessor(RuleScorer.CreateDefault(), new ConversationOptions());
        var scorecard = CompiledScorecard.Compile(DefaultScorecard.Create());
        var states = new Dictionary<string, ConversationState>(StringComparer.Ordinal);
        var score = Best(() =>
        {
            // Fresh states each round: applied again, the events would be recognised as replays and skipped.
            states.Clear();
            var watch = Stopwatch.StartNew();
            foreach (var e in events)
            {
                if (!states.TryGetValue(e.ConversationKey, out var state))
                {
                    state = new ConversationState();
                    states[e.ConversationKey] = state;
                }

                processor.Apply(state, e.Tenant, e.Conversation, [e], scorecard);
            }

            return watch.Elapsed;
        });

        var contributions = Best(() =>
        {
            var watch = Stopwatch.StartNew();
            var updates = 0;
            foreach (var e in events)
            {
                updates += ConversationProcessor.BuildUpdates(states[e.ConversationKey], e.Tenant, e.Conversation, scorecard, DateTimeOffset.UtcNow).Count;
            }

            GC.KeepAlive(updates);
            return watch.Elapsed;
        });

        var serializer = new ServiceCollection().AddSerializer().AddImmutableArraysWithoutCopies().BuildServiceProvider().GetRequiredService<Serializer>();
        var sample = states.Values.Take(2000).ToList();
        var stateBytes = sample.Sum(state => (long)serializer.SerializeToArray(state).Length);
        var serialize = Best(() => Timed(sample, state => serializer.SerializeToArray(state)));

        // What encryption at rest adds to each state write and read: the seal (HKDF subkey, AES-256-GCM) and the open.
        var key = KeyEncryptionKey.NewDataKey();
        var plain = sample.Select(state => serializer.SerializeToArray(state)).ToList();
        var sealedRows = plain.Select(p => SealedPayload.Seal(key, 1, p, "conversation", "bench/c")).ToList();
        var seal = Best(() => Timed(plain, p => SealedPayload.Seal(key, 1, p, "conversation", "bench/c")));
        var open = Best(() => Timed(sealedRows, row => SealedPayload.Open(key, row, "conversation", "bench/c")));

        // As the storage seals by default (Encryption:CompressBeforeSealing): compressed first, then sealed.
        var compressedRows = plain.Select(p => SealedPayload.Seal(key, 1, p, "conversation", "bench/c", compress: true)).ToList();
        var compressSeal = Best(() => Timed(plain, p => SealedPayload.Seal(key, 1, p, "conversation", "bench/c", compress: true)));
        var openDecompress = Best(() => Timed(compressedRows, row => SealedPayload.Open(key, row, "conversation", "bench/c")));

        // What a GetGrain pays to name its interface: Orleans reads the attributes each time, the silo keeps the answer.
        var services = new ServiceCollection().BuildServiceProvider();
        var lookups = new (string Name, IGrainInterfaceTypeProvider Provider)[] { ("Orleans' attribute lookup", new AttributeGrainInterfaceTypeProvider(services)), ("kept", new CachedGrainInterfaceTypeProvider(services)) };
        var lookupCosts = new List<string>();
        foreach (var (name, provider) in lookups)
        {
            const int Lookups = 200_000;
            var allocated = 0L;
            var lookup = Best(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < Lookups; i++)
                {
                    provider.TryGetGrainInterfaceType(typeof(IConversationGrain), out _);
                }

                var elapsed = watch.Elapsed;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                return elapsed;
            });

            lookupCosts.Add($"{name} {lookup.TotalNanoseconds / Lookups:0} ns and {allocated / Lookups} B");
        }

        report.Add(
            $"component costs (one thread, best of at least {MinRounds} rounds and {MinTiming.TotalSeconds:0} s each): parse {Us(parse, events.Count)} us/event, score {Us(score, events.Count)} us/event, " +
            $"contributions {Us(contributions, events.Count)} us/event, conversation state write {Us(serialize, sample.Count)} us ({stateBytes / sample.Count} B) each; " +
            $"sealing it {Us(seal, sample.Count)} us, opening it {Us(open, sample.Count)} us; compressed then sealed (the default) {Us(compressSeal, sample.Count)} us " +
            $"to {compressedRows.Sum(r => (long)r.Length) / compressedRows.Count} B, opened and decompressed {Us(openDecompress, sample.Count)} us; " +
            $"a grain interface's type per GetGrain: {string.Join(", ", lookupCosts)}");
    }

    /// <summary>The fastest of the rounds, run until both the round count and the time spent are reached.</summary>
    private static TimeSpan Best(Func<TimeSpan> round)
    {
        var best = TimeSpan.MaxValue;
        var spent = Stopwatch.StartNew();
        for (var i = 0; i < MaxRounds && (i < MinRounds || spent.Elapsed < MinTiming); i++)
        {
            var elapsed = round();
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }

    private static TimeSpan Timed<T>(List<T> items, Func<T, object> work)
    {
        var watch = Stopwatch.StartNew();
        foreach (var item in items)
        {
            work(item);
        }

        return watch.Elapsed;
    }

    private static string Us(TimeSpan elapsed, int count) => (elapsed.TotalMicroseconds / count).ToString("0.0");
}
