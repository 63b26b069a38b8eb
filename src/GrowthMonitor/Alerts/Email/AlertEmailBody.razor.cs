using Microsoft.AspNetCore.Components;

namespace GrowthMonitor.Alerts.Email;

// The parameter is declared here, in C#, because C# code names it (AlertEmail.CreateAsync) and the folder graph of the
// architecture tests reads the C# source only.
public sealed partial class AlertEmailBody
{
    [Parameter, EditorRequired] public required AlertEmail.Content Content { get; set; }
}
