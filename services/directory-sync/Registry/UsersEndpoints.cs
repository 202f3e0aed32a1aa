using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// The managed list of email users for a domain's admins: <c>GET/POST .../users</c>, <c>GET/PATCH/DELETE
/// .../users/{email}</c> and the batch upsert <c>POST .../users/import</c>.
/// </summary>
public static class UsersEndpoints
{
    public const int MaxImport = 10_000;
    private const int MaxPage = 500;

    public static RouteGroupBuilder MapRegistryUsers(this RouteGroupBuilder domain)
    {
        domain.MapGet("/users", ListAsync);
        domain.MapPost("/users", AddAsync);
        domain.MapPost("/users/import", ImportAsync);
        domain.MapGet("/users/{email}", GetAsync);
        domain.MapPatch("/users/{email}", PatchAsync);
        domain.MapDelete("/users/{email}", DeleteAsync);
        return domain;
    }

    private static async Task<Results<Ok<UserPage>, ProblemHttpResult>> ListAsync(
        string domain, string? status, string? source, string? q, string? after, int? limit, RegistryReader reader, CancellationToken cancellationToken)
    {
        if (status is not null && !UserStatuses.IsValid(status))
        {
            return InvalidStatus(status);
        }

        var size = Math.Clamp(limit ?? 50, 1, MaxPage);
        var users = await reader.ListAsync(DomainNames.Normalize(domain)!, new UserQuery(status, source, q, after, size + 1), cancellationToken);
        var page = users.Take(size).ToList();
        return TypedResults.Ok(new UserPage(page, users.Count > size ? page[^1].Email : null));
    }

    private static async Task<Results<Ok<RegistryUserView>, ProblemHttpResult>> GetAsync(
        string domain, string email, RegistryReader reader, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var (address, problem) = Address(email, name);
        if (address is null)
        {
            return problem!;
        }

        return await reader.FindAsync(name, address, cancellationToken) is { } user ? TypedResults.Ok(user) : NotFound(address);
    }

    private static async Task<Results<Created<RegistryUserView>, ProblemHttpResult>> AddAsync(
        string domain, NewUser body, RegistryService registry, RegistryReader reader, UserLimit limits, HttpContext http, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var (address, problem) = Address(body.Email, name);
        var status = body.Status ?? UserStatuses.Active;
        if (address is null || !UserStatuses.IsValid(status))
        {
            return problem ?? InvalidStatus(status);
        }

        var outcome = await registry.AddAsync(name, address, status, Actor(http), cancellationToken);
        if (outcome.Problem is RegistryProblems.UserLimitReached)
        {
            return ListFull(name, $"It has {limits.MaxUsers} users, the most a domain may have.");
        }

        if (outcome.Problem is not null)
        {
            return Conflict(outcome.Problem, address);
        }

        return TypedResults.Created($"/v1/domains/{name}/users/{Uri.EscapeDataString(address)}", await reader.FindAsync(name, address, cancellationToken));
    }

    private static async Task<Results<Ok<RegistryUserView>, ProblemHttpResult>> PatchAsync(
        string domain, string email, UserChange body, RegistryService registry, RegistryReader reader, HttpContext http, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var (address, problem) = Address(email, name);
        if (address is null || body.Status is not { } status || !UserStatuses.IsValid(status))
        {
            return problem ?? InvalidStatus(body.Status);
        }

        var outcome = await registry.SetStatusAsync(name, address, status, Actor(http), cancellationToken);
        return outcome.Problem is not null ? Conflict(outcome.Problem, address) : TypedResults.Ok((await reader.FindAsync(name, address, cancellationToken))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string domain, string email, RegistryService registry, HttpContext http, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var (address, problem) = Address(email, name);
        if (address is null)
        {
            return problem!;
        }

        var outcome = await registry.DeleteAsync(name, address, Actor(http), cancellationToken);
        return outcome.Problem is not null ? Conflict(outcome.Problem, address) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(
        string domain, ImportBatch body, RegistryService registry, HttpContext http, CancellationToken cancellationToken)
    {
        if (body.Users is not { Count: > 0 } rows)
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, "empty_import", "Nothing to import.", "Send { \"users\": [ { \"email\": ... } ] }.");
        }

        if (rows.Count > MaxImport)
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, "import_too_large", "Too many rows in one import.",
                $"Send at most {MaxImport} rows per call; this one has {rows.Count}.");
        }

        var name = DomainNames.Normalize(domain)!;
        var (results, refused) = await registry.ImportAsync(name, rows, Actor(http), cancellationToken);
        if (refused is not null)
        {
            return ListFull(name, $"It has {refused.Users} users and this import would add {refused.Adding}; a domain may have at most {refused.MaxUsers}. Nothing was imported.");
        }

        return TypedResults.Ok(new ImportReport(
            results.Count(r => r.Result == ImportResults.Added), results.Count(r => r.Result == ImportResults.Updated),
            results.Count(r => r.Result == ImportResults.Unchanged), results.Count(r => r.Result == ImportResults.Rejected), results));
    }

    private static (string? Address, ProblemHttpResult? Problem) Address(string? email, string domain)
    {
        var (address, error, reason) = EmailAddresses.Normalize(email, domain);
        return address is not null
            ? (address, null)
            : (null, CodedProblem.Result(StatusCodes.Status400BadRequest, error!, "The email address cannot be used.", reason!));
    }

    private static string Actor(HttpContext http) => http.User.GetSubject() ?? "unknown";

    private static ProblemHttpResult ListFull(string domain, string detail) => CodedProblem.Result(StatusCodes.Status409Conflict, RegistryProblems.UserLimitReached,
        $"The list of email users of {domain} is full.", $"{detail} Delete users no longer needed, or ask the platform's operator for a higher limit.");

    private static ProblemHttpResult InvalidStatus(string? status) => CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_status",
        "Unknown status.", $"Status is \"active\" or \"inactive\", not \"{status}\".");

    private static ProblemHttpResult NotFound(string email) => CodedProblem.Result(StatusCodes.Status404NotFound, RegistryProblems.NotFound,
        "No such email user.", $"{email} is not in this domain's list.");

    private static ProblemHttpResult Conflict(string problem, string email) => problem switch
    {
        RegistryProblems.NotFound => NotFound(email),
        RegistryProblems.AlreadyExists => CodedProblem.Result(StatusCodes.Status409Conflict, problem, "The user is already in the list.",
            $"{email} is already known; change their status with PATCH instead."),
        _ => CodedProblem.Result(StatusCodes.Status409Conflict, problem, "The directory sync manages this user.",
            $"{email} is in the domain's directory, so the next sync would bring them back: set them inactive instead, or remove them from the directory."),
    };
}

/// <summary>Body of <c>POST .../users</c>; <see cref="Status"/> defaults to active.</summary>
public sealed record NewUser(string? Email, string? Status);

/// <summary>Body of <c>PATCH .../users/{email}</c>.</summary>
public sealed record UserChange(string? Status);

/// <summary>Body of <c>POST .../users/import</c>.</summary>
public sealed record ImportBatch(IReadOnlyList<ImportRow>? Users);

/// <summary>A page of users; <see cref="NextAfter"/> continues the listing (null at the end).</summary>
public sealed record UserPage(IReadOnlyList<RegistryUserView> Users, string? NextAfter);

/// <summary>The counts of an import and every row's result, in the order sent.</summary>
public sealed record ImportReport(int Added, int Updated, int Unchanged, int Rejected, IReadOnlyList<ImportRowResult> Rows);
