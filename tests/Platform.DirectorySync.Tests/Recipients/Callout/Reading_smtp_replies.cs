using System.Text;
using Platform.DirectorySync.Recipients.Callout;
using Platform.Smtp;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

public sealed class Reading_smtp_replies
{
    [Fact]
    public async Task Reads_a_multi_line_reply_as_one_and_the_next_reply_after_it()
    {
        var reader = Reader("250-mx.example greets you\r\n250-SIZE 1000\r\n250 HELP\r\n550 5.1.1 no such user\r\n");

        var first = await reader.ReadAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(250, first.Code);
        Assert.Equal(["mx.example greets you", "SIZE 1000", "HELP"], first.Lines);
        Assert.Equal((550, "550 5.1.1"), (second.Code, second.Codes));
    }

    [Fact]
    public async Task Reads_a_code_without_text_and_a_bare_line_feed()
    {
        var reader = Reader("250\n221 2.0.0 bye\n");

        var first = await reader.ReadAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal((250, "250"), (first.Code, first.Codes));
        Assert.Equal((221, "221 2.0.0", "2.0.0 bye"), (second.Code, second.Codes, second.Lines[0]));
    }

    [Fact]
    public async Task Reads_many_replies_that_cross_its_buffer()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => $"250 {i}-{new string('x', 100)}\r\n"));
        var reader = Reader(text);

        var replies = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            replies.Add((await reader.ReadAsync(CancellationToken.None)).Lines[0]);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{i}-{new string('x', 100)}"), replies);
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("25\r\n")]
    [InlineData("250x hello\r\n")]
    [InlineData("2a0 hello\r\n")]
    [InlineData("150 hello\r\n")]
    [InlineData("650 hello\r\n")]
    [InlineData("250-first\r\n550 second\r\n")]
    [InlineData("250-first\r\n")]
    [InlineData("")]
    public async Task Refuses_a_reply_that_breaks_the_protocol(string text)
    {
        await Assert.ThrowsAsync<SmtpProtocolException>(() => Reader(text).ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Refuses_an_endless_line_and_an_endless_reply()
    {
        var longLine = "250 " + new string('x', SmtpReplyReader.MaxLineLength) + "\r\n";
        var manyLines = string.Concat(Enumerable.Repeat("250-more\r\n", SmtpReplyReader.MaxLines)) + "250 end\r\n";
        var longest = "250 " + new string('x', SmtpReplyReader.MaxLineLength - 4) + "\r\n";

        await Assert.ThrowsAsync<SmtpProtocolException>(() => Reader(longLine).ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<SmtpProtocolException>(() => Reader(manyLines).ReadAsync(CancellationToken.None));
        Assert.Equal(250, (await Reader(longest).ReadAsync(CancellationToken.None)).Code);
    }

    [Theory]
    [InlineData("550 5.1.1 <a@b.example>: user unknown", "550 5.1.1")]
    [InlineData("550 user unknown", "550")]
    [InlineData("550 5.1.1", "550 5.1.1")]
    [InlineData("550 5.1.1x", "550")]
    [InlineData("550 2.1.5 ok?", "550")]
    public async Task Names_a_reply_by_its_code_and_enhanced_status_only(string line, string codes)
    {
        var reply = await Reader(line + "\r\n").ReadAsync(CancellationToken.None);

        Assert.Equal(codes, reply.Codes);
    }

    private static SmtpReplyReader Reader(string text) => new(new MemoryStream(Encoding.ASCII.GetBytes(text)));
}
