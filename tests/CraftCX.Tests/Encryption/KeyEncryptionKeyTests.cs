using System.Security.Cryptography;
using CraftCX.Encryption;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Encryption;

/// <summary>The self-hosted key-encryption key: loaded from configuration or a file, it wraps data keys bound to their tenant and version.</summary>
[Trait("Category", "Unit")]
public sealed class KeyEncryptionKeyTests
{
    private static readonly string Base64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_wrapped_data_key_opens_only_for_its_tenant_and_version()
    {
        var kek = KeyEncryptionKey.TryLoad(Base64, null, version: 1, out var problem)!;
        Assert.Null(problem);
        var dataKey = KeyEncryptionKey.NewDataKey();
        var wrapped = kek.Wrap("t-acme", 3, dataKey);
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(dataKey));
        Assert.Equal(dataKey, kek.Unwrap("t-acme", 3, wrapped));
        Assert.Throws<TamperedValueException>(() => kek.Unwrap("t-other", 3, wrapped));
        Assert.Throws<TamperedValueException>(() => kek.Unwrap("t-acme", 4, wrapped));
        var another = KeyEncryptionKey.TryLoad(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), null, 1, out _)!;
        Assert.Throws<TamperedValueException>(() => another.Unwrap("t-acme", 3, wrapped));
    }

    [Fact]
    public void A_key_file_holds_raw_bytes_or_base64()
    {
        var raw = Path.GetTempFileName();
        var text = Path.GetTempFileName();
        try
        {
            var bytes = RandomNumberGenerator.GetBytes(32);
            File.WriteAllBytes(raw, bytes);
            File.WriteAllText(text, Convert.ToBase64String(bytes) + "\n");
            var fromRaw = KeyEncryptionKey.TryLoad(null, raw, 2, out _)!;
            var fromText = KeyEncryptionKey.TryLoad(null, text, 2, out _)!;
            Assert.Equal(2, fromRaw.Version);
            var dataKey = KeyEncryptionKey.NewDataKey();

            // Both files hold the same key: what one wrapped, the other unwraps.
            Assert.Equal(dataKey, fromText.Unwrap("t", 1, fromRaw.Wrap("t", 1, dataKey)));
        }
        finally
        {
            File.Delete(raw);
            File.Delete(text);
        }
    }

    [Theory]
    [InlineData(null, null, "exactly one")]
    [InlineData("AAAA", "/etc/hostname", "exactly one")]
    [InlineData("not base64!", null, "Encryption:KeyEncryptionKey is not base64")]
    [InlineData("c2hvcnQ=", null, "Encryption:KeyEncryptionKey must hold 32 bytes, not 5")]
    [InlineData(null, "/no/such/key/file", "Encryption:KeyEncryptionKeyFile cannot be read")]
    public void A_wrong_or_missing_key_is_named(string? base64, string? file, string expected)
    {
        Assert.Null(KeyEncryptionKey.TryLoad(base64, file, 1, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_of_the_wrong_content_names_the_file_setting()
    {
        var garbage = Path.GetTempFileName();
        var short16 = Path.GetTempFileName();
        try
        {
            File.WriteAllText(garbage, "this is not a key at all, not even base64 !!");
            File.WriteAllText(short16, Convert.ToBase64String(new byte[16]));
            Assert.Null(KeyEncryptionKey.TryLoad(null, garbage, 1, out var problem));
            Assert.Equal("Encryption:KeyEncryptionKeyFile holds neither 32 raw bytes nor their base64", problem);
            Assert.Null(KeyEncryptionKey.TryLoad(null, short16, 1, out problem));
            Assert.Equal("Encryption:KeyEncryptionKeyFile must hold 32 bytes, not 16", problem);
        }
        finally
        {
            File.Delete(garbage);
            File.Delete(short16);
        }
    }

    [Fact]
    public void Other_keys_load_by_version_older_or_newer_and_a_wrong_one_is_named()
    {
        var options = new EncryptionOptions
        {
            KeyEncryptionKey = Base64,
            KeyEncryptionKeyVersion = 3,
            OtherKeyEncryptionKeys = { [1] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), [2] = "c2hvcnQ=", [3] = Base64, [5] = " ", [6] = Base64, [7] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            OtherKeyEncryptionKeyFiles = { [4] = "/no/such/key/file", [6] = "/etc/hostname" },
        };
        var previous = KeyEncryptionKeySource.LoadOthers(options, out var problems);
        Assert.Equal([1, 7], previous.Keys.Order());
        Assert.Equal(7, previous[7].Version);
        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Encryption:OtherKeyEncryptionKeys:2 must hold 32 bytes, not 5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Encryption:OtherKeyEncryptionKeys:3 must name another version from 1 to 1000000, not the current", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Encryption:OtherKeyEncryptionKeys:5 is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Set one of Encryption:OtherKeyEncryptionKeys:6 and Encryption:OtherKeyEncryptionKeyFiles:6, not both", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Encryption:OtherKeyEncryptionKeyFiles:4 cannot be read", StringComparison.Ordinal));
        Assert.Contains(new EncryptionOptionsValidator(sealsStorage: true).Validate(null, options).Failures!, f => f.StartsWith("Encryption:OtherKeyEncryptionKeys:2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_data_key_wrapped_by_another_key_opens_with_it_and_a_missing_one_names_the_setting()
    {
        var earlier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var old = KeyEncryptionKey.TryLoad(earlier, null, 1, out _)!;
        var dataKey = KeyEncryptionKey.NewDataKey();
        var wrapped = old.Wrap("t-acme", 1, dataKey);

        var source = new KeyEncryptionKeySource(Options.Create(new EncryptionOptions { KeyEncryptionKey = Base64, KeyEncryptionKeyVersion = 2, OtherKeyEncryptionKeys = { [1] = earlier } }));
        Assert.Equal(2, source.For(2).Version);
        Assert.Equal(dataKey, await source.For(1).UnwrapDataKeyAsync("t-acme", 1, wrapped));

        // Both forms wrap under the literal contexts rings were stored with before the interface: they still open.
        var raw = Convert.FromBase64String(earlier);
        var wrappedAsync = await old.WrapDataKeyAsync("t-acme", 1, dataKey);
        var check = await old.WrapAsync(new byte[32], KeyWrapping.CheckContext, default);
        Assert.Equal(dataKey, FieldCipher.Open(raw, wrappedAsync, "craftcx.data-key.v1/t-acme/1"u8));
        Assert.Equal(dataKey, FieldCipher.Open(raw, old.Wrap("t-acme", 1, dataKey), "craftcx.data-key.v1/t-acme/1"u8));
        Assert.Equal(new byte[32], FieldCipher.Open(raw, check, "craftcx.kek-check.v1"u8));

        var withoutIt = new KeyEncryptionKeySource(Options.Create(new EncryptionOptions { KeyEncryptionKey = Base64, KeyEncryptionKeyVersion = 2 }));
        var missing = Assert.Throws<InvalidOperationException>(() => withoutIt.For(1));
        Assert.Contains("Encryption:OtherKeyEncryptionKeys:1", missing.Message, StringComparison.Ordinal);
    }
}
