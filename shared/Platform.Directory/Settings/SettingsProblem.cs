namespace Platform.Directory.Settings;

/// <summary>
/// One invalid field of <see cref="DirectorySettings"/>, named as in the settings, with its stable code
/// (<see cref="SettingsFieldCodes"/>) and what to do about it.
/// </summary>
public sealed record SettingsProblem(string Field, string Code, string Message);

/// <summary>Thrown when a client is created from settings that <see cref="DirectorySettings.Validate"/> rejects.</summary>
public sealed class InvalidDirectorySettingsException(IReadOnlyList<SettingsProblem> problems)
    : Exception("Invalid directory settings: " + string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<SettingsProblem> Problems { get; } = problems;
}
