using System.Text.RegularExpressions;

namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>
/// Which addresses may be written into a RCPT TO line: a dot-atom local part and a host name, nothing that could end
/// the command early (CR, LF, '&gt;') or smuggle a second one.
/// </summary>
internal static partial class CalloutAddresses
{
    /// <summary>Null when the address may be sent; else the answer to give without connecting.</summary>
    public static CalloutAnswer? Refusal(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return new CalloutAnswer(CalloutOutcome.Invalid, null, "empty address");
        }

        if (!address.All(char.IsAscii))
        {
            // It would need SMTPUTF8, which the callout does not speak; a server's 5xx to it would say nothing of the mailbox.
            return CalloutAnswer.Unknown("non-ASCII address: not verifiable by callout");
        }

        var at = address.LastIndexOf('@');
        return address.Length <= 254 && at > 0 && LocalPart().IsMatch(address[..at]) && IsDomain(address[(at + 1)..])
            ? null
            : new CalloutAnswer(CalloutOutcome.Invalid, null, "malformed address");
    }

    public static bool IsDomain(string? name) => name is { Length: > 0 and <= 253 } && Domain().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}\z")]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex Domain();
}
