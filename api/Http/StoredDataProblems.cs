using CraftCX.Encryption;

namespace CraftCX.Api.Http;

/// <summary>
/// Stored data that cannot be opened: a shredded tenant's data answers 410 (it is gone for good, not a fault), a
/// row that failed its integrity check a 500 that says so instead of a bare error.
/// </summary>
internal static class StoredDataProblems
{
    public static int? StatusOf(Exception exception) =>
        Find<DataKeyDestroyedException>(exception) is not null ? StatusCodes.Status410Gone
        : Find<TamperedValueException>(exception) is not null ? StatusCodes.Status500InternalServerError
        : null;

    /// <summary>Title and detail for the problem document; null for other failures.</summary>
    public static (string Title, string Detail)? Describe(Exception exception) =>
        Find<DataKeyDestroyedException>(exception) is { } destroyed ? ("Gone", destroyed.Message)
        : Find<TamperedValueException>(exception) is not null ? ("Stored data failed its integrity check", "A stored record did not pass its integrity check and is not served; the operator has been told in the log.")
        : null;

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
