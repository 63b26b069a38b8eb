namespace GrowthMonitor.StatBank;

/// <summary>A subject from <c>/subjects</c>; <see cref="Subjects"/> is filled only for recursive requests.</summary>
public sealed record Subject(
    string Id,
    string Description,
    bool Active,
    bool HasSubjects,
    IReadOnlyList<Subject> Subjects);
