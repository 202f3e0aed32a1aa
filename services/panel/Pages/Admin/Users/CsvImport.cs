using Microsoft.VisualBasic.FileIO;
using Platform.Panel.Backends;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>
/// Reads an import as admins write it: one user per line, the address and optionally its status (active, inactive),
/// separated by a comma or a semicolon (as spreadsheets save CSV), quoted or not; a header row "email" and blank
/// lines are skipped. Parsing is .NET's own <see cref="TextFieldParser"/>; the addresses are checked by directory-sync.
/// </summary>
public static class CsvImport
{
    /// <summary>The rows to send and each one's line number in the text (for the per-row results).</summary>
    public static (List<ImportRow> Rows, List<long> Lines) Parse(string text)
    {
        var rows = new List<ImportRow>();
        var lines = new List<long>();
        using var parser = new TextFieldParser(new StringReader(text)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        parser.SetDelimiters(",", ";", "\t");
        while (!parser.EndOfData)
        {
            var line = parser.LineNumber;
            string[]? fields;
            try
            {
                fields = parser.ReadFields();
            }
            catch (MalformedLineException)
            {
                // A stray quote: the line goes as it is, and directory-sync says why it is no address.
                fields = [parser.ErrorLine];
            }

            var email = fields?.FirstOrDefault()?.Trim() ?? "";
            if (email.Length == 0 || (rows.Count == 0 && email.Equals("email", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var status = fields!.Length > 1 && fields[1].Trim() is { Length: > 0 } given ? given.ToLowerInvariant() : null;
            rows.Add(new ImportRow(email, status));
            lines.Add(line);
        }

        return (rows, lines);
    }
}
