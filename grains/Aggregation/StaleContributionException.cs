namespace CraftCX.Aggregation;

/// <summary>
/// Copies of contributions too old to be applied safely (a release may have gone ahead of them); their publishers
/// send fresh ones.
/// </summary>
[GenerateSerializer]
public sealed class StaleContributionException : Exception
{
    public StaleContributionException()
    {
    }

    public StaleContributionException(string message)
        : base(message)
    {
    }

    public StaleContributionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StaleContributionException(int copies)
        : base($"{copies} contribution copies were too old to apply (their conversation may have released them since); send fresh ones.")
    {
    }
}
