namespace Platform.Directory.Failures;

/// <summary>An operation on a directory failed; <see cref="Failure"/> says how, for the admin.</summary>
public sealed class DirectoryFailureException : Exception
{
    public DirectoryFailureException(DirectoryFailure failure, Exception? innerException = null)
        : base($"{failure.Code}: {failure.Message}", innerException)
    {
        Failure = failure;
    }

    public DirectoryFailure Failure { get; }

    public string Code => Failure.Code;

    public string Hint => Failure.Hint;
}
