using MudBlazor;

namespace ServerlessGov.WebConsole.Layout;

/// <summary>The console's colours, chosen to keep text at WCAG AA contrast on every surface.</summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b57d0",
            Secondary = "#5f3dc4",
            Success = "#1b6e20",
            Warning = "#8a4b00",
            Error = "#b00020",
            Info = "#0a5c8f",
            AppbarBackground = "#0b57d0",
            TextSecondary = "rgba(0,0,0,0.70)",
            ActionDefault = "rgba(0,0,0,0.70)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "system-ui", "sans-serif"] },
        },
    };
}
