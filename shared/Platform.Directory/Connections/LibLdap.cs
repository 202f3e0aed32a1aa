using System.DirectoryServices.Protocols;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Directory.Connections;

/// <summary>
/// Creates <see cref="LdapConnection"/>s whose libldap handle has a connect timeout and a default operation timeout.
/// </summary>
/// <remarks>
/// On Linux, System.DirectoryServices.Protocols binds with the synchronous <c>ldap_sasl_bind_s</c> and exposes neither
/// LDAP_OPT_NETWORK_TIMEOUT nor LDAP_OPT_TIMEOUT: a bind to a server that accepts TCP but never answers blocks
/// forever (verified). libldap copies its global options into every handle it creates, so we set the global
/// defaults with <c>ldap_set_option(NULL, ...)</c>, create the connection, and restore the previous defaults, all
/// under one lock; the handle keeps its values. (libldap 2.5 does not apply the network timeout to the TLS
/// handshake; <see cref="DirectorySession"/> guards that case.)
/// </remarks>
internal static partial class LibLdap
{
    private const int LdapOptDesc = 0x01;
    private const int LdapOptRestart = 0x09;
    private const int LdapOptTimeout = 0x5002;
    private const int LdapOptXTlsRequireCert = 0x6006;
    private const int LdapOptXTlsNever = 0;
    private const int LdapOptXTlsPeerCert = 0x6015;
    private const int ShutdownReadWrite = 2;
    private const int LdapOptNetworkTimeout = 0x5005;
    private static readonly IntPtr LdapOptOn = 1;
    private const string Library = "platform-libldap";

    // The names System.DirectoryServices.Protocols tries, in its order, so that both use the same loaded library
    // (and therefore the same global options).
    private static readonly string[] Candidates = ["libldap.so.2", "libldap-2.6.so.0", "libldap-2.5.so.0", "libldap-2.4.so.2"];
    private static readonly Lock Gate = new();
    private static bool s_initialized;

    static LibLdap() => NativeLibrary.SetDllImportResolver(typeof(LibLdap).Assembly, Resolve);

