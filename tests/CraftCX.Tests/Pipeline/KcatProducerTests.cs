using System.Diagnostics;
using System.Text;
using CraftCX.Conversations;

namespace CraftCX.Tests.Pipeline;

/// <summary>An independent Kafka client (Debian's kcat, librdkafka's CLI) produces; CraftCX consumes and scores.</summary>
public sealed class KcatProducerTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task Events_produced_with_kcat_are_scored()
    {
        const string tenant = "t-kcat";
        await fixture.RegisterTenantsAsync([tenant]);
        var events = TestWorkload.Build(tenant, conversations: 5, seed: 3);
        var input = new StringBuilder();
        foreach (var e in events)
        {
            input.Append(TestEvents.Key(e)).Append('\t').Append(Encoding.UTF8.GetString(TestEvents.Json(e))).Append('\n');
        }

        var before = fixture.Completed;
        var kcat = new ProcessStartInfo("kcat", ["-P", "-b", fixture.BootstrapServers, "-t", PipelineFixture.Topic, "-K", "\t", "-z", "none"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(kcat)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("kcat is not installed: run the README's test command (tests/run.sh), which installs it.", ex);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(input.ToString());
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(process.ExitCode == 0, "kcat failed: " + await process.StandardError.ReadToEndAsync());
        }

        await fixture.WaitForCompletedAsync(before + events.Count);
        var truth = GroundTruth.From(events);
        foreach (var (key, (state, contribution)) in truth.ConversationStates)
        {
            var snapshot = await fixture.Client.GetGrain<IConversationGrain>(key).GetSnapshotAsync(false);
            Assert.NotNull(snapshot);
            Assert.Equal(state.LastSequence, snapshot.LastSequence);
            Assert.Equal(contribution?.Overall, snapshot.Score.Overall);
        }
    }
}
