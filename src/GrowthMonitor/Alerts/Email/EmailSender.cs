using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GrowthMonitor.Alerts.Email;

/// <summary>
/// Sends an alert as a Danish e-mail (<see cref="AlertEmail"/>) over SMTP with MailKit: one connection per message,
/// secured as <c>Smtp:Security</c> says, authenticated when a username is set. Failures become a
/// <see cref="DeliveryFailedException"/> that says whether trying again can help: the server unreachable, a timeout,
/// a broken connection or an SMTP 4xx reply is transient; an SMTP 5xx rejection, refused credentials or a TLS setup
/// that does not match the server is permanent (the same attempt would fail the same way). SMTP has no Retry-After,
/// so <see cref="DeliveryFailedException.RetryAfter"/> stays null and the job's backoff decides.
/// </summary>
public sealed partial class EmailSender(
    IOptions<SmtpOptions> smtp,
    IOptions<AlertOptions> alerts,
    AlertLinkBuilder links,
    ILogger<EmailSender> logger) : IEmailSender
{
    public bool Enabled => smtp.Value.Enabled;

    public async Task SendAsync(EmailRecipient recipient, AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        var options = smtp.Value;
        if (!options.Enabled)
        {
            throw new DeliveryFailedException("E-mail is off: Smtp:Host is not set.", transient: false);
        }

        // From is required with Host, checked at start (SmtpOptions.Validate).
        var email = AlertEmail.Create(message, recipient, MailboxAddress.Parse(options.From!), links.For);
        var server = $"{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}";

        // MailKit applies the timeout to the connect and to every read and write of the attempt.
        using var client = new SmtpClient { Timeout = (int)alerts.Value.AttemptTimeout.TotalMilliseconds };
        string reply;
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
            if (options is { Username: { Length: > 0 } username, Password: { } password })
            {
                await client.AuthenticateAsync(username, password, cancellationToken);
            }

            reply = await client.SendAsync(email, cancellationToken);
        }
        catch (Exception e) when (Classify(e, server) is { } failure)
        {
            LogFailed(message.DeliveryId, recipient.Email, server, failure.Transient, failure.Message);
            throw failure;
        }

        LogSent(message.DeliveryId, recipient.Email, server, reply);
        await QuitAsync(client, message.DeliveryId);
    }

    /// <summary>
    /// What a failed attempt means for the next one; null for anything else (a bug, or the caller's cancellation),
    /// which is left to propagate as it is.
    /// </summary>
    private static DeliveryFailedException? Classify(Exception exception, string server) => exception switch
    {
        SmtpCommandException { StatusCode: var code } rejected when (int)code is >= 400 and < 500 =>
            new DeliveryFailedException($"SMTP server {server} answered {(int)code} (temporary): {rejected.Message}", transient: true, inner: rejected),
        SmtpCommandException { StatusCode: var code } rejected =>
            new DeliveryFailedException($"SMTP server {server} rejected the message with {(int)code}: {rejected.Message}", transient: false, inner: rejected),
        AuthenticationException refused =>
            new DeliveryFailedException($"SMTP server {server} refused the credentials of Smtp:Username: {refused.Message}", transient: false, inner: refused),
        SslHandshakeException tls =>
            new DeliveryFailedException($"TLS with SMTP server {server} failed (check Smtp:Security and the server's certificate): {FirstLine(tls.Message)}", transient: false, inner: tls),

        // Smtp:Security StartTls against a server that offers no STARTTLS, or a server that wants no authentication.
        NotSupportedException unsupported =>
            new DeliveryFailedException($"SMTP server {server} does not support what Smtp:* asks for: {unsupported.Message}", transient: false, inner: unsupported),
        SocketException or IOException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException =>
            new DeliveryFailedException($"SMTP server {server} could not be reached or broke off: {exception.Message}", transient: true, inner: exception),
        _ => null,
    };

    // MailKit's TLS message goes on with a page of advice; the ledger and the log need its first line.
    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();

    /// <summary>
    /// Says goodbye once the server has taken the message. A failure now cannot undo the delivery, so it is logged and
    /// the delivery stands; reporting it as failed would send the message twice.
    /// </summary>
    private async Task QuitAsync(SmtpClient client, string deliveryId)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or SmtpProtocolException or SmtpCommandException)
        {
            LogQuitFailed(deliveryId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {DeliveryId} to {Recipient} accepted by {Server}: {Reply}")]
    private partial void LogSent(string deliveryId, string recipient, string server, string reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {DeliveryId} to {Recipient} through {Server} failed (transient: {Transient}): {Reason}")]
    private partial void LogFailed(string deliveryId, string recipient, string server, bool transient, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "E-mail {DeliveryId} was delivered; closing the SMTP connection failed: {Reason}")]
    private partial void LogQuitFailed(string deliveryId, string reason);
}
