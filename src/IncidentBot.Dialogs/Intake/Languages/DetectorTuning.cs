namespace IncidentBot.Dialogs.Intake.Languages;

/// <summary>
/// The few numbers that turn the model's counts into a decision. The defaults were chosen on
/// tools/language-model/dev.tsv (never on the unit tests' sentences) with
/// <c>IncidentBot.LanguageBench --tune</c>; see tools/language-model/README.md.
/// </summary>
/// <param name="Smoothing">Multiplies the Witten-Bell weight of the next-shorter context
/// (1 is plain Witten-Bell): how much a character's probability leans on shorter contexts.</param>
/// <param name="WordWeight">Evidence (nats, after tempering) added per strength point of a
/// function word or ending from function-words.tsv.</param>
/// <param name="Temperature">Divides the n-gram log-likelihood before the softmax: the model
/// treats neighbouring characters as more independent evidence than they are, so raw
/// posteriors are over-confident.</param>
internal sealed record DetectorTuning(
    double Smoothing = 1.0,
    double WordWeight = 3.0,
    double Temperature = 12.0)
{
    public static DetectorTuning Default { get; } = new();
}
