using Platform.Contracts;
using Platform.Security;

namespace Platform.Reporting.Quarantine;

/// <summary>A <see cref="SpamQuarantined"/> that cannot be recorded; it goes to the error queue with this reason, unretried.</summary>
public sealed class InvalidSpamMessageException(string message) : ArgumentException(message);

/// <summary>Checks what the filtering engine (any language) sent before anything is recorded.</summary>
public static class SpamMessages
{
    public const int MaxTextLength = 998;

    /// <summary>The recipient in the registry's form (lower case, IDN in ASCII); throws with every problem named.</summary>
    public static (string Domain, string Email) Validate(SpamQuarantined message)
    {
        var problems = new List<string>();
        (string Domain, string Email)? recipient = null;
        if (DomainNames.Normalize(message.Domain) is not { } domain)
        {
            problems.Add($"domain '{message.Domain}' is not a domain name");
        }
        else
        {
            var (email, _, reason) = EmailAddresses.Normalize(message.Email, domain);
            if (email is null)
            {
                problems.Add($"email '{message.Email}': {reason}");
            }
            else
            {
                recipient = (domain, email);
            }
        }

        if (string.IsNullOrWhiteSpace(message.QuarantineId) || message.QuarantineId.Length > 200)
        {
            problems.Add("quarantineId must be a non-empty string of at most 200 characters");
        }

        if (message.Sender is null || message.Sender.Length > MaxTextLength)
        {
            problems.Add($"sender must be a string of at most {MaxTextLength} characters (empty for the null sender)");
        }

        if (message.Subject is null || message.Subject.Length > MaxTextLength)
        {
            problems.Add($"subject must be a string of at most {MaxTextLength} characters");
        }

        // A quarantined message was judged spam: a negative (ham) score means the filter sent the wrong thing.
        if (!double.IsFinite(message.Score) || message.Score < 0)
        {
            problems.Add($"score must be a finite number of at least 0 (got {message.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        if (message.ReceivedAt == default)
        {
            problems.Add("receivedAt must be a timestamp");
        }

        if (problems.Count > 0 || recipient is null)
        {
            throw new InvalidSpamMessageException($"SpamQuarantined {message.EventId} cannot be recorded: {string.Join("; ", problems)}.");
        }

        return recipient.Value;
    }
}
