using CraftCX.Signals;
using CraftCX.Text;

namespace CraftCX.Tests.Signals;

[Trait("Category", "Unit")]
public sealed class TextAndTopicTests
{
    [Fact]
    public void Tokens_keep_contractions_and_count_sentences_and_shouting()
    {
        var tokens = TextTokens.Parse("I DON'T know. It doesn’t WORK!!! ok?");
        Assert.Equal(["i", "don't", "know", "it", "doesn't", "work", "ok"], tokens.Words);
        Assert.Equal(3, tokens.Sentences);
        Assert.Equal(2, tokens.ShoutedWords);
        Assert.Equal(1, tokens.EmphasisRuns);
    }

    [Fact]
    public void Phrases_match_whole_words_only()
    {
        var phrases = new PhraseSet(["card number", "pin"]);
        Assert.True(phrases.Matches(TextTokens.Parse("What is your card number?")));
        Assert.False(phrases.Matches(TextTokens.Parse("The spinning wheel, card numbering")));
        Assert.Equal(2, phrases.CountMatches(TextTokens.Parse("pin and pin")));
    }

    [Fact]
    public void Luhn_check_separates_card_numbers_from_other_long_numbers()
    {
        Assert.True(PaymentCardDetector.ContainsCardNumber("card 4111111111111111 please"));
        Assert.True(PaymentCardDetector.ContainsCardNumber("5500-0000-0000-0004"));
        Assert.False(PaymentCardDetector.ContainsCardNumber("order 4111111111111112"));
        Assert.False(PaymentCardDetector.ContainsCardNumber("order id 3348917502"));
    }

    [Fact]
    public void Personal_data_patterns_find_emails_and_phone_numbers()
    {
        Assert.True(PersonalDataPatterns.ContainsPersonalData("reach me at cminh730@email.com"));
        Assert.True(PersonalDataPatterns.ContainsPersonalData("(977) 625-2661"));
        Assert.False(PersonalDataPatterns.ContainsPersonalData("I bought it in November."));
    }

    [Fact]
    public void Topics_come_from_keyword_phrases()
    {
        var topics = TopicClassifier.CreateDefault();
        Assert.Equal(["refund", "shipping"], topics.Classify(TextTokens.Parse("I want my money back, the package never arrived")).Order());
        Assert.Empty(topics.Classify(TextTokens.Parse("good morning")));
    }
}
