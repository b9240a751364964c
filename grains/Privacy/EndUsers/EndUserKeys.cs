using System.Security.Cryptography;
using System.Text;
using CraftCX.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Privacy.EndUsers;

/// <summary>
/// The end-user index's keys: HMAC-SHA256 of tenant, kind and normal form under <c>Privacy:IndexKey</c>, so that
/// the index never holds an identifier, the same person has unrelated keys in two tenants, and nobody without the
/// key can test a guessed email against it.
/// </summary>
internal sealed partial class EndUserKeys
{
    private readonly byte[] _key;

    public EndUserKeys(IOptions<PrivacyOptions> options, ILogger<EndUserKeys> logger)
    {
        if (PrivacyOptions.TryDecodeKey(options.Value.IndexKey, out var key))
        {
            _key = key;
            return;
        }

        // Only Development gets here (the validator refuses elsewhere): fine for the memory default, not for a database.
        _key = RandomNumberGenerator.GetBytes(32);
        LogRandomKey(logger);
    }

    internal EndUserKeys(byte[] key)
    {
        _key = key;
    }

    /// <summary>The index grain key of each identifier of the customer: tenant/hash.</summary>
    public IReadOnlyList<string> Of(string tenant, CustomerRef customer) => EndUserIdentifiers.Of(customer).Select(i => Key(tenant, i.Kind, i.Value)).ToArray();

    /// <summary>Each identifier's kind and index grain key.</summary>
    public IReadOnlyList<(string Kind, string Key)> Of(string tenant, EndUserQuery query) =>
        EndUserIdentifiers.Of(query).Select(i => (i.Kind, Key(tenant, i.Kind, i.Value))).ToArray();

    /// <summary>The index shard that holds an entry: the tenant and the first character of the entry's hash (64 per tenant).</summary>
    public static string ShardOf(string endUser)
    {
        var (tenant, hash) = GrainKeys.Split(endUser);
        return GrainKeys.Compose(tenant, hash[..1]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy:IndexKey is not set: the end-user index uses a random key until this process stops, so entries stored in a database are not found after a restart")]
    private static partial void LogRandomKey(ILogger logger);

    private string Key(string tenant, string kind, string value)
    {
        var input = Encoding.UTF8.GetBytes($"craftcx.end-user.v1\0{tenant}\0{kind}\0{value}");
        var hash = HMACSHA256.HashData(_key, input);
        return GrainKeys.Compose(tenant, Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }
}
