namespace Platform.Contracts.Tests.Catalog;

/// <summary>What the members every event shares mean (they carry no XML comment of their own in each record).</summary>
internal static class CommonFields
{
    public static string? Describe(string jsonName) => jsonName switch
    {
        "eventId" => "Unique per event and stable across redeliveries: de-duplicate on it.",
        "occurredAt" => "When it happened, by the publishing service's clock (ISO 8601 with offset).",
        "domain" => "The mail domain it is about; the platform's services write it lower case, IDN in ASCII.",
        "email" => "The address of the email user it is about; the platform's services write it lower case, IDN domain in ASCII.",
        _ => null,
    };
}
