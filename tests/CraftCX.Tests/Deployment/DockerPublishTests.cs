using System.Text.RegularExpressions;

namespace CraftCX.Tests.Deployment;

/// <summary>
/// The image's build stage without a container engine: the files its COPY lines take, in a directory of their own,
/// and its RUN line's `dotnet publish` on them. What comes out is a production build: no embedded broker, no demo.
/// </summary>
public sealed class DockerPublishTests
{
    [Fact]
    public async Task The_images_publish_command_builds_the_production_silo_from_only_the_files_it_copies()
    {
        var dockerfile = File.ReadAllText(YamlFiles.PathOf("docker/Dockerfile"));
        var build = dockerfile[..dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)];
        var context = Directory.CreateTempSubdirectory("craftcx-image-");
        try
        {
            foreach (Match copy in Regex.Matches(build, @"^COPY (?!--)(.+) (\S+)$", RegexOptions.Multiline))
            {
                var sources = copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var target = Path.Combine(context.FullName, copy.Groups[2].Value.TrimStart('.', '/'));
                foreach (var source in sources)
                {
                    CopyWithoutBuildOutput(YamlFiles.PathOf(source.TrimEnd('/')), source.EndsWith('/') ? Path.Combine(context.FullName, source.TrimEnd('/')) : Path.Combine(target, source));
                }
            }

            var run = Regex.Match(build, @"^RUN (dotnet publish .+) -o (\S+)$", RegexOptions.Multiline);
            Assert.True(run.Success, "the build stage has no `RUN dotnet publish ... -o DIR` line");
            var output = Path.Combine(context.FullName, "app");
            // Build arguments take their declared defaults, as `docker build` without --build-arg does.
            var defaults = Regex.Matches(build, @"^ARG (\w+)=(\S*)$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var command = Regex.Replace(run.Groups[1].Value, @"\$\{(\w+)\}", m => defaults[m.Groups[1].Value]);
            Assert.Contains("-p:CraftCXEmbedded=false", command, StringComparison.Ordinal);
            var arguments = command.Split(' ').Skip(1).Concat(["-o", output, "--nologo"]);
            await ProcessRunner.RunAsync("dotnet", arguments, TimeSpan.FromMinutes(6), workingDirectory: context.FullName);

            var silo = Path.Combine(output, "CraftCX.Silo.dll");
            Assert.True(File.Exists(silo));
            Assert.False(ContainsAscii(silo, "MockKafkaCluster"), "the production build carries the embedded broker");
            Assert.True(File.Exists(Path.Combine(output, "appsettings.Production.json")));
            Assert.False(File.Exists(Path.Combine(output, "appsettings.Development.json")), "the production build carries the Development settings");
            Assert.False(Directory.Exists(Path.Combine(output, "Demo")), "the production build carries the demo data");
            Assert.DoesNotContain(Directory.GetFiles(output, "*.dll"), f => Path.GetFileName(f).Contains("Tests", StringComparison.Ordinal));
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    // Type names are stored as UTF-8 in an assembly's metadata, so a byte search finds any reference to one.
    private static bool ContainsAscii(string path, string text) =>
        File.ReadAllBytes(path).AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(text)) >= 0;

    private static void CopyWithoutBuildOutput(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
