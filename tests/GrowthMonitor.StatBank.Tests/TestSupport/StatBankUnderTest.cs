using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.StatBank.Tests.TestSupport;

/// <summary>
/// A <see cref="StatBankFake"/> and a <see cref="StatBankClient"/> resolved the way an application gets it
/// (<see cref="StatBankServiceCollectionExtensions.AddStatBankClient(IServiceCollection, Action{StatBankOptions}?)"/>),
/// pointed at the fake, with retry delays cut to milliseconds.
/// </summary>
internal sealed class StatBankUnderTest : IDisposable
{
    private readonly ServiceProvider services;

    public StatBankUnderTest(Action<StatBankOptions>? configure = null) => services = new ServiceCollection()
        .AddStatBankClient(options =>
        {
            options.BaseUrl = new Uri(Fake.BaseUrl);
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        })
        .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public StatBankFake Fake { get; } = new();

    public StatBankClient Client => services.GetRequiredService<StatBankClient>();

    public void Dispose()
    {
        services.Dispose();
        Fake.Dispose();
    }
}
