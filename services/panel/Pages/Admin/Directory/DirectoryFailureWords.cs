using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Panel.Backends;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Directory;

/// <summary>
/// What directory-sync says in English beside a stable code, in the panel's words: a connection test's failure (its
/// code and reason, <c>DirectoryFailureCodes</c>/<c>DirectoryFailureReasons</c>, with the values it names) and what each
/// step found (<c>ConnectionTestDetailCodes</c>), the saved
/// settings' warnings (<c>SettingsWarningCodes</c>) and a skipped entry's problem (<c>EntryProblemCodes</c>,
/// <c>SyncProblemCodes</c>). A code, reason or value the panel has no words for keeps the service's English.
/// </summary>
public static partial class DirectoryFailureWords
{
    public const string Text = "Directory.FailureText.";
    public const string Hint = "Directory.FailureHint.";
    public const string Warning = "Directory.Warning.";
    public const string EntryProblem = "Directory.EntryProblem.";
    public const string StepDetail = "Directory.StepDetail.";

    /// <summary>What happened, in words with the failure's values; the service's English for a case without words.</summary>
    public static string Message(this PanelTexts texts, TestFailure failure) =>
        Filled(texts, Text + Case(failure), failure.Values) ?? failure.Message;

    /// <summary>What to do; the reason's words, else the code's, else (a case the panel does not know) the service's English.</summary>
    public static string HintOf(this PanelTexts texts, TestFailure failure)
    {
        if (!PanelTexts.Has(Text + Case(failure)))
        {
            return failure.Hint;
        }

        var key = PanelTexts.Has(Hint + Case(failure)) ? Hint + Case(failure) : Hint + failure.Code;
        return Filled(texts, key, failure.Values) is { } hint
            ? failure.Values?.GetValueOrDefault("outgoingAddresses") is { Length: > 0 } addresses
                ? hint + " " + texts.Format("Directory.FailureFrom", addresses)
                : hint
            : failure.Hint;
    }

    /// <summary>What the directory itself said, in its own words, when it said something.</summary>
    public static string? ServerSaid(this PanelTexts texts, TestFailure failure) =>
        failure.Values?.GetValueOrDefault("serverMessage") is { Length: > 0 } said ? texts.Format("Directory.FailureServerSaid", said) : null;

    /// <summary>What a step found: the failure's words for a failed step, else the words of its detail code, else the service's English.</summary>
    public static string? DetailOf(this PanelTexts texts, TestStep step, TestFailure? failure) =>
        step.Result == "failed" && failure is not null ? texts.Message(failure)
        : step.DetailCode is { } code ? Filled(texts, StepDetail + code, step.Values) ?? step.Detail
        : step.Detail;

    public static string Say(this PanelTexts texts, SettingsWarning warning) =>
        PanelTexts.Has(Warning + warning.Code) ? texts[Warning + warning.Code] : warning.Message;

    public static string SayEntryProblem(this PanelTexts texts, string? code, string? message) =>
        code is not null && PanelTexts.Has(EntryProblem + code) ? texts[EntryProblem + code] : message ?? "";

    private static string Case(TestFailure failure) => failure.Reason is null ? failure.Code : failure.Code + "." + failure.Reason;

    /// <summary>The words of <paramref name="key"/> with each <c>{name}</c> replaced by its value; null without words or a value they name.</summary>
    private static string? Filled(PanelTexts texts, string key, IReadOnlyDictionary<string, string>? values)
    {
        if (!PanelTexts.Has(key))
        {
            return null;
        }

        var missing = false;
        var filled = Placeholder().Replace(texts[key], m =>
        {
            if (values?.GetValueOrDefault(m.Groups[1].Value) is not { } value)
            {
                missing = true;
                return "";
            }

            return m.Groups[1].Value is "validFrom" or "validUntil" && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC"
                : value;
        });
        return missing ? null : filled;
    }

