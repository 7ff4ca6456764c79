using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Configuration;

/// <summary>
/// Where a twin's settings come from, later ones winning: the configuration section (<c>DigitalTwin</c>, or
/// <c>DigitalTwin:Twins:{name}</c>), then the environment variables of the original Python twin (environment beats JSON
/// files, as everywhere in ASP.NET Core), then code.
/// </summary>
internal static class TwinConfiguration
{
    /// <summary>The configuration section of a twin: <c>DigitalTwin</c> for the default twin, <c>DigitalTwin:Twins:{name}</c> otherwise.</summary>
    public static string SectionPath(string twinName) =>
        string.Equals(twinName, DigitalTwinDefaults.TwinName, StringComparison.OrdinalIgnoreCase)
            ? DigitalTwinDefaults.ConfigurationSection
            : $"{DigitalTwinDefaults.ConfigurationSection}:Twins:{twinName}";

    /// <summary>
    /// Registers <typeparamref name="TOptions"/> named after the twin: the section <c>{twin section}:{subSection}</c> (or the
    /// twin section itself), then the original's environment variables, then <paramref name="configure"/>.
    /// </summary>
    public static OptionsBuilder<TOptions> AddTwinOptions<TOptions>(
        this IServiceCollection services,
        string twinName,
        string? subSection,
        Action<TOptions, Func<string, string?>>? fromEnvironment,
        Action<TOptions>? configure)
        where TOptions : class
    {
        var builder = services.AddOptions<TOptions>(twinName);
        builder.Configure<IServiceProvider>((options, sp) =>
        {
            var configuration = sp.GetService<IConfiguration>();
            if (configuration is not null)
            {
                var path = subSection is null ? SectionPath(twinName) : $"{SectionPath(twinName)}:{subSection}";
                configuration.GetSection(path).Bind(options);
            }

            fromEnvironment?.Invoke(options, name => Setting(configuration, name));
        });
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder;
    }

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
