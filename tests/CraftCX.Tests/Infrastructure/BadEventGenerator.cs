using System.Text;
using CraftCX.Events;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// Seeded bad (and oddly shaped) events for fuzz tests: random bytes, truncation, huge and deeply nested JSON, wrong
/// types, bad ids, overflowing numbers, odd Unicode and invalid UTF-8. <see cref="Case.MustBeRejected"/> says which
/// ones no valid reading exists for; the rest (odd but legal text) may be accepted.
/// </summary>
/// <param name="hugeBytes">Size of the "huge" cases' text: more than the event limit of the silo under test.</param>
public sealed class BadEventGenerator(int seed, string tenant, int hugeBytes)
{
    private readonly Random _random = new(seed);
    private int _next;

    /// <summary>One generated input and what it is.</summary>
    public sealed record Case(string Kind, byte[] Bytes, bool MustBeRejected);

    public static readonly string[] Kinds =
    [
        "random-bytes", "truncated", "huge", "deep", "wrong-type", "bad-id", "overflow", "unknown-type",
        "missing-field", "invalid-utf8", "lone-surrogate", "odd-unicode-text", "control-chars", "bad-timestamp", "not-an-object",
    ];

    public Case Next()
    {
        var kind = Kinds[_random.Next(Kinds.Length)];
        var conversation = $"fz-{_next++ % 500}";
        var valid = Encoding.UTF8.GetString(TestEvents.Json(TestEvents.Message(tenant, "fuzz", conversation, _random.Next(1, 1000), "agent", "ana", "Hello, how can I help?")));
        return kind switch
        {
            "random-bytes" => new(kind, RandomBytes(_random.Next(1, 400)), true),
            "truncated" => new(kind, Encoding.UTF8.GetBytes(valid[.._random.Next(1, valid.Length - 1)]), true),
            "huge" => new(kind, Encoding.UTF8.GetBytes(valid.Replace("Hello, how can I help?", new string('x', hugeBytes), StringComparison.Ordinal)), true),
            "deep" => new(kind, Encoding.UTF8.GetBytes(valid.Replace("\"data\":{", "\"data\":" + new string('[', 2000) + new string(']', 2000) + ",\"x\":{", StringComparison.Ordinal)), true),
            "wrong-type" => new(kind, Encoding.UTF8.GetBytes(Pick(
                valid.Replace("\"sequence\":", "\"sequence\":\"seven\",\"was\":", StringComparison.Ordinal),
                valid.Replace($"\"id\":\"", "\"id\":12,\"was\":\"", StringComparison.Ordinal),
                valid.Replace("\"version\":1", "\"version\":[1]", StringComparison.Ordinal),
                valid.Replace("\"data\":{", "\"data\":\"text\",\"was\":{", StringComparison.Ordinal))), true),
            "bad-id" => new(kind, Encoding.UTF8.GetBytes(valid.Replace($"\"conversation\":\"{conversation}\"", "\"conversation\":\"" + Pick("with space", "a/b", new string('c', 129), "", "tab\\there") + "\"", StringComparison.Ordinal)), true),
            "overflow" => new(kind, Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(valid, "\"sequence\":\\d+", "\"sequence\":" + Pick("99999999999999999999999", "1e400", "-1", "1.5", "9223372036854775808"))), true),
            "unknown-type" => new(kind, Encoding.UTF8.GetBytes(valid.Replace("message.created", Pick("message.exploded", "MESSAGE.CREATED", "", "message.created\\u0000"), StringComparison.Ordinal)), true),
            "missing-field" => new(kind, Encoding.UTF8.GetBytes(valid.Replace("\"" + Pick("tenant", "workspace", "occurredAt", "type") + "\":", "\"gone\":", StringComparison.Ordinal)), true),
            "invalid-utf8" => new(kind, InvalidUtf8(valid), true),
            "lone-surrogate" => LoneSurrogate(kind, valid, Pick("id", "conversation", "workspace", "messageId", "text")),
            "odd-unicode-text" => new(kind, Encoding.UTF8.GetBytes(valid.Replace("Hello, how can I help?", Pick("مرحبا \u202e gnp.exe", "e\u0301\u0301\u0301 zalgo", "😀👩‍👩‍👧", "\ufeffBOM", "Ω≈ç√∫"), StringComparison.Ordinal)), false),
            "control-chars" => new(kind, Encoding.UTF8.GetBytes(valid.Replace("Hello, how can I help?", Pick("nul\\u0000byte", "line\\nforged: admin", "esc\\u001b[31m", "bell\\u0007"), StringComparison.Ordinal)), false),
            "bad-timestamp" => new(kind, Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(valid, "\"occurredAt\":\"[^\"]+\"", "\"occurredAt\":\"" + Pick("yesterday", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T99:00:00Z") + "\"")), true),
            _ => new(kind, Encoding.UTF8.GetBytes(Pick("null", "42", "\"a string\"", "[]", "true", "{}")), true),
        };
    }

    private static Case LoneSurrogate(string kind, string valid, string field) =>
        new(kind, Encoding.UTF8.GetBytes(valid.Replace($"\"{field}\":\"", $"\"{field}\":\"\\ud800", StringComparison.Ordinal)), true);

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);

        // No newline, so that one NDJSON line stays one case, and not blank, so that it is a line at all.
        bytes[0] = (byte)'#';
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is (byte)'\n' or (byte)'\r')
            {
                bytes[i] = (byte)'?';
            }
        }

        return bytes;
    }

    private byte[] InvalidUtf8(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        var at = valid.IndexOf("Hello", StringComparison.Ordinal);
        byte[] broken = _random.Next(3) switch
        {
            0 => [0xC0, 0xAF],          // overlong '/'
            1 => [0xED, 0xA0, 0x80],    // an encoded surrogate
            _ => [0xFF, 0xFE],          // never valid
        };
        bytes.InsertRange(at, broken);
        return [.. bytes];
    }

    /// <summary>Reasons a dead letter may carry: every one must be a known code.</summary>
    public static readonly HashSet<string> KnownCodes =
    [
        RejectionCodes.MalformedJson, RejectionCodes.MissingField, RejectionCodes.InvalidField, RejectionCodes.UnknownType,
        RejectionCodes.UnsupportedVersion, RejectionCodes.InvalidId, RejectionCodes.TextTooLarge, RejectionCodes.EventTooLarge,
        RejectionCodes.TimestampOutOfRange, RejectionCodes.KeyMismatch, RejectionCodes.RejectedByConversation, RejectionCodes.ForbiddenTenant,
    ];
}
