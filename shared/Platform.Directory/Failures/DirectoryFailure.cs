namespace Platform.Directory.Failures;

/// <summary>
/// A classified failure to talk to a directory: a stable <see cref="Code"/> (see <see cref="DirectoryFailureCodes"/>),
/// a <see cref="Message"/> saying what happened and a <see cref="Hint"/> saying what the admin can do. Never contains
/// a password.
/// </summary>
public sealed record DirectoryFailure(string Code, string Message, string Hint)
{
    public override string ToString() => $"{Code}: {Message} {Hint}";
}