    /// <summary>The names of the values the words of <paramref name="key"/> name.</summary>
    public static IEnumerable<string> Placeholders(string words) => Placeholder().Matches(words).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Directory.FailureFrom"] = "The platform connects from {0}.",
            ["Directory.FailureServerSaid"] = "The directory said: {0}",
            [Text + "destination_not_allowed"] = "{host} is, or resolves to, an address the platform does not connect to (loopback, private or internal networks, the platform's own services). Nothing was sent to it.",
            [Hint + "destination_not_allowed"] = "Enter the public name or IP address of your directory server. A server reached only over a VPN or a private link needs its network allowed by the platform's operator.",
            [Text + "dns_failure"] = "The host name {host} could not be resolved.",
            [Hint + "dns_failure"] = "Check the spelling. The platform looks the name up in public DNS only: a name that exists only in your internal DNS does not resolve. Publish it, or enter the server's public IP address.",
            [Text + "connection_refused"] = "{endpoint} refused the connection: nothing listens on port {port}, or a firewall rejects it.",
            [Hint + "connection_refused"] = "Check the port (389 for LDAP and STARTTLS, 636 for LDAPS) and that the directory service runs on {host}. If a firewall is in front of it, allow the platform's addresses.",
            [Text + "timeout"] = "{endpoint} did not answer in time.",
            [Text + "timeout.no_answer_within"] = "{endpoint} did not answer within {seconds} seconds.",
            [Hint + "timeout"] = "The host cannot be reached or a firewall silently drops the connection. Allow TCP port {port} from the platform's addresses in your firewall and check that {host} can be reached from the internet.",
            [Text + "tls_failure"] = "The encrypted connection to {endpoint} failed.",
            [Text + "tls_failure.certificate_expired"] = "The server's certificate ({subject}) has expired or is not valid yet: it is valid from {validFrom} to {validUntil}.",
            [Text + "tls_failure.certificate_untrusted"] = "The server's certificate ({subject}) is not trusted: it was issued by {issuer}, whom the platform does not trust for this directory.",
            [Text + "tls_failure.certificate_invalid"] = "The server's certificate ({subject}) is not valid.",
            [Text + "tls_failure.certificate_name_mismatch"] = "The server's certificate is for {certificateNames}, not for {host}.",
            [Text + "tls_failure.no_certificate"] = "{endpoint} presented no certificate.",
            [Text + "tls_failure.starttls_not_offered"] = "{endpoint} does not offer STARTTLS (it answered {resultName}): the server has no certificate configured, or STARTTLS is turned off.",
            [Text + "tls_failure.handshake_failed"] = "The TLS handshake with {endpoint} failed.",
            [Hint + "tls_failure"] = "Paste or upload the certificate of the CA that issued the server's certificate (PEM), and connect using a name the certificate lists; the certificate must also be valid today.",
            [Hint + "tls_failure.certificate_name_mismatch"] = "Enter as the host one of the names the certificate lists, or have the server's certificate issued for {host}.",
            [Hint + "tls_failure.certificate_expired"] = "Renew the server's certificate, then test again.",
            [Hint + "tls_failure.starttls_not_offered"] = "Give the directory server a certificate and turn STARTTLS on, or choose LDAPS on port 636.",
            [Text + "protocol_mismatch"] = "{endpoint} does not speak the chosen encryption.",
            [Text + "protocol_mismatch.tls_port_without_tls"] = "{endpoint} expects TLS from the first byte (an LDAPS port), but the encryption is none.",
            [Text + "protocol_mismatch.ldaps_on_plain_port"] = "{endpoint} completed no TLS handshake: it may be a plain LDAP port.",
            [Text + "protocol_mismatch.starttls_on_ldaps_port"] = "{endpoint} did not answer the STARTTLS request like an LDAP server: it may be an LDAPS port.",
            [Hint + "protocol_mismatch"] = "Use port 389 with STARTTLS, or port 636 with LDAPS.",
            [Hint + "protocol_mismatch.tls_port_without_tls"] = "Choose LDAPS for this port, or use port 389 with STARTTLS.",
            [Hint + "protocol_mismatch.ldaps_on_plain_port"] = "LDAPS usually uses port 636; for port 389 choose STARTTLS instead of LDAPS.",
            [Hint + "protocol_mismatch.starttls_on_ldaps_port"] = "For port 636 choose LDAPS; STARTTLS is offered on the plain LDAP port 389.",
            [Text + "strong_auth_required"] = "{endpoint} refuses a sign-in over an unencrypted connection.",
            [Hint + "strong_auth_required"] = "Choose STARTTLS (port 389) or LDAPS (port 636); this also keeps the password off the network.",
            [Text + "invalid_service_credentials"] = "The directory refused the service account {bindDn}.",
            [Hint + "invalid_service_credentials"] = "Check the service account's bind DN (or user@domain) and password; the account may also be disabled, locked or have an expired password.",
            [Text + "base_dn_not_found"] = "The base DN {baseDn} was not found on {host}.",
            [Text + "base_dn_not_found.referral"] = "The base DN {baseDn} is not on {host}: the server refers to another directory.",
            [Text + "base_dn_not_found.invalid_dn_syntax"] = "The base DN {baseDn} is not a valid DN.",
            [Hint + "base_dn_not_found"] = "Check the base DN (copy the distinguished name of the OU or domain that holds the users) and that the service account may read it.",
            [Text + "no_users_found"] = "No user with an e-mail address was found under {baseDn} with the filter {filter}.",
            [Hint + "no_users_found"] = "Check the base DN, the extra filter and the kind of directory; the service account must be allowed to read the users' address attributes.",
            [Text + "directory_error"] = "{endpoint} answered with LDAP result {resultCode} ({resultName}).",
            [Text + "directory_error.no_highest_committed_usn"] = "{endpoint} does not publish highestCommittedUSN, so it is not Active Directory.",
            [Hint + "directory_error"] = "Look for this error in the directory's logs; if it stays, contact support with this message.",
            [Hint + "directory_error.no_highest_committed_usn"] = "Set change tracking to modifyTimestamp.",
            [Text + "directory_too_large"] = "The directory returned more entries under the base DN and filter than the platform syncs for one domain. Nothing was changed or removed.",
            [Hint + "directory_too_large"] = "Narrow the base DN or add a filter (e.g. the group of mail users), or ask the platform's operator to raise the limit.",
            [Warning + "catch_all_with_sync"] = "Turn off catch-all for this domain while automatic sync is on: mail for addresses not in the directory is then rejected instead of quarantined for nobody.",
            [Warning + "user_passwords_in_clear_text"] = "Users' passwords cross the network unencrypted at every sign-in: choose STARTTLS or LDAPS.",
            [Warning + "password_in_clear_text"] = "The service account's password crosses the network unencrypted: choose STARTTLS or LDAPS.",
            [Warning + "no_service_account"] = "Without a service account the platform cannot search the directory: syncs and recipient checks fail.",
            [Warning + "no_bind_password"] = "The service account has no password: enter the bind password.",
            [Warning + "deletion_guard_off"] = "Removals are never held: a wrong base DN or filter would remove every user at the next sync.",
            [StepDetail + "ip_address"] = "An IP address: nothing to resolve.",
            [StepDetail + "resolved"] = "{addresses}",
            [StepDetail + "connected"] = "Connected to {address}.",
            [StepDetail + "encrypted"] = "{protocol}, certificate {subject}, valid until {validUntil}.",
            [StepDetail + "not_encrypted"] = "The encryption is none: the connection is not encrypted.",
            [StepDetail + "no_service_account"] = "No service account: users sign in with their own bind; syncing users needs a service account.",
            [StepDetail + "bound"] = "Signed in as {bindDn}.",
            [StepDetail + "base_dn_found"] = "{baseDn}",
            [StepDetail + "users_found"] = "{users} users with an address, {unusable} entries that cannot be used.",
            [EntryProblem + "missing_id"] = "The entry has no usable id attribute.",
            [EntryProblem + "no_address"] = "The entry has no e-mail address.",
            [EntryProblem + "invalid_address"] = "The entry's address is not a valid e-mail address.",
            [EntryProblem + "duplicate_id"] = "Another entry has the same id: this one was skipped.",
            [EntryProblem + "duplicate_address"] = "Another user of the directory already has this address: this entry was skipped.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Directory.FailureFrom"] = "Die Plattform verbindet sich von {0}.",
            ["Directory.FailureServerSaid"] = "Das Verzeichnis meldete: {0}",
            [Text + "destination_not_allowed"] = "{host} ist oder ergibt eine Adresse, mit der sich die Plattform nicht verbindet (Loopback, private oder interne Netze, die Dienste der Plattform). Es wurde nichts dorthin gesendet.",
            [Hint + "destination_not_allowed"] = "Geben Sie den öffentlichen Namen oder die öffentliche IP-Adresse Ihres Verzeichnisservers ein. Ein Server, der nur über VPN oder eine private Verbindung erreichbar ist, braucht die Freigabe seines Netzes durch den Betreiber der Plattform.",
            [Text + "dns_failure"] = "Der Hostname {host} konnte nicht aufgelöst werden.",
            [Hint + "dns_failure"] = "Prüfen Sie die Schreibweise. Die Plattform fragt nur das öffentliche DNS: Ein Name, den es nur in Ihrem internen DNS gibt, wird nicht aufgelöst. Veröffentlichen Sie ihn oder geben Sie die öffentliche IP-Adresse des Servers ein.",
            [Text + "connection_refused"] = "{endpoint} hat die Verbindung abgelehnt: Auf Port {port} lauscht nichts, oder eine Firewall weist sie ab.",
            [Hint + "connection_refused"] = "Prüfen Sie den Port (389 für LDAP und STARTTLS, 636 für LDAPS) und ob der Verzeichnisdienst auf {host} läuft. Steht eine Firewall davor, geben Sie die Adressen der Plattform frei.",
            [Text + "timeout"] = "{endpoint} hat nicht rechtzeitig geantwortet.",
            [Text + "timeout.no_answer_within"] = "{endpoint} hat nicht innerhalb von {seconds} Sekunden geantwortet.",
            [Hint + "timeout"] = "Der Host ist nicht erreichbar, oder eine Firewall verwirft die Verbindung stillschweigend. Geben Sie TCP-Port {port} für die Adressen der Plattform in Ihrer Firewall frei und prüfen Sie, ob {host} aus dem Internet erreichbar ist.",
            [Text + "tls_failure"] = "Die verschlüsselte Verbindung zu {endpoint} ist fehlgeschlagen.",
            [Text + "tls_failure.certificate_expired"] = "Das Zertifikat des Servers ({subject}) ist abgelaufen oder noch nicht gültig: Es gilt von {validFrom} bis {validUntil}.",
            [Text + "tls_failure.certificate_untrusted"] = "Dem Zertifikat des Servers ({subject}) wird nicht vertraut: Es wurde von {issuer} ausgestellt, dem die Plattform für dieses Verzeichnis nicht vertraut.",
            [Text + "tls_failure.certificate_invalid"] = "Das Zertifikat des Servers ({subject}) ist nicht gültig.",
            [Text + "tls_failure.certificate_name_mismatch"] = "Das Zertifikat des Servers gilt für {certificateNames}, nicht für {host}.",
            [Text + "tls_failure.no_certificate"] = "{endpoint} hat kein Zertifikat vorgelegt.",
            [Text + "tls_failure.starttls_not_offered"] = "{endpoint} bietet kein STARTTLS an (Antwort: {resultName}): Der Server hat kein Zertifikat, oder STARTTLS ist ausgeschaltet.",
            [Text + "tls_failure.handshake_failed"] = "Der TLS-Handshake mit {endpoint} ist fehlgeschlagen.",
            [Hint + "tls_failure"] = "Fügen Sie das Zertifikat der Zertifizierungsstelle ein, die das Zertifikat des Servers ausgestellt hat (PEM), oder laden Sie es hoch, und verbinden Sie sich über einen Namen, den das Zertifikat nennt; das Zertifikat muss außerdem heute gültig sein.",
            [Hint + "tls_failure.certificate_name_mismatch"] = "Geben Sie als Host einen der Namen ein, die das Zertifikat nennt, oder lassen Sie das Zertifikat des Servers für {host} ausstellen.",
            [Hint + "tls_failure.certificate_expired"] = "Erneuern Sie das Zertifikat des Servers und testen Sie dann erneut.",
            [Hint + "tls_failure.starttls_not_offered"] = "Geben Sie dem Verzeichnisserver ein Zertifikat und schalten Sie STARTTLS ein, oder wählen Sie LDAPS auf Port 636.",
            [Text + "protocol_mismatch"] = "{endpoint} spricht die gewählte Verschlüsselung nicht.",
            [Text + "protocol_mismatch.tls_port_without_tls"] = "{endpoint} erwartet TLS ab dem ersten Byte (ein LDAPS-Port), aber die Verschlüsselung ist „Keine“.",
            [Text + "protocol_mismatch.ldaps_on_plain_port"] = "{endpoint} hat keinen TLS-Handshake abgeschlossen: Vermutlich ist es ein einfacher LDAP-Port.",
            [Text + "protocol_mismatch.starttls_on_ldaps_port"] = "{endpoint} hat auf die STARTTLS-Anfrage nicht wie ein LDAP-Server geantwortet: Vermutlich ist es ein LDAPS-Port.",
            [Hint + "protocol_mismatch"] = "Verwenden Sie Port 389 mit STARTTLS oder Port 636 mit LDAPS.",
            [Hint + "protocol_mismatch.tls_port_without_tls"] = "Wählen Sie für diesen Port LDAPS, oder verwenden Sie Port 389 mit STARTTLS.",
            [Hint + "protocol_mismatch.ldaps_on_plain_port"] = "LDAPS verwendet meist Port 636; wählen Sie für Port 389 STARTTLS statt LDAPS.",
            [Hint + "protocol_mismatch.starttls_on_ldaps_port"] = "Wählen Sie für Port 636 LDAPS; STARTTLS gibt es auf dem einfachen LDAP-Port 389.",
            [Text + "strong_auth_required"] = "{endpoint} lehnt eine Anmeldung über eine unverschlüsselte Verbindung ab.",
            [Hint + "strong_auth_required"] = "Wählen Sie STARTTLS (Port 389) oder LDAPS (Port 636); so bleibt auch das Passwort vom Netz fern.",
            [Text + "invalid_service_credentials"] = "Das Verzeichnis hat das Dienstkonto {bindDn} abgelehnt.",
            [Hint + "invalid_service_credentials"] = "Prüfen Sie Bind-DN (oder benutzer@domain) und Passwort des Dienstkontos; das Konto kann auch deaktiviert, gesperrt oder sein Passwort abgelaufen sein.",
            [Text + "base_dn_not_found"] = "Den Basis-DN {baseDn} gibt es auf {host} nicht.",
            [Text + "base_dn_not_found.referral"] = "Der Basis-DN {baseDn} liegt nicht auf {host}: Der Server verweist auf ein anderes Verzeichnis.",
            [Text + "base_dn_not_found.invalid_dn_syntax"] = "Der Basis-DN {baseDn} ist kein gültiger DN.",
            [Hint + "base_dn_not_found"] = "Prüfen Sie den Basis-DN (kopieren Sie den Distinguished Name der OU oder Domain, die die Benutzer enthält) und ob das Dienstkonto ihn lesen darf.",
            [Text + "no_users_found"] = "Unter {baseDn} wurde mit dem Filter {filter} kein Benutzer mit E-Mail-Adresse gefunden.",
            [Hint + "no_users_found"] = "Prüfen Sie Basis-DN, zusätzlichen Filter und die Art des Verzeichnisses; das Dienstkonto muss die Adressattribute der Benutzer lesen dürfen.",
            [Text + "directory_error"] = "{endpoint} hat mit dem LDAP-Ergebnis {resultCode} ({resultName}) geantwortet.",
            [Text + "directory_error.no_highest_committed_usn"] = "{endpoint} veröffentlicht kein highestCommittedUSN, ist also kein Active Directory.",
            [Hint + "directory_error"] = "Suchen Sie diesen Fehler in den Protokollen des Verzeichnisses; bleibt er, wenden Sie sich mit dieser Meldung an den Support.",
            [Hint + "directory_error.no_highest_committed_usn"] = "Stellen Sie die Änderungsverfolgung auf modifyTimestamp.",
            [Text + "directory_too_large"] = "Das Verzeichnis hat unter Basis-DN und Filter mehr Einträge geliefert, als die Plattform für eine Domain synchronisiert. Es wurde nichts geändert oder entfernt.",
            [Hint + "directory_too_large"] = "Grenzen Sie den Basis-DN ein oder ergänzen Sie einen Filter (z. B. die Gruppe der Mail-Benutzer), oder bitten Sie den Betreiber der Plattform, die Grenze zu erhöhen.",
            [Warning + "catch_all_with_sync"] = "Schalten Sie Catch-all für diese Domain aus, solange automatisch synchronisiert wird: Mails an Adressen, die nicht im Verzeichnis stehen, werden dann abgewiesen, statt für niemanden in Quarantäne zu landen.",
            [Warning + "user_passwords_in_clear_text"] = "Die Passwörter der Benutzer gehen bei jeder Anmeldung unverschlüsselt über das Netz: Wählen Sie STARTTLS oder LDAPS.",
            [Warning + "password_in_clear_text"] = "Das Passwort des Dienstkontos geht unverschlüsselt über das Netz: Wählen Sie STARTTLS oder LDAPS.",
            [Warning + "no_service_account"] = "Ohne Dienstkonto kann die Plattform das Verzeichnis nicht durchsuchen: Synchronisierungen und Empfängerprüfungen schlagen fehl.",
            [Warning + "no_bind_password"] = "Das Dienstkonto hat kein Passwort: Geben Sie das Bind-Passwort ein.",
            [Warning + "deletion_guard_off"] = "Entfernungen werden nie zurückgehalten: Ein falscher Basis-DN oder Filter würde bei der nächsten Synchronisierung alle Benutzer entfernen.",
            [StepDetail + "ip_address"] = "Eine IP-Adresse: nichts aufzulösen.",
            [StepDetail + "resolved"] = "{addresses}",
            [StepDetail + "connected"] = "Verbunden mit {address}.",
            [StepDetail + "encrypted"] = "{protocol}, Zertifikat {subject}, gültig bis {validUntil}.",
            [StepDetail + "not_encrypted"] = "Verschlüsselung „Keine“: Die Verbindung ist nicht verschlüsselt.",
            [StepDetail + "no_service_account"] = "Kein Dienstkonto: Benutzer melden sich mit ihrem eigenen Bind an; zum Synchronisieren braucht es ein Dienstkonto.",
            [StepDetail + "bound"] = "Angemeldet als {bindDn}.",
            [StepDetail + "base_dn_found"] = "{baseDn}",
            [StepDetail + "users_found"] = "{users} Benutzer mit Adresse, {unusable} nicht verwendbare Einträge.",
            [EntryProblem + "missing_id"] = "Der Eintrag hat kein verwendbares ID-Attribut.",
            [EntryProblem + "no_address"] = "Der Eintrag hat keine E-Mail-Adresse.",
            [EntryProblem + "invalid_address"] = "Die Adresse des Eintrags ist keine gültige E-Mail-Adresse.",
            [EntryProblem + "duplicate_id"] = "Ein anderer Eintrag hat dieselbe ID: Dieser wurde übersprungen.",
            [EntryProblem + "duplicate_address"] = "Ein anderer Benutzer des Verzeichnisses hat diese Adresse bereits: Dieser Eintrag wurde übersprungen.",
        });
}
