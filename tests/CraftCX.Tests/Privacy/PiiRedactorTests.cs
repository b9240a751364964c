using System.Text.RegularExpressions;
using CraftCX.Events;
using CraftCX.Privacy;
using CraftCX.Silo.Demo;

namespace CraftCX.Tests.Privacy;

[Trait("Category", "Unit")]
public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("write to jane.doe+support@example.co.uk today", "write to [EMAIL] today")]
    [InlineData("my card is 4111 1111 1111 1111, expiry 12/27", "my card is [CARD], expiry 12/27")]
    [InlineData("card 5500-0000-0000-0004 please", "card [CARD] please")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [IBAN] please")]
    [InlineData("pay to gb82west12345698765432.", "pay to [IBAN].")]
    [InlineData("my ssn is 123-45-6789", "my ssn is [NATIONAL_ID]")]
    [InlineData("NI number AB 12 34 56 C here", "NI number [NATIONAL_ID] here")]
    [InlineData("Passport number: X1234567 issued", "Passport number: [NATIONAL_ID] issued")]
    [InlineData("call me on +44 20 7946 0958 or (977) 625-2661", "call me on [PHONE] or [PHONE]")]
    [InlineData("I waited 45 minutes for order 1234", "I waited 45 minutes for order 1234")]
    public void Generic_personal_data_becomes_typed_placeholders(string text, string expected)
    {
        var tally = new RedactionTally();
        Assert.Equal(expected, PiiRedactor.Redact(text, customer: null, tally));
        Assert.Equal(Regex.Matches(expected, @"\[[A-Z_]+\]").Count, tally.Total);
    }

    [Fact]
    public void Numbers_that_fail_their_checksums_are_not_called_cards_or_ibans()
    {
        var tally = new RedactionTally();
        PiiRedactor.Redact("card 4111 1111 1111 1112 and iban DE00 3704 0044 0532 0130 00", customer: null, tally);
        Assert.False(tally.Counts.ContainsKey(RedactionPlaceholders.PaymentCard));
        Assert.False(tally.Counts.ContainsKey(RedactionPlaceholders.Iban));
    }

    [Fact]
    public void The_customers_own_name_username_and_phone_go_however_they_are_written()
    {
        var customer = CustomerIdentity.From(new CustomerRef("cminh730", "cminh730@email.com", "(977) 625-2661", "Crystal Minh"));
        var tally = new RedactionTally();
        var redacted = PiiRedactor.Redact("Thanks CRYSTAL! Account cminh730 (crystal minh), reach me at 977.625.2661 or 6252661. Crystals are nice.", customer, tally);
        Assert.Equal("Thanks [CUSTOMER_NAME]! Account [CUSTOMER_ID] ([CUSTOMER_NAME] [CUSTOMER_NAME]), reach me at [PHONE] or [PHONE]. Crystals are nice.", redacted);
        Assert.Equal(3, tally.Counts[RedactionPlaceholders.CustomerName]);
    }

    [Fact]
    public void None_of_the_abcd_customers_identifiers_survives_redaction()
    {
        var identifiersInText = 0;
        foreach (var conversation in AbcdDataset.Load(TestWorkload.AbcdPath))
        {
            var customer = CustomerIdentity.From(new CustomerRef(conversation.Username, conversation.Email, conversation.Phone, conversation.CustomerName));
            var tally = new RedactionTally();
            var redacted = string.Join('\n', conversation.Turns.Select(t => PiiRedactor.Redact(t.Text, customer, tally)));
            var original = string.Join('\n', conversation.Turns.Select(t => t.Text));

            var identifiers = conversation.CustomerName.Split(' ').Append(conversation.Username).Append(conversation.Email).Append(conversation.Phone).OfType<string>().ToList();
            identifiersInText += identifiers.Count(id => original.Contains(id, StringComparison.OrdinalIgnoreCase));
            Assert.All(identifiers, id => Assert.DoesNotContain(id, redacted, StringComparison.OrdinalIgnoreCase));

            // No phone-, id- or card-like number of seven or more digits is left at all, whoever's it was.
            Assert.DoesNotMatch(@"\d[\d\s().-]{5,}\d", redacted);
        }

        // The sample really does carry them: names, usernames, emails and phones typed by the customers.
        Assert.True(identifiersInText >= 6, $"{identifiersInText} identifiers in the sample's text");
    }
}
