using Platform.Contracts;

namespace Platform.Auth.Directories;

/// <summary>
/// Auth learned a domain's directory settings from directory-sync (stream <c>directory/{domain}</c>). The event
/// keeps the message as published: the bind password in it is still encrypted.
/// </summary>
public sealed record DirectoryLearned(string Domain, DirectorySettingsChanged Settings) : DirectoryEvent
{
    public static string StreamId(string domain) => $"directory/{domain}";
}

/// <summary>An event of a domain's directory stream (<c>directory/{domain}</c>).</summary>
public abstract record DirectoryEvent;
