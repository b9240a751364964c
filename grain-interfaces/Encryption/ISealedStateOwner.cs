namespace CraftCX.Encryption;

/// <summary>A grain whose stored state is sealed with its tenant's data key, and can be written again under the current version.</summary>
[Alias("craftcx.ISealedStateOwner")]
public interface ISealedStateOwner : IGrainWithStringKey
{
    /// <summary>Writes the stored state again (sealed with the current key version); false when it has none.</summary>
    [Alias("reseal")]
    Task<bool> ResealAsync();
}
