namespace GrowthMonitor.Core;

public readonly record struct Observation(Period Period, double Value);
