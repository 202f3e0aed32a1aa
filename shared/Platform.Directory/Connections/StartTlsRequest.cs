using System.Formats.Asn1;

namespace Platform.Directory.Connections;

/// <summary>
/// The StartTLS extended operation (RFC 4511 §4.14) spoken by hand, so that the connection probe can test the TLS
/// handshake of a StartTLS server with .NET's certificate diagnostics (libldap only reports "connect error").
/// </summary>
internal static class StartTlsRequest
{
    public const string Oid = "1.3.6.1.4.1.1466.20037";

    /// <summary>LDAPMessage { messageID 1, extendedReq [APPLICATION 23] { requestName [0] 1.3.6.1.4.1.1466.20037 } }.</summary>
    public static byte[] Encode()
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence(new Asn1Tag(TagClass.Application, 23, isConstructed: true)))
            {
                writer.WriteOctetString(System.Text.Encoding.ASCII.GetBytes(Oid), new Asn1Tag(TagClass.ContextSpecific, 0));
            }
        }

        return writer.Encode();
    }

    /// <summary>Reads one LDAPMessage and returns its extendedResp resultCode; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static async Task<int> ReadResultCodeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        await stream.ReadExactlyAsync(header, cancellationToken);
        if (header[0] != 0x30)
        {
            throw new InvalidDataException("The answer is not an LDAP message.");
        }

        var length = (int)header[1];
        var lengthBytes = Array.Empty<byte>();
        if ((length & 0x80) != 0)
        {
            var count = length & 0x7f;
            if (count is 0 or > 3)
            {
                throw new InvalidDataException("The answer has an invalid length.");
            }

            lengthBytes = new byte[count];
            await stream.ReadExactlyAsync(lengthBytes, cancellationToken);
            length = lengthBytes.Aggregate(0, (total, b) => (total << 8) | b);
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        try
        {
            var reader = new AsnReader(header.Concat(lengthBytes).Concat(body).ToArray(), AsnEncodingRules.BER);
            var message = reader.ReadSequence();
            message.ReadInteger();
            var response = message.ReadSequence(new Asn1Tag(TagClass.Application, 24, isConstructed: true));
            return response.ReadEnumeratedBytes().Span.ToArray().Aggregate(0, (code, b) => (code << 8) | b);
        }
        catch (AsnContentException e)
        {
            throw new InvalidDataException("The answer is not an extended response.", e);
        }
    }
}