    // S.DS.P keeps the libldap handle (LDAP*) in this field and offers no other way to it; a test fails if it goes.
    private static readonly FieldInfo HandleField = typeof(LdapConnection).GetField("_ldapHandle", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new MissingFieldException(nameof(LdapConnection), "_ldapHandle");

    /// <summary>
    /// A connection with libldap's timeouts; without <paramref name="verifyCertificates"/>, libldap checks no TLS
    /// certificate (we connect to checked addresses, not names, so the caller checks it against the name, see
    /// <see cref="PeerCertificate"/>).
    /// </summary>
    public static LdapConnection Create(LdapDirectoryIdentifier identifier, TimeSpan connectTimeout, TimeSpan operationTimeout, bool verifyCertificates = true)
    {
        var connection = CreateWithTimeouts(identifier, connectTimeout, operationTimeout);
        RestartOnInterrupt(connection);
        if (!verifyCertificates)
        {
            // Per handle; it takes effect with the handle's own TLS context (SessionOptions.StartNewTlsSessionContext).
            var never = LdapOptXTlsNever;
            Check(LdapOptXTlsRequireCert, SetIntOption(Handle(connection), LdapOptXTlsRequireCert, ref never));
        }

        return connection;
    }

    /// <summary>
    /// Lets libldap wait again when a signal interrupts its wait for the server (LDAP_OPT_RESTART). Without it, a
    /// signal delivered to the thread blocked in libldap's poll — the process's SIGCHLD when a child exits, a ptrace
    /// attach — ends the call with LDAP_SERVER_DOWN, "The LDAP server is unavailable", on a healthy connection.
    /// </summary>
    public static void RestartOnInterrupt(LdapConnection connection) =>
        Check(LdapOptRestart, SetPointerOption(Handle(connection), LdapOptRestart, LdapOptOn));

    /// <summary>Whether <see cref="RestartOnInterrupt"/> is in effect on the connection, for tests.</summary>
    internal static bool RestartsOnInterrupt(LdapConnection connection) =>
        GetIntOption(Handle(connection), LdapOptRestart, out var on) == 0 && on != 0;

    /// <summary>The certificate the server presented on this connection's TLS session, or null without one.</summary>
    public static X509Certificate2? PeerCertificate(LdapConnection connection)
    {
        Check(LdapOptXTlsPeerCert, GetBerval(Handle(connection), LdapOptXTlsPeerCert, out var value));
        if (value.Value == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var der = new byte[(int)value.Length];
            Marshal.Copy(value.Value, der, 0, der.Length);
            return X509CertificateLoader.LoadCertificate(der);
        }
        finally
        {
            MemFree(value.Value);
        }
    }

    /// <summary>
    /// Shuts the connection's socket down so that a libldap call blocked on it (a TLS handshake with a server that
    /// never answers has no timeout in libldap 2.5) returns. Only while a call still runs on the connection: once it
    /// is disposed its descriptor number may belong to another socket.
    /// </summary>
    public static void Abort(LdapConnection connection)
    {
        if (GetIntOption(Handle(connection), LdapOptDesc, out var descriptor) == 0 && descriptor >= 0)
        {
            _ = Shutdown(descriptor, ShutdownReadWrite);
        }
    }

    private static IntPtr Handle(LdapConnection connection) =>
        ((SafeHandle)HandleField.GetValue(connection)!).DangerousGetHandle();

    private static LdapConnection CreateWithTimeouts(LdapDirectoryIdentifier identifier, TimeSpan connectTimeout, TimeSpan operationTimeout)
    {
        lock (Gate)
        {
            EnsureInitialized();
            var network = GetGlobal(LdapOptNetworkTimeout);
            var operation = GetGlobal(LdapOptTimeout);
            try
            {
                SetGlobal(LdapOptNetworkTimeout, TimeVal.From(connectTimeout));
                SetGlobal(LdapOptTimeout, TimeVal.From(operationTimeout));
                return new LdapConnection(identifier, credential: null, AuthType.Basic);
            }
            finally
            {
                SetGlobal(LdapOptNetworkTimeout, network);
                SetGlobal(LdapOptTimeout, operation);
            }
        }
    }

    /// <summary>The global defaults new handles get (null: none), for tests.</summary>
    internal static (TimeSpan? Network, TimeSpan? Operation) GlobalTimeouts()
    {
        lock (Gate)
        {
            EnsureInitialized();
            return (GetGlobal(LdapOptNetworkTimeout)?.ToTimeSpan(), GetGlobal(LdapOptTimeout)?.ToTimeSpan());
        }
    }

    private static void EnsureInitialized()
    {
        if (!s_initialized)
        {
            // libldap must be initialized on one thread before concurrent use; System.DirectoryServices.Protocols
            // does that when its first connection is created, so create (and drop) one before touching globals.
            using (new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", 389)))
            {
            }

            s_initialized = true;
        }
    }

    private static TimeVal? GetGlobal(int option)
    {
        // libldap returns a copy it allocated, or NULL when the option is unset.
        Check(option, GetOption(IntPtr.Zero, option, out var copy));
        if (copy == IntPtr.Zero)
        {
            return null;
        }

        var value = Marshal.PtrToStructure<TimeVal>(copy);
        MemFree(copy);
        return value;
    }

    private static void SetGlobal(int option, TimeVal? value)
    {
        // Unset is stored as tv_sec = -1 (libldap refuses NULL for LDAP_OPT_NETWORK_TIMEOUT).
        var time = value ?? new TimeVal { Seconds = -1 };
        Check(option, SetOption(IntPtr.Zero, option, ref time));
    }

    private static void Check(int option, int result)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"libldap refused option 0x{option:x} (result {result}).");
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("libldap (libldap-2.5.so.0 or similar) is not installed.");
    }

    [LibraryImport(Library, EntryPoint = "ldap_set_option")]
    private static partial int SetOption(IntPtr ld, int option, ref TimeVal value);

    [LibraryImport(Library, EntryPoint = "ldap_get_option")]
    private static partial int GetOption(IntPtr ld, int option, out IntPtr value);

    /// <summary>For libldap's on/off options: any pointer but NULL (LDAP_OPT_OFF) turns one on.</summary>
    [LibraryImport(Library, EntryPoint = "ldap_set_option")]
    private static partial int SetPointerOption(IntPtr ld, int option, IntPtr value);

    [LibraryImport(Library, EntryPoint = "ldap_set_option")]
    private static partial int SetIntOption(IntPtr ld, int option, ref int value);

    [LibraryImport(Library, EntryPoint = "ldap_get_option")]
    private static partial int GetIntOption(IntPtr ld, int option, out int value);

    [LibraryImport(Library, EntryPoint = "ldap_get_option")]
    private static partial int GetBerval(IntPtr ld, int option, out Berval value);

    [LibraryImport("libc", EntryPoint = "shutdown")]
    private static partial int Shutdown(int descriptor, int how);

    [LibraryImport(Library, EntryPoint = "ldap_memfree")]
    private static partial void MemFree(IntPtr pointer);

    [StructLayout(LayoutKind.Sequential)]
    private struct Berval
    {
        public nuint Length;
        public IntPtr Value;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public nint Seconds;
        public nint Microseconds;

        public static TimeVal From(TimeSpan span) =>
            new() { Seconds = (nint)(long)span.TotalSeconds, Microseconds = (span.Milliseconds * 1000) + span.Microseconds };

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }
}
