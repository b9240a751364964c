namespace CraftCX.Encryption;

/// <summary>Tells a failure caused by a destroyed data key, however the runtime wrapped it on the way.</summary>
internal static class DataKeyDestroyed
{
    public static bool Caused(Exception exception) => Find<DataKeyDestroyedException>(exception);

    /// <summary>A stored state that failed its integrity check: no retry opens it.</summary>
    public static bool Unreadable(Exception exception) => Find<TamperedValueException>(exception);

    private static bool Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }
}
