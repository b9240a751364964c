using CraftCX.Privacy.EndUsers;

namespace CraftCX.Tests.Privacy.EndUsers;

/// <summary>What a verification recognises as the end user's data in free text.</summary>
[Trait("Category", "Unit")]
public sealed class PersonalDataMatcherTests
{
    private static readonly PersonalDataMatcher Matcher = new(new PersonalDataProbe(
        new EndUserQuery("cminh730", "cminh730@email.com", "(977) 625-2661"),
        "Crystal Minh",
        ["I want to return jeans"]));

    [Theory]
    [InlineData("write to CMINH730@EMAIL.COM please", "email")]
    [InlineData("my username is CMinh730", "customerId")]
    [InlineData("call ９７７-６２５-２６６１", "phone")]
    [InlineData("my name is crystal minh", "name")]
    [InlineData("call +1 977-625-2661 after six", "phone")]
    [InlineData("call 625 2661", "phone")]
    [InlineData("room 2661, floor 625", null)]
    [InlineData("Hello, I WANT TO RETURN JEANS.", "phrase")]
    [InlineData("Thanks, I have started the return for you.", null)]
    [InlineData("", null)]
    public void Finds_each_kind_however_it_is_written(string text, string? expected) =>
        Assert.Equal(expected, Matcher.Find(text));

    [Fact]
    public void Values_too_short_to_be_told_from_ordinary_words_are_not_searched()
    {
        var matcher = new PersonalDataMatcher(new PersonalDataProbe(new EndUserQuery("ab", null, null), "Al", []));
        Assert.Null(matcher.Find("ab al Al AB"));
    }
}
