namespace CraftCX.Privacy.EndUsers;

/// <summary>An erasure was refused because the end user is under a legal hold.</summary>
[GenerateSerializer, Alias("craftcx.end-user-held-exception.v1")]
public sealed class EndUserHeldException : Exception
{
    public EndUserHeldException()
        : base("The end user is under a legal hold; lift it before erasing their data.")
    {
    }

    public EndUserHeldException(string message)
        : base(message)
    {
    }

    public EndUserHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
