using System.Security.Cryptography;
using System.Text;
using CraftCX.Encryption;

namespace CraftCX.Tests.Encryption;

/// <summary>Sealed rows, compressed first or not: the key version at the same offset, bound to format, state and grain.</summary>
[Trait("Category", "Unit")]
public sealed class SealedPayloadTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);

    // A transcript-like state: repeated field names and phrases, as the stored JSON of a conversation has.
    private static readonly byte[] State = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i =>
        $"{{\"author\":\"customer\",\"text\":\"Hi, I'm Crystal Minh, email cminh730@email.com, order {i}\",\"at\":\"2026-12-01T10:{i % 60:00}:00Z\"}},")));

    [Fact]
    public void A_compressed_row_is_smaller_opens_to_the_state_and_keeps_the_version_where_sql_reads_it()
    {
        var plain = SealedPayload.Seal(Key, 9, State, "conversation", "t-acme/c-1");
        var compressed = SealedPayload.Seal(Key, 9, State, "conversation", "t-acme/c-1", compress: true);
        Assert.True(compressed.Length < plain.Length / 2, $"compressed {compressed.Length} B against {plain.Length} B");
        Assert.True(SealedPayload.IsSealed(compressed) && SealedPayload.IsCompressed(compressed) && !SealedPayload.IsCompressed(plain));
        Assert.Equal("CXZ1"u8.ToArray(), compressed[..4]);
        Assert.Equal(SealedPayload.VersionBytes(9), compressed[5..9]);
        Assert.Equal(SealedPayload.VersionBytes(9), plain[5..9]);
        Assert.Equal(9, SealedPayload.KeyVersionOf(compressed));
        Assert.Equal(State, SealedPayload.Open(Key, compressed, "conversation", "t-acme/c-1"));
        Assert.Equal(State, SealedPayload.Open(Key, plain, "conversation", "t-acme/c-1"));
        Assert.Equal(-1, compressed.AsSpan().IndexOf("cminh730"u8));
    }

    [Fact]
    public void A_compressed_row_changed_relabelled_or_moved_does_not_open()
    {
        var compressed = SealedPayload.Seal(Key, 1, State, "conversation", "t-acme/c-1", compress: true);
        for (var i = 4; i < compressed.Length; i += 7)
        {
            var flipped = compressed.ToArray();
            flipped[i] ^= 0x20;
            Assert.Throws<TamperedValueException>(() => SealedPayload.Open(Key, flipped, "conversation", "t-acme/c-1"));
        }

        // Relabelled as a row sealed as it is: the format is authenticated, so the tag fails instead of serving zlib bytes.
        var relabelled = compressed.ToArray();
        "CXS1"u8.CopyTo(relabelled);
        Assert.Throws<TamperedValueException>(() => SealedPayload.Open(Key, relabelled, "conversation", "t-acme/c-1"));
        var plain = SealedPayload.Seal(Key, 1, State, "conversation", "t-acme/c-1");
        "CXZ1"u8.CopyTo(plain);
        Assert.Throws<TamperedValueException>(() => SealedPayload.Open(Key, plain, "conversation", "t-acme/c-1"));

        Assert.Throws<TamperedValueException>(() => SealedPayload.Open(Key, compressed, "conversation", "t-acme/c-2"));
        Assert.Throws<TamperedValueException>(() => SealedPayload.Open(Key, compressed, "reviews", "t-acme/c-1"));
    }
}
