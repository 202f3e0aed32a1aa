using System.Net.Http.Json;
using Platform.Testing;

namespace Platform.Panel.Tests;

/// <summary>The domain's admins: local accounts at auth, created by the platform admin as an operator would.</summary>
public sealed partial class TestDomain
{
    /// <summary>
    /// The domain with <paramref name="uids"/> in its LDAP subtree but no directory saved at directory-sync: for an admin
    /// to fill in the settings in the panel.
    /// </summary>
    public static async Task<TestDomain> CreateWithoutDirectoryAsync(RunningPanel platform, params string[] uids)
    {
        var domain = new TestDomain(platform, await LdapSubtree.CreateAsync(), $"panel-{Guid.NewGuid():N}"[..14] + ".example",
            "directory password " + Guid.NewGuid().ToString("N")[..8]);
        foreach (var uid in uids)
        {
            await domain.Ldap.AddUserAsync(uid, domain.Address(uid), password: domain.Password);
        }

        var login = await domain._http.PostAsJsonAsync(new Uri(platform.Auth, "/v1/admin/login"),
            new { email = Infrastructure.Get("Auth:Admin:Email"), password = Infrastructure.Get("Auth:Admin:Password") });
        domain._admin = (await domain.Json(login, "the admin's login"))["accessToken"]!.GetValue<string>();
        return domain;
    }

    /// <summary>A domain admin of this domain only (auth's <c>POST /v1/admin/accounts</c>); their address and password.</summary>
    public async Task<(string Email, string Password)> CreateDomainAdminAsync(string name = "admin")
    {
        var email = $"{name}-{Guid.NewGuid():N}"[..20] + "@admins." + Name;
        var password = "admin password " + Guid.NewGuid().ToString("N")[..12];
        await Json(await SendAsync(HttpMethod.Post, new Uri(_platform.Auth, "/v1/admin/accounts"), _admin,
            new { email, password, role = "domain-admin", domains = new[] { Name } }), "creating the domain admin");
        return (email, password);
    }

    /// <summary>Turns an admin's second factor on through auth's <c>/v1/admin/me/totp</c>; their authenticator app.</summary>
    public async Task<Authenticator> EnrollAdminTotpAsync(string email, string password)
    {
        var login = await _http.PostAsJsonAsync(new Uri(_platform.Auth, "/v1/admin/login"), new { email, password });
        var token = (await Json(login, "the domain admin's login"))["accessToken"]!.GetValue<string>();
        var started = await Json(await SendAsync(HttpMethod.Post, new Uri(_platform.Auth, "/v1/admin/me/totp"), token), "starting the admin's TOTP");
        var authenticator = new Authenticator(Base32(started["secret"]!.GetValue<string>()));
        await Json(await SendAsync(HttpMethod.Post, new Uri(_platform.Auth, "/v1/admin/me/totp/confirm"), token, new { code = authenticator.NextCode() }),
            "confirming the admin's TOTP");
        return authenticator;
    }
}
