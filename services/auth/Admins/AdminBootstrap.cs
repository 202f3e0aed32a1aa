using Microsoft.Extensions.Options;
using Platform.Security;

namespace Platform.Auth.Admins;

/// <summary>
/// Creates the configured platform admin on first start (<c>Auth:Admin:Email</c> / <c>Auth:Admin:Password</c>), so a
/// fresh installation can be administered; an existing account is left as it is (its password may have changed). A
/// configured password weaker than any admin's may be (<see cref="AdminAccount.PasswordProblem"/>) stops the start.
/// </summary>
public sealed partial class AdminBootstrap(AdminAccounts admins, IOptions<AdminOptions> options, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value;
        if (AdminAccounts.NormalizeEmail(configured.Email) is not { } email || string.IsNullOrEmpty(configured.Password))
        {
            LogNoAdmin(AdminOptions.Section);
            return;
        }

        // The rule of every admin's password: a weak one in configuration is a mistake to mend, not to start with.
        if (AdminAccount.PasswordProblem(configured.Password) is { } problem)
        {
            throw new InvalidOperationException(
                $"{AdminOptions.Section}:Password is too weak for the platform admin {email}: {problem} Set a stronger one (./platform generates 24 characters).");
        }

        if (await admins.FindAsync(email, cancellationToken) is not null)
        {
            return;
        }

        // Another replica starting at the same moment may create it first: then there is nothing left to do.
        if (await admins.CreateAsync(email, configured.Password, PlatformRoles.PlatformAdmin, [], "system:bootstrap", cancellationToken) is null)
        {
            LogCreated(email);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Created the platform admin {Email} from configuration")]
    private partial void LogCreated(string email);

    [LoggerMessage(LogLevel.Warning, "No platform admin configured ({Section}:Email and :Password): none is created")]
    private partial void LogNoAdmin(string section);
}
