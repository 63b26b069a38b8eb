using GrowthMonitor.Mail;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts.Email;

/// <summary>
/// Sends an alert as a Danish e-mail (<see cref="AlertEmail"/>) through <see cref="SmtpMailer"/>. SMTP has no
/// Retry-After, so <see cref="DeliveryFailedException.RetryAfter"/> stays null and the job's backoff decides.
/// </summary>
public sealed class EmailSender(SmtpMailer mailer, IOptions<AlertOptions> alerts, AlertLinkBuilder links) : IEmailSender
{
    public bool Enabled => mailer.Enabled;

    public async Task SendAsync(EmailRecipient recipient, AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        if (!mailer.Enabled)
        {
            throw new DeliveryFailedException("E-mail is off: Smtp:Host is not set.", transient: false);
        }

        try
        {
            await mailer.SendAsync(await AlertEmail.CreateAsync(message, recipient, mailer.From, links.For), message.DeliveryId, alerts.Value.AttemptTimeout, cancellationToken);
        }
        catch (MailFailedException failed)
        {
            // The transport's own cause (a refused connection, refused credentials) is what the delivery failed of.
            throw new DeliveryFailedException(failed.Message, failed.Transient, inner: failed.InnerException ?? failed);
        }
    }
}
