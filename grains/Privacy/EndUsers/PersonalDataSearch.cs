using CraftCX.Reviews;

namespace CraftCX.Privacy.EndUsers;

/// <summary>Where in one conversation and its reviews a probe's values still appear.</summary>
internal static class PersonalDataSearch
{
    public static IReadOnlyList<PersonalDataFinding> Find(PersonalDataMatcher matcher, string conversation, ConversationPersonalData? data, ConversationReviewsView? reviews)
    {
        var findings = new List<PersonalDataFinding>();
        void Check(string place, string? text)
        {
            if (matcher.Find(text) is { } kind)
            {
                findings.Add(new PersonalDataFinding(place, conversation, kind));
            }
        }

        if (data is not null)
        {
            if (data.Customer is { } customer)
            {
                Check("customer", string.Join('\n', customer.Id, customer.Email, customer.Phone, customer.Name));
            }

            Check("subject", data.Subject);
            foreach (var message in data.Snapshot?.Transcript ?? [])
            {
                Check("transcript", message.Text);
            }

            foreach (var message in data.HeldBack)
            {
                Check("held-back", message.Text);
            }

            if (data.Snapshot?.Ai?.Latest is { } ai)
            {
                var content = ai.Content;
                Check("ai", content.Summary.Value);
                Check("ai", content.Classifications.Intent.Value);
                foreach (var recommendation in content.Recommendations)
                {
                    Check("ai", recommendation.Value);
                }

                foreach (var criterion in content.Criteria)
                {
                    Check("ai", criterion.Explanation);
                }
            }

            Check("ai", data.Snapshot?.Ai?.LastProblem);
        }

        foreach (var review in reviews is null ? [] : reviews.Reviews)
        {
            Check("review", review.Comment);
            foreach (var score in review.Scores)
            {
                Check("review", score.Comment);
            }

            Check("review", review.Dispute?.Reason);
            Check("review", review.Dispute?.DecisionComment);
        }

        return findings;
    }
}
