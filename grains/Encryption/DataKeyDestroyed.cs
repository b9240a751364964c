namespace CraftCX.Encryption;

/// <summary>Tells a failure caused by a destroyed data key, however the runtime wrapped it on the way.</summary>
internal static class DataKeyDestroyed
{
    public static bool Caused(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DataKeyDestroyedException)
            {
                return true;
            }
        }

        return false;
    }
}
