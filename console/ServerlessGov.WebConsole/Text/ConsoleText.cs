using System.Globalization;
using Microsoft.JSInterop;

namespace ServerlessGov.WebConsole.Text;

/// <summary>
/// Every word the console shows, in Chinese (the default) and English, and the person's choice between them, kept in
/// the browser so it survives a reload. Pages ask for a text by key; a key with no text shows itself, so a gap is seen.
/// </summary>
public sealed class ConsoleText(IJSRuntime js)
{
    private const string StorageKey = "serverlessgov.language";

    /// <summary>The language shown now.</summary>
    public ConsoleLanguage Language { get; private set; } = ConsoleLanguage.Zh;

    /// <summary>Raised after the language changed, so the layout can draw the page again.</summary>
    public event Action? Changed;

    /// <summary>The text of <paramref name="key"/> in the current language.</summary>
    public string this[string key] =>
        ConsoleStrings.All.TryGetValue(key, out var text) ? (Language == ConsoleLanguage.Zh ? text.Zh : text.En) : key;

    /// <summary>The text of <paramref name="key"/> with its <c>{0}</c>… placeholders filled.</summary>
    public string Format(string key, params object?[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    /// <summary>The HTML <c>lang</c> of the page.</summary>
    public string HtmlLang => Language == ConsoleLanguage.Zh ? "zh-CN" : "en";

    /// <summary>Reads the person's choice from the browser (Chinese when none was made).</summary>
    public async Task LoadAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        Apply(Enum.TryParse<ConsoleLanguage>(stored, out var language) ? language : ConsoleLanguage.Zh);
        await js.InvokeVoidAsync("serverlessGovConsole.setLanguage", HtmlLang);
    }

    /// <summary>Switches the language, remembers it, and tells the layout.</summary>
    public async Task SwitchAsync(ConsoleLanguage language)
    {
        Apply(language);
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, language.ToString());
        await js.InvokeVoidAsync("serverlessGovConsole.setLanguage", HtmlLang);
        Changed?.Invoke();
    }

    private void Apply(ConsoleLanguage language) => Language = language;
}
