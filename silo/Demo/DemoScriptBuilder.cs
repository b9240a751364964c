using CraftCX.Events.Json;

namespace CraftCX.Silo.Demo;

/// <summary>
/// Turns an ABCD conversation into contract events with realistic timing and a cast: a human agent, a bot that
/// hands over to a human, or a bot alone; now and then a slow, rude or non-compliant agent, so that scores vary.
/// An SGD dialogue becomes a bot-handled one (<see cref="BuildAssistant"/>). Deterministic for a given
/// <see cref="Random"/> seed.
/// </summary>
internal sealed class DemoScriptBuilder(DemoOptions options)
{
    private const string BotGreeting = "Hi! I'm CraftBot, your virtual assistant. What can I help you with today?";
    private const string BotHandoff = "Thanks for the details! I'm connecting you with a specialist who can help with that.";
    private const string RudeLine = "Look, I already told you. Read the instructions, it's not my problem.";
    private const string ComplianceBreach = "To check this I need your full card number and the CVV on the back, please.";

    public DemoScript Build(AbcdConversation source, string conversationId, Random random, DemoConduct? conduct = null)
    {
        conduct ??= DemoConduct.Steady;
        var workspace = options.Workspaces[random.Next(options.Workspaces.Length)];
        var human = options.Agents[random.Next(options.Agents.Length)];
        var bot = options.Bots[random.Next(options.Bots.Length)];
        var roll = random.NextDouble();
        var variant = roll < 0.55 ? "human" : roll < 0.8 ? "bot-then-human" : "bot-only";
        var slow = random.NextDouble() < conduct.Slow;
        var rude = random.NextDouble() < conduct.Rude;
        var breach = random.NextDouble() < conduct.Breach;
        var skipGreeting = random.NextDouble() < conduct.SkipGreeting;

        var script = new ScriptWriter(options.Tenant, workspace, conversationId, options.TimeScale);
        script.Add(TimeSpan.Zero, "conversation.started", new ChatEventDataDto
        {
            Channel = "chat",
            Subject = $"{source.Flow.Replace('_', ' ')}: {source.Subflow.Replace('_', ' ')}",
            Customer = new CustomerDto { Id = source.Username, Email = source.Email, Phone = source.Phone, Name = source.CustomerName },
        });

        var agentTurns = 0;
        var turns = source.Turns.ToList();
        if (skipGreeting)
        {
            turns.RemoveAll(t => t.Speaker == "agent" && t.Text.Length < 12 && t.Text.StartsWith("Hi", StringComparison.OrdinalIgnoreCase));
        }

        string currentAgent;
        string currentRole;
        if (variant == "human")
        {
            currentAgent = human;
            currentRole = "agent";
            script.Add(Seconds(random, 1, 4), "agent.assigned", new ChatEventDataDto { Agent = new ParticipantDto { Role = "agent", Id = human } });
        }
        else
        {
            currentAgent = bot;
            currentRole = "bot";
            script.Add(Seconds(random, 0.5, 1.5), "agent.assigned", new ChatEventDataDto { Agent = new ParticipantDto { Role = "bot", Id = bot, AiTool = "craftbot-1" } });
            if (variant == "bot-then-human")
            {
                script.Message(Seconds(random, 0.5, 1.5), "bot", bot, BotGreeting);
                var firstCustomer = turns.FindIndex(t => t.Speaker == "customer");
                if (firstCustomer >= 0)
                {
                    script.Message(TypingDelay(random, turns[firstCustomer].Text), "customer", source.Username, turns[firstCustomer].Text);
                    turns.RemoveAt(firstCustomer);
                }

                script.Message(Seconds(random, 1, 3), "bot", bot, BotHandoff);
                script.Add(Seconds(random, 5, 40), "conversation.handoff", new ChatEventDataDto
                {
                    From = new ParticipantDto { Role = "bot", Id = bot },
                    To = new ParticipantDto { Role = "agent", Id = human },
                    Reason = "needs a human",
                });
                currentAgent = human;
                currentRole = "agent";
            }
        }

        var previousSpeaker = "customer";
        foreach (var (speaker, text) in turns)
        {
            switch (speaker)
            {
                case "customer":
                    script.Message(previousSpeaker == "customer" ? Seconds(random, 1, 4) : TypingDelay(random, text), "customer", source.Username, text);
                    break;
                case "action":
                    script.Message(Seconds(random, 1, 3), "system", null, text, isInternal: true);
                    break;
                default:
                    agentTurns++;
                    var delay = previousSpeaker == "customer"
                        ? (slow && agentTurns % 3 == 0 ? Seconds(random, 200, 500) : Seconds(random, 3, 25))
                        : Seconds(random, 1, 4);
                    script.Message(delay, currentRole, currentAgent, text);
                    if (rude && agentTurns == 4)
                    {
                        script.Message(Seconds(random, 2, 5), currentRole, currentAgent, RudeLine);
                    }

                    if (breach && agentTurns == 3)
                    {
                        script.Message(Seconds(random, 2, 5), currentRole, currentAgent, ComplianceBreach);
                    }

                    break;
            }

            previousSpeaker = speaker == "action" ? previousSpeaker : speaker;
        }

        var unresolved = source.Turns.Any(t => t.Speaker == "agent" && t.Text.Contains("unfortunately", StringComparison.OrdinalIgnoreCase));
        if (random.NextDouble() < 0.6)
        {
            var csat = unresolved || rude || slow ? random.Next(1, 4) : random.Next(3, 6);
            script.Add(Seconds(random, 5, 30), "csat.received", new ChatEventDataDto { Score = csat });
        }

        script.Add(Seconds(random, 2, 10), "conversation.closed", new ChatEventDataDto { Resolution = unresolved ? "unresolved" : "resolved" });
        return new DemoScript(options.Tenant, workspace, conversationId, variant + (slow ? "+slow" : "") + (rude ? "+rude" : "") + (breach ? "+breach" : ""), script.Steps);
    }

