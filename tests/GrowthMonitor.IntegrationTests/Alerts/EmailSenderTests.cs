using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using GrowthMonitor.Alerts.Email;
using GrowthMonitor.Alerts;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.Mail;
using MailKit.Security;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer.Protocol;
using static GrowthMonitor.IntegrationTests.Alerts.AlertSamples;

namespace GrowthMonitor.IntegrationTests.Alerts;

/// <summary>
/// <see cref="EmailSender"/> against a real SMTP server on a loopback port (<see cref="SmtpTestServer"/>): what
/// arrives, and how each kind of failure is classified for the delivery job's retries.
/// </summary>
public sealed class EmailSenderTests : IAsyncLifetime
{
    private SmtpTestServer smtp = null!;

    public async Task InitializeAsync() => smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    [Fact]
    public async Task SendAsync_RunningServer_DanishMessageArrivesOnceWithFiguresStatusWordsAndLinks()
    {
        await Sender(smtp.Port).SendAsync(Director, Message("dlv_7c1e", JobsAtRisk()), CancellationToken.None);

        var received = Assert.Single(smtp.Received);
        Assert.Equal("vaekst@horsens.dk", received.EnvelopeFrom);
        Assert.Equal(["mette.jensen@horsens.dk"], received.EnvelopeTo);

        var email = received.Message;
        Assert.Equal("Vækstalliancen Horsens: 500 flere job om året er nu I risiko", email.Subject);
        Assert.Equal("dlv_7c1e@growthmonitor", email.MessageId);
        Assert.Equal("\"Mette Jensen\" <mette.jensen@horsens.dk>", email.To.ToString());
        Assert.Equal(["text/plain", "text/html"], Assert.IsType<MultipartAlternative>(email.Body).Select(p => p.ContentType.MimeType));

        var page = AlertEmailTests.Html(email);
        Assert.Equal(JobsAtRiskRows, AlertEmailTests.Rows(page.QuerySelector("table")!));
        Assert.Equal(
        [
            "https://vaekst.horsens.dk/api/alliances/horsens/reports/2024?format=html#maal-horsens-jobs",
            "https://vaekst.horsens.dk/api/alliances/horsens/reports/2024?format=html",
            "https://grafana.horsens.dk/d/growthmonitor-overview",
            "https://vaekst.horsens.dk/",
        ], page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("  Faktisk:       41.800 job\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Status er ændret fra På sporet til I risiko.", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SameDeliveryTwice_BothCarryTheSameMessageId()
    {
        // A crash between sending and recording makes the job send the same delivery again.
        var sender = Sender(smtp.Port);
        await sender.SendAsync(Director, Message("dlv_resent", JobsAtRisk()), CancellationToken.None);
        await sender.SendAsync(Director, Message("dlv_resent", JobsAtRisk()), CancellationToken.None);

        Assert.Equal(["<dlv_resent@growthmonitor>", "<dlv_resent@growthmonitor>"], smtp.Received.Select(r => r.Message.Headers[HeaderId.MessageId]));
    }

    [Fact]
    public async Task SendAsync_ServerDown_TransientFailureThenDeliveredOnceItIsUp()
    {
        var port = await StoppedServerPortAsync();
        var sender = Sender(port);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => sender.SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None));
        await using var restarted = await SmtpTestServer.StartAsync(port);
        await sender.SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None);

        Assert.True(failure.Transient);
        Assert.Null(failure.RetryAfter);
        Assert.IsType<SocketException>(failure.InnerException);
        Assert.Equal("dlv_1@growthmonitor", Assert.Single(restarted.Received).Message.MessageId);
    }

    [Theory]
    [InlineData(421, true)]
    [InlineData(450, true)]
    [InlineData(451, true)]
    [InlineData(452, true)]
    [InlineData(550, false)]
    [InlineData(553, false)]
    [InlineData(554, false)]
    public async Task SendAsync_ServerRejectsRecipient_TransientOnlyFor4xx(int code, bool transient)
    {
        smtp.Replies[Director.Email] = new SmtpResponse((SmtpReplyCode)code, "not now or not ever");

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => Sender(smtp.Port).SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None));

        Assert.Equal(transient, failure.Transient);
        Assert.Null(failure.RetryAfter);
        Assert.Contains($"{code}", failure.Message, StringComparison.Ordinal);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task SendAsync_ServerNeverGreets_TimesOutAfterAttemptTimeoutAsTransient()
    {
        // A listening socket completes the TCP handshake without anyone accepting: the greeting never comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Sender(((IPEndPoint)silent.LocalEndpoint).Port, attemptTimeout: TimeSpan.FromMilliseconds(500)).SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None));

        Assert.True(failure.Transient);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(SecureSocketOptions.StartTls)]
    [InlineData(SecureSocketOptions.SslOnConnect)]
    public async Task SendAsync_TlsAgainstAPlainRelay_PermanentFailure(SecureSocketOptions security)
    {
        // The test relay speaks plain SMTP only: StartTls finds no STARTTLS, SslOnConnect gets no TLS handshake.
        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Sender(smtp.Port, security: security, attemptTimeout: TimeSpan.FromSeconds(2)).SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None));

        Assert.False(failure.Transient);
        Assert.Contains("Smtp:", failure.Message, StringComparison.Ordinal);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task SendAsync_WithCredentials_AuthenticatesAndSends()
    {
        await using var relay = await SmtpTestServer.StartAsync(credentials: ("growthmonitor", "s3cret-pw"));

        await Sender(relay.Port, username: "growthmonitor", password: "s3cret-pw").SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None);

        Assert.Single(relay.Received);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_PermanentFailureAndThePasswordIsNeverLogged()
    {
        await using var relay = await SmtpTestServer.StartAsync(credentials: ("growthmonitor", "s3cret-pw"));
        var logger = new FakeLogger<SmtpMailer>();

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Sender(relay.Port, username: "growthmonitor", password: "wrong-pw", logger: logger).SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None));

        Assert.False(failure.Transient);
        Assert.IsType<AuthenticationException>(failure.InnerException);
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("dlv_1", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw", logged.Message + failure.Message, StringComparison.Ordinal);
        Assert.Empty(relay.Received);
    }

    [Fact]
    public async Task SendAsync_WithoutHost_OffAndPermanentFailure()
    {
        var sender = new EmailSender(new SmtpMailer(Options.Create(new SmtpOptions()), new FakeLogger<SmtpMailer>()), Options.Create(new AlertOptions()), HorsensLinks());

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => sender.SendAsync(Director, Message("dlv_1", JobsAtRisk()), CancellationToken.None));

        Assert.False(sender.Enabled);
        Assert.False(failure.Transient);
    }

    /// <summary>A loopback port nothing listens on any more: connecting to it is refused.</summary>
    private static async Task<int> StoppedServerPortAsync()
    {
        var stopped = await SmtpTestServer.StartAsync();
        await stopped.DisposeAsync();
        return stopped.Port;
    }

    private static EmailSender Sender(
        int port,
        TimeSpan? attemptTimeout = null,
        string? username = null,
        string? password = null,
        FakeLogger<SmtpMailer>? logger = null,
        SecureSocketOptions security = SecureSocketOptions.None) => new(
        new SmtpMailer(
            Options.Create(new SmtpOptions
            {
                Host = "127.0.0.1",
                Port = port,
                From = "GrowthMonitor <vaekst@horsens.dk>",
                Security = security,
                Username = username,
                Password = password,
            }),
            logger ?? new FakeLogger<SmtpMailer>()),
        Options.Create(new AlertOptions { AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10) }),
        HorsensLinks());
}
