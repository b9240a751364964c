namespace CraftCX.Assessments;

/// <summary>The outcome of checking a model's answer: the content when it is valid, else every problem found.</summary>
internal sealed record AssessmentValidation(AiAssessmentContent? Content, IReadOnlyList<string> Problems)
{
    public bool IsValid => Content is not null;
}
