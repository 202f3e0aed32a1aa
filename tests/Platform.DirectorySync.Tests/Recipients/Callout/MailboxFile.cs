using System.Globalization;
using Platform.DirectorySync.Recipients.Callout;
using Platform.Testing;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>
/// A domain of this test's own on the local SMTP sink (<c>Smtp:MailboxDir</c>): the sink accepts only the mailboxes
/// listed here, or defers every recipient while the domain is marked tempfail. The files go on dispose.
/// </summary>
internal sealed class MailboxFile : IDisposable
{
    private readonly string _path;

    public MailboxFile(params string[] localParts)
    {
        _path = Path.Combine(Infrastructure.Get("Smtp:MailboxDir"), Domain);
        List(localParts);
    }

    /// <summary>The real local SMTP sink.</summary>
    public static CalloutServer Sink => new(Infrastructure.Get("Smtp:Host"), int.Parse(Infrastructure.Get("Smtp:Port"), CultureInfo.InvariantCulture));

    public string Domain { get; } = $"callout-{Guid.NewGuid():N}.example";

    public string Address(string localPart) => $"{localPart}@{Domain}";

    /// <summary>Replaces the domain's mailboxes.</summary>
    public void List(params string[] localParts) =>
        File.WriteAllLines(_path, ["# written by a callout test", "", .. localParts.Select(Address)]);

    public void TempFail(bool deferring)
    {
        if (deferring)
        {
            File.WriteAllText(_path + ".tempfail", "");
        }
        else
        {
            File.Delete(_path + ".tempfail");
        }
    }

    public void Dispose()
    {
        File.Delete(_path);
        File.Delete(_path + ".tempfail");
    }
}
