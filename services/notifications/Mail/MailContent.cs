namespace Platform.Notifications.Mail;

/// <summary>A rendered mail: its subject and the same text as plain text and HTML.</summary>
public sealed record MailContent(string Subject, string Text, string Html);
