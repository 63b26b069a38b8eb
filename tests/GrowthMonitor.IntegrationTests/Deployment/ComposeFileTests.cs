using System.Text.RegularExpressions;
using GrowthMonitor.Commands;
using GrowthMonitor.IntegrationTests.Dashboards;
using YamlDotNet.RepresentationModel;

namespace GrowthMonitor.IntegrationTests.Deployment;

/// <summary>
/// The compose stack and Grafana's provisioning, checked without a Docker engine (none runs on the development machines
/// or in CI): what the files refer to exists, every setting compose demands is documented, every image is pinned.
/// </summary>
public sealed partial class ComposeFileTests
{
    private const string GrafanaService = "grafana";

    [Fact]
    public void ComposeFiles_EveryMountedHostPath_ExistsInRepository()
    {
        var root = RepositoryRoot.Path;
        List<string> problems = [];
        var hostPaths = 0;
        foreach (var service in DeploymentFiles.ComposeFiles().SelectMany(file => file.Services))
        {
            foreach (var mount in service.Mounts.Where(m => m.IsHostPath))
            {
                hostPaths++;
                var path = service.File.Resolve(mount.Source);
                if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !(File.Exists(path) || Directory.Exists(path)))
                {
                    problems.Add($"{service} mounts {mount.Source}, which is not in the repository ({path})");
                }
            }

            if (service.Build is { } build)
            {
                var context = service.File.Resolve(((YamlScalarNode)build["context"]).Value!);
                var dockerfile = Path.Combine(context, ((YamlScalarNode)build["dockerfile"]).Value!);
                Assert.True(File.Exists(dockerfile), $"{service} builds {dockerfile}, which does not exist");
            }
        }

