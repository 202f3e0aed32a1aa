using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Directory;

/// <summary>
/// The directory settings' refused fields in words, one per stable code directory-sync sends in <c>codes</c> (its own
/// <c>DirectorySettingsFieldCodes</c> and the directory library's <c>SettingsFieldCodes</c>).
/// </summary>
public static class DirectoryFieldWords
{
    public const string Prefix = "Directory.Field.";

    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "invalid_kind"] = "Choose Active Directory, OpenLDAP or Zimbra.",
            [Prefix + "host_required"] = "Enter the directory server's DNS name or IP address.",
            [Prefix + "host_with_scheme"] = "Enter the host name only, without ldap:// or ldaps://; choose the encryption below.",
            [Prefix + "host_with_port"] = "Enter the host name only: the port has a field of its own.",
            [Prefix + "invalid_host"] = "This is not a host name: letters, digits, '-' and '.' only.",
            [Prefix + "failover_same_as_host"] = "The failover host is the same as the host: name a second server, or leave it empty.",
            [Prefix + "invalid_port"] = "The port is from 1 to 65535 (389 for STARTTLS and no encryption, 636 for LDAPS).",
            [Prefix + "invalid_security"] = "Choose STARTTLS, LDAPS or none.",
            [Prefix + "ca_without_tls"] = "A CA certificate is only used with STARTTLS or LDAPS: choose one of them, or remove the certificate.",
            [Prefix + "invalid_ca_certificate"] = "The CA certificate cannot be read: paste it in PEM form (-----BEGIN CERTIFICATE----- …).",
            [Prefix + "invalid_connect_timeout"] = "The connect timeout is from 1 to 120 seconds.",
            [Prefix + "invalid_operation_timeout"] = "The operation timeout is from 1 to 600 seconds (10 minutes).",
            [Prefix + "service_account_required"] = "Enter a service account: syncing users needs one (without it, only a user bind template can check logins).",
            [Prefix + "bind_dn_required"] = "A bind password needs the service account it belongs to: enter its bind DN (or user@domain).",
            [Prefix + "invalid_bind_dn"] = "This is not a DN: write it as cn=…,ou=…,dc=…, or use the user@domain form.",
            [Prefix + "bind_password_missing"] = "Enter the service account's password: an empty one would sign in anonymously.",
            [Prefix + "bind_password_control_character"] = "The password contains a control character (such as a line break): enter it without one.",
            [Prefix + "bind_password_needed_again"] = "These changes need the service account's password again: the saved one is only used where it was saved for.",
            [Prefix + "base_dn_required"] = "Enter the base DN, e.g. ou=people,dc=example,dc=com.",
            [Prefix + "invalid_base_dn"] = "This is not a DN: write attribute=value pairs separated by commas, e.g. ou=people,dc=example,dc=com.",
            [Prefix + "invalid_login_attribute"] = "Choose one of the login attributes offered.",
            [Prefix + "invalid_filter"] = "This is not an LDAP filter: write it in parentheses, e.g. (memberOf=cn=mail,ou=groups,dc=example,dc=com).",
            [Prefix + "invalid_user_filter"] = "The user filter is not an LDAP filter: write it in parentheses, e.g. (objectClass=person).",
            [Prefix + "invalid_page_size"] = "The page size is from 1 to 1000.",
            [Prefix + "invalid_bind_template"] = "The user bind template needs {login} exactly once, in a DN or the user@domain form, e.g. uid={login},ou=people,dc=example,dc=com.",
            [Prefix + "invalid_attribute_name"] = "An attribute name is not valid: letters, digits and '-' only, starting with a letter.",
            [Prefix + "disabled_rule_needs_attribute"] = "The rule for disabled accounts needs an attribute.",
            [Prefix + "invalid_disabled_rule"] = "Choose how disabled accounts are recognised: none, the account control flag or the active status.",
            [Prefix + "invalid_change_tracking"] = "Choose uSNChanged or modifyTimestamp.",
            [Prefix + "invalid_sync_interval"] = "Sync every 5 to 1440 minutes (24 hours).",
            [Prefix + "invalid_deletion_threshold"] = "A share of the users from 0 (every removal waits for you) to 100 (removals are never held).",
            [Prefix + "invalid_login_suffixes"] = "At most 20 domain names that the directory's logins end in, such as corp.local.",
            [Prefix + "login_suffix_taken"] = "A domain here is served on its own or claimed by another domain: a domain claims only its own directory's login domains.",
            [Prefix + "plain_ldap_not_allowed"] = "The platform does not connect to directories without encryption: passwords would cross the network in clear text. Choose STARTTLS or LDAPS.",
            [Prefix + "destination_not_allowed"] = "The platform does not connect to this host: it is, or resolves to, a loopback, link-local or private address, or one of the platform's own services. Enter your server's public name or IP address.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "invalid_kind"] = "Wählen Sie Active Directory, OpenLDAP oder Zimbra.",
            [Prefix + "host_required"] = "Geben Sie den DNS-Namen oder die IP-Adresse des Verzeichnisservers ein.",
            [Prefix + "host_with_scheme"] = "Geben Sie nur den Hostnamen ein, ohne ldap:// oder ldaps://; die Verschlüsselung wählen Sie darunter.",
            [Prefix + "host_with_port"] = "Geben Sie nur den Hostnamen ein: Der Port hat ein eigenes Feld.",
            [Prefix + "invalid_host"] = "Das ist kein Hostname: nur Buchstaben, Ziffern, „-“ und „.“.",
            [Prefix + "failover_same_as_host"] = "Der Ausweich-Host ist derselbe wie der Host: Geben Sie einen zweiten Server an oder lassen Sie das Feld leer.",
            [Prefix + "invalid_port"] = "Der Port liegt zwischen 1 und 65535 (389 für STARTTLS und ohne Verschlüsselung, 636 für LDAPS).",
            [Prefix + "invalid_security"] = "Wählen Sie STARTTLS, LDAPS oder keine Verschlüsselung.",
            [Prefix + "ca_without_tls"] = "Ein CA-Zertifikat gilt nur mit STARTTLS oder LDAPS: Wählen Sie eines davon oder entfernen Sie das Zertifikat.",
            [Prefix + "invalid_ca_certificate"] = "Das CA-Zertifikat ist nicht lesbar: Fügen Sie es im PEM-Format ein (-----BEGIN CERTIFICATE----- …).",
            [Prefix + "invalid_connect_timeout"] = "Das Zeitlimit für den Verbindungsaufbau liegt zwischen 1 und 120 Sekunden.",
            [Prefix + "invalid_operation_timeout"] = "Das Zeitlimit für Abfragen liegt zwischen 1 und 600 Sekunden (10 Minuten).",
            [Prefix + "service_account_required"] = "Geben Sie ein Dienstkonto an: Die Synchronisierung braucht eines (ohne kann nur eine Bind-Vorlage für Benutzer Anmeldungen prüfen).",
            [Prefix + "bind_dn_required"] = "Ein Bind-Passwort braucht das Dienstkonto, zu dem es gehört: Geben Sie dessen Bind-DN (oder benutzer@domain) ein.",
            [Prefix + "invalid_bind_dn"] = "Das ist kein DN: Schreiben Sie ihn als cn=…,ou=…,dc=… oder verwenden Sie die Form benutzer@domain.",
            [Prefix + "bind_password_missing"] = "Geben Sie das Passwort des Dienstkontos ein: Mit einem leeren würde die Plattform sich anonym anmelden.",
            [Prefix + "bind_password_control_character"] = "Das Passwort enthält ein Steuerzeichen (etwa einen Zeilenumbruch): Geben Sie es ohne ein.",
            [Prefix + "bind_password_needed_again"] = "Für diese Änderungen ist das Passwort des Dienstkontos erneut nötig: Das gespeicherte gilt nur für die Verbindung, für die es gespeichert wurde.",
            [Prefix + "base_dn_required"] = "Geben Sie den Basis-DN ein, z. B. ou=people,dc=example,dc=com.",
            [Prefix + "invalid_base_dn"] = "Das ist kein DN: Schreiben Sie durch Kommas getrennte Paare Attribut=Wert, z. B. ou=people,dc=example,dc=com.",
            [Prefix + "invalid_login_attribute"] = "Wählen Sie eines der angebotenen Anmeldeattribute.",
            [Prefix + "invalid_filter"] = "Das ist kein LDAP-Filter: Schreiben Sie ihn in Klammern, z. B. (memberOf=cn=mail,ou=groups,dc=example,dc=com).",
            [Prefix + "invalid_user_filter"] = "Der Benutzerfilter ist kein LDAP-Filter: Schreiben Sie ihn in Klammern, z. B. (objectClass=person).",
            [Prefix + "invalid_page_size"] = "Die Seitengröße liegt zwischen 1 und 1000.",
            [Prefix + "invalid_bind_template"] = "Die Bind-Vorlage für Benutzer braucht {login} genau einmal, in einem DN oder der Form benutzer@domain, z. B. uid={login},ou=people,dc=example,dc=com.",
            [Prefix + "invalid_attribute_name"] = "Ein Attributname ist ungültig: nur Buchstaben, Ziffern und „-“, am Anfang ein Buchstabe.",
            [Prefix + "disabled_rule_needs_attribute"] = "Die Regel für deaktivierte Konten braucht ein Attribut.",
            [Prefix + "invalid_disabled_rule"] = "Wählen Sie, woran deaktivierte Konten zu erkennen sind: keine Regel, das Kontosteuerungs-Flag oder der Aktiv-Status.",
            [Prefix + "invalid_change_tracking"] = "Wählen Sie uSNChanged oder modifyTimestamp.",
            [Prefix + "invalid_sync_interval"] = "Synchronisieren Sie alle 5 bis 1440 Minuten (24 Stunden).",
            [Prefix + "invalid_deletion_threshold"] = "Ein Anteil der Benutzer von 0 (jede Entfernung wartet auf Sie) bis 100 (Entfernungen werden nie zurückgehalten).",
            [Prefix + "invalid_login_suffixes"] = "Höchstens 20 Domainnamen, auf die die Anmeldenamen des Verzeichnisses enden, etwa corp.local.",
            [Prefix + "login_suffix_taken"] = "Eine Domain hier wird eigenständig betrieben oder von einer anderen Domain beansprucht: Eine Domain beansprucht nur die Anmeldedomains ihres eigenen Verzeichnisses.",
            [Prefix + "plain_ldap_not_allowed"] = "Die Plattform verbindet sich nicht ohne Verschlüsselung mit Verzeichnissen: Passwörter gingen im Klartext über das Netz. Wählen Sie STARTTLS oder LDAPS.",
            [Prefix + "destination_not_allowed"] = "Mit diesem Host verbindet sich die Plattform nicht: Er ist oder ergibt eine Loopback-, Link-local- oder private Adresse oder einen Dienst der Plattform selbst. Geben Sie den öffentlichen Namen oder die IP-Adresse Ihres Servers ein.",
        });
}
