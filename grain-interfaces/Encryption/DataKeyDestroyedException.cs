namespace CraftCX.Encryption;

/// <summary>The data was sealed with a key that has been destroyed (crypto-shredding): it is gone for good.</summary>
[GenerateSerializer, Alias("craftcx.data-key-destroyed-exception.v1")]
public sealed class DataKeyDestroyedException : Exception
{
    public DataKeyDestroyedException()
    {
    }

    public DataKeyDestroyedException(string message)
        : base(message)
    {
    }

    public DataKeyDestroyedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