        Assert.Empty(problems);
        // The Grafana provisioning folders, the dashboards and the Caddyfile.
        Assert.Equal(4, hostPaths);
    }

    [Fact]
    public void ComposeFiles_EveryNamedVolume_IsDeclared()
    {
        var files = DeploymentFiles.ComposeFiles();
        var declared = files.SelectMany(f => f.DeclaredVolumes).ToHashSet(StringComparer.Ordinal);

        var undeclared = files.SelectMany(f => f.Services)
            .SelectMany(service => service.Mounts.Where(m => !m.IsHostPath && !declared.Contains(m.Source)).Select(m => $"{service}: {m.Source}"));

        Assert.Empty(undeclared);
    }

    [Fact]
    public void ComposeFiles_EveryRequiredVariable_IsInEnvExample()
    {
        var documented = DeploymentFiles.EnvExampleNames();

        var required = DeploymentFiles.ComposeFiles().SelectMany(f => f.Variables).Where(v => v.Required).Select(v => v.Name).Distinct().Order().ToList();

        Assert.Equal(["GRAFANA_ADMIN_PASSWORD", "GRAFANA_DOMAIN", "GROWTHMONITOR_API_KEY", "GROWTHMONITOR_DOMAIN", "POSTGRES_PASSWORD"], required);
        Assert.All(required, name => Assert.Contains(name, documented));
    }

    [Fact]
    public void ComposeFiles_EveryVariable_IsInEnvExample()
    {
        var documented = DeploymentFiles.EnvExampleNames();

        var undocumented = DeploymentFiles.ComposeFiles()
            .SelectMany(f => f.Variables.Where(v => !documented.Contains(v.Name)).Select(v => $"{f.FileName}: {v.Name}"))
            .Distinct();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Images_EveryTag_IsPinnedToARelease()
    {
        var services = DeploymentFiles.ComposeFiles().SelectMany(f => f.Services).ToList();
        // A service built from docker/Dockerfile is tagged locally; what it is built from is pinned there.
        var pulled = services.Where(s => s.Build is null && s.Image is not null).Select(s => s.Image!).ToList();
        var dockerfile = DeploymentFiles.DockerfileImages();

        // The overlay only changes services of the stack; each service is defined, with image or build, in some file.
        Assert.All(services.GroupBy(s => s.Name), definitions => Assert.Contains(definitions, s => s.Image is not null || s.Build is not null));
        Assert.Equal(["caddy", "grafana", "influxdb", "postgres"], pulled.Select(image => image.Split(':')[0].Split('/')[^1]).Order());
        Assert.Equal(2, dockerfile.Count);
        Assert.All(pulled.Concat(dockerfile), image => Assert.Matches(PinnedImage(), image));
    }

    [Theory]
    [InlineData("influxdb:1.12.4", true)]
    [InlineData("postgres:17.11", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0.12", true)]
    [InlineData("grafana/grafana@sha256:74144189b38447facf737dfd0f3906e42e0776212bf575dc3334c3609183adf7", true)]
    [InlineData("grafana/grafana", false)]
    [InlineData("grafana/grafana:latest", false)]
    [InlineData("postgres:17", false)]
    [InlineData("caddy:2-alpine", false)]
    [InlineData("localhost:5000/caddy", false)]
    public void PinnedImage_Pattern_AcceptsReleasesOnly(string image, bool pinned) =>
        Assert.Equal(pinned, PinnedImage().IsMatch(image));

    [Fact]
    public void GrafanaProvisioning_EveryPathItNames_IsMountedFromTheRepository()
    {
        var grafana = DeploymentFiles.ComposeFiles().SelectMany(f => f.Services).Single(s => s.Name == GrafanaService && s.Image is not null);
        var provisioning = Path.Combine(GrafanaDashboards.Folder, "provisioning");
        var files = Directory.EnumerateFiles(provisioning, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var dashboardPaths = files.Select(DeploymentFiles.LoadYaml)
            .SelectMany(root => root.Children.TryGetValue("providers", out var providers) ? ((YamlSequenceNode)providers).Children : [])
            .Select(provider => ((YamlScalarNode)provider["options"]["path"]).Value!)
            .ToList();

        // Grafana reads its provisioning from these two folders; each must be the repository's.
        Assert.Equal(Path.Combine(provisioning, "datasources"), HostPath(grafana, "/etc/grafana/provisioning/datasources"));
        Assert.Equal(Path.Combine(provisioning, "dashboards"), HostPath(grafana, "/etc/grafana/provisioning/dashboards"));
        Assert.Equal(["/etc/grafana/dashboards/growthmonitor"], dashboardPaths);
        Assert.All(dashboardPaths, path => Assert.Equal(GrafanaDashboards.Folder, HostPath(grafana, path)));
        var home = grafana.Environment["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"];
        Assert.True(File.Exists(HostPath(grafana, home)), $"The home dashboard {home} is not a file of the repository.");
    }

    [Fact]
    public void GrafanaProvisioning_EveryVariableItReads_IsSetByCompose()
    {
        var grafana = DeploymentFiles.ComposeFiles().SelectMany(f => f.Services).Single(s => s.Name == GrafanaService && s.Image is not null);
        var datasources = Path.Combine(GrafanaDashboards.Folder, "provisioning", "datasources");

        // Parsed, so that commented-out settings (the optional read-only user) do not count.
        var read = Directory.EnumerateFiles(datasources, "*.yaml")
            .SelectMany(path => DeploymentFiles.Scalars(DeploymentFiles.LoadYaml(path)))
            .SelectMany(value => GrafanaVariable().Matches(value).Select(m => m.Groups["name"].Value))
            .Distinct().Order().ToList();

        Assert.Equal(["GROWTHMONITOR_INFLUX_DATABASE", "GROWTHMONITOR_INFLUX_URL"], read);
        Assert.All(read, name => Assert.Contains(name, grafana.Environment.Keys));
    }

    [Fact]
    public void Dockerfile_Healthcheck_RunsTheServiceHealthCheckCommand()
    {
        var healthcheck = File.ReadAllText(Path.Combine(DeploymentFiles.DockerFolder, "Dockerfile"))
            .Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n')
            .Single(line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));

        Assert.EndsWith($"CMD [\"dotnet\", \"GrowthMonitor.dll\", \"{HealthCheckCommand.Name}\"]", healthcheck.TrimEnd());
    }

    /// <summary>The container path <paramref name="containerPath"/> of a service, as a path of this machine through its bind mounts.</summary>
    private static string HostPath(ComposeService service, string containerPath)
    {
        var mount = service.Mounts.Where(m => m.IsHostPath && (containerPath == m.Target || containerPath.StartsWith(m.Target + "/", StringComparison.Ordinal)))
            .MaxBy(m => m.Target.Length)
            ?? throw new Xunit.Sdk.XunitException($"{service} mounts nothing at {containerPath}.");
        return Path.GetFullPath(service.File.Resolve(mount.Source) + containerPath[mount.Target.Length..]).TrimEnd(Path.DirectorySeparatorChar);
    }

    /// <summary>
    /// A release: a tag of at least major.minor with digits (<c>17.11</c>, <c>1.12.4</c>), optionally a suffix, or a digest.
    /// <c>latest</c>, no tag, or a moving major tag (<c>17</c>, <c>2-alpine</c>) are not.
    /// </summary>
    [GeneratedRegex(@"^[a-z0-9./_-]+(:\d+\.\d+(\.\d+)*(-[A-Za-z0-9.]+)?|@sha256:[0-9a-f]{64})$")]
    private static partial Regex PinnedImage();

    /// <summary>Grafana's environment references in provisioning files: <c>$NAME</c> or <c>${NAME}</c>.</summary>
    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex GrafanaVariable();
}
