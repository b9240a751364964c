using CraftCX.Encryption;

namespace CraftCX.Silo.Ingestion;

/// <summary>Failures that no retry cures: stored state sealed with a destroyed key, or one that failed its integrity check.</summary>
internal static class UnreadableState
{
    public enum Kind
    {
        KeyDestroyed,
        Tampered,
    }

    public static Kind? Classify(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DataKeyDestroyedException:
                    return Kind.KeyDestroyed;
                case TamperedValueException:
                    return Kind.Tampered;
            }
        }

        return null;
    }
}
