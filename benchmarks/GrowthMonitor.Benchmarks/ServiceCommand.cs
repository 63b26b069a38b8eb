using System.Diagnostics;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// A one-shot command of the service as cron or an operator runs it, <c>dotnet GrowthMonitor.dll COMMAND</c> (or a
/// command of this benchmark, whose children read the service's settings alike), in the folder of the service's
/// appsettings.json, with its settings as environment variables and its logs at Warning.
/// </summary>
public static class ServiceCommand
{
    public static ProcessStartInfo Start(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        // The service reads its appsettings.json from the working directory.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll) };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        return start;
    }
}
