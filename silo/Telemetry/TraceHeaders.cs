using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace CraftCX.Silo.Telemetry;

/// <summary>W3C trace context in Kafka headers: set where an event is produced, read where it is consumed.</summary>
internal static class TraceHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>The current span's context as headers, or null outside any span (no headers are then written).</summary>
    public static Headers? FromCurrent()
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } current)
        {
            return null;
        }

        var headers = new Headers { { TraceParent, Encoding.ASCII.GetBytes(current.Id!) } };
        if (!string.IsNullOrEmpty(current.TraceStateString))
        {
            headers.Add(TraceState, Encoding.ASCII.GetBytes(current.TraceStateString));
        }

        return headers;
    }

    /// <summary>The producer's span context, when the message carries a valid one; a malformed header is ignored.</summary>
    public static bool TryRead(Headers? headers, out ActivityContext context)
    {
        context = default;
        if (headers is null || !headers.TryGetLastBytes(TraceParent, out var parent) || parent.Length > 128)
        {
            return false;
        }

        var state = headers.TryGetLastBytes(TraceState, out var s) && s.Length <= 512 ? Encoding.ASCII.GetString(s) : null;
        return ActivityContext.TryParse(Encoding.ASCII.GetString(parent), state, isRemote: true, out context);
    }
}
