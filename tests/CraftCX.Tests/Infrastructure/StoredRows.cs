using System.Text;
using CraftCX.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// The raw grain-state rows on PostgreSQL, for privacy claims that must not rest on the API. <see cref="HoldingRaw"/>
/// searches the bytes as stored; <see cref="Holding"/> first opens sealed rows with the test key-encryption key and
/// the key store's data keys, as someone holding every key would, so that a purge is proven by its content and not
/// hidden by the encryption.
/// </summary>
internal static class StoredRows
{
    private static readonly IGrainStorageSerializer Serializer = new ServiceCollection()
        .AddSerializer()
        .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
        .BuildServiceProvider()
        .GetRequiredService<IGrainStorageSerializer>();

    /// <summary>
    /// "state/key" of every row whose opened payload holds these bytes. A sealed row no key opens fails the search
    /// (it would hide what it holds) unless <paramref name="shredded"/> says that rows of destroyed keys are expected.
    /// </summary>
    public static List<string> Holding(string connectionString, byte[] needle, string? keyStoreConnectionString = null, bool shredded = false)
    {
        var keys = new Dictionary<string, TenantKeyRingState?>();
        return Rows(connectionString)
            .Where(row => Open(row, keys, keyStoreConnectionString ?? connectionString, shredded).AsSpan().IndexOf(needle) >= 0)
            .Select(row => $"{row.State}/{row.Key}")
            .ToList();
    }

    public static List<string> Holding(string connectionString, string needle, string? keyStoreConnectionString = null, bool shredded = false) =>
        Holding(connectionString, Encoding.UTF8.GetBytes(needle), keyStoreConnectionString, shredded);

    /// <summary>The stored bytes of every row of one state, by key (to show a failed start changed nothing).</summary>
    public static Dictionary<string, string> Payloads(string connectionString, string stateName) =>
        Rows(connectionString).Where(row => row.State == stateName).ToDictionary(row => row.Key, row => Convert.ToHexString(row.Payload));

    /// <summary>Every row of one state opened and decoded, by key: what the storage holds, read without the grains.</summary>
    public static Dictionary<string, T> States<T>(string connectionString, string stateName)
    {
        var keys = new Dictionary<string, TenantKeyRingState?>();
        return Rows(connectionString)
            .Where(row => row.State == stateName)
            .ToDictionary(row => row.Key, row => Serializer.Deserialize<T>(new BinaryData(Open(row, keys, connectionString, shredded: false)))!);
    }

    /// <summary>"state/key" of every row whose stored bytes hold these bytes.</summary>
    public static List<string> HoldingRaw(string connectionString, string needle) =>
        Rows(connectionString).Where(row => row.Payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0).Select(row => $"{row.State}/{row.Key}").ToList();

    /// <summary>Rows with a payload of one state (the AdoNet provider files them under the state's name, e.g. "conversation").</summary>
    public static long Count(string connectionString, string stateName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM orleansstorage WHERE graintypestring = @state AND payloadbinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("state", stateName);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The key version each stored row of these states is sealed with (0: stored in the clear).</summary>
    public static List<(string Row, int Version)> KeyVersions(string connectionString, params string[] states) =>
        Rows(connectionString)
            .Where(row => states.Contains(row.State))
            .Select(row => ($"{row.State}/{row.Key}", SealedPayload.IsSealed(row.Payload) ? SealedPayload.KeyVersionOf(row.Payload) : 0))
            .ToList();

    private static List<(string State, string Key, byte[] Payload)> Rows(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT graintypestring, grainidextensionstring, payloadbinary FROM orleansstorage WHERE payloadbinary IS NOT NULL", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, byte[])>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1), (byte[])reader[2]));
        }

        return rows;
    }

    private static byte[] Open((string State, string Key, byte[] Payload) row, Dictionary<string, TenantKeyRingState?> rings, string keyStore, bool shredded)
    {
        if (!SealedPayload.IsSealed(row.Payload))
        {
            return row.Payload;
        }

        var tenant = row.Key.Split('/')[0];
        if (!rings.TryGetValue(tenant, out var ring))
        {
            rings[tenant] = ring = ReadRing(keyStore, tenant);
        }

        var version = SealedPayload.KeyVersionOf(row.Payload);
        var wrapped = ring?.Keys.SingleOrDefault(k => k.Version == version);
        if (wrapped is null)
        {
            return shredded && ring?.DestroyedThrough >= version
                ? []
                : throw new InvalidOperationException($"Row {row.State}/{row.Key} is sealed with key version {version}, which the key store does not hold: the search cannot see inside it.");
        }

        var kek = KeyEncryptionKey.TryLoad(RunningSilo.KeyEncryptionKey, null, 1, out _)!;
        return SealedPayload.Open(kek.Unwrap(tenant, version, wrapped.Wrapped), row.Payload, row.State, row.Key);
    }

    private static TenantKeyRingState? ReadRing(string keyStore, string tenant)
    {
        using var connection = new NpgsqlConnection(keyStore);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT payloadbinary FROM orleansstorage WHERE graintypestring = 'data-keys' AND rtrim(grainidextensionstring, '/') = @tenant AND payloadbinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        return command.ExecuteScalar() is byte[] payload ? Serializer.Deserialize<TenantKeyRingState>(new BinaryData(payload)) : null;
    }
}
