namespace CraftCX.Api.Audit;

/// <summary>One line per route: <c>.Audited("settings.retention.put")</c> records every call in the tenant's audit log.</summary>
internal static class AuditConventions
{
    /// <param name="when">Records only the calls it accepts (for example reads that include the transcript).</param>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, Func<HttpContext, bool>? when = null)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<AuditFilter>(factory.ApplicationServices, action);
            return context => when is null || when(context.HttpContext) ? filter.InvokeAsync(context, next) : next(context);
        });
        return builder;
    }
}
