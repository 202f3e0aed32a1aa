using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Auth.Accounts;
using Platform.Auth.Admins;
using Platform.Auth.Clients;
using Platform.Auth.Directories;
using Platform.Auth.Links;
using Platform.Auth.Lockout;
using Platform.Auth.Login;
using Platform.Auth.Mfa;
using Platform.Auth.Secrets;
using Platform.Auth.Tokens;
using Platform.Directory;
using Platform.Outbox.Store;
using Platform.Security.Authentication;
using Platform.Security.Secrets;

namespace Platform.Auth;

public static class AuthService
{
    public const string Name = "auth";

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DirectorySettingsChangedConsumer>();
        bus.AddConsumer<UserDiscoveredConsumer>();
        bus.AddConsumer<UserDeactivatedConsumer>();
        bus.AddConsumer<UserReactivatedConsumer>();
        bus.AddConsumer<UserDeletedConsumer>();
        bus.AddConsumer<UserDisabledInDirectoryConsumer>();
        bus.AddConsumer<UserEnabledInDirectoryConsumer>();
        bus.AddConsumer<UserRemovedFromDirectoryConsumer>();
        bus.AddConsumer<IssueLoginLinkConsumer>();
        bus.AddConsumer<IssueLoginLinksConsumer>();
    }

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        // TryAdd: the test clock of the service defaults, when switched on (Development only), stays.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<TokenOptions>(builder.Configuration.GetSection(TokenOptions.Section));
        builder.Services.AddSingleton<DomainDirectories>();
        builder.Services.AddSingleton<LoginLinkIssuer>();
        builder.Services.AddSingleton<AccountSessions>();
        builder.Services.AddSingleton<KnownUsers>();
        builder.Services.AddSingleton<AccountService>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<LoginService>();
        builder.Services.AddSingleton<LoginMetrics>();
        builder.Services.AddSingleton<LoginClients>();
        builder.Services.AddOptions<LockoutOptions>().Bind(builder.Configuration.GetSection(LockoutOptions.Section))
            .Validate(o => o.IsValid(), $"{LockoutOptions.Section}: counts and times must be positive, the growth factor at least 1, MaxLock at least InitialLock.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ClientFailures>();
        builder.Services.AddClientAttemptLimit();
        builder.Services.AddSingleton<DirectoryEntryLimit>();
        builder.Services.Configure<MfaOptions>(builder.Configuration.GetSection(MfaOptions.Section));
        builder.Services.AddSingleton<MfaService>();
        builder.Services.AddSingleton<SecretReprotection>();
        builder.Services.Configure<AdminOptions>(builder.Configuration.GetSection(AdminOptions.Section));
        builder.Services.AddSingleton<AdminAccounts>();
        builder.Services.AddSingleton<AdminMfa>();
        builder.Services.Configure<ServiceClientOptions>(builder.Configuration.GetSection(ServiceClientOptions.Section));
        builder.Services.AddSingleton<ServiceClients>();
        builder.Services.Configure<LoginLinkOptions>(builder.Configuration.GetSection(LoginLinkOptions.Section));
        builder.Services.AddSingleton<LinkLoginService>();
        builder.Services.AddPlatformAuthentication(builder.Configuration);
        builder.Services.AddPlatformTokenIssuer(builder.Configuration);
        builder.Services.AddPlatformSecrets(builder.Configuration);
        builder.Services.AddPlatformDirectory(builder.Configuration);
        builder.AddPlatformMarten(Name, messages => messages.AddAssemblyOf<Contracts.LoginSucceeded>(), ConfigureStore);
        // After the store's schema is applied, which is registered (and so started) before it.
        builder.Services.AddHostedService<AdminBootstrap>();
        return builder;
    }

    /// <summary>Auth's events (by the names they are stored under), snapshots, read tables and its own table.</summary>
    public static void ConfigureStore(StoreOptions options)
    {
        var events = options.Events;
        events.MapEventType<DirectoryLearned>("directory-learned");
        events.MapEventType<RegistryUserKnown>("registry-user-known");
        events.MapEventType<RegistryStatusLearned>("registry-status-learned");
        events.MapEventType<RegistryUserForgotten>("registry-user-forgotten");
        events.MapEventType<LoggedIn>("logged-in");
        events.MapEventType<DirectoryStateLearned>("directory-state-learned");
        events.MapEventType<LoginFailureCounted>("login-failure-counted");
        events.MapEventType<AccountLocked>("account-locked");
        events.MapEventType<FailuresReset>("failures-reset");
        events.MapEventType<TotpEnrollmentStarted>("totp-enrollment-started");
        events.MapEventType<TotpConfirmed>("totp-confirmed");
        events.MapEventType<TotpCodeUsed>("totp-code-used");
        events.MapEventType<TotpCodeRejected>("totp-code-rejected");
        events.MapEventType<RecoveryCodeUsed>("recovery-code-used");
        events.MapEventType<TotpDisabled>("totp-disabled");
        events.MapEventType<TotpSecretsReprotected>("totp-secrets-reprotected");
        events.MapEventType<SessionStarted>("session-started");
        events.MapEventType<SessionRefreshed>("session-refreshed");
        events.MapEventType<SessionRevoked>("session-revoked");
        events.MapEventType<AdminCreated>("admin-created");
        events.MapEventType<AdminPasswordSet>("admin-password-set");
        events.MapEventType<AdminRemoved>("admin-removed");
        events.MapEventType<AdminDisabled>("admin-disabled");
        events.MapEventType<AdminEnabled>("admin-enabled");
        events.MapEventType<ServiceClientCreated>("service-client-created");
        events.MapEventType<ServiceClientRevoked>("service-client-revoked");
        events.MapEventType<LoginLinkCreated>("login-link-created");
        events.MapEventType<LoginLinkUsed>("login-link-used");
        events.MapEventType<LoginLinkVoided>("login-link-voided");
        // Read on every login and by every command on an account or admin: snapshots written with the events.
        options.Schema.For<Account>().DocumentAlias("account");
        options.Schema.For<AdminAccount>().DocumentAlias("admin");
        options.Projections.Add(new AccountProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new AdminProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new ServiceClientsProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new DomainDirectoriesProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new LoginLinksProjection(), ProjectionLifecycle.Inline);
        options.AddTableProjection(new SessionsProjection(), ProjectionLifecycle.Inline);
        options.Storage.ExtendedSchemaObjects.Add(DirectoryEntryLimit.Table(options.DatabaseSchemaName));
    }

    public static WebApplication MapAuth(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapLogin();
        app.MapDirectoryPasswords();
        app.MapTokens();
        app.MapAdmins();
        app.MapServiceClients();
        app.MapAdminManagement();
        app.MapAdminSecondFactor();
        app.MapLoginLinks();
        app.MapMfa();
        app.MapSecretReprotection();
        return app;
    }
}
