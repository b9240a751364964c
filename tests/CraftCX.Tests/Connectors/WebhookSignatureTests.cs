using System.Text;
using CraftCX.Api.Connectors.Signatures;

namespace CraftCX.Tests.Connectors;

/// <summary>Each helpdesk's signature checked against vectors computed outside this code (Python's hmac, the spec's own).</summary>
[Trait("Category", "Unit")]
public sealed class WebhookSignatureTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string ZendeskSecret = "dGhpcy1pcy1hLXNlY3JldA";
    private const string ZendeskTimestamp = "2026-12-02T10:15:00Z";
    private static readonly byte[] ZendeskBody = """{"type":"zen:event-type:ticket.comment_added","id":"01J0"}"""u8.ToArray();
    private const string ZendeskVector = "LmIlI35HOaZ4FYWV7sdTzspoENZRrCCDqSaVXuzKjv0=";
    private static readonly DateTimeOffset ZendeskNow = new(2026, 12, 2, 10, 16, 0, TimeSpan.Zero);

    [Fact]
    public void Zendesk_accepts_its_vector_and_refuses_each_kind_of_tampering()
    {
        Assert.True(ZendeskSignature.Verify(ZendeskBody, ZendeskVector, ZendeskTimestamp, ZendeskSecret, ZendeskNow, Tolerance).IsValid);

        var changed = ZendeskBody.ToArray();
        changed[^3] ^= 1;
        Assert.Equal("signature-mismatch", ZendeskSignature.Verify(changed, ZendeskVector, ZendeskTimestamp, ZendeskSecret, ZendeskNow, Tolerance).Reason);
        Assert.Equal("signature-mismatch", ZendeskSignature.Verify(ZendeskBody, ZendeskVector, ZendeskTimestamp, "another-secret", ZendeskNow, Tolerance).Reason);

        // The timestamp is signed: moving it within the window breaks the signature.
        Assert.Equal("signature-mismatch", ZendeskSignature.Verify(ZendeskBody, ZendeskVector, "2026-12-02T10:15:01Z", ZendeskSecret, ZendeskNow, Tolerance).Reason);
        Assert.Equal("stale-timestamp", ZendeskSignature.Verify(ZendeskBody, ZendeskVector, ZendeskTimestamp, ZendeskSecret, ZendeskNow.AddMinutes(10), Tolerance).Reason);
        Assert.Equal("stale-timestamp", ZendeskSignature.Verify(ZendeskBody, ZendeskVector, ZendeskTimestamp, ZendeskSecret, ZendeskNow.AddMinutes(-10), Tolerance).Reason);
        Assert.Equal("missing-header", ZendeskSignature.Verify(ZendeskBody, null, ZendeskTimestamp, ZendeskSecret, ZendeskNow, Tolerance).Reason);
        Assert.Equal("missing-header", ZendeskSignature.Verify(ZendeskBody, ZendeskVector, "", ZendeskSecret, ZendeskNow, Tolerance).Reason);
        Assert.Equal("malformed-header", ZendeskSignature.Verify(ZendeskBody, "not base64!", ZendeskTimestamp, ZendeskSecret, ZendeskNow, Tolerance).Reason);
        Assert.Equal("malformed-header", ZendeskSignature.Verify(ZendeskBody, ZendeskVector, "yesterday", ZendeskSecret, ZendeskNow, Tolerance).Reason);
    }

    private static readonly byte[] IntercomBody =
        """{"type":"notification_event","topic":"ping","id":"notif_1","app_id":"abc123","data":{"type":"notification_event_data","item":{"type":"ping","message":"hi"}}}"""u8.ToArray();

    [Fact]
    public void Intercom_accepts_its_vector_and_refuses_each_kind_of_tampering()
    {
        Assert.True(IntercomSignature.Verify(IntercomBody, "sha1=797b3c5ab9d407c49ffee58dc07cfcdd4b5c271c", "test_client_secret").IsValid);
        Assert.True(IntercomSignature.Verify(IntercomBody, "sha1=797B3C5AB9D407C49FFEE58DC07CFCDD4B5C271C", "test_client_secret").IsValid);

        var changed = IntercomBody.ToArray();
        changed[10] ^= 1;
        Assert.Equal("signature-mismatch", IntercomSignature.Verify(changed, "sha1=797b3c5ab9d407c49ffee58dc07cfcdd4b5c271c", "test_client_secret").Reason);
        Assert.Equal("signature-mismatch", IntercomSignature.Verify(IntercomBody, "sha1=797b3c5ab9d407c49ffee58dc07cfcdd4b5c271c", "wrong").Reason);
        Assert.Equal("missing-header", IntercomSignature.Verify(IntercomBody, null, "test_client_secret").Reason);
        Assert.Equal("malformed-header", IntercomSignature.Verify(IntercomBody, "797b3c5ab9d407c49ffee58dc07cfcdd4b5c271c", "test_client_secret").Reason);
        Assert.Equal("malformed-header", IntercomSignature.Verify(IntercomBody, "sha1=zz7b3c5ab9d407c49ffee58dc07cfcdd4b5c271c", "test_client_secret").Reason);
    }

    // The vector of the Standard Webhooks reference libraries.
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string StandardId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string StandardTimestamp = "1614265330";
    private static readonly byte[] StandardBody = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
    private const string StandardVector = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset StandardNow = DateTimeOffset.FromUnixTimeSeconds(1614265330 + 30);

    [Fact]
    public void Standard_webhooks_accept_the_reference_vector_among_other_signatures()
    {
        Assert.True(Check(StandardBody, StandardId, StandardTimestamp, StandardVector).IsValid);

        // Several signatures (a secret being rotated, another scheme) are space-separated; one match is enough.
        Assert.True(Check(StandardBody, StandardId, StandardTimestamp, "v1a,abc v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + StandardVector).IsValid);
    }

    [Fact]
    public void Standard_webhooks_refuse_a_changed_id_body_or_timestamp_and_a_stale_one()
    {
        Assert.Equal("signature-mismatch", Check(StandardBody, "msg_other", StandardTimestamp, StandardVector).Reason);
        Assert.Equal("signature-mismatch", Check(Encoding.UTF8.GetBytes("""{"test": 2432232315}"""), StandardId, StandardTimestamp, StandardVector).Reason);
        Assert.Equal("signature-mismatch", Check(StandardBody, StandardId, "1614265331", StandardVector).Reason);
        Assert.Equal("signature-mismatch", Check(StandardBody, StandardId, StandardTimestamp, "v2," + StandardVector[3..]).Reason);
        Assert.Equal("stale-timestamp", StandardWebhookSignature.Verify(StandardBody, StandardId, StandardTimestamp, StandardVector, StandardSecret, StandardNow.AddHours(1), Tolerance).Reason);
        Assert.Equal("malformed-header", Check(StandardBody, StandardId, "-5", StandardVector).Reason);
        Assert.Equal("missing-header", Check(StandardBody, null, StandardTimestamp, StandardVector).Reason);
        Assert.Equal("missing-header", Check(StandardBody, StandardId, StandardTimestamp, "").Reason);
        Assert.Equal("signature-mismatch", Check(StandardBody, StandardId, StandardTimestamp, " ").Reason);
        Assert.Equal("signature-mismatch", StandardWebhookSignature.Verify(StandardBody, StandardId, StandardTimestamp, StandardVector, "whsec_" + Convert.ToBase64String(new byte[24]), StandardNow, Tolerance).Reason);
    }

    private static SignatureCheck Check(byte[] body, string? id, string? timestamp, string? signature) =>
        StandardWebhookSignature.Verify(body, id, timestamp, signature, StandardSecret, StandardNow, Tolerance);
}
