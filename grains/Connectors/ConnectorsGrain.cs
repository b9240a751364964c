namespace CraftCX.Connectors;

/// <summary>
/// A tenant's connectors. Settings changes are stored before they answer; delivery counters are kept in memory and
/// stored every few seconds (and on deactivation), so a busy webhook never costs a database write per delivery.
/// </summary>
internal sealed class ConnectorsGrain(
    [PersistentState(ConnectorsGrain.StateName, StorageNames.Conversations)] IPersistentState<ConnectorsState> state,
    TimeProvider time) : Grain, IConnectorsGrain
{
    public const string StateName = ConnectorKeys.StateName;
    private const int MaxConnectors = 50;
    private const int RecentDeliveriesKept = 1000;
    private static readonly TimeSpan CounterWriteInterval = TimeSpan.FromSeconds(5);

    private bool _countersDirty;
    private IGrainTimer? _counterTimer;

    private Dictionary<string, StoredConnector> Connectors => state.State.Connectors;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _counterTimer = this.RegisterGrainTimer(WriteCountersAsync, new GrainTimerCreationOptions(CounterWriteInterval, CounterWriteInterval) { Interleave = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _counterTimer?.Dispose();
        await WriteCountersAsync(cancellationToken);
    }

    public async Task<CreatedConnector> CreateAsync(ConnectorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Enum.IsDefined(spec.Type))
        {
            throw new ArgumentException("type must be zendesk, intercom or standard-webhooks.", nameof(spec));
        }

        ConnectorSpecRules.EnsureValidName(spec.Name);
        ConnectorSpecRules.EnsureValidMapping(spec.Mapping);
        var secret = ConnectorSpecRules.SecretFor(spec.Type, spec.Secret);
        if (Connectors.Count >= MaxConnectors)
        {
            throw new ArgumentException($"The tenant already has {MaxConnectors} connectors; delete one first.", nameof(spec));
        }

        var now = time.GetUtcNow();
        var stored = new StoredConnector
        {
            Id = ConnectorSpecRules.NewId(),
            Type = spec.Type,
            Name = spec.Name,
            Mapping = spec.Mapping,
            Enabled = spec.Enabled,
            CreatedAt = now,
            SecretSetAt = now,
            Secret = secret,
        };
        Connectors[stored.Id] = stored;
        await WriteAsync();
        return new CreatedConnector(stored.ToInfo(), secret);
    }

    public async Task<ConnectorInfo?> UpdateAsync(string id, string? name, ConnectorMapping? mapping, bool? enabled)
    {
        if (!Connectors.TryGetValue(id, out var connector))
        {
            return null;
        }

        if (name is not null)
        {
            ConnectorSpecRules.EnsureValidName(name);
        }

        if (mapping is not null)
        {
            ConnectorSpecRules.EnsureValidMapping(mapping);
        }

        connector.Name = name ?? connector.Name;
        connector.Mapping = mapping ?? connector.Mapping;
        connector.Enabled = enabled ?? connector.Enabled;
        await WriteAsync();
        return connector.ToInfo();
    }

    public async Task<CreatedConnector?> SetSecretAsync(string id, string? secret)
    {
        if (!Connectors.TryGetValue(id, out var connector))
        {
            return null;
        }

        connector.Secret = ConnectorSpecRules.SecretFor(connector.Type, secret);
        connector.SecretSetAt = time.GetUtcNow();
        await WriteAsync();
        return new CreatedConnector(connector.ToInfo(), connector.Secret);
    }

    public async Task<bool> DeleteAsync(string id)
    {
        if (!Connectors.Remove(id))
        {
            return false;
        }

        await WriteAsync();
        return true;
    }

    public Task<IReadOnlyList<ConnectorInfo>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ConnectorInfo>>(Connectors.Values.OrderBy(c => c.CreatedAt).Select(c => c.ToInfo()).ToArray());

    public Task<ConnectorInfo?> GetAsync(string id) => Task.FromResult(Connectors.GetValueOrDefault(id)?.ToInfo());

    public Task<ConnectorCredentials?> GetCredentialsAsync(string id) =>
        Task.FromResult(Connectors.TryGetValue(id, out var c) ? new ConnectorCredentials(c.Id, c.Type, c.Secret, c.Mapping, c.Enabled) : null);

    public Task<bool> IsDuplicateAsync(string id, string deliveryId) =>
        Task.FromResult(Connectors.TryGetValue(id, out var c) && c.RecentDeliveries.Contains(deliveryId, StringComparer.Ordinal));

    public Task RecordAsync(string id, DeliveryOutcome outcome)
    {
        if (!Connectors.TryGetValue(id, out var connector))
        {
            return Task.CompletedTask;
        }

        var duplicate = outcome.DeliveryId is { } deliveryId && connector.RecentDeliveries.Contains(deliveryId, StringComparer.Ordinal);
        var counters = connector.Counters;
        connector.Counters = counters with
        {
            Deliveries = counters.Deliveries + 1,
            EventsAccepted = counters.EventsAccepted + outcome.EventsAccepted,
            Duplicates = counters.Duplicates + (duplicate ? 1 : 0),
            Ignored = counters.Ignored + (outcome.Ignored ? 1 : 0),
            DeadLettered = counters.DeadLettered + (outcome.DeadLettered ? 1 : 0),
            SignatureRefused = counters.SignatureRefused + (outcome.SignatureRefused ? 1 : 0),
            LastDeliveryAt = time.GetUtcNow(),
            LastError = outcome.Error ?? counters.LastError,
        };

        // Only a delivery that got through is remembered: a refused one may come again and be taken.
        if (!duplicate && outcome.DeliveryId is { } taken && !outcome.SignatureRefused)
        {
            connector.RecentDeliveries.Add(taken);
            if (connector.RecentDeliveries.Count > RecentDeliveriesKept)
            {
                connector.RecentDeliveries.RemoveAt(0);
            }
        }

        _countersDirty = true;
        return Task.CompletedTask;
    }

    public async Task ForgetAsync()
    {
        await state.ForgetStoredAsync();
        _countersDirty = false;
    }

    public async Task<bool> ResealAsync()
    {
        if (!state.RecordExists)
        {
            return false;
        }

        await WriteAsync();
        return true;
    }

    private async Task WriteCountersAsync(CancellationToken cancellationToken)
    {
        if (_countersDirty && state.RecordExists)
        {
            await WriteAsync();
        }
    }

    private async Task WriteAsync()
    {
        _countersDirty = false;
        await this.WriteOrDeactivateAsync(state);
    }
}
