using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using MailKit.Security;

namespace GrowthMonitor.Mail;

/// <summary>
/// Configuration section <c>Smtp</c>. Without <see cref="Host"/>, e-mail is off (and the start-up log says so).
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>GrowthMonitor &lt;vaekst@horsens.dk&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>MailKit's names: StartTls (default), SslOnConnect, Auto, StartTlsWhenAvailable, or None for a local relay.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    [MemberNotNullWhen(true, nameof(Host))]
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!MimeKit.MailboxAddress.TryParse(From ?? "", out _))
        {
            yield return new ValidationResult("is required with Smtp:Host: the sender's address, e.g. \"GrowthMonitor <vaekst@kommune.dk>\"", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Username and Password must be given together", [nameof(Username), nameof(Password)]);
        }
    }
}
