namespace CraftCX.Encryption;

/// <summary>How a dead letter's value is sealed: for this purpose, with the tenant named in header <see cref="SealedForHeader"/>.</summary>
public static class DeadLetterSealing
{
    public const string Purpose = "dead-letter";

    public const string SealedForHeader = "craftcx-dlq-sealed-for";
}
