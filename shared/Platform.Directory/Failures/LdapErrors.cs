using System.Collections;
using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Resources;

namespace Platform.Directory.Failures;

/// <summary>The LDAP result code and server text behind an exception from System.DirectoryServices.Protocols.</summary>
internal static class LdapErrors
{
    /// <summary>libldap: the server closed the connection or could not be reached.</summary>
    public const int ServerDown = 81;

    /// <summary>libldap: LDAP_OPT_TIMEOUT or a request timeout expired.</summary>
    public const int ClientTimeout = 85;

    /// <summary>libldap: a local error, e.g. a TLS failure reported by OpenSSL.</summary>
    public const int LocalError = 82;

    /// <summary>libldap: the connection (typically its TLS handshake) could not be established.</summary>
    public const int ConnectError = 91;

    private static readonly Lazy<IReadOnlyDictionary<string, int>> CodesByMessage = new(ReadMessages);

    public static (int Code, string? ServerMessage) Read(Exception exception) => exception switch
    {
        LdapException e => (e.ErrorCode, e.ServerErrorMessage),
        DirectoryOperationException { Response: { } response } => ((int)response.ResultCode, response.ErrorMessage),
        DirectoryOperationException e => (CodeOf(e.Message) ?? (int)ResultCode.Other, null),
        _ => (-1, null),
    };

    /// <summary>A short name for a result code, e.g. <c>confidentialityRequired</c>, for messages.</summary>
    public static string Describe(int code) =>
        Enum.IsDefined((ResultCode)code)
            ? char.ToLowerInvariant(((ResultCode)code).ToString()[0]) + ((ResultCode)code).ToString()[1..]
            : "error " + code.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A failed bind that the server answered with a result code (13, 53, ...) surfaces from
    /// <see cref="LdapConnection.Bind()"/> as a <see cref="DirectoryOperationException"/> WITHOUT a response: only
    /// its message, looked up by code from the library's own resources, tells the code. This inverts that lookup
    /// (keys are <c>LDAP_&lt;RESULT_CODE_NAME&gt;</c>); an unknown message yields null.
    /// </summary>
    internal static int? CodeOf(string message) =>
        CodesByMessage.Value.TryGetValue(message, out var code) ? code : null;

    private static Dictionary<string, int> ReadMessages()
    {
        var codes = Enum.GetValues<ResultCode>().ToDictionary(c => "LDAP_" + ToUpperSnake(c.ToString()), c => (int)c, StringComparer.Ordinal);
        var messages = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            var resources = new ResourceManager("FxResources.System.DirectoryServices.Protocols.SR", typeof(LdapConnection).Assembly);
            foreach (var culture in new[] { CultureInfo.CurrentUICulture, CultureInfo.InvariantCulture })
            {
                // Not disposed: the ResourceManager caches and reuses the set.
                var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: true);
                foreach (DictionaryEntry entry in set ?? (IEnumerable)Array.Empty<DictionaryEntry>())
                {
                    if (entry.Key is string key && entry.Value is string text && codes.TryGetValue(key, out var code))
                    {
                        messages.TryAdd(text, code);
                    }
                }
            }
        }
        catch (MissingManifestResourceException)
        {
            // Classification then falls back to directory_error with the message.
        }

        return messages;
    }

    private static string ToUpperSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
