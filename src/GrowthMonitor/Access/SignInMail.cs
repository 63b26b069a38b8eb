using System.Globalization;
using GrowthMonitor.Http;
using GrowthMonitor.Mail;
using Hangfire;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GrowthMonitor.Access;

/// <summary>
/// The Danish e-mails that let a person in: the invitation sent when an admin adds them, and the link asked for at
/// <c>/log-ind</c>. Each carries a one-time sign-in link (<see cref="SignInLinks"/>) to <c>/log-ind/link</c>.
/// </summary>
public sealed partial class SignInMail(
    SmtpMailer mailer, Members members, SignInLinks links, IOptions<SignInOptions> options, IOptions<PublicUrlOptions> publicUrl, TimeProvider time, ILogger<SignInMail> logger)
{
    public const string LinkPath = "/log-ind/link";

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Invites a new member; false (and a log line) when e-mail is off or the server refused it.</summary>
    public async Task<bool> InviteAsync(Member member, string allianceName, string invitedBy, HttpRequest request, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.InvitationLinkLifetime;
        var areas = member.Role != MemberRole.Admin && member.FocusAreas.Count > 0 ? $" for {string.Join(" og ", member.FocusAreas)}" : "";
        return await SendAsync(member.Email, member.Name, $"Invitation til GrowthMonitor – {allianceName}", lifetime,
            $"{invitedBy} har givet dig adgang til {allianceName} i GrowthMonitor som {MemberRoles.DanishWord(member.Role)}{areas}.",
            LinkBase(request), "invitation", perHour: null, cancellationToken);
    }

    /// <summary>
    /// The Hangfire job behind <c>POST /log-ind</c>: a link to a member's address unless it has had
    /// <see cref="SignInOptions.LinksPerAddressPerHour"/> links in the last hour, nothing to anyone else. It runs after
    /// the answer, so that the answer takes as long for a stranger as for a member. A late link is no use: not retried
    /// (<see cref="AccessSetup"/>); the person asks again.
    /// </summary>
    [JobDisplayName("Send a sign-in link if the address is a member's")]
    public async Task SendLinkIfMemberAsync(string email, string linkBase, CancellationToken cancellationToken)
    {
        if (await members.OfPersonAsync(email, cancellationToken) is not [var member, ..])
        {
            return;
        }

        await SendAsync(email, member.Name, "Log ind i GrowthMonitor", options.Value.EmailLinkLifetime, "Du har bedt om at logge ind i GrowthMonitor.",
            new Uri(linkBase), "sign-in link", options.Value.LinksPerAddressPerHour, cancellationToken);
    }

    /// <summary>Links point where readers reach the service: <c>PublicBaseUrl</c>, else the address the request came to.</summary>
    public Uri LinkBase(HttpRequest request) =>
        publicUrl.Value.PublicBaseUrl is { } configured ? configured : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    private async Task<bool> SendAsync(
        string email, string? name, string subject, TimeSpan lifetime, string lead, Uri linkBase, string what, int? perHour, CancellationToken cancellationToken)
    {
        if (!mailer.Enabled)
        {
            LogMailOff(what);
            return false;
        }

        if (await links.CreateAsync(email, lifetime, perHour, cancellationToken) is not { } token)
        {
            LogAddressLimited(perHour!.Value);
            return false;
        }

        var link = new Uri(linkBase, $"{LinkPath.TrimStart('/')}?token={token}");
        var expires = (time.GetUtcNow() + lifetime).ToOffset(TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen").GetUtcOffset(time.GetUtcNow()));
        var until = expires.ToString("d. MMMM yyyy 'kl.' HH.mm", CultureInfo.GetCultureInfo("da-DK"));
        var greeting = name is { Length: > 0 } ? $"Hej {name}" : "Hej";
        var text = $"{greeting}\n\n{lead}\n\nLog ind med dette link. Det virker én gang og udløber {until}:\n{link}\n\n" +
                   "Har du ikke bedt om det, kan du se bort fra denne e-mail.\n\nGrowthMonitor";
        var html = $"<p>{Escape(greeting)}</p><p>{Escape(lead)}</p><p><a href=\"{Escape(link.ToString())}\">Log ind i GrowthMonitor</a></p>" +
                   $"<p>Linket virker én gang og udløber {Escape(until)}.</p><p>Har du ikke bedt om det, kan du se bort fra denne e-mail.</p>";
        var message = new MimeMessage { Subject = subject, Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody() };
        message.From.Add(mailer.From);
        message.To.Add(new MailboxAddress(name ?? email, email));
        try
        {
            await mailer.SendAsync(message, what, SendTimeout, cancellationToken);
            return true;
        }
        catch (MailFailedException)
        {
            // The mailer has logged why (never the link); the person can ask for a new link.
            return false;
        }
    }

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);

    [LoggerMessage(Level = LogLevel.Information, Message = "No sign-in link sent: the address has had {Limit} links in the last hour")]
    private partial void LogAddressLimited(int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {What} sent: e-mail is off (set Smtp:Host and Smtp:From)")]
    private partial void LogMailOff(string what);
}
