using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>
/// user_preferences (pywa's recorded resume and signup; "stop" is the other value Meta's user_preferences reference documents, written
/// into the resume recording): one typed MarketingPreferenceChanged per preference, keyed like the contact's messages.
/// </summary>
public sealed class WebhookMapperPreferencesTests
{
    private const string Resume = "whatsapp/user-preferences/pywa-user-marketing-preferences-resume.json";

    public static TheoryData<string, string, string> Preferences => new()
    {
        { Resume, "resume", "User requested to resume marketing messages" },
        { "whatsapp/user-preferences/pywa-user-marketing-preferences-signup.json", "signup", "User signed up via signup link" },
    };

    [Theory]
    [MemberData(nameof(Preferences))]
    public void A_preference_is_a_typed_event_of_the_contact_and_the_number(string fixture, string preference, string detail)
    {
        var changed = Mapped.Single<MarketingPreferenceChanged>(fixture);

        Assert.Equal(("whatsapp", "106540352242922", "102290129340398", "marketing_messages", preference, detail),
            (changed.Channel, changed.AccountId, changed.BusinessAccountId, changed.Category, changed.Preference, changed.Detail));
        Assert.Equal("16505551234", changed.Contact.ContactKey);
        // Meta sends this timestamp as a number.
        Assert.Equal(Mapped.Unix(1731705721), changed.OccurredAt);
        Mapped.AssertSameJson(Mapped.ChangeValue(fixture)["user_preferences"]![0], changed.RawJson);
    }

    [Fact]
    public void A_stop_and_a_resume_of_one_contact_are_two_events()
    {
        var stop = Mapped.SingleFromJson<MarketingPreferenceChanged>(Fixtures.Json(Resume).ToJsonString()
            .Replace("\"value\":\"resume\"", "\"value\":\"stop\"", StringComparison.Ordinal));
        var resume = Mapped.Single<MarketingPreferenceChanged>(Resume);

        Assert.Equal("stop", stop.Preference);
        Assert.NotEqual(resume.EventId, stop.EventId);
        Assert.Equal(resume.Contact, stop.Contact);
    }

    [Fact]
    public void A_preference_without_its_value_is_a_problem()
    {
        var body = Fixtures.Json(Resume).ToJsonString().Replace("\"value\":\"resume\",", "", StringComparison.Ordinal);

        var mapped = Mapped.Body(body);

        Assert.Contains("user preference 0", Assert.Single(mapped.Problems), StringComparison.Ordinal);
        Assert.Empty(mapped.Events);
    }
}
