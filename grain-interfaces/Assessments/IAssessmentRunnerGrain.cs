namespace CraftCX.Assessments;

/// <summary>Runs pending AI assessments on the silo that asks (its assessment dispatcher), off the event path; key 0.</summary>
[Alias("craftcx.IAssessmentRunnerGrain")]
public interface IAssessmentRunnerGrain : IGrainWithIntegerKey
{
    /// <summary>Assesses the conversation if it still has a pending assessment; completes when the attempt has ended.</summary>
    Task RunAsync(string conversationKey);
}
