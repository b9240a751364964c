using CraftCX.Conversations;
using CraftCX.Reviews;
using Orleans.Concurrency;

namespace CraftCX.Privacy.EndUsers;

/// <summary>
/// Carries out an end user's request for one tenant: hashes the identifiers, reads their index entries and works
/// through the conversations they list. Holds no state, so any silo can serve any tenant's request.
/// </summary>
[StatelessWorker]
internal sealed class EndUserPrivacyGrain(EndUserKeys keys, TimeProvider time) : Grain, IEndUserPrivacyGrain
{
    // Conversations one request works on at once: bounded, so a prolific end user does not crowd out ingestion.
    private const int Concurrency = 8;

    private string Tenant => this.GetPrimaryKeyString();

    public async Task<EndUserSearchResult> SearchAsync(EndUserQuery query) => (await ReadAsync(query)).Result;

    public async Task<ErasureReceipt> EraseAsync(EndUserQuery query)
    {
        var (entries, result) = await ReadAsync(query);
        if (result.Hold is not null)
        {
            throw new EndUserHeldException();
        }

        if (await GrainFactory.GetGrain<Tenants.ITenantGrain>(Tenant).GetLegalHoldAsync() is not null)
        {
            throw new EndUserHeldException("The tenant is under a legal hold; nothing of its data can be erased until it is lifted.");
        }

        if (result.Ambiguous.Count > 0)
        {
            throw new EndUserHeldException(Ambiguity(result.Ambiguous));
        }

        // Each conversation leaves every entry it joined, and each entry remembers the erasure.
        var erasures = await ForEachAsync(result.Conversations.Select(m => m.Conversation), c => Conversation(c).EraseEndUserAsync());
        return new ErasureReceipt(
            Guid.NewGuid().ToString("N"),
            time.GetUtcNow(),
            entries.Select(e => e.Kind).ToArray(),
            erasures,
            erasures.Count(e => e.Outcome == ConversationErasure.Erased),
            erasures.Count(e => e.Outcome == ConversationErasure.Held));
    }

    public async Task<EndUserSearchResult> SetRestrictionAsync(EndUserQuery query, EndUserRestriction? restriction)
    {
        if (restriction is not null)
        {
            await RefuseAmbiguousAsync(query);
        }

        await Task.WhenAll(keys.Of(Tenant, query).Select(k => Entry(k.Key).SetRestrictionAsync(k.Key, restriction)));
        return await SearchAsync(query);
    }

    public async Task<EndUserSearchResult> SetHoldAsync(EndUserQuery query, LegalHold? hold)
    {
        if (hold is not null)
        {
            await RefuseAmbiguousAsync(query);
        }

        await Task.WhenAll(keys.Of(Tenant, query).Select(k => Entry(k.Key).SetHoldAsync(k.Key, hold)));
        return await SearchAsync(query);
    }

    // A control by an identifier that is not one person's would reach everyone who shares it; lifting one stays allowed.
    private async Task RefuseAmbiguousAsync(EndUserQuery query)
    {
        if ((await SearchAsync(query)).Ambiguous is { Count: > 0 } ambiguous)
        {
            throw new EndUserHeldException(Ambiguity(ambiguous));
        }
    }

    private static string Ambiguity(IReadOnlyList<string> kinds) =>
        $"The {string.Join(" and ", kinds)} given is shared by more than {EndUserIndexState.MaxConversations} conversations (a placeholder such as a no-reply address?): name the end user by another identifier.";

    public async Task<VerificationReport> VerifyAsync(PersonalDataProbe probe)
    {
        var (entries, result) = await ReadAsync(probe.Identifiers);
        var findings = new List<PersonalDataFinding>();
        foreach (var match in result.Conversations)
        {
            findings.Add(new PersonalDataFinding("index", match.Conversation, string.Join(',', match.MatchedBy)));
        }

        var matcher = new PersonalDataMatcher(probe);
        var visited = result.Conversations.Select(m => m.Conversation).Concat(result.Erased).Distinct(StringComparer.Ordinal).ToArray();
        var perConversation = await ForEachAsync(visited, async c =>
        {
            var data = await Conversation(c).GetPersonalDataAsync();
            var reviews = await GrainFactory.GetGrain<IConversationReviewsGrain>(GrainKeys.Compose(Tenant, c)).GetAsync();
            return (Findings: PersonalDataSearch.Find(matcher, c, data, reviews), Reviews: reviews?.Reviews.Length ?? 0);
        });
        findings.AddRange(perConversation.SelectMany(p => p.Findings));
        return new VerificationReport(entries.Count, visited.Length, perConversation.Sum(p => p.Reviews), findings);
    }

    private async Task<(IReadOnlyList<(string Kind, string Key)> Entries, EndUserSearchResult Result)> ReadAsync(EndUserQuery query)
    {
        var entries = keys.Of(Tenant, query);
        var read = await Task.WhenAll(entries.Select(e => Entry(e.Key).GetAsync(e.Key)));
        var matches = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var conversation in read[i].Conversations)
            {
                if (!matches.TryGetValue(conversation, out var kinds))
                {
                    matches[conversation] = kinds = [];
                }

                kinds.Add(entries[i].Kind);
            }
        }

        var result = new EndUserSearchResult(
            matches.Select(m => new EndUserMatch(m.Key, m.Value)).ToArray(),
            read.Select(r => r.Restriction).FirstOrDefault(r => r is not null),
            read.Select(r => r.Hold).FirstOrDefault(h => h is not null),
            read.SelectMany(r => r.Erased).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray())
        {
            Ambiguous = entries.Where((_, i) => read[i].Overflowed).Select(e => e.Kind).ToArray(),
        };
        return (entries, result);
    }

    private static async Task<T[]> ForEachAsync<T>(IEnumerable<string> conversations, Func<string, Task<T>> work)
    {
        var results = new List<T>();
        foreach (var batch in conversations.Chunk(Concurrency))
        {
            results.AddRange(await Task.WhenAll(batch.Select(work)));
        }

        return results.ToArray();
    }

    private IConversationGrain Conversation(string conversation) => GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, conversation));

    private IEndUserIndexGrain Entry(string key) => GrainFactory.GetGrain<IEndUserIndexGrain>(EndUserKeys.ShardOf(key));
}
