using System.Text.RegularExpressions;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>The sign-in link in an invitation or a requested link, as the SMTP test server took the mail.</summary>
public static partial class SignInMails
{
    /// <summary>The absolute link in the mail's text, as the person would open it.</summary>
    public static Uri LinkIn(ReceivedEmail mail) => LinkPattern().Match(mail.Message.TextBody ?? "").Value is { Length: > 0 } link
        ? new Uri(link)
        : throw new Xunit.Sdk.XunitException($"No sign-in link in: {mail.Message.TextBody}");

    /// <summary>
    /// Waits until every link asked for at <c>POST /log-ind</c> has been dealt with: the answer comes first, the mail
    /// (or, for a stranger, nothing) from a Hangfire job afterwards. Read from Hangfire's job table, whose state name
    /// changes in one step, where the monitoring lists miss a job between its fetch and its processing state.
    /// </summary>
    public static async Task LinkRequestsHandledAsync(string database)
    {
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var pending = new NpgsqlCommand(
                "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE @method AND statename NOT IN ('Succeeded', 'Failed', 'Deleted')", connection);
            pending.Parameters.AddWithValue("method", $"%{nameof(SignInMail.SendLinkIfMemberAsync)}%");
            return (long)(await pending.ExecuteScalarAsync())! == 0;
        }, Eventually.BackgroundWork);
    }

    [GeneratedRegex(@"https?://\S+/log-ind/link\?token=\S+")]
    private static partial Regex LinkPattern();
}
