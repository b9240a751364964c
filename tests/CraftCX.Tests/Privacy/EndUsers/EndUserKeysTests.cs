using System.Text;
using CraftCX.Events;
using CraftCX.Privacy.EndUsers;

namespace CraftCX.Tests.Privacy.EndUsers;

/// <summary>The end-user index's keys: one person however written, unrelated across tenants, never the identifier.</summary>
[Trait("Category", "Unit")]
public sealed class EndUserKeysTests
{
    private static readonly EndUserKeys Keys = new(Encoding.UTF8.GetBytes("unit-test-index-key-unit-test-index-key"));

    [Theory]
    [InlineData("cminh730@email.com", "  CMinh730@Email.COM ")]
    [InlineData("cminh730@email.com", "ｃｍｉｎｈ７３０@email.com")]
    public void An_email_is_one_key_in_any_case_width_or_padding(string stored, string asked) =>
        Assert.Equal(Keys.Of("t", new EndUserQuery(null, stored, null)).Single().Key, Keys.Of("t", new EndUserQuery(null, asked, null)).Single().Key);

    [Theory]
    [InlineData("(977) 625-2661", "977.625.2661")]
    [InlineData("(977) 625-2661", "+1 977 625 2661")]
    [InlineData("07911 123456", "+44 7911 123456")]
    [InlineData("(977) 625-2661", "(９７７) ６２５-２６６１")]
    public void A_phone_is_one_key_with_or_without_its_country_code_and_punctuation(string stored, string asked) =>
        Assert.Equal(Keys.Of("t", new EndUserQuery(null, null, stored)).Single().Key, Keys.Of("t", new EndUserQuery(null, null, asked)).Single().Key);

    [Fact]
    public void Different_people_kinds_and_tenants_have_different_keys()
    {
        var keys = new[]
        {
            Keys.Of("t", new EndUserQuery("cminh730", null, null)).Single().Key,
            Keys.Of("t", new EndUserQuery("cminh731", null, null)).Single().Key,
            Keys.Of("u", new EndUserQuery("cminh730", null, null)).Single().Key,
            Keys.Of("t", new EndUserQuery(null, "cminh730", null)).Single().Key,
            new EndUserKeys(Encoding.UTF8.GetBytes("another-index-key-another-index-key!!")).Of("t", new EndUserQuery("cminh730", null, null)).Single().Key,
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys.Take(2), k => Assert.StartsWith("t/", k, StringComparison.Ordinal));
        Assert.StartsWith("u/", keys[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_holds_no_part_of_the_identifier_and_fits_a_grain_key()
    {
        var customer = new CustomerRef("cminh730", "cminh730@email.com", "(977) 625-2661", "Crystal Minh");
        var keys = Keys.Of("t", customer);
        Assert.Equal(3, keys.Count);
        Assert.All(keys, k =>
        {
            Assert.DoesNotContain("cminh", k, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("6252661", k, StringComparison.Ordinal);
            Assert.Matches("^t/[A-Za-z0-9_-]{43}$", k);
        });
    }

    [Theory]
    [InlineData(null, null, "12-34")]
    [InlineData("  ", "", null)]
    public void Empty_identifiers_and_short_phones_name_nobody(string? id, string? email, string? phone) =>
        Assert.Empty(Keys.Of("t", new EndUserQuery(id, email, phone)));

    [Fact]
    public void A_lone_surrogate_is_kept_as_it_is_rather_than_thrown_on() =>
        Assert.Single(Keys.Of("t", new EndUserQuery("id\ud800x", null, null)));
}
