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

    /// <summary>
    /// Set when auth refused the link, to one of <see cref="LoginLinkRefusals"/>: then <see cref="Url"/> is empty and
    /// <see cref="ExpiresAt"/> the time of the refusal. Null on every link.
    /// </summary>
    public string? Refusal { get; init; }
}

/// <summary>Why auth refused a login link (<see cref="LoginLinkIssued.Refusal"/>). Values are part of the contract.</summary>
public static class LoginLinkRefusals
{
    /// <summary>The registry (directory-sync) does not know the address: auth has seen no <see cref="UserDiscovered"/> for it, or it was deleted.</summary>
    public const string UnknownUser = "unknown_user";
}

/// <summary>
/// Several login links in one request (MassTransit request/response): notifications asks for the links of the mails it
/// is about to send together. Answered with <see cref="LoginLinksIssued"/>, one link per request, in the same order.
/// At most <see cref="MaxLinks"/>.
/// </summary>
public sealed record IssueLoginLinks
{
    public const int MaxLinks = 500;

    public required IReadOnlyList<IssueLoginLink> Links { get; init; }
}

/// <summary>The links asked for by <see cref="IssueLoginLinks"/>, in its order; each as secret as a <see cref="LoginLinkIssued"/>.</summary>
public sealed record LoginLinksIssued
{
    public required IReadOnlyList<LoginLinkIssued> Links { get; init; }
}

/// <summary>Why a login link is issued. Values are part of the contract.</summary>
public static class LoginLinkPurposes
{
    public const string Welcome = "welcome";
    public const string Report = "report";
    public const string Login = "login";
}
