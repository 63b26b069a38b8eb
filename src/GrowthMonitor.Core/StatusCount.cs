namespace GrowthMonitor.Core;

/// <summary>How many targets stand at one status.</summary>
public sealed record StatusCount(TargetStatus Status, int Count)
{
    /// <summary>The count of every status, in the order of the scale, zeros included.</summary>
    public static IReadOnlyList<StatusCount> Of(IEnumerable<TargetStatus> statuses)
    {
        var all = statuses.ToList();
        return [.. Enum.GetValues<TargetStatus>().Select(status => new StatusCount(status, all.Count(s => s == status)))];
    }
}
