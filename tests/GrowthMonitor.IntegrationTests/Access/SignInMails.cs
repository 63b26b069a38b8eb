using System.Text.RegularExpressions;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>The sign-in link in an invitation or a requested link, as the SMTP test server took the mail.</summary>
public static partial class SignInMails
{
    /// <summary>The absolute link in the mail's text, as the person would open it.</summary>
    public static Uri LinkIn(ReceivedEmail mail) => LinkPattern().Match(mail.Message.TextBody ?? "").Value is { Length: > 0 } link
        ? new Uri(link)
        : throw new Xunit.Sdk.XunitException($"No sign-in link in: {mail.Message.TextBody}");

    [GeneratedRegex(@"https?://\S+/log-ind/link\?token=\S+")]
    private static partial Regex LinkPattern();
}
