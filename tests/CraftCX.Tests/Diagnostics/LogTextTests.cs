using CraftCX.Diagnostics;

namespace CraftCX.Tests.Diagnostics;

[Trait("Category", "Unit")]
public sealed class LogTextTests
{
    [Theory]
    [InlineData("plain id c-42", "plain id c-42")]
    [InlineData("line\nforged: admin logged in", "line\\u000aforged: admin logged in")]
    [InlineData("nul\0byte", "nul\\u0000byte")]
    [InlineData("esc\u001b[31mred", "esc\\u001b[31mred")]
    [InlineData("bidi \u202egnp.exe", "bidi \\u202egnp.exe")]
    [InlineData("emoji 😀 stays", "emoji 😀 stays")]
    public void Control_and_invisible_characters_become_visible_escapes(string input, string expected)
    {
        Assert.Equal(expected, LogText.Safe(input));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_and_a_pair_is_kept()
    {
        // Built from chars: attribute arguments cannot carry a lone surrogate.
        Assert.Equal("lone \\ud800 x \\udc00", LogText.Safe("lone " + '\ud800' + " x " + '\udc00'));
    }

    [Fact]
    public void Long_text_is_cut_with_its_length_and_null_is_empty()
    {
        var safe = LogText.Safe(new string('x', 5000), 100);
        Assert.StartsWith(new string('x', 100), safe);
        Assert.EndsWith("…(5000 chars)", safe);
        Assert.True(safe.Length < 120);
        Assert.Equal(string.Empty, LogText.Safe(null));
    }
}
