using System.Buffers.Binary;
using System.Text;
using CraftCX.Events;

namespace CraftCX.Conversations;

/// <summary>
/// Encodes one transcript message as a single UTF-8 byte array. Measured: the stored transcript dominated the
/// cost of every state write (about 2 µs per message as a record of strings, with the serializer tracking
/// each object), and a byte array per message also halves the memory of text held as UTF-16.
/// Layout: version, role, flags, UTC ticks, then message id, author id and text, each length-prefixed.
/// </summary>
internal static class TranscriptCodec
{
    private const byte Version = 1;
    private const byte InternalFlag = 1;
    private const byte HasAuthorFlag = 2;

    public static byte[] Encode(TranscriptMessage message)
    {
        var author = message.AuthorId ?? string.Empty;
        var idBytes = Encoding.UTF8.GetByteCount(message.MessageId);
        var authorBytes = Encoding.UTF8.GetByteCount(author);
        var textBytes = Encoding.UTF8.GetByteCount(message.Text);
        var buffer = new byte[3 + 8 + 12 + idBytes + authorBytes + textBytes];
        var span = buffer.AsSpan();
        span[0] = Version;
        span[1] = (byte)message.Role;
        span[2] = (byte)((message.Internal ? InternalFlag : 0) | (message.AuthorId is null ? 0 : HasAuthorFlag));
        BinaryPrimitives.WriteInt64LittleEndian(span[3..], message.At.UtcTicks);
        var position = 11;
        position += WriteString(span[position..], message.MessageId, idBytes);
        position += WriteString(span[position..], author, authorBytes);
        WriteString(span[position..], message.Text, textBytes);
        return buffer;
    }

    public static TranscriptMessage Decode(byte[] encoded)
    {
        var span = encoded.AsSpan();
        if (span[0] != Version)
        {
            throw new InvalidDataException($"Unknown transcript encoding version {span[0]}.");
        }

        var role = (AuthorRole)span[1];
        var flags = span[2];
        var at = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(span[3..]), TimeSpan.Zero);
        var position = 11;
        var id = ReadString(span, ref position);
        var author = ReadString(span, ref position);
        var text = ReadString(span, ref position);
        return new TranscriptMessage(id, role, (flags & HasAuthorFlag) != 0 ? author : null, at, text, (flags & InternalFlag) != 0);
    }

    private static int WriteString(Span<byte> target, string value, int byteCount)
    {
        BinaryPrimitives.WriteInt32LittleEndian(target, byteCount);
        Encoding.UTF8.GetBytes(value, target[4..]);
        return 4 + byteCount;
    }

    private static string ReadString(ReadOnlySpan<byte> source, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(source[position..]);
        var value = Encoding.UTF8.GetString(source.Slice(position + 4, length));
        position += 4 + length;
        return value;
    }
}
