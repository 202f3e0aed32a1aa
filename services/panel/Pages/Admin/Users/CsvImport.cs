using Microsoft.VisualBasic.FileIO;
using Platform.Panel.Backends;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>
/// Reads an import as admins write it: one user per line, the address and optionally its status (active, inactive),
/// separated by a comma, a semicolon (as spreadsheets save CSV) or a tab, quoted or not; a header row "email" and
/// blank lines are skipped. Each line's fields are read by .NET's own <see cref="TextFieldParser"/>, a line at a time
/// so every row keeps its line number; the addresses are checked by directory-sync.
/// </summary>
public static class CsvImport
{
    /// <summary>The rows to send and each one's line number in the text (for the per-row results).</summary>
    public static (List<ImportRow> Rows, List<long> Lines) Parse(string text)
    {
        var rows = new List<ImportRow>();
        var lines = new List<long>();
        var number = 0L;
        foreach (var line in text.Split('\n'))
        {
            number++;
            var fields = Fields(line.TrimEnd('\r'));
            var email = fields.FirstOrDefault()?.Trim() ?? "";
            if (email.Length == 0 || (rows.Count == 0 && email.Equals("email", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var status = fields.Length > 1 && fields[1].Trim() is { Length: > 0 } given ? given.ToLowerInvariant() : null;
            rows.Add(new ImportRow(email, status));
            lines.Add(number);
        }

        return (rows, lines);
    }

    private static string[] Fields(string line)
    {
        using var parser = new TextFieldParser(new StringReader(line)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        parser.SetDelimiters(",", ";", "\t");
        try
        {
            return parser.ReadFields() ?? [];
        }
        catch (MalformedLineException)
        {
            // A stray quote: the line goes as it is, and directory-sync says why it is no address.
            return [line];
        }
    }
}
