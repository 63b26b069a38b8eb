using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>An e-mail as the SMTP server took it: the envelope and the parsed message.</summary>
public sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);

/// <summary>
/// A real SMTP server (the SmtpServer library) on a loopback port, in the test process: it speaks SMTP on the wire
/// like a mail relay, keeps every message it accepts, and answers chosen recipients with a chosen reply (550, 451…).
/// Started with credentials, it offers AUTH (without TLS, as a local relay may) and requires it.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private SmtpServer.SmtpServer? server;
    private Task running = Task.CompletedTask;

    private SmtpTestServer()
    {
    }

    public int Port { get; private set; }

    public ConcurrentQueue<ReceivedEmail> Received { get; } = new();

    /// <summary>Replies to <c>RCPT TO</c> by address; every other recipient is accepted.</summary>
    public ConcurrentDictionary<string, SmtpResponse> Replies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The service's settings that send its e-mail here, unencrypted on loopback, from Vækstalliancen Horsens.</summary>
    public Dictionary<string, string?> ServiceSettings() => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "GrowthMonitor <vaekst@horsens.example>",
    };

    /// <summary>Starts on <paramref name="port"/>, or on a free port when 0; returns once it listens.</summary>
    public static async Task<SmtpTestServer> StartAsync(int port = 0, (string Username, string Password)? credentials = null)
    {
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AuthenticationRequired(credentials is not null)
                .AllowUnsecureAuthentication(credentials is not null))
            .Build();

        var test = new SmtpTestServer();
        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new Store(test.Received));
        services.Add(new Filter(test.Replies));
        if (credentials is { } expected)
        {
            services.Add(new Authenticator(expected.Username, expected.Password));
        }

        test.server = new SmtpServer.SmtpServer(options, services);
        test.running = test.server.StartAsync(test.stop.Token);
        if (await Task.WhenAny(listening.Task, test.running) != listening.Task)
        {
            await test.running; // surfaces why it did not start, e.g. the port is taken
            throw new InvalidOperationException("The SMTP test server stopped before it listened.");
        }

        test.Port = await listening.Task;
        return test;
    }

    public async ValueTask DisposeAsync()
    {
        server?.Shutdown();
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<ReceivedEmail> received) : IMessageStore
    {
        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(new ReceivedEmail(Address(transaction.From), [.. transaction.To.Select(Address)], MimeMessage.Load(stream, cancellationToken)));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(ConcurrentDictionary<string, SmtpResponse> replies) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            replies.TryGetValue(Address(to), out var reply) ? throw new SmtpResponseException(reply) : Task.FromResult(true);
    }

    private sealed class Authenticator(string username, string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string secret, CancellationToken cancellationToken) =>
            Task.FromResult(user == username && secret == password);
    }

    private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";
}
