using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Auth.Accounts;
using Platform.Auth.Admins;
using Platform.Auth.Clients;
using Platform.Auth.Directories;
using Platform.Auth.Links;
using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.Auth.Secrets;
using Platform.Auth.Login;
using Platform.Auth.Tokens;
using Platform.Directory;
using Platform.EventStore;
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
        builder.Services.AddSingleton<ClientThrottle>();
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
        builder.Services.AddPlatformEventStore(builder.Configuration, "auth", ConfigureStore);
        // After the store's migration, which is registered (and so started) before it.
        builder.Services.AddHostedService<AdminBootstrap>();
        return builder;
    }

    public static void ConfigureStore(EventStoreOptions store)
    {
        store.Events.Register<DirectoryLearned>("directory-learned");
        store.Events.Register<RegistryUserKnown>("registry-user-known");
        store.Events.Register<RegistryStatusLearned>("registry-status-learned");
        store.Events.Register<RegistryUserForgotten>("registry-user-forgotten");
        store.Events.Register<LoggedIn>("logged-in");
        store.Events.Register<DirectoryStateLearned>("directory-state-learned");
        store.Events.Register<LoginFailureCounted>("login-failure-counted");
        store.Events.Register<AccountLocked>("account-locked");
        store.Events.Register<FailuresReset>("failures-reset");
        store.Events.Register<TotpEnrollmentStarted>("totp-enrollment-started");
        store.Events.Register<TotpConfirmed>("totp-confirmed");
        store.Events.Register<TotpCodeUsed>("totp-code-used");
        store.Events.Register<TotpCodeRejected>("totp-code-rejected");
        store.Events.Register<RecoveryCodeUsed>("recovery-code-used");
        store.Events.Register<TotpDisabled>("totp-disabled");
        store.Events.Register<TotpSecretsReprotected>("totp-secrets-reprotected");
        store.Events.Register<SessionStarted>("session-started");
        store.Events.Register<SessionRefreshed>("session-refreshed");
        store.Events.Register<SessionRevoked>("session-revoked");
        store.Events.Register<AdminCreated>("admin-created");
        store.Events.Register<AdminPasswordSet>("admin-password-set");
        store.Events.Register<AdminRemoved>("admin-removed");
        store.Events.Register<AdminDisabled>("admin-disabled");
        store.Events.Register<AdminEnabled>("admin-enabled");
        store.Events.Register<ServiceClientCreated>("service-client-created");
        store.Events.Register<ServiceClientRevoked>("service-client-revoked");
        store.InlineProjections.Add(new ServiceClientsProjection(store.Schema));
        store.InlineProjections.Add(new DomainDirectoriesProjection(store.Schema));
        store.Events.Register<LoginLinkCreated>("login-link-created");
        store.Events.Register<LoginLinkUsed>("login-link-used");
        store.Events.Register<LoginLinkVoided>("login-link-voided");
        store.InlineProjections.Add(new AdminsProjection(store.Schema));
        store.InlineProjections.Add(new LoginLinksProjection(store.Schema));
        store.InlineProjections.Add(new AccountsProjection(store.Schema));
        store.InlineProjections.Add(new SessionsProjection(store.Schema));
        store.InlineProjections.Add(new DirectoryEntryFailuresStorage(store.Schema));
        store.Messages.AddAssemblyOf<Contracts.LoginSucceeded>();
    }

    public static WebApplication MapAuth(this WebApplication app)
    {
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
