using DigitalTwin.Memory;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using DigitalTwin.Notifications;
using DigitalTwin.Providers.Bedrock;
using DigitalTwin.Providers.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Configuration;

/// <summary>
/// Where a twin's settings come from, later ones winning: the configuration section (<c>DigitalTwin</c>, or
/// <c>DigitalTwin:Twins:{name}</c>), then, for the default twin only, the environment variables of the original Python twin
/// (environment beats JSON files, as everywhere in ASP.NET Core), then code. Every options class is registered this way.
/// </summary>
internal static class TwinConfiguration
{
    /// <summary>The configuration section of a twin: <c>DigitalTwin</c> for the default twin, <c>DigitalTwin:Twins:{name}</c> otherwise.</summary>
    public static string SectionPath(string twinName) =>
        IsDefault(twinName) ? DigitalTwinDefaults.ConfigurationSection : $"{DigitalTwinDefaults.ConfigurationSection}:Twins:{twinName}";

    /// <summary>Whether <paramref name="twinName"/> is the default twin's name.</summary>
    public static bool IsDefault(string twinName) => string.Equals(twinName, DigitalTwinDefaults.TwinName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Binds every options class of twin <paramref name="twinName"/> (its own, its providers' and its stores'), once per twin,
    /// with their validators. <c>Use…</c> calls add code on top and validation at start.
    /// </summary>
    public static void AddTwinSettings(this IServiceCollection services, string twinName)
    {
        if (services.Any(d => d.ImplementationInstance is TwinSettingsRegistered r && string.Equals(r.Name, twinName, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        services.AddSingleton(new TwinSettingsRegistered(twinName));
        services.AddTwinOptions(twinName, static (IConfiguration c, DigitalTwinOptions o) => c.Bind(o), DigitalTwinOptions.FromEnvironment);
        services.AddTwinOptions(twinName, static (IConfiguration c, OpenAIProviderOptions o) => c.Bind(o), OpenAIProviderOptions.FromEnvironment);
        services.AddTwinOptions(twinName, static (IConfiguration c, BedrockOptions o) => c.Bind(o), BedrockOptions.FromEnvironment);
        services.AddTwinOptions(twinName, static (IConfiguration c, FileStoreOptions o) => c.Bind(o), FileStoreOptions.FromEnvironment);
        services.AddTwinOptions(twinName, static (IConfiguration c, S3StoreOptions o) => c.Bind(o), S3StoreOptions.FromEnvironment);
        services.AddTwinOptions(twinName, static (IConfiguration c, DynamoDbStoreOptions o) => c.Bind(o), DynamoDbStoreOptions.FromEnvironment);
        services.AddTwinOptions(twinName, static (IConfiguration c, OwnerNotificationOptions o) => c.Bind(o), null);
    }

    /// <summary>
    /// Registers <typeparamref name="TOptions"/> named after the twin: the section <c>{twin section}:{ITwinOptions.Section}</c> (or the
    /// twin section itself) through <paramref name="bind"/> (a call site of the configuration binder's source generator), then
    /// for the default twin the original's environment variables. A value the binder cannot convert is reported at start with
    /// the other validation errors, naming its path and the values allowed.
    /// </summary>
    private static void AddTwinOptions<TOptions>(
        this IServiceCollection services, string twinName, Action<IConfiguration, TOptions> bind, Action<TOptions, Func<string, string?>>? fromEnvironment)
        where TOptions : class, ITwinOptions
    {
        services.TryAddSingleton<OptionsBindingErrors>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TwinOptionsValidator<TOptions>>());
        services.AddOptions<TOptions>(twinName).Configure<IServiceProvider>((options, sp) =>
        {
            var configuration = sp.GetService<IConfiguration>();
            if (configuration is not null)
            {
                var path = TOptions.Section is { } section ? $"{SectionPath(twinName)}:{section}" : SectionPath(twinName);
                var errors = ConfigurationBinding.Bind(configuration, path, options, bind);
                sp.GetRequiredService<OptionsBindingErrors>().Set<TOptions>(twinName, errors);
            }

            if (IsDefault(twinName))
            {
                fromEnvironment?.Invoke(options, name => Setting(configuration, name));
            }
        });
    }

    private sealed record TwinSettingsRegistered(string Name);

    /// <summary>A setting from configuration (which in ASP.NET Core includes environment variables), else the process environment.</summary>
    public static string? Setting(IConfiguration? configuration, string name)
    {
        var value = configuration?[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = Environment.GetEnvironmentVariable(name);
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
