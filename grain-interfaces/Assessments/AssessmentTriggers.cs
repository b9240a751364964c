namespace CraftCX.Assessments;

/// <summary>Why an assessment was asked for.</summary>
public static class AssessmentTriggers
{
    /// <summary>The conversation closed: the full assessment.</summary>
    public const string Closed = "closed";

    /// <summary>The rule scorer flagged risk during the conversation (auto-fail, sentiment collapse, SLA breach).</summary>
    public const string Risk = "risk";
}
