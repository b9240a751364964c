using System.Security.Cryptography;

namespace CraftCX.Silo.Demo;

/// <summary>
/// The operator key this process made up because none was configured (embedded default only): the one secret the
/// start-up log may show, since nobody else knows it. Null while the configured one is used.
/// </summary>
internal sealed class GeneratedOperatorKey
{
    private readonly Lock _lock = new();
    private string? _value;

    public string? Value
    {
        get
        {
            lock (_lock)
            {
                return _value;
            }
        }
    }

    /// <summary>The configured key when there is one; otherwise this process's generated key (made once).</summary>
    public string Resolve(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        lock (_lock)
        {
            return _value ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }
    }
}
