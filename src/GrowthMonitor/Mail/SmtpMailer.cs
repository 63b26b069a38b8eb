using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GrowthMonitor.Mail;

/// <summary>Sending failed: <see cref="Transient"/> says whether the same attempt later could succeed.</summary>
public sealed class MailFailedException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}

/// <summary>
/// Sends e-mail over SMTP with MailKit (alerts, invitations, sign-in links): one connection per message, secured as
/// <c>Smtp:Security</c> says, authenticated when a username is set. A failure becomes a <see cref="MailFailedException"/>
/// that says whether trying again can help: the server unreachable, a timeout, a broken connection or an SMTP 4xx
/// reply is transient; an SMTP 5xx rejection, refused credentials or a TLS setup that does not match the server is
/// permanent (the same attempt would fail the same way).
/// </summary>
public sealed partial class SmtpMailer(IOptions<SmtpOptions> smtp, ILogger<SmtpMailer> logger)
{
    public bool Enabled => smtp.Value.Enabled;

    /// <summary>The configured sender (<c>Smtp:From</c>, required with <c>Smtp:Host</c>).</summary>
    public MailboxAddress From => MailboxAddress.Parse(smtp.Value.From!);

    /// <param name="what">Names the message in the log (a delivery id, "sign-in link").</param>
    /// <param name="timeout">For the connect and every read and write.</param>
    public async Task SendAsync(MimeMessage message, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var options = smtp.Value;
        if (!options.Enabled)
        {
            throw new MailFailedException("E-mail is off: Smtp:Host is not set.", transient: false);
        }

        var server = $"{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}";
        var recipient = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        string reply;
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
            if (options is { Username: { Length: > 0 } username, Password: { } password })
            {
                await client.AuthenticateAsync(username, password, cancellationToken);
            }

            reply = await client.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (Classify(e, server) is { } failure)
        {
            LogFailed(what, recipient, server, failure.Transient, failure.Message);
            throw failure;
        }

        LogSent(what, recipient, server, reply);
        await QuitAsync(client, what);
    }

    /// <summary>
    /// What a failed attempt means for the next one; null for anything else (a bug, or the caller's cancellation),
    /// which is left to propagate as it is.
    /// </summary>
    private static MailFailedException? Classify(Exception exception, string server) => exception switch
    {
        SmtpCommandException { StatusCode: var code } rejected when (int)code is >= 400 and < 500 =>
            new MailFailedException($"SMTP server {server} answered {(int)code} (temporary): {rejected.Message}", transient: true, inner: rejected),
        SmtpCommandException { StatusCode: var code } rejected =>
            new MailFailedException($"SMTP server {server} rejected the message with {(int)code}: {rejected.Message}", transient: false, inner: rejected),
        AuthenticationException refused =>
            new MailFailedException($"SMTP server {server} refused the credentials of Smtp:Username: {refused.Message}", transient: false, inner: refused),
        SslHandshakeException tls =>
            new MailFailedException($"TLS with SMTP server {server} failed (check Smtp:Security and the server's certificate): {FirstLine(tls.Message)}", transient: false, inner: tls),

        // Smtp:Security StartTls against a server that offers no STARTTLS, or a server that wants no authentication.
        NotSupportedException unsupported =>
            new MailFailedException($"SMTP server {server} does not support what Smtp:* asks for: {unsupported.Message}", transient: false, inner: unsupported),
        SocketException or IOException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException =>
            new MailFailedException($"SMTP server {server} could not be reached or broke off: {exception.Message}", transient: true, inner: exception),
        _ => null,
    };

    // MailKit's TLS message goes on with a page of advice; the ledger and the log need its first line.
    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();

    /// <summary>
    /// Says goodbye once the server has taken the message. A failure now cannot undo the delivery, so it is logged and
    /// the message stands; reporting it as failed would send it twice.
    /// </summary>
    private async Task QuitAsync(SmtpClient client, string what)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or SmtpProtocolException or SmtpCommandException)
        {
            LogQuitFailed(what, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {What} to {Recipient} accepted by {Server}: {Reply}")]
    private partial void LogSent(string what, string recipient, string server, string reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {What} to {Recipient} through {Server} failed (transient: {Transient}): {Reason}")]
    private partial void LogFailed(string what, string recipient, string server, bool transient, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "E-mail {What} was delivered; closing the SMTP connection failed: {Reason}")]
    private partial void LogQuitFailed(string what, string reason);
}
