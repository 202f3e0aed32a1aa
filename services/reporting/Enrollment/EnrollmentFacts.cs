using Npgsql;
using Platform.Reporting.Settings;

namespace Platform.Reporting.Enrollment;

/// <summary>What enrolling a user needs: their enrollment, if any, and their domain's settings.</summary>
public sealed record EnrollmentFacts(ReportEnrollment? Current, ReportingSettings DomainSettings)
{
    /// <summary>The columns <see cref="Read"/> reads, from the joins of <see cref="Joins"/>.</summary>
    internal const string Columns = $"{ReportingSettingsProjection.Columns}, e.frequency, e.reason, e.enrolled_at, e.version";

    /// <summary>
    /// Joins the domain and the user (SQL expressions) to a query's rows: each side may be missing. Each is looked up
    /// by its key for each row (a lateral subquery with a limit is never turned into a hash over the whole table).
    /// </summary>
    internal static string Joins(string schema, string domain = "$1", string email = "$2") => $"""
        LEFT JOIN LATERAL (SELECT * FROM {schema}.domain_reporting WHERE domain = {domain} LIMIT 1) d ON true
        LEFT JOIN LATERAL (SELECT * FROM {schema}.report_enrollments WHERE domain = {domain} AND email = {email} LIMIT 1) e ON true
        """;

    /// <summary>The facts at <paramref name="first"/> (<see cref="Columns"/>).</summary>
    internal static EnrollmentFacts Read(NpgsqlDataReader reader, int first, string domain, string email)
    {
        var enrollment = first + ReportingSettingsProjection.ColumnCount;
        var current = reader.IsDBNull(enrollment)
            ? null
            : new ReportEnrollment(domain, email, reader.GetString(enrollment), reader.GetString(enrollment + 1),
                reader.GetFieldValue<DateTimeOffset>(enrollment + 2), reader.GetInt64(enrollment + 3));
        return new EnrollmentFacts(current, ReportingSettingsProjection.Read(reader, first));
    }
}
