using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// Secrets stay secret: a sign-in by e-mail link, a machine key made and used, and operator-key requests leave none of
/// the link's token, the session cookie, the machine key, the operator key, the SMTP password or the OpenID Connect
/// client secret in the service's log, and PostgreSQL holds tokens and keys only as their hashes.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SecretsTests(ServersFixture servers) : IAsyncLifetime
{
    private const string OperatorKey = "ops-secret-key-0123456789abcdef";
    private const string SmtpPassword = "smtp-secret-password-0123456789";
    private const string OidcClientSecret = "oidc-secret-client-0123456789";

    private readonly CapturedLog log = new();
    private SmtpTestServer smtp = null!;
    private ServiceHarness harness = null!;
    private WebApplicationFactory<Program> service = null!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync(credentials: ("growthmonitor", SmtpPassword));
        harness = ServiceHarness.Create(servers, AccessMatrixCatalog(), settings: new Dictionary<string, string?>
        {
            ["Security:Keys:ops"] = OperatorKey,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:Username"] = "growthmonitor",
            ["Smtp:Password"] = SmtpPassword,
            ["Smtp:From"] = "GrowthMonitor <vaekst@hedensted.example>",
            ["Authentication:Oidc:ClientSecret"] = OidcClientSecret,
            // Every log of every category down to Trace, but for one: ASP.NET Core's request log writes each URL, and a
            // sign-in link carries its token in the URL as every e-mail link must (single-use, expiring). The service
            // ships it at Warning (Microsoft.AspNetCore), where it writes no URL; docs/access.md says so.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["Logging:LogLevel:Hangfire"] = "Trace",
            ["Logging:LogLevel:Polly"] = "Trace",
        });
        service = harness.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(log)));
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        await harness.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task SignInKeyAndOperatorRequests_NoSecretInTheLogAndOnlyHashesInPostgres()
    {
        using var operatorClient = service.CreateClient();
        operatorClient.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);

        // An invitation with a sign-in link, the link used, a figure entered with the session and its antiforgery token.
        using var invited = await operatorClient.PostAsJsonAsync("/api/alliances/hedensted/members",
            new { email = "anne.holm@hedensted.example", name = "Anne Holm", role = "contributor", focusAreas = new[] { AccessMatrixFixture.FocusA } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = EmailLinkSignInTests.LinkIn(Assert.Single(smtp.Received));
        var linkToken = link.Split("token=")[1];
        using var browser = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signedIn = await EmailLinkSignInTests.PostFormAsync(browser, await browser.GetAsync(link), "/log-ind/link");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var sessionToken = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal))
            .Split(';')[0][(SessionCookie.Name.Length + 1)..];
        var antiforgery = (await browser.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("antiforgeryToken").GetString();
        using var byPerson = new HttpRequestMessage(HttpMethod.Put, $"/api/indicators/{AccessMatrixFixture.Manual}/values")
        {
            Content = JsonContent.Create(new { values = new[] { new { area = "766", period = "2023", value = 7 } } }),
        };
        byPerson.Headers.Add(AccessSetup.AntiforgeryHeader, antiforgery);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(byPerson)).StatusCode);

        // A machine key made by the operator, used to enter a figure and to list the keys, then a wrong one.
        using var created = await operatorClient.PostAsJsonAsync("/api/alliances/hedensted/keys", new { name = "regneark", role = "contributor", focusAreas = new[] { AccessMatrixFixture.FocusA } });
        var machineKey = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        using var machine = service.CreateClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", machineKey);
        Assert.Equal(HttpStatusCode.OK, (await machine.PutAsJsonAsync($"/api/indicators/{AccessMatrixFixture.Manual}/values", new { values = new[] { new { area = "766", period = "2024", value = 8 } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/alliances/hedensted/keys")).StatusCode);
        using var wrongKey = service.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", machineKey[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.PutAsJsonAsync($"/api/indicators/{AccessMatrixFixture.Manual}/values", new { values = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await operatorClient.PostAsync("/api/targets/evaluate", null)).StatusCode);

        // The operator's audit line is written when the answer has gone: wait for it, so the log is whole.
        await Eventually.TrueAsync(() => log.Lines.Any(l => l.Contains("Operator ops: POST /api/targets/evaluate answered 202", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
        string[] secrets = [linkToken, sessionToken, machineKey, OperatorKey, SmtpPassword, OidcClientSecret];
        Assert.All(secrets, secret => Assert.True(secret.Length >= 20, $"'{secret}' is too short to stand for a secret."));
        var leaks = log.Lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Secrets in the log:\n" + string.Join("\n", leaks));

        Assert.Empty(await RowsHoldingAsync(secrets));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM growthmonitor.sign_in_links WHERE token_hash = @hash", linkToken));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM growthmonitor.sessions WHERE token_hash = @hash", sessionToken));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM growthmonitor.machine_keys WHERE key_hash = @hash", machineKey));
    }

    /// <summary>Every table of every schema whose rows hold a secret as text, or its bytes as PostgreSQL prints a bytea.</summary>
    private async Task<List<string>> RowsHoldingAsync(IReadOnlyList<string> secrets)
    {
        await using var connection = new NpgsqlConnection(harness.Database);
        await connection.OpenAsync();
        List<string> tables = [];
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("growthmonitor.machine_keys", tables);
        List<string> holding = [];
        foreach (var table in tables)
        {
            foreach (var secret in secrets)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE strpos(t::text, @plain) > 0 OR strpos(t::text, @hex) > 0", connection);
                count.Parameters.AddWithValue("plain", secret);
                count.Parameters.AddWithValue("hex", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)));
                if ((long)(await count.ExecuteScalarAsync())! > 0)
                {
                    holding.Add($"{table} holds {secret[..6]}…");
                }
            }
        }

        return holding;
    }

    private async Task<long> CountAsync(string sql, string token)
    {
        await using var connection = new NpgsqlConnection(harness.Database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(sql, connection);
        count.Parameters.AddWithValue("hash", SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static JsonObject AccessMatrixCatalog() => JsonNode.Parse($$"""
        {
          "indicators": [
            { "id": "{{AccessMatrixFixture.Manual}}", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766"] }
          ],
          "alliances": [
            { "id": "hedensted", "name": "Hedensted Kommune", "areas": ["766"], "focusAreas": ["{{AccessMatrixFixture.FocusA}}"] }
          ],
          "targets": [
            { "id": "{{AccessMatrixFixture.TargetA}}", "alliance": "hedensted", "indicator": "{{AccessMatrixFixture.Manual}}", "areas": ["766"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{AccessMatrixFixture.FocusA}}" }
          ]
        }
        """)!.AsObject();

    /// <summary>Every line the service logs, as a log file would hold it: the formatted message, each structured value, scopes and the exception.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state} {Values(state)}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {Values(state)} {exception}");

            private static string Values<TState>(TState state) =>
                state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(" ", values.Select(v => $"{v.Key}={v.Value}")) : "";
        }
    }
}
