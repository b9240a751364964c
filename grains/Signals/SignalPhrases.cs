using CraftCX.Text;

namespace CraftCX.Signals;

/// <summary>Customer phrases that several signals share: escalation threats and "it is still not solved".</summary>
internal static class SignalPhrases
{
    public static readonly PhraseSet Escalation = new(
    [
        "manager", "supervisor", "complaint", "complain", "lawyer", "legal action", "cancel my", "unacceptable",
        "worst", "never again", "social media", "bad review", "report you", "escalate", "speak to someone",
    ]);

    public static readonly PhraseSet Unresolved = new(
    [
        "still not", "still doesn't", "still does not", "doesn't work", "does not work", "didn't work", "did not work",
        "not working", "still broken", "not resolved", "didn't help", "did not help", "still waiting", "still have the",
    ]);
}
