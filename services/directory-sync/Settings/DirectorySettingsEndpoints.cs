using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Platform.Contracts;
using Platform.Directory.Egress;
using Platform.DirectorySync.Sync;
using Platform.Outbox.Store;
using Platform.Security;
using Platform.Security.Authorization;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// <c>GET</c> and <c>PUT /v1/domains/{domain}/directory</c> for the domain's admins. The settings' version is their
/// ETag; <c>If-Match</c> on PUT refuses to overwrite a change the admin has not seen.
/// </summary>
public static class DirectorySettingsEndpoints
{
    public static RouteGroupBuilder MapDirectorySettings(this RouteGroupBuilder domain)
    {
        domain.MapGet("/directory", GetAsync);
        domain.MapPut("/directory", PutAsync);
        return domain;
    }

    private static async Task<Results<Ok<DirectorySettingsView>, ProblemHttpResult>> GetAsync(
        string domain, DirectorySettingsService settings, HttpContext http, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var (directory, version) = await settings.ReadAsync(name, cancellationToken);
        if (!directory.Configured)
        {
            return Problems.NotConfigured(name);
        }

        http.Response.Headers.ETag = ETag(version);
        return TypedResults.Ok(View(name, directory, version));
    }

    private static async Task<Results<Ok<DirectorySettingsView>, ProblemHttpResult>> PutAsync(
        string domain, DirectorySettingsDocument document, DirectorySettingsService settings, SyncRequests requests, SyncSignal signal, HttpContext http,
        EgressPolicy egress, TimeProvider time, PlainLdapPolicy plainLdap, LoginSuffixClaims suffixClaims, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var (current, version) = await settings.ReadAsync(name, cancellationToken);
        var (saved, errors) = SettingsValidation.Validate(document, hasSavedPassword: current.ProtectedBindPassword is not null);
        if (saved is null)
        {
            return Problems.Invalid(errors);
        }

        if (BindPasswordGuard.FieldsNeedingPassword(current, saved, document.BindPassword is not null) is { Count: > 0 } changed)
        {
            return Problems.BindPasswordRequired(changed);
        }

        if (plainLdap.Refusal(saved) is { } plain)
        {
            return Problems.Invalid([plain]);
        }

        if (await suffixClaims.TakenAsync(name, saved.LoginSuffixes ?? [], cancellationToken) is { Count: > 0 } taken)
        {
            return Problems.Invalid([LoginSuffixClaims.Refusal(taken)]);
        }

        if (await DestinationCheck.RefusedAsync(saved, egress, time, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (http.Request.Headers.IfMatch is { Count: > 0 } ifMatch && !ifMatch.Contains(ETag(version)) && !ifMatch.Contains("*"))
        {
            return Problems.VersionMismatch(version);
        }

        try
        {
            var actor = http.User.GetSubject() ?? "unknown";
            // The run is queued in the save's transaction: the schedule never sees the domain due without it.
            Guid? syncRunId = null;
            var startSync = SyncOnSave.Needed(current.Settings, saved, settings.ChangesPassword(name, current, document.BindPassword));
            var newVersion = await settings.SaveAsync(name, saved, document.BindPassword, current, version, actor, cancellationToken,
                session => syncRunId = startSync ? requests.Queue(session, name, SyncTriggers.SettingsChanged, actor, SyncModes.Full) : null);
            if (syncRunId is not null)
            {
                signal.Wake();
            }

            var (after, _) = await settings.ReadAsync(name, cancellationToken);
            http.Response.Headers.ETag = ETag(newVersion);
            return TypedResults.Ok(View(name, after, newVersion) with { SyncRunId = syncRunId });
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            return Problems.ConcurrentChange();
        }
    }

    private static DirectorySettingsView View(string domain, DomainDirectory directory, long version)
    {
        var hasPassword = directory.ProtectedBindPassword is not null;
        return new DirectorySettingsView(domain, directory.Settings!, hasPassword, version, directory.UpdatedBy, directory.UpdatedAt,
            SettingsWarnings.For(directory.Settings!, hasPassword));
    }

    private static string ETag(long version) => new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();
}
