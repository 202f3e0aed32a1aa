using System.Globalization;
using Platform.Directory.Mapping;

namespace Platform.Directory.Search;

/// <summary>Turns an entry into a <see cref="DirectoryUser"/>, or into an <see cref="EntryProblem"/> saying why it cannot be one.</summary>
internal static class UserMapper
{
    public static DirectoryEntry Map(RawEntry entry, AttributeMapping mapping, string loginAttribute)
    {
        var id = mapping.IdIsBinaryGuid
            ? entry.FirstBytes(mapping.Id) is { } bytes ? ObjectGuid.Format(bytes) : null
            : entry.First(mapping.Id);
        if (id is null)
        {
            return new EntryProblem(entry.Dn, EntryProblemCodes.MissingId, $"The entry has no usable {mapping.Id}.");
        }

        var (primary, aliases) = Addresses(entry, mapping);
        if (primary is null)
        {
            return new EntryProblem(entry.Dn, EntryProblemCodes.NoAddress, $"The entry has no e-mail address ({mapping.Mail}).");
        }

        if (!MailAddresses.IsValid(primary))
        {
            return new EntryProblem(entry.Dn, EntryProblemCodes.InvalidAddress, $"'{primary}' is not a valid e-mail address.");
        }

        return new DirectoryUser(
            id,
            entry.Dn,
            entry.First(loginAttribute),
            primary,
            // An invalid alias is dropped rather than failing the user: the primary address still works.
            aliases.Where(MailAddresses.IsValid).ToList(),
            mapping.DisplayName.Select(entry.First).FirstOrDefault(name => name is not null),
            IsDisabled(entry, mapping.Disabled),
            entry.First(mapping.ChangeAttribute));
    }

    private static (string? Primary, IReadOnlyList<string> Aliases) Addresses(RawEntry entry, AttributeMapping mapping)
    {
        var mail = entry.Strings(mapping.Mail).Select(m => m.Trim().ToLowerInvariant()).Where(m => m.Length > 0).ToList();
        string? primary = null;
        var others = new List<string>();
        foreach (var attribute in mapping.Aliases)
        {
            if (ProxyAddresses.IsProxyAddresses(attribute))
            {
                // Exchange: the SMTP: proxy address is the primary address, even if mail says otherwise.
                var (smtpPrimary, smtpAliases) = ProxyAddresses.Parse(entry.Strings(attribute));
                primary ??= smtpPrimary;
                others.AddRange(smtpAliases);
            }
            else
            {
                others.AddRange(entry.Strings(attribute).Select(a => a.Trim().ToLowerInvariant()));
            }
        }

        primary ??= mail.FirstOrDefault();
        var aliases = mail.Concat(others)
            .Where(a => a.Length > 0 && a != primary)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (primary, aliases);
    }

    private static bool IsDisabled(RawEntry entry, DisabledRule rule) => rule.Kind switch
    {
        DisabledRuleKind.AccountControlFlag =>
            long.TryParse(entry.First(rule.Attribute!), NumberStyles.Integer, CultureInfo.InvariantCulture, out var flags) && (flags & 0x2) != 0,
        DisabledRuleKind.ActiveStatus =>
            !string.Equals(entry.First(rule.Attribute!)?.Trim(), "active", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
