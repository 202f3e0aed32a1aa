using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>The CSV import as admins write it: commas or semicolons, quotes, a header, blank lines, a stray quote.</summary>
public sealed class Reading_an_import
{
    [Fact]
    public void Reads_each_user_with_its_line_and_skips_the_header_and_blank_lines()
    {
        var (rows, lines) = CsvImport.Parse("Email,Status\r\nann@example.com,Active\n\n\"bob@example.com\";inactive\n  carl@example.com  \n");

        Assert.Equal([new ImportRow("ann@example.com", "active"), new ImportRow("bob@example.com", "inactive"), new ImportRow("carl@example.com", null)], rows);
        Assert.Equal([2L, 4L, 5L], lines);
    }

    [Fact]
    public void Sends_a_line_with_a_stray_quote_as_it_is_for_the_service_to_refuse()
    {
        var (rows, lines) = CsvImport.Parse("ann@example.com\n\"broken@example.com,active\nbob@example.com");

        Assert.Equal("ann@example.com", rows[0].Email);
        Assert.Contains(rows, r => r.Email.Contains("broken", StringComparison.Ordinal));
        Assert.Equal([1L, 2L, 3L], lines);
    }

    [Fact]
    public void Reads_nothing_from_a_header_alone()
    {
        Assert.Empty(CsvImport.Parse("email\n\n").Rows);
    }
}
