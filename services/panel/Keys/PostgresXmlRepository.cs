using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Platform.Panel.Keys;

/// <summary>
/// ASP.NET Core's data-protection key ring in PostgreSQL (<c>panel.data_protection_keys</c>), so every replica
/// decrypts the session cookies and antiforgery tokens the others issued. The panel stores nothing else.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource data) : IXmlRepository
{
    private const string CreateTable = """
        CREATE SCHEMA IF NOT EXISTS panel;
        CREATE TABLE IF NOT EXISTS panel.data_protection_keys (
            friendly_name text PRIMARY KEY,
            xml text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        """;

    private volatile bool _created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        using var command = data.CreateCommand("SELECT xml FROM panel.data_protection_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureTable();
        using var command = data.CreateCommand(
            "INSERT INTO panel.data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO UPDATE SET xml = EXCLUDED.xml");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    private void EnsureTable()
    {
        if (_created)
        {
            return;
        }

        // Replicas starting together may both create: IF NOT EXISTS can still race on the catalog, so one retry.
        try
        {
            using var command = data.CreateCommand(CreateTable);
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation)
        {
            using var again = data.CreateCommand(CreateTable);
            again.ExecuteNonQuery();
        }

        _created = true;
    }
}