    /// <summary>
    /// An SGD dialogue as a bot-handled conversation in its domain's workspace: the assistant's turns are the bot's;
    /// with <see cref="DemoOptions.AssistantHandoffShare"/> the bot hands over to a human agent half-way, who speaks
    /// the rest. The customer is a guest id (the dialogues name nobody).
    /// </summary>
    public DemoScript BuildAssistant(SgdDialogue source, string conversationId, Random random)
    {
        var workspace = options.DomainWorkspaces.GetValueOrDefault(source.Domain) ?? source.Domain.ToLowerInvariant();
        var human = options.Agents[random.Next(options.Agents.Length)];
        var bot = options.Bots[random.Next(options.Bots.Length)];
        var handoff = random.NextDouble() < options.AssistantHandoffShare;
        var guest = $"guest-{random.Next(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        var script = new ScriptWriter(options.Tenant, workspace, conversationId, options.TimeScale);
        script.Add(TimeSpan.Zero, "conversation.started", new ChatEventDataDto { Channel = "chat", Subject = $"{source.Domain}: {source.Service}", Customer = new CustomerDto { Id = guest } });
        script.Add(Seconds(random, 0.5, 1.5), "agent.assigned", new ChatEventDataDto { Agent = new ParticipantDto { Role = "bot", Id = bot, AiTool = "craftbot-1" } });

        // Most bots greet first (the dialogues start with the user), so that the greeting criterion varies.
        if (random.NextDouble() < 0.85)
        {
            script.Message(Seconds(random, 0.5, 1.5), "bot", bot, BotGreeting);
        }

        var assistantTurns = source.Turns.Count(t => t.Speaker != "user");
        var handoffAfter = handoff ? Math.Max(1, assistantTurns / 2) : int.MaxValue;
        var spoken = 0;
        var (role, speaker) = ("bot", bot);
        foreach (var (who, text) in source.Turns)
        {
            if (who == "user")
            {
                script.Message(TypingDelay(random, text), "customer", guest, text);
                continue;
            }

            if (spoken == handoffAfter)
            {
                script.Message(Seconds(random, 1, 3), "bot", bot, BotHandoff);
                script.Add(Seconds(random, 5, 40), "conversation.handoff", new ChatEventDataDto
                {
                    From = new ParticipantDto { Role = "bot", Id = bot },
                    To = new ParticipantDto { Role = "agent", Id = human },
                    Reason = "needs a human",
                });
                (role, speaker) = ("agent", human);
            }

            script.Message(role == "bot" ? Seconds(random, 1, 3) : Seconds(random, 3, 25), role, speaker, text);
            spoken++;
        }

        if (random.NextDouble() < 0.5)
        {
            script.Add(Seconds(random, 5, 30), "csat.received", new ChatEventDataDto { Score = random.Next(3, 6) });
        }

        script.Add(Seconds(random, 2, 10), "conversation.closed", new ChatEventDataDto { Resolution = "resolved" });
        return new DemoScript(options.Tenant, workspace, conversationId, handoff ? "assistant-then-human" : "assistant", script.Steps);
    }

    private static TimeSpan Seconds(Random random, double min, double max) => TimeSpan.FromSeconds(min + random.NextDouble() * (max - min));

    private static TimeSpan TypingDelay(Random random, string text) =>
        TimeSpan.FromSeconds(Math.Min(30, 2 + 0.06 * text.Length + random.NextDouble() * 3));

    private sealed class ScriptWriter(string tenant, string workspace, string conversationId, double timeScale)
    {
        private long _sequence;
        private int _messages;

        public List<DemoStep> Steps { get; } = [];

        public void Add(TimeSpan delay, string type, ChatEventDataDto data)
        {
            _sequence++;
            Steps.Add(new DemoStep(delay * timeScale, new ChatEventDto
            {
                Id = $"{conversationId}-e{_sequence}",
                Type = type,
                Version = 1,
                Tenant = tenant,
                Workspace = workspace,
                Conversation = conversationId,
                Sequence = _sequence,
                Data = data,
            }));
        }

        public void Message(TimeSpan delay, string role, string? authorId, string text, bool isInternal = false)
        {
            _messages++;
            Add(delay, "message.created", new ChatEventDataDto
            {
                MessageId = $"{conversationId}-m{_messages}",
                Author = new ParticipantDto { Role = role, Id = authorId },
                Text = text,
                Channel = "chat",
                Internal = isInternal ? true : null,
            });
        }
    }
}
