using CraftCX.Assessments;

namespace CraftCX.Silo.Assessments;

/// <summary>Stands in while no AI endpoint is configured; nothing asks for assessments then, so it is never called.</summary>
internal sealed class DisabledAiAssessor : IAiAssessor
{
    public Task<AiCallResult> AssessAsync(AiCallRequest request, CancellationToken cancellationToken) =>
        throw new AiCallException("ai-disabled", TimeSpan.FromMinutes(10));
}
