using System.Text.Json;
using CraftCX.Api.Connectors.Signatures;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Connectors;

/// <summary>Sends contract events to a connector's URL signed the Standard Webhooks way (optionally with one byte changed after signing).</summary>
internal static class SignedDelivery
{
    public static byte[] Json(params ChatEventDto[] events) => JsonSerializer.SerializeToUtf8Bytes(events.ToList(), ChatEventJsonContext.Default.ListChatEventDto);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body, string deliveryId, DateTimeOffset at, string secret, bool change = false)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(StandardWebhookSignature.Sign(body, deliveryId, timestamp, StandardWebhookSignature.KeyOf(secret)));
        var sent = change ? body.Select((b, i) => i == body.Length / 2 ? (byte)(b ^ 1) : b).ToArray() : body;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", deliveryId);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + signature);
        return await http.SendAsync(request);
    }
}
