using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace GrowthMonitor.StatBank.Tests;

public class StatBankServiceCollectionExtensionsTests
{
    [Fact]
    public void AddStatBankClient_NoConfiguration_UsesValidDefaults()
    {
        using var provider = new ServiceCollection().AddStatBankClient().BuildServiceProvider(validateScopes: true);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<StatBankOptions>>().Value;
        Assert.Equal(new Uri("https://api.statbank.dk/v1/"), options.BaseUrl);
        Assert.Equal("da", options.Language);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), 4), (options.AttemptTimeout, options.TotalTimeout, options.MaxRetryAttempts));
        Assert.Same(provider.GetRequiredService<StatBankClient>(), provider.GetRequiredService<StatBankClient>());
    }

    [Fact]
    public void AddStatBankClient_ConfigurationSection_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatBank:BaseUrl"] = "http://127.0.0.1:5000/v1/",
            ["StatBank:Language"] = "en",
            ["StatBank:AttemptTimeout"] = "00:00:10",
            ["StatBank:TotalTimeout"] = "00:02:00",
            ["StatBank:MaxRetryAttempts"] = "2",
            ["StatBank:RetryDelay"] = "00:00:00.5",
        }).Build();

        using var provider = new ServiceCollection().AddStatBankClient(configuration.GetSection(StatBankOptions.SectionName)).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<StatBankOptions>>().Value;
        Assert.Equal(new Uri("http://127.0.0.1:5000/v1/"), options.BaseUrl);
        Assert.Equal("en", options.Language);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.TotalTimeout);
        Assert.Equal(2, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.RetryDelay);
    }

    [Fact]
    public void AddStatBankClient_InvalidSettings_FailAtStartWithOneLinePerProblem()
    {
        using var provider = new ServiceCollection().AddStatBankClient(options =>
        {
            options.BaseUrl = new Uri("/v1/", UriKind.Relative);
            options.Language = " ";
            options.AttemptTimeout = TimeSpan.Zero;
            options.MaxRetryAttempts = 0;
            options.RetryDelay = TimeSpan.FromSeconds(-1);
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Collection(
            error.Failures,
            failure => Assert.Contains("StatBank:BaseUrl: must be an absolute http(s) URL, not '/v1/'", failure, StringComparison.Ordinal),
            failure => Assert.Contains("StatBank:Language", failure, StringComparison.Ordinal),
            failure => Assert.Contains("StatBank:AttemptTimeout", failure, StringComparison.Ordinal),
            failure => Assert.Contains("StatBank:MaxRetryAttempts", failure, StringComparison.Ordinal),
            failure => Assert.Contains("StatBank:RetryDelay", failure, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://api.statbank.dk/v1/")]
    [InlineData("file:///v1/")]
    public void AddStatBankClient_NonHttpBaseUrl_FailsValidation(string url)
    {
        using var provider = new ServiceCollection().AddStatBankClient(options => options.BaseUrl = new Uri(url)).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StatBankOptions>>().Value);

        Assert.Contains("StatBank:BaseUrl", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AddStatBankClient_TotalTimeoutNotAboveAttemptTimeout_FailsValidation()
    {
        using var provider = new ServiceCollection().AddStatBankClient(options => options.TotalTimeout = options.AttemptTimeout).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StatBankOptions>>().Value);

        Assert.Contains("StatBank:TotalTimeout: must be longer than AttemptTimeout", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddStatBankClient_CalledTwice_AppliesBothConfigurationsWithOneResiliencePipeline()
    {
        using var statBank = new StatBankFake();
        statBank.Server.Given(StatBankFake.Get("tableinfo")).RespondWith(StatBankFake.Answer("", "text/html", HttpStatusCode.InternalServerError));
        using var provider = new ServiceCollection()
            .AddStatBankClient(options => options.BaseUrl = new Uri(statBank.BaseUrl))
            .AddStatBankClient(options => (options.MaxRetryAttempts, options.RetryDelay) = (2, TimeSpan.FromMilliseconds(10)))
            .BuildServiceProvider();

        await Assert.ThrowsAsync<ApiException>(() => provider.GetRequiredService<StatBankClient>().GetTableInfoAsync("ERHV2"));

        // Stacked pipelines would multiply the attempts: 3 × 3.
        Assert.Equal(3, statBank.TableInfoRequests);
    }
}
