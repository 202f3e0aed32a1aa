namespace Platform.Contracts;

/// <summary>
/// A request to auth (MassTransit request/response) for a one-time login link for an email user: notifications asks
/// for one to put in a welcome message or a report. Answered with <see cref="LoginLinkIssued"/>.
/// </summary>
public sealed record IssueLoginLink
{
    public required string Domain { get; init; }
    public required string Email { get; init; }

    /// <summary>One of <see cref="LoginLinkPurposes"/>; it decides how long the link is good for.</summary>
    public required string Purpose { get; init; }
}

/// <summary>
/// The link: <see cref="Url"/> carries a random single-use token (auth keeps only its hash). Whoever holds the URL can
/// log in as the user until <see cref="ExpiresAt"/>: send it to the user only, never log it.
/// </summary>
public sealed record LoginLinkIssued
{
    public required string Url { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Why a login link is issued. Values are part of the contract.</summary>
public static class LoginLinkPurposes
{
    public const string Welcome = "welcome";
    public const string Report = "report";
    public const string Login = "login";
}
