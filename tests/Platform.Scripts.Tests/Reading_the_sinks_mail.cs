using Platform.Testing;
using Xunit;

namespace Platform.Scripts.Tests;

/// <summary>
/// The SMTP sink (infra/smtp/sink.py) writes each mail's envelope and message under hidden names and renames them when
/// complete: a reader polling the folder meanwhile sees only whole mails, never a file half written or renamed away.
/// </summary>
public sealed class Reading_the_sinks_mail : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("sink-mail-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_the_whole_mails_and_steps_over_files_still_being_written()
    {
        File.WriteAllText(Path.Combine(_folder, "1.json"), """{"mail_from": "a@b.example", "rcpt_tos": ["mia@c.example"]}""");
        File.WriteAllText(Path.Combine(_folder, "1.eml"), "Subject: Whole\r\nMessage-ID: <1@b.example>\r\n\r\nbody\r\n");
        // What the sink holds while writing (hidden, unfinished JSON), under today's name and the one it used before.
        File.WriteAllText(Path.Combine(_folder, ".2.json.part"), """{"mail_from": "a@b.example", "rcpt_to""");
        File.WriteAllText(Path.Combine(_folder, ".tmp-3.json"), """{"mail_from": "a@b.example", "rcpt_to""");

        var mails = SinkMail.To("mia@c.example", _folder);

        Assert.Equal(["Whole"], mails.Select(m => m.Subject));
    }
}
