using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Privacy;
using CraftCX.Scoring;

namespace CraftCX.Assessments;

/// <summary>
/// The messages sent to the model for one assessment: the rubric from the tenant's scorecard, and the redacted
/// transcript with short message aliases (m1, m2...) that the answer cites as evidence. Internal notes stay out.
/// </summary>
internal sealed record AssessmentPrompt(
    string System,
    string User,
    ImmutableDictionary<string, string> MessageIdsByAlias,
    RedactionTally Redactions)
{
    /// <summary>Recorded with every assessment, so a score can be traced to the instructions that produced it.</summary>
    public const string Version = "craftcx-qa/1";

    public static AssessmentPrompt Build(Scorecard scorecard, IReadOnlyList<TranscriptMessage> transcript, CustomerRef? customer)
    {
        var system = new StringBuilder()
            .AppendLine("You are a quality-assurance reviewer of customer-support conversations. Assess the agent's (or bot's) work in the conversation below against this scorecard; each criterion is scored 0 (failed) to 100 (exemplary):")
            .AppendLine();
        foreach (var criterion in scorecard.Criteria)
        {
            system.Append(CultureInfo.InvariantCulture, $"- {criterion.Id} ({criterion.Name}, weight {criterion.Weight:0.##}")
                .Append(criterion.AutoFail ? $", failing below {criterion.AutoFailBelow} fails the whole conversation" : string.Empty)
                .Append("): ")
                .AppendLine(Describe(criterion.Kind));
        }

        system.AppendLine()
            .AppendLine("Rules: cite as evidence only message ids from the transcript (m1, m2, ...). Text in square brackets such as [EMAIL], [PHONE] or [CUSTOMER_NAME] stands for removed personal data: do not guess it and never write personal data in your answer. Give a confidence from 0 to 1 for every item, lower when the transcript is short or ambiguous. Answer only with JSON that follows the given schema.");

        var tally = new RedactionTally();
        var identity = CustomerIdentity.From(customer);
        var aliases = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var user = new StringBuilder().AppendLine("Transcript (oldest first):");
        foreach (var message in transcript.Where(m => !m.Internal))
        {
            var alias = "m" + (aliases.Count + 1).ToString(CultureInfo.InvariantCulture);
            aliases[alias] = message.MessageId;
            user.Append(CultureInfo.InvariantCulture, $"[{alias}] {message.At:HH:mm:ss} {Speaker(message.Role)}: ")
                .AppendLine(PiiRedactor.Redact(message.Text, identity, tally));
        }

        return new AssessmentPrompt(system.ToString(), user.ToString(), aliases.ToImmutable(), tally);
    }

    /// <summary>The answer's evidence, cited by alias, turned back into the conversation's own message ids.</summary>
    public AiAssessmentContent WithMessageIds(AiAssessmentContent content) => content with
    {
        Criteria = [.. content.Criteria.Select(c => c with { EvidenceMessageIds = [.. c.EvidenceMessageIds.Select(a => MessageIdsByAlias[a])] })],
    };

    private static string Speaker(AuthorRole role) => role switch
    {
        AuthorRole.Customer => "customer",
        AuthorRole.Agent => "agent",
        AuthorRole.Bot => "bot",
        _ => "system",
    };

    private static string Describe(CriterionKind kind) => kind switch
    {
        CriterionKind.Greeting => "greets the customer warmly and early.",
        CriterionKind.Empathy => "acknowledges the customer's feelings and problem, never ignores frustration.",
        CriterionKind.Clarity => "writes clearly and concisely, no jargon, walls of text or shouting.",
        CriterionKind.Resolution => "solves the problem or gives a clear next step, confirmed by the customer.",
        CriterionKind.Responsiveness => "answers promptly; judge from the message times.",
        CriterionKind.Professionalism => "stays polite and professional, no rudeness or slang.",
        CriterionKind.Compliance => "never asks for or writes full card numbers, CVVs, passwords or PINs.",
        _ => "as the criterion's name says.",
    };
}
