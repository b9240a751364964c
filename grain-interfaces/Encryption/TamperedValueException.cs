namespace CraftCX.Encryption;

/// <summary>A sealed value did not open: changed in storage, or copied from another tenant or field.</summary>
[GenerateSerializer, Alias("craftcx.tampered-value-exception.v1")]
public sealed class TamperedValueException : Exception
{
    public TamperedValueException()
    {
    }

    public TamperedValueException(string message)
        : base(message)
    {
    }

    public TamperedValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
