using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessGov.Domain.Calendar;

/// <summary>
/// One year of a public-holiday schedule as data: the holiday ranges and the weekend days that are worked instead
/// (调休). A new year is a new JSON document, never a code change.
/// </summary>
public sealed record CalendarYear
{
    /// <summary>The calendar year the document covers.</summary>
    public required int Year { get; init; }

    /// <summary>Where the schedule comes from (the State Council notice), for audit.</summary>
    public required string Source { get; init; }

    /// <summary>Days off, each range inclusive.</summary>
    public required IReadOnlyList<HolidayRange> Holidays { get; init; }

    /// <summary>Saturdays and Sundays that are working days.</summary>
    public IReadOnlyList<DateOnly> WorkingWeekends { get; init => field = value ?? []; } = [];

    /// <summary>Reads and checks a year document.</summary>
    /// <exception cref="FormatException">The JSON is malformed, or a date falls outside <see cref="Year"/>, or a range ends before it starts, or a "working weekend" is a weekday.</exception>
    public static CalendarYear Parse(string json)
    {
        CalendarYear? year;
        try
        {
            year = JsonSerializer.Deserialize(json, CalendarJsonContext.Default.CalendarYear);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Calendar document is not valid: {ex.Message}", ex);
        }

        if (year is null)
        {
            throw new FormatException("Calendar document is empty.");
        }

        year.Validate();
        return year;
    }

    private void Validate()
    {
        for (var i = 0; i < Holidays.Count; i++)
        {
            var range = Holidays[i];
            if (range.To < range.From)
            {
                throw new FormatException($"holidays[{i}] ({range.Name}) ends on {range.To:yyyy-MM-dd}, before it starts on {range.From:yyyy-MM-dd}.");
            }

            if (range.From.Year != Year || range.To.Year != Year)
            {
                throw new FormatException($"holidays[{i}] ({range.Name}) is outside {Year}.");
            }
        }

        for (var i = 0; i < WorkingWeekends.Count; i++)
        {
            var day = WorkingWeekends[i];
            if (day.Year != Year)
            {
                throw new FormatException($"workingWeekends[{i}] ({day:yyyy-MM-dd}) is outside {Year}.");
            }

            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new FormatException($"workingWeekends[{i}] ({day:yyyy-MM-dd}) is a {day.DayOfWeek}, not a weekend day.");
            }
        }
    }
}

/// <summary>A named run of days off, both ends included.</summary>
public sealed record HolidayRange(string Name, DateOnly From, DateOnly To);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CalendarYear))]
internal sealed partial class CalendarJsonContext : JsonSerializerContext;
