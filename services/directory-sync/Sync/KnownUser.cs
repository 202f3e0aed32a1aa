namespace Platform.DirectorySync.Sync;

/// <summary>A directory user in the managed list, as the last sync left them (a row of the directory_users read model).</summary>
public sealed record KnownUser(
    string DirectoryId,
    string Email,
    IReadOnlyList<string> Aliases,
    string? DisplayName,
    bool Disabled);
