using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>A webhook request as it arrived: its Standard Webhooks id and its body.</summary>
public sealed record ReceivedWebhook(string WebhookId, string Body);

/// <summary>
/// A webhook receiver on a loopback port that records every request as it arrives and holds the first ones without
/// an answer until their sender goes away (a killed service); it answers every later one 204.
/// </summary>
public sealed class HeldWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly int held;
    private int arrived;

    private HeldWebhookReceiver(WebApplication app, int held)
    {
        this.app = app;
        this.held = held;
        app.MapPost("/hook", ReceiveAsync);
    }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Where to send webhooks.</summary>
    public string Url => $"{app.Urls.First()}/hook";

    public static async Task<HeldWebhookReceiver> StartAsync(int held)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new HeldWebhookReceiver(builder.Build(), held);
        await receiver.app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Received.Enqueue(new ReceivedWebhook(context.Request.Headers["webhook-id"].ToString(), await reader.ReadToEndAsync(context.RequestAborted)));
        if (Interlocked.Increment(ref arrived) > held)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, gone.Token);
        }
        catch (OperationCanceledException)
        {
            // The sender went away, or the test is over.
        }
    }
}
