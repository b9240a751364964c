using System.Security.Cryptography;
using System.Text;
using CraftCX.Encryption;

namespace CraftCX.Tests.Encryption;

/// <summary>The sealed-value format every encrypted field will use: versioned, bound to its context, tamper-evident.</summary>
[Trait("Category", "Unit")]
public sealed class FieldCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);
    private static readonly byte[] Context = Encoding.UTF8.GetBytes("t-acme/transcript");
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("Hi, I'm Crystal Minh, email cminh730@email.com");

    [Fact]
    public void A_sealed_value_opens_with_its_key_and_holds_no_plaintext()
    {
        var sealedValue = FieldCipher.Seal(Key, keyVersion: 7, Plaintext, Context);
        Assert.Equal(7, FieldCipher.KeyVersionOf(sealedValue));
        Assert.Equal(Plaintext, FieldCipher.Open(Key, sealedValue, Context));
        Assert.Equal(-1, sealedValue.AsSpan().IndexOf("cminh730"u8));
        Assert.Equal(-1, sealedValue.AsSpan().IndexOf("Crystal"u8));

        // A fresh nonce each time: the same text never seals to the same bytes.
        Assert.NotEqual(sealedValue, FieldCipher.Seal(Key, 7, Plaintext, Context));
    }

    [Fact]
    public void A_changed_byte_anywhere_is_detected()
    {
        var sealedValue = FieldCipher.Seal(Key, 1, Plaintext, Context);
        for (var i = 0; i < sealedValue.Length; i++)
        {
            var changed = (byte[])sealedValue.Clone();
            changed[i] ^= 0x01;
            Assert.Throws<TamperedValueException>(() => FieldCipher.Open(Key, changed, Context));
        }
    }

    [Fact]
    public void Another_tenant_s_or_field_s_context_and_another_key_do_not_open_it()
    {
        var sealedValue = FieldCipher.Seal(Key, 1, Plaintext, Context);
        Assert.Throws<TamperedValueException>(() => FieldCipher.Open(Key, sealedValue, Encoding.UTF8.GetBytes("t-other/transcript")));
        Assert.Throws<TamperedValueException>(() => FieldCipher.Open(Key, sealedValue, Encoding.UTF8.GetBytes("t-acme/review")));
        Assert.Throws<TamperedValueException>(() => FieldCipher.Open(RandomNumberGenerator.GetBytes(FieldCipher.KeySize), sealedValue, Context));
    }

    [Fact]
    public void What_is_not_a_sealed_value_is_refused_clearly()
    {
        Assert.Throws<TamperedValueException>(() => FieldCipher.KeyVersionOf(Plaintext));
        Assert.Throws<TamperedValueException>(() => FieldCipher.KeyVersionOf([0xC1, 0, 0]));
        Assert.Throws<ArgumentException>(() => FieldCipher.Seal(new byte[16], 1, Plaintext, Context));
    }
}
